// The one eligibility rule (panier-household(1)), used by every command that asks who gets a basket.
#pragma once

#include <span>
#include <string_view>

#include "panier/config/config.hpp"
#include "panier/core/week.hpp"

namespace panier {

struct WeekRange {
  Week from;
  Week to; // inclusive
  bool contains(Week week) const { return from <= week && week <= to; }
  bool overlaps(const WeekRange& other) const { return from <= other.to && other.from <= to; }
};

enum class Eligibility {
  due,
  not_active,    // on the waiting list (an ended enrolment keeps its weeks up to its end)
  outside_range, // before its start or after its end
  closure,       // the whole organisation is closed that week
  paused,        // the household is absent
  off_week,      // a fortnightly enrolment's week off
};

std::string_view describe(Eligibility eligibility);

// An enrolment gets a basket in `week` when it holds a place, the week is within its range, the week
// is not a closure, no pause of the household covers it, and the scheme's rhythm includes it
// (fortnightly counts from the start week).
Eligibility eligibility(Week week, bool active, WeekRange range, Rhythm rhythm,
                        std::span<const WeekRange> pauses, const CalendarSettings& calendar);

inline bool is_due(Week week, bool active, WeekRange range, Rhythm rhythm, std::span<const WeekRange> pauses,
                   const CalendarSettings& calendar) {
  return eligibility(week, active, range, rhythm, pauses, calendar) == Eligibility::due;
}

} // namespace panier
