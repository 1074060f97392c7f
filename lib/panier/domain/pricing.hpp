// The price rule (panier-allocate(1)): what a household pays for a basket and how the rest is split
// between funders. Pure integer arithmetic on cents; depends on money only.
#pragma once

#include <vector>

#include "panier/core/money.hpp"

namespace panier {

// min(value × share rounded half-up to `step`, the largest multiple of `step` not above
// value × cap). 10.00 at 0.30, step 0.10: 3.00; 12.00 at 0.35, cap 1/3: 4.00; 10.00 at 0.40, cap
// 1/3: 3.30.
Cents contribution(Cents value, Fraction share, Fraction cap, Cents step);

// Splits `subsidy` by `shares` (which add up to 1): each part value × share rounded half-up to
// the cent, the remainder to the last part, so that the parts add up to `subsidy` exactly.
std::vector<Cents> split(Cents subsidy, const std::vector<Fraction>& shares);

} // namespace panier
