// Store module for plans (and the count of baskets allocated from one): the SQL behind
// domain/plan.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "panier/model/plan.hpp"
#include "panier/store/store.hpp"

namespace panier::db {

// Replaces the week's plan. Call inside a write transaction.
void replace_plan(Store& store, const Plan& plan);
std::optional<Plan> read_plan(Store& store, Week week);
// The vegetables of the latest plan before `week`; nullopt when there is none.
std::optional<std::set<std::string>> previous_plan_vegetables(Store& store, Week week);
// Baskets allocated in `week` (0 before allocation).
int allocated_baskets(Store& store, Week week);

} // namespace panier::db
