#include <doctest/doctest.h>

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
