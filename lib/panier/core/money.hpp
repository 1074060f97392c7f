// Fixed-point numbers: money in integer cents, quantities in thousandths of a unit (grams for kg),
// and exact fractions for shares. Depends on nothing else.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace panier {

using Cents = std::int64_t;

// Every amount panier reads (prices, basket values, budgets, payments) is below one million
// euros: a value past it is a typing error, and the bound keeps every sum far from overflow.
inline constexpr Cents k_max_amount = Cents{100000000};
// A quantity in thousandths of its catalogue unit: grams for kg, milli-pieces for pieces.
using Milli = std::int64_t;

// Parses a decimal number with at most `scale` decimals into an integer scaled by 10^scale:
// parse_fixed("12.5", 2) == 1250. A decimal comma is accepted when `allow_comma` is set
// (French spreadsheets). Leading '-' allowed; no exponent, no thousands separators.
std::optional<std::int64_t> parse_fixed(std::string_view text, int scale, bool allow_comma = false);

// Formats an integer scaled by 10^scale: format_fixed(1250, 2) == "12.50".
std::string format_fixed(std::int64_t value, int scale);

inline std::string format_money(Cents cents) { return format_fixed(cents, 2); }

// A quantity in thousandths, without trailing zeros: 12500 -> "12.5", 40000 -> "40".
std::string format_quantity(Milli quantity);

// Converts a double read from a config file to a scaled integer, rounding half away from zero.
std::int64_t scaled_from_double(double value, int scale);

// An exact non-negative fraction (shares of a value, caps), always reduced. Arithmetic is done in
// 128 bits, so no product of two fractions' parts overflows.
struct Fraction {
  std::int64_t num = 0;
  std::int64_t den = 1;

  // The largest denominator a share may have once reduced (six decimals, or a third, a seventh…):
  // beyond it a share cannot be applied exactly to cents.
  static constexpr std::int64_t k_max_denominator = 1000000;
  bool representable() const { return den <= k_max_denominator; }

  static Fraction from_double(double value);
  // Accepts "1/3", "0.25" or "0,25"; nullopt otherwise. The result is reduced; check
  // representable() before using it as a share.
  static std::optional<Fraction> parse(std::string_view text);

  double to_double() const { return static_cast<double>(num) / static_cast<double>(den); }
  std::string to_string() const;
  Fraction operator+(const Fraction& other) const;
  friend bool operator==(const Fraction& a, const Fraction& b) { return compare(a, b) == 0; }
  friend std::strong_ordering operator<=>(const Fraction& a, const Fraction& b) {
    return compare(a, b) <=> 0;
  }

private:
  // -1, 0 or 1, computed without overflow.
  static int compare(const Fraction& a, const Fraction& b);
};

// value × fraction, rounded half up to the unit (for non-negative values).
std::int64_t mul_round_half_up(std::int64_t value, Fraction fraction);

// value × fraction, rounded down to the unit (for non-negative values).
std::int64_t mul_floor(std::int64_t value, Fraction fraction);

} // namespace panier
