// Store module for allocations and what decides them (the rotation ledger, budgets spent,
// pickups recorded): the SQL behind domain/allocate.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "panier/model/allocation.hpp"
#include "panier/store/store.hpp"

namespace panier::db {

// The week's rows with their funding, in the order they were written.
std::vector<AllocationRow> read_allocation(Store& store, Week week);
// Replaces the week's rows. Call inside a write transaction.
void replace_allocation(Store& store, Week week, const std::vector<AllocationRow>& rows);
// Per household: shortfalls in the 8 weeks before `week`, and the last shortfall before it.
std::map<std::int64_t, LedgerEntry> rotation_ledger(Store& store, Week week);
// Per (funder, scheme): what was paid in the year of `week` (its ISO year, the year of its
// Thursday), before `week`.
std::map<std::pair<std::string, std::string>, Cents> spent_before(Store& store, Week week);
int recorded_pickups(Store& store, Week week);
// The weeks after `week` that have an allocation, in time order.
std::vector<Week> allocated_weeks_after(Store& store, Week week);
// Rewrites only the funding of the week's rows (their baskets, prices and pickups stay).
void replace_funding(Store& store, Week week, const std::vector<AllocationRow>& rows);
void delete_allocation(Store& store, Week week);

} // namespace panier::db
