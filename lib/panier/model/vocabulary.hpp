// The vocabularies of panier's records, each an enum with its one table of texts (see
// core/vocabulary.hpp): the store keeps these texts, the command line and the input files accept
// them, messages list them. And the business rules that read them, each one named function.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

#include "panier/core/vocabulary.hpp"

namespace panier {

// What became of a basket at its point, as the point's staff record it.
enum class PickupStatus { collected, proxy, missed, cancelled };
template <> struct Vocabulary<PickupStatus> {
  static constexpr std::array<std::string_view, 4> texts{"collected", "proxy", "missed", "cancelled"};
  // The words of a French sign-in sheet (read without case or accents).
  static constexpr std::array<std::pair<std::string_view, PickupStatus>, 4> aliases{
      {{"récupéré", PickupStatus::collected},
       {"procuration", PickupStatus::proxy},
       {"absent", PickupStatus::missed},
       {"annulé", PickupStatus::cancelled}}};
};

// How a household paid its share.
enum class PaymentMethod { cash, cheque, card, transfer };
template <> struct Vocabulary<PaymentMethod> {
  static constexpr std::array<std::string_view, 4> texts{"cash", "cheque", "card", "transfer"};
  static constexpr std::array<std::pair<std::string_view, PaymentMethod>, 4> aliases{
      {{"espèces", PaymentMethod::cash},
       {"chèque", PaymentMethod::cheque},
       {"carte", PaymentMethod::card},
       {"virement", PaymentMethod::transfer}}};
};

// What became of a basket nobody collected.
enum class Outcome { donated, redistributed, processed, lost };
template <> struct Vocabulary<Outcome> {
  static constexpr std::array<std::string_view, 4> texts{"donated", "redistributed", "processed", "lost"};
  static constexpr std::array<std::pair<std::string_view, Outcome>, 4> aliases{
      {{"donné", Outcome::donated},
       {"redistribué", Outcome::redistributed},
       {"transformé", Outcome::processed},
       {"perdu", Outcome::lost}}};
};

// An enrolment as the store keeps it: holding a place, over, or waiting for a place.
enum class EnrolmentStatus { active, ended, waitlisted };
template <> struct Vocabulary<EnrolmentStatus> {
  static constexpr std::array<std::string_view, 3> texts{"active", "ended", "waitlisted"};
};

// An enrolment as seen in a given week: its stored status, or paused that week, or ended by
// then; `due` in the list of baskets due that week.
enum class WeekStatus { active, paused, ended, waitlisted, due };
template <> struct Vocabulary<WeekStatus> {
  static constexpr std::array<std::string_view, 5> texts{"active", "paused", "ended", "waitlisted", "due"};
};

// The stored status as a week sees it, before pauses and the end week are considered.
constexpr WeekStatus week_status(EnrolmentStatus status) {
  switch (status) {
  case EnrolmentStatus::active: return WeekStatus::active;
  case EnrolmentStatus::ended: return WeekStatus::ended;
  case EnrolmentStatus::waitlisted: return WeekStatus::waitlisted;
  }
  return WeekStatus::active;
}

// Why an enrolment ended before its last week.
enum class ExitReason { end_of_rights, regular_basket, improved, moved, gave_up, missed_pickups, other };
template <> struct Vocabulary<ExitReason> {
  static constexpr std::array<std::string_view, 7> texts{
      "end-of-rights", "regular-basket", "improved", "moved", "gave-up", "missed-pickups", "other"};
};

// How a week's plan was reached.
enum class PlanStatus { optimal, time_limit, short_harvest, nothing_due, greedy };
template <> struct Vocabulary<PlanStatus> {
  static constexpr std::array<std::string_view, 5> texts{"optimal", "time limit", "short harvest",
                                                         "nothing due", "greedy"};
};

// What changed for a household at a point since the previous delivery week.
enum class ChangeKind { added, returning, paused, ended, size, moved_in, moved_out };
template <> struct Vocabulary<ChangeKind> {
  static constexpr std::array<std::string_view, 7> texts{"new",  "returning", "paused",   "ended",
                                                         "size", "moved-in",  "moved-out"};
};

// A harvest line's grade: produce up to the standard, or off-standard in size or look (sold at
// the same price in the baskets, counted apart in the forecast).
enum class Grade { standard, off_grade };
template <> struct Vocabulary<Grade> {
  static constexpr std::array<std::string_view, 2> texts{"standard", "off-grade"};
};

// The kinds of panier report.
enum class ReportKind {
  baskets,
  funding,
  produce,
  pickups,
  households,
  workshops,
  impact,
  expiring,
  followup,
  appropriation
};
template <> struct Vocabulary<ReportKind> {
  static constexpr std::array<std::string_view, 10> texts{"baskets",    "funding",      "produce", "pickups",
                                                          "households", "workshops",    "impact",  "expiring",
                                                          "followup",   "appropriation"};
};

// A basket collected by the household or by someone on its behalf.
constexpr bool counts_as_collected(PickupStatus status) {
  return status == PickupStatus::collected || status == PickupStatus::proxy;
}

// Nobody took the basket: it gets an outcome (donated, redistributed, ...).
constexpr bool uncollected(PickupStatus status) { return !counts_as_collected(status); }

// What the household owes for a basket: its share when collected, and when missed if its scheme
// charges missed baskets; never for a cancelled one.
constexpr bool owed(PickupStatus status, bool scheme_charges_missed) {
  return counts_as_collected(status) || (status == PickupStatus::missed && scheme_charges_missed);
}

// What a household owes for its baskets, from the shares of those collected (proxy included) and
// of those missed: the one sum behind deliver record's expected_eur, deliver balance's owed_eur
// and the reports' expected_eur and owed_eur. Unrecorded and cancelled baskets are never owed.
constexpr std::int64_t owed_amount(std::int64_t collected_shares, std::int64_t missed_shares,
                                   bool scheme_charges_missed) {
  return (owed(PickupStatus::collected, scheme_charges_missed) ? collected_shares : 0) +
         (owed(PickupStatus::missed, scheme_charges_missed) ? missed_shares : 0);
}

} // namespace panier
