// panier allocate: one basket per enrolment due in a week, at its size and point, priced, its
// subsidy split between funders within their budgets, and, when the plan is short, who goes
// without decided by a recorded rotation (panier-allocate(1)).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "panier/config/config.hpp"
#include "panier/model/allocation.hpp"
#include "panier/store/store.hpp"

namespace panier {

// Everything allocate decides from, gathered from the database (or built by tests).
struct AllocationInput {
  Week week;
  struct Due {
    std::int64_t enrolment_id;
    std::int64_t household_id;
    std::string household;
    std::string scheme;
    std::string size;
    std::string point;
    std::string tier;
  };
  std::vector<Due> due;                       // the due list, in its order
  std::map<std::string, int> planned;         // size -> baskets the plan can make
  std::map<std::string, Cents> plan_value;    // size -> the plan's basket value (price_basis actual)
  std::map<std::int64_t, LedgerEntry> ledger; // household id -> rotation record
  std::map<std::pair<std::string, std::string>, Cents> spent; // (funder, scheme) -> this year before the week
};

// The pure computation: prices, budgets, rotation. Deterministic.
Allocation compute_allocation(const Config& config, const AllocationInput& input);

// The hash that breaks rotation ties: depends on the week, so the same household does not always
// lose a tie.
std::uint64_t rotation_tie_break(Week week, const std::string& household);

// A later week re-derived because an earlier one was allocated (budgets are drawn in week order):
// what moved, per funder, and who else changed (the rotation of shortfalls also looks back).
struct CarriedWeek {
  Week week;
  std::string moved; // "etat 20.00 -> 8.00, association 0.00 -> 12.00"
  bool funding_only = true;
};

struct AllocateOutcome {
  enum class Kind { allocated, up_to_date, replaced, dry_run };
  Kind kind = Kind::allocated;
  Allocation allocation;
  std::vector<CarriedWeek> carried; // later weeks re-derived in the same transaction
};

// Allocates `week`: requires a stored plan that matches the demand; writes in one transaction.
// Re-running with unchanged inputs is "up to date"; changed inputs are refused (Error(data)
// saying what changed) unless `replace`, which is refused once a pickup of the week is recorded.
// Budgets are consumed in week order: when later weeks are already allocated, each one that
// allocate would now give otherwise is re-derived in the same transaction (CarriedWeek), so that
// the order weeks are first run in never changes the figures. A later week with recorded pickups
// is history: when only its funding would move, `replace` carries the draws into it; otherwise,
// or without `replace`, Error(data) names the weeks and what would change, and nothing is written.
// A later week whose plan is stale is left for its own rerun to report.
AllocateOutcome allocate_week(Store& store, const Config& config, Week week, bool dry_run, bool replace);

// Why the stored allocation of `week` is no longer what panier allocate would give now (the plan
// is stale, or the due list, prices or funding changed), with the command to run; nullopt when
// it is up to date. Reads only.
std::optional<std::string> stale_allocation(Store& store, const Config& config, Week week);

// A week stays open to a new plan or allocation until a pickup of it is recorded: from then on its
// baskets are history.
bool week_is_open(Store& store, Week week);

// The stored allocation of a week (empty rows when none).
Allocation load_allocation(Store& store, Week week);
// The same for a command that needs one: Error(data) telling to run panier allocate when none.
Allocation allocated_week(Store& store, Week week);

// Per point and size (configuration order): baskets, shortfalls, value, contributions, subsidy.
struct PointSizeTotals {
  std::string point;
  std::string size;
  int baskets = 0;
  int shortfall = 0;
  Cents value = 0;
  Cents contribution = 0;
};
std::vector<PointSizeTotals> totals_by_point(const Allocation& allocation, const Config& config);

// Per scheme and funder (the scheme's funders in order, then its fallback payer): amounts paid.
struct FunderTotals {
  std::string funder;
  std::string scheme;
  Cents amount = 0;
  bool fallback = false;
};
std::vector<FunderTotals> totals_by_funder(const Allocation& allocation, const Config& config);

} // namespace panier
