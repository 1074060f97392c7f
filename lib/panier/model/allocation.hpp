// A week's allocation as a value: one row per basket with its price and funding, and the budgets
// that ran out. Shared by the domain (which computes it), the store (which keeps it) and the
// renderers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "panier/core/money.hpp"
#include "panier/core/week.hpp"

namespace panier {

struct AllocationRow {
  std::int64_t enrolment_id = 0;
  std::int64_t household_id = 0;
  std::string household; // code
  std::string scheme;
  std::string size;
  std::string point;
  std::string tier;
  bool shortfall = false; // the plan had too few baskets of this size: nothing given, nothing owed
  Cents value = 0;
  Cents contribution = 0;
  std::map<std::string, Cents> funding; // funder id (the fallback payer included) -> amount

  bool operator==(const AllocationRow&) const = default;
};

// A funder's annual budget for a scheme that no longer covers its parts: it ran out during the
// week, or (`earlier`) it was used up before the week began.
struct BudgetEvent {
  std::string funder;
  std::string scheme;
  int year = 0;
  Cents budget = 0;
  std::string fallback;
  bool earlier = false;
};

struct Allocation {
  Week week;
  std::vector<AllocationRow> rows;    // by point (configuration order), then household code
  std::vector<BudgetEvent> exhausted; // budgets that ran out in this week
};

// The rotation ledger of one household: its shortfalls over the last 8 weeks and the last one.
struct LedgerEntry {
  int recent = 0;
  std::optional<Week> last;
};

} // namespace panier
