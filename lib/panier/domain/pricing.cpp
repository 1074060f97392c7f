#include "panier/domain/pricing.hpp"

#include <algorithm>

namespace panier {

Cents contribution(Cents value, Fraction share, Fraction cap, Cents step) {
  // value × share / step rounded half up, and value × cap / step rounded down, in steps (the
  // shares' arithmetic is exact and cannot overflow).
  const std::int64_t rounded_steps = mul_round_half_up(value, Fraction{share.num, share.den * step});
  const std::int64_t cap_steps = mul_floor(value, Fraction{cap.num, cap.den * step});
  return std::min(rounded_steps, cap_steps) * step;
}

std::vector<Cents> split(Cents subsidy, const std::vector<Fraction>& shares) {
  std::vector<Cents> parts;
  Cents given = 0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    // Rounding half up can give out more than the subsidy before the last funder (four shares of
    // 1/4 of 2 cents round to 1, 1, 1): a part never exceeds what is left, so none is negative.
    const Cents left = subsidy - given;
    const Cents part = i + 1 == shares.size() ? left : std::min(left, mul_round_half_up(subsidy, shares[i]));
    parts.push_back(part);
    given += part;
  }
  return parts;
}

} // namespace panier
