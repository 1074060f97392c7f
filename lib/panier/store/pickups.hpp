// Store module for pickups and their audit: the SQL behind the recording half of
// panier deliver, domain/pickups.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "panier/core/week.hpp"
#include "panier/model/vocabulary.hpp"
#include "panier/store/store.hpp"

namespace panier::db {

struct PickupRow {
  std::int64_t enrolment_id = 0;
  PickupStatus status = PickupStatus::collected;
  std::int64_t paid_cents = 0;
  std::optional<PaymentMethod> method;
  std::optional<Outcome> outcome;
  bool operator==(const PickupRow&) const = default;
};

std::map<std::int64_t, PickupRow> pickups_of(Store& store, Week week);
// Inserts or updates; an update first copies the earlier row into pickup_audit (dated `today`).
void put_pickup(Store& store, Week week, const PickupRow& row, const PickupRow* earlier,
                const std::string& today);

// Removes the pickups of `week` recorded for these enrolments (every one when the list is empty),
// each copied first into pickup_audit as undone on `today`. Returns how many were removed.
int undo_pickups(Store& store, Week week, const std::vector<std::int64_t>& enrolments,
                 const std::string& today);

// One line in operation_log: something done against the usual order, kept for whoever looks later.
void log_operation(Store& store, Week week, const std::string& today, const std::string& what);

// Every allocated basket with its pickup (no status when unrecorded), oldest week first.
struct BasketHistory {
  std::int64_t household_id = 0;
  std::string household;
  std::string scheme;
  std::string week;
  std::int64_t contribution_cents = 0;
  std::optional<PickupStatus> status;
  std::int64_t paid_cents = 0;
};
std::vector<BasketHistory> basket_history(Store& store);

} // namespace panier::db
