#include "panier/core/money.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"

namespace panier {

namespace {
__extension__ using Int128 = __int128;

constexpr std::int64_t k_pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};

Fraction reduced(std::int64_t num, std::int64_t den) {
  const std::int64_t g = std::gcd(num, den);
  return g > 1 ? Fraction{num / g, den / g} : Fraction{num, den};
}
} // namespace

std::optional<std::int64_t> parse_fixed(std::string_view text, int scale, bool allow_comma) {
  if (text.empty() || scale < 0 || scale > 7) {
    return std::nullopt;
  }
  bool negative = false;
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  constexpr std::int64_t k_limit = std::numeric_limits<std::int64_t>::max() / 100;
  std::int64_t whole = 0;
  std::size_t whole_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++whole_digits) {
    whole = whole * 10 + (text[i] - '0');
    if (whole > k_limit / k_pow10[scale]) {
      return std::nullopt;
    }
  }
  std::int64_t fraction = 0;
  int fraction_digits = 0;
  if (i < text.size() && (text[i] == '.' || (allow_comma && text[i] == ','))) {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (fraction_digits == scale) {
        if (text[i] != '0') {
          return std::nullopt; // more precision than the unit holds
        }
        continue;
      }
      fraction = fraction * 10 + (text[i] - '0');
      ++fraction_digits;
    }
    if (fraction_digits == 0 && whole_digits == 0) {
      return std::nullopt;
    }
  } else if (whole_digits == 0) {
    return std::nullopt;
  }
  if (i != text.size()) {
    return std::nullopt;
  }
  std::int64_t value = whole * k_pow10[scale] + fraction * k_pow10[scale - fraction_digits];
  return negative ? -value : value;
}

std::string format_fixed(std::int64_t value, int scale) {
  const bool negative = value < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(value + 1)) + 1 : static_cast<std::uint64_t>(value);
  if (scale == 0) {
    return fmt::format("{}{}", negative ? "-" : "", magnitude);
  }
  const auto unit = static_cast<std::uint64_t>(k_pow10[scale]);
  return fmt::format("{}{}.{:0{}}", negative ? "-" : "", magnitude / unit, magnitude % unit, scale);
}

std::string format_quantity(Milli quantity) {
  std::string text = format_fixed(quantity, 3);
  while (text.back() == '0') {
    text.pop_back();
  }
  if (text.back() == '.') {
    text.pop_back();
  }
  return text;
}

std::int64_t scaled_from_double(double value, int scale) {
  return static_cast<std::int64_t>(std::llround(value * static_cast<double>(k_pow10[scale])));
}

Fraction Fraction::from_double(double value) { return reduced(scaled_from_double(value, 6), k_pow10[6]); }

std::optional<Fraction> Fraction::parse(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    const auto scaled = parse_fixed(text, 6, true);
    if (!scaled || *scaled < 0) {
      return std::nullopt;
    }
    return reduced(*scaled, k_pow10[6]);
  }
  const auto num = parse_fixed(text.substr(0, slash), 0);
  const auto den = parse_fixed(text.substr(slash + 1), 0);
  if (!num || !den || *num < 0 || *den <= 0) {
    return std::nullopt;
  }
  return reduced(*num, *den);
}

std::string Fraction::to_string() const {
  if (den == 1) {
    return fmt::format("{}", num);
  }
  // Short decimal when exact to 6 places (and its millionths fit 64 bits), else the fraction.
  const Int128 millionths = Int128{num} * (k_pow10[6] / den);
  if (k_pow10[6] % den == 0 && millionths <= std::numeric_limits<std::int64_t>::max()) {
    std::string text = format_fixed(static_cast<std::int64_t>(millionths), 6);
    while (text.back() == '0') {
      text.pop_back();
    }
    return text;
  }
  return fmt::format("{}/{}", num, den);
}

int Fraction::compare(const Fraction& a, const Fraction& b) {
  const Int128 left = Int128{a.num} * b.den;
  const Int128 right = Int128{b.num} * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

namespace {

// An exact 128-bit result back in 64 bits; Error(internal) if it does not fit (the inputs were
// not sums of money and shares).
std::int64_t narrowed(Int128 value, const char* what) {
  if (value > std::numeric_limits<std::int64_t>::max() || value < std::numeric_limits<std::int64_t>::min()) {
    throw Error(ExitCode::internal, trf("{}: result out of 64-bit range", what));
  }
  return static_cast<std::int64_t>(value);
}

Int128 gcd128(Int128 a, Int128 b) {
  while (b != 0) {
    const Int128 r = a % b;
    a = b;
    b = r;
  }
  return a < 0 ? -a : a;
}

} // namespace

Fraction Fraction::operator+(const Fraction& other) const {
  Int128 n = Int128{num} * other.den + Int128{other.num} * den;
  Int128 d = Int128{den} * other.den;
  const Int128 g = gcd128(n, d);
  if (g > 1) {
    n /= g;
    d /= g;
  }
  return Fraction{narrowed(n, "fraction sum"), narrowed(d, "fraction sum")};
}

std::int64_t mul_round_half_up(std::int64_t value, Fraction fraction) {
  const Int128 product = Int128{value} * fraction.num;
  return narrowed((2 * product + fraction.den) / (2 * Int128{fraction.den}), "share of an amount");
}

std::int64_t mul_floor(std::int64_t value, Fraction fraction) {
  return narrowed(Int128{value} * fraction.num / fraction.den, "share of an amount");
}

} // namespace panier
