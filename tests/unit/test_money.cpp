#include <doctest/doctest.h>

#include <numeric>
#include <random>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/money.hpp"

using namespace panier;

TEST_CASE("fixed-point parsing") {
  CHECK(parse_fixed("12.50", 2) == 1250);
  CHECK(parse_fixed("12.5", 2) == 1250);
  CHECK(parse_fixed("12", 2) == 1200);
  CHECK(parse_fixed(".5", 2) == 50);
  CHECK(parse_fixed("-3.20", 2) == -320);
  CHECK(parse_fixed("0.050", 3) == 50);
  CHECK(parse_fixed("12.500", 2) == 1250); // trailing zeros beyond the scale are exact
  CHECK_FALSE(parse_fixed("12.505", 2));   // would lose a fraction of a cent
  CHECK_FALSE(parse_fixed("12,50", 2));
  CHECK(parse_fixed("12,50", 2, true) == 1250);
  CHECK_FALSE(parse_fixed("1 200", 2));
  CHECK_FALSE(parse_fixed("12a", 0));
  CHECK_FALSE(parse_fixed("", 0));
  CHECK_FALSE(parse_fixed("-", 0));
  CHECK_FALSE(parse_fixed(".", 2));
  CHECK_FALSE(parse_fixed("1e3", 0));
  CHECK_FALSE(parse_fixed("99999999999999999999", 2));
}

TEST_CASE("fixed-point formatting") {
  CHECK(format_money(1250) == "12.50");
  CHECK(format_money(5) == "0.05");
  CHECK(format_money(0) == "0.00");
  CHECK(format_money(-320) == "-3.20");
  CHECK(format_fixed(2500, 3) == "2.500");
  CHECK(format_fixed(42, 0) == "42");
}

TEST_CASE("fractions") {
  CHECK(Fraction::parse("1/3") == Fraction{1, 3});
  CHECK(Fraction::parse("0.25") == Fraction{1, 4});
  CHECK(Fraction::parse("0,25") == Fraction{1, 4});
  CHECK_FALSE(Fraction::parse("1/0"));
  CHECK_FALSE(Fraction::parse("a/3"));
  CHECK(Fraction::from_double(0.3) == Fraction{3, 10});
  CHECK(Fraction::from_double(0.5) + Fraction::from_double(0.3) + Fraction::from_double(0.2) ==
        Fraction{1, 1});
  CHECK(Fraction{1, 3} < Fraction{2, 5});
  CHECK(Fraction{1, 3}.to_string() == "1/3");
  CHECK(Fraction{9, 10}.to_string() == "0.9");
  CHECK(Fraction{2, 1}.to_string() == "2");
}

TEST_CASE("rounding a share of a value") {
  CHECK(mul_round_half_up(1000, {3, 10}) == 300);
  CHECK(mul_round_half_up(1000, {1, 3}) == 333);
  CHECK(mul_round_half_up(5, {1, 2}) == 3); // half up
  CHECK(mul_round_half_up(1, {1, 2}) == 1);
  CHECK(mul_round_half_up(1, {1, 3}) == 0);
  CHECK(mul_floor(1000, {1, 3}) == 333);
  CHECK(mul_floor(1200, {1, 3}) == 400);
  CHECK(mul_floor(5, {1, 2}) == 2);
}

TEST_CASE("fractions never overflow: random extreme parts (property)") {
  __extension__ using Int128 = __int128;
  std::mt19937_64 random(20261203);
  auto part = [&]() -> std::int64_t {
    switch (random() % 4) {
    case 0: return static_cast<std::int64_t>(random() >> 1);      // up to 2^63 - 1
    case 1: return static_cast<std::int64_t>(random() % 1000001); // shares' own range
    case 2: return std::numeric_limits<std::int64_t>::max() - static_cast<std::int64_t>(random() % 3);
    default: return static_cast<std::int64_t>(random() % 100) + 1;
    }
  };
  for (int i = 0; i < 20000; ++i) {
    const std::int64_t n = part();
    const std::int64_t d = part();
    const auto f = Fraction::parse(fmt::format("{}/{}", n, d));
    if (d == 0 || !parse_fixed(fmt::format("{}", n), 0) || !parse_fixed(fmt::format("{}", d), 0)) {
      CHECK_FALSE(f); // refused as text: no share to compute with
      continue;
    }
    REQUIRE(f);
    CHECK(std::gcd(f->num, f->den) == 1); // reduced as read
    CHECK(Int128{f->num} * d == Int128{n} * f->den);
    const auto g = Fraction::parse(fmt::format("{}/{}", part() / 1000, part() / 1000 + 1));
    REQUIRE(g);
    // Comparison exact in 128 bits, whatever the sizes.
    const Int128 left = Int128{f->num} * g->den;
    const Int128 right = Int128{g->num} * f->den;
    CHECK((*f < *g) == (left < right));
    CHECK((*f == *g) == (left == right));
    // A share that passes the configuration's check is applied exactly to any amount of cents.
    if (f->representable() && *f <= Fraction{1, 1}) {
      const std::int64_t cents = static_cast<std::int64_t>(random() % 100000000000LL);
      const Int128 exact2 = 2 * Int128{cents} * f->num + f->den;
      CHECK(mul_round_half_up(cents, *f) == static_cast<std::int64_t>(exact2 / (2 * Int128{f->den})));
      CHECK(mul_floor(cents, *f) == static_cast<std::int64_t>(Int128{cents} * f->num / f->den));
    }
    // A sum is exact, or refused when it does not fit: never wrapped.
    try {
      const Fraction sum = *f + *g;
      CHECK(Int128{sum.num} * (Int128{f->den} * g->den) ==
            (Int128{f->num} * g->den + Int128{g->num} * f->den) * sum.den);
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::internal);
    }
  }
}

TEST_CASE("fuzz regression: a fraction whose millionths leave 64 bits prints as a fraction") {
  // Found by fuzz_values: to_string multiplied num by 1e6/den in 64 bits (undefined overflow).
  const auto f = Fraction::parse("43584233921369399/5");
  REQUIRE(f);
  CHECK(f->to_string() == "43584233921369399/5");
  CHECK(Fraction::parse("3/5")->to_string() == "0.6");
}
