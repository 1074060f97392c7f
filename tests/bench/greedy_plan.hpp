// A simple fill-to-target heuristic: the baseline the plan's optimiser is measured against in
// scripts/bench plan. Not part of panier.
#pragma once

#include "panier/domain/plan.hpp"

namespace panier::bench {

Plan greedy_plan(const PlanInput& input);

} // namespace panier::bench
