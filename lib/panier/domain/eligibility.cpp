#include "panier/domain/eligibility.hpp"

#include <algorithm>

namespace panier {

std::string_view describe(Eligibility eligibility) {
  switch (eligibility) {
  case Eligibility::due: return "due";
  case Eligibility::not_active: return "not active";
  case Eligibility::outside_range: return "outside its enrolment";
  case Eligibility::closure: return "closure week";
  case Eligibility::paused: return "paused";
  case Eligibility::off_week: return "fortnightly week off";
  }
  return "unknown";
}

Eligibility eligibility(Week week, bool active, WeekRange range, Rhythm rhythm,
                        std::span<const WeekRange> pauses, const CalendarSettings& calendar) {
  if (!active) {
    return Eligibility::not_active;
  }
  if (!range.contains(week)) {
    return Eligibility::outside_range;
  }
  if (calendar.is_closed(week)) {
    return Eligibility::closure;
  }
  if (std::any_of(pauses.begin(), pauses.end(), [&](const WeekRange& p) { return p.contains(week); })) {
    return Eligibility::paused;
  }
  if (rhythm == Rhythm::fortnightly && (week - range.from) % 2 != 0) {
    return Eligibility::off_week;
  }
  return Eligibility::due;
}

} // namespace panier
