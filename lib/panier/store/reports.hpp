// Store module for panier report: the aggregates, written as SQL so that SQLite does the heavy
// counting over the allocation history. Read-only.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "panier/model/vocabulary.hpp"
#include "panier/store/store.hpp"

namespace panier::db {

// Which allocation rows a report counts: weeks from..to (inclusive, 'YYYY-Www'), and a scheme and
// point when not empty.
struct ReportFilter {
  std::string from;
  std::string to;
  std::string scheme;
  std::string point;
};

// How a report cuts weeks into periods: each week its own (`by_week`), or runs of weeks, each
// named from its first week on (oldest first); no cut at all is one unnamed period ("").
struct Periods {
  bool by_week = false;
  std::vector<std::pair<std::string, std::string>> cuts; // first week, label
};

// The first and last week with an allocation; empty strings when there is none.
std::pair<std::string, std::string> allocation_weeks(Store& store);

// Baskets grouped by period (see Periods),
// scheme, and with `by_point_size` point and size. Households and persons are distinct counts
// over the households that had a basket in the group.
struct BasketGroup {
  std::string period, scheme, point, size;
  std::int64_t baskets = 0, collected = 0, proxy = 0, missed = 0, cancelled = 0, shortfall = 0,
               unrecorded = 0;
  std::int64_t households = 0, persons = 0, adults = 0, children = 0;
  std::int64_t value_cents = 0, contribution_cents = 0;
};
std::vector<BasketGroup> basket_groups(Store& store, const ReportFilter& filter, const Periods& periods,
                                       bool by_point_size);

// Per period, scheme and household that had a basket: its baskets, collected ones (proxy
// included), value and contribution.
struct HouseholdGroup {
  std::string period, scheme;
  std::int64_t household_id = 0;
  std::int64_t baskets = 0, collected = 0, value_cents = 0, contribution_cents = 0;
};
std::vector<HouseholdGroup> household_groups(Store& store, const ReportFilter& filter,
                                             const Periods& periods);

// Funding drawn per week, funder and scheme (baskets counted when the funder paid a part).
struct FundingWeek {
  std::string week, funder, scheme;
  std::int64_t baskets = 0, amount_cents = 0;
};
std::vector<FundingWeek> funding_weeks(Store& store, const ReportFilter& filter);

// Baskets per week, scheme and size.
struct BasketCount {
  std::string week, scheme, size;
  std::int64_t baskets = 0;
};
std::vector<BasketCount> basket_counts(Store& store, const ReportFilter& filter);

// The planned contents of each size of each week.
struct PlanItem {
  std::string week, size, vegetable;
  std::int64_t quantity_milli = 0, price_cents = 0;
};
std::vector<PlanItem> plan_items(Store& store, const std::string& from, const std::string& to);

// Per period (and scheme, with `by_scheme`) and vegetable: baskets allocated with it, and the
// households' answers about it (panier feedback import) for those baskets.
struct AppropriationGroup {
  std::string period, scheme, vegetable;
  std::int64_t baskets = 0, answers = 0, cooked = 0, liked = 0;
};
std::vector<AppropriationGroup> appropriation_groups(Store& store, const ReportFilter& filter,
                                                     const Periods& periods, bool by_scheme);

// The households' answers per week and vegetable, for the baskets the filter counts, split by
// whether the household came to at least one workshop.
struct FeedbackFacts {
  std::string week, vegetable;
  bool workshop = false;
  std::int64_t answers = 0, cooked = 0;
};
std::vector<FeedbackFacts> feedback_facts(Store& store, const ReportFilter& filter);

// Pickups per period, point and scheme.
struct PickupGroup {
  std::string period, point, scheme;
  std::int64_t baskets = 0, collected = 0, proxy = 0, missed = 0, cancelled = 0, unrecorded = 0;
  std::int64_t contribution_collected = 0, contribution_missed = 0, paid_cents = 0;
};
std::vector<PickupGroup> pickup_groups(Store& store, const ReportFilter& filter, const Periods& periods);

// Per period and enrolment: its baskets and pickups, and the size and point of its last week.
struct EnrolmentGroup {
  std::string period;
  std::int64_t enrolment_id = 0;
  std::string size, point;
  std::int64_t baskets = 0, collected = 0, missed = 0, contribution_cents = 0, paid_cents = 0;
  std::int64_t contribution_collected = 0,
               contribution_missed = 0; // of the baskets collected (proxy too), missed
};
std::vector<EnrolmentGroup> enrolment_groups(Store& store, const ReportFilter& filter,
                                             const Periods& periods);

// Enrolments with their household's pseudonymous facts (never a name or phone).
struct EnrolmentFacts {
  std::int64_t id = 0, household_id = 0;
  std::string household, scheme, start_week, end_week;
  EnrolmentStatus status = EnrolmentStatus::active;
  std::string commune, referrer;
  std::int64_t renewals = 0, adults = 0, children = 0;
};
// Every enrolment, by household code.
std::vector<EnrolmentFacts> enrolment_facts(Store& store);

// Active enrolments whose last week is between `from` and `to`, by end week then household code,
// passed one at a time to `visit`.
struct Expiring {
  std::int64_t enrolment_id = 0, renewals = 0;
  std::string household, scheme, end_week, referrer;
};
void expiring_enrolments(Store& store, const std::string& from, const std::string& to,
                         const std::function<void(Expiring&)>& visit);

// The size and point of each enrolment from a week on, by enrolment then week.
struct EnrolmentPlace {
  std::int64_t enrolment_id = 0;
  std::string from_week, size, point;
};
std::vector<EnrolmentPlace> enrolment_places(Store& store);

struct WorkshopFacts {
  std::int64_t id = 0;
  std::string date, theme, place, vegetables;
  std::int64_t capacity = -1; // -1 when none
};
std::vector<WorkshopFacts> workshop_facts(Store& store); // by date, then id

struct AttendanceFacts {
  std::int64_t workshop_id = 0, household_id = 0, adults = 0, children = 0;
};
std::vector<AttendanceFacts> attendance_facts(Store& store);

// Recorded pickups of baskets (weeks up to `to`), household by household, oldest first, passed
// one at a time to `visit` (the history is not held in memory).
struct PickupHistory {
  std::int64_t enrolment_id = 0;
  std::string week, point;
  PickupStatus status = PickupStatus::collected;
};
void pickup_history(Store& store, const std::string& to,
                    const std::function<void(const PickupHistory&)>& visit);

} // namespace panier::db
