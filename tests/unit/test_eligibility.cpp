#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "panier/domain/eligibility.hpp"

using namespace panier;

namespace {
Week w(const char* text) { return *Week::parse_iso(text); }

CalendarSettings closed(std::initializer_list<const char*> weeks) {
  CalendarSettings c;
  for (const char* text : weeks) {
    c.closed.push_back(w(text));
  }
  std::sort(c.closed.begin(), c.closed.end());
  return c;
}
} // namespace

TEST_CASE("weekly: active, within range, not closed, not paused") {
  const WeekRange range{w("2026-W48"), w("2027-W04")};
  const auto calendar = closed({"2026-W52"});
  const std::vector<WeekRange> pauses{{w("2027-W02"), w("2027-W02")}};
  CHECK(eligibility(w("2026-W47"), true, range, Rhythm::weekly, pauses, calendar) ==
        Eligibility::outside_range);
  CHECK(eligibility(w("2026-W48"), true, range, Rhythm::weekly, pauses, calendar) == Eligibility::due);
  CHECK(eligibility(w("2026-W52"), true, range, Rhythm::weekly, pauses, calendar) == Eligibility::closure);
  CHECK(eligibility(w("2026-W53"), true, range, Rhythm::weekly, pauses, calendar) == Eligibility::due);
  CHECK(eligibility(w("2027-W01"), true, range, Rhythm::weekly, pauses, calendar) == Eligibility::due);
  CHECK(eligibility(w("2027-W02"), true, range, Rhythm::weekly, pauses, calendar) == Eligibility::paused);
  CHECK(eligibility(w("2027-W04"), true, range, Rhythm::weekly, pauses, calendar) == Eligibility::due);
  CHECK(eligibility(w("2027-W05"), true, range, Rhythm::weekly, pauses, calendar) ==
        Eligibility::outside_range);
  CHECK(eligibility(w("2026-W49"), false, range, Rhythm::weekly, pauses, calendar) ==
        Eligibility::not_active);
  CHECK(describe(Eligibility::paused) == "paused");
}

TEST_CASE("fortnightly counts from the start week, across a 53-week year end") {
  // 2026 has 53 weeks: from 2026-W51, the due weeks are W51, W53, 2027-W02, W04...
  const WeekRange range{w("2026-W51"), w("2027-W10")};
  const CalendarSettings calendar;
  std::vector<std::string> due;
  for (Week x = range.from; x <= range.to; x = x + 1) {
    if (is_due(x, true, range, Rhythm::fortnightly, {}, calendar)) {
      due.push_back(x.to_string());
    }
  }
  CHECK(due == std::vector<std::string>{"2026-W51", "2026-W53", "2027-W02", "2027-W04", "2027-W06",
                                        "2027-W08", "2027-W10"});
  CHECK(eligibility(w("2026-W52"), true, range, Rhythm::fortnightly, {}, calendar) == Eligibility::off_week);
}

TEST_CASE("fortnightly across a 52-week year end keeps its parity by elapsed weeks") {
  const WeekRange range{w("2027-W51"), w("2028-W04")};
  const CalendarSettings calendar;
  CHECK(is_due(w("2027-W51"), true, range, Rhythm::fortnightly, {}, calendar));
  CHECK_FALSE(is_due(w("2027-W52"), true, range, Rhythm::fortnightly, {}, calendar));
  CHECK(is_due(w("2028-W01"), true, range, Rhythm::fortnightly, {}, calendar));
  CHECK(is_due(w("2028-W03"), true, range, Rhythm::fortnightly, {}, calendar));
}

TEST_CASE("a closure or a pause on a fortnightly week is skipped, not shifted") {
  const WeekRange range{w("2026-W01"), w("2026-W10")};
  const auto calendar = closed({"2026-W03"});
  const std::vector<WeekRange> pauses{{w("2026-W05"), w("2026-W06")}};
  CHECK(eligibility(w("2026-W03"), true, range, Rhythm::fortnightly, pauses, calendar) ==
        Eligibility::closure);
  CHECK(eligibility(w("2026-W04"), true, range, Rhythm::fortnightly, pauses, calendar) ==
        Eligibility::off_week);
  CHECK(eligibility(w("2026-W05"), true, range, Rhythm::fortnightly, pauses, calendar) ==
        Eligibility::paused);
  CHECK(eligibility(w("2026-W07"), true, range, Rhythm::fortnightly, pauses, calendar) == Eligibility::due);
}

TEST_CASE("week ranges") {
  const WeekRange a{w("2026-W10"), w("2026-W12")};
  CHECK(a.overlaps({w("2026-W12"), w("2026-W14")}));
  CHECK_FALSE(a.overlaps({w("2026-W13"), w("2026-W14")}));
  CHECK(a.overlaps({w("2026-W01"), w("2026-W30")}));
  CHECK(a.contains(w("2026-W10")));
  CHECK_FALSE(a.contains(w("2026-W13")));
}
