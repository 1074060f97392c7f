#include "panier/domain/pricing.hpp"

namespace panier {

Cents contribution(Cents value, Fraction share, Fraction cap, Cents step) {
  // value × share / step, rounded half up, in steps: (2·value·num + den·step) / (2·den·step)
  const std::int64_t rounded_steps = (2 * value * share.num + share.den * step) / (2 * share.den * step);
  const std::int64_t cap_steps = value * cap.num / (cap.den * step);
  return std::min(rounded_steps, cap_steps) * step;
}

std::vector<Cents> split(Cents subsidy, const std::vector<Fraction>& shares) {
  std::vector<Cents> parts;
  Cents given = 0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const Cents part = i + 1 == shares.size() ? subsidy - given : mul_round_half_up(subsidy, shares[i]);
    parts.push_back(part);
    given += part;
  }
  return parts;
}

} // namespace panier
