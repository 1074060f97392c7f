// Store module for the households' feedback on their baskets: the SQL behind domain/feedback and
// the tallies the plan and the leaflets read.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "panier/store/store.hpp"

namespace panier::db {

// The vegetables of the basket a household was allocated in a week (none when it had none).
std::set<std::string> basket_vegetables(Store& store, const std::string& week, std::int64_t household_id);

struct FeedbackRow {
  std::string week;
  std::int64_t household_id = 0;
  std::string vegetable;
  bool cooked = false;
  std::optional<bool> liked;
};

enum class Put { added, updated, unchanged };
// Stores the answer, replacing an earlier answer for the same week, household and vegetable.
Put put_feedback(Store& store, const FeedbackRow& row);

// Per vegetable, its answers before `before_week` ('YYYY-Www', exclusive).
struct FeedbackTally {
  std::int64_t answers = 0;
  std::int64_t cooked = 0;
};
std::map<std::string, FeedbackTally> feedback_tallies(Store& store, const std::string& before_week);

} // namespace panier::db
