// panier plan: what goes into each basket size this week, from the harvest forecast, solved as a
// mixed-integer program (see panier-plan(1) for the model). Compute and render are separate: a
// Plan is a value.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "panier/config/config.hpp"
#include "panier/model/plan.hpp"
#include "panier/store/store.hpp"

namespace panier {

// Everything the composition depends on, so that tests and benchmarks can build it directly.
struct PlanInput {
  Week week;
  PlanSettings settings;
  struct SizeDemand {
    BasketSize size;
    int baskets = 0; // due this week
  };
  std::vector<SizeDemand> sizes; // in configuration order
  struct Stock {
    Vegetable vegetable;
    Milli available = 0; // thousandths of the unit, all grades together
  };
  std::vector<Stock> stock;        // in catalogue order
  std::set<std::string> last_week; // vegetables of the previous plan, for variety
  // Per vegetable with enough feedback (see FeedbackSettings): the share of answers saying it was
  // cooked. An unfamiliar vegetable at or above familiar_share is given as familiar in `stock`.
  std::map<std::string, double> cooked_share;
};

// The weights a size's basket should keep to: target_kg within its weight_tolerance (the
// size's own, else [plan]'s), in grams, rounded inwards.
struct WeightBand {
  std::int64_t low_g = 0;
  std::int64_t high_g = 0;
};
WeightBand weight_band(const BasketSize& size, const PlanSettings& settings);

// Composes the week's baskets. Error(data) names the constraint that no composition can meet
// and by how much. A harvest too small for every basket at min_value_ratio gives a plan with
// fewer baskets (planned < due), not an error.
Plan compose_plan(const PlanInput& input);

// Every constraint the plan breaks (empty when it is sound): used by the tests, independently of
// the solver.
std::vector<std::string> verify_plan(const Plan& plan, const PlanInput& input);

// Sets the cooked shares of the input's vegetables (see PlanInput::cooked_share) and gives as
// familiar the unfamiliar ones cooked at least `familiar_share` of the time.
void apply_feedback(PlanInput& input, std::map<std::string, double> cooked_share, double familiar_share);

// The week's input from the database: baskets due per size (the shared eligibility rule), the
// forecast, the vegetables of the latest earlier plan and the feedback of the weeks before
// (apply_feedback). Error(data) when the forecast is empty.
PlanInput plan_input(Store& store, const Config& config, Week week);

// Stores the plan, replacing an earlier plan of the week. When baskets were already allocated
// from the earlier plan: Error(data), unless `replace`, which removes the week's allocation (to be
// run again) and is itself refused once pickups of the week are recorded.
void save_plan(Store& store, const Plan& plan, bool replace);
std::optional<Plan> load_plan(Store& store, Week week);

} // namespace panier
