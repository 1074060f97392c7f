// Pickups of a delivery week as the points report them (who collected, by proxy, missed or
// cancelled, and what they paid), their reconciliation per point, the households to follow up,
// and what each household owes.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "panier/config/config.hpp"
#include "panier/core/money.hpp"
#include "panier/core/week.hpp"
#include "panier/io/rows.hpp"
#include "panier/model/vocabulary.hpp"
#include "panier/store/store.hpp"

namespace panier {

struct PickupInput {
  RecordPlace place;
  std::string household;
  PickupStatus status = PickupStatus::collected;
  Cents paid = 0;
  std::optional<PaymentMethod> method;
  std::optional<Outcome> outcome;
  bool valid = true; // false when the line has a problem of its own (listed in PickupFile)
};

struct PickupFile {
  std::vector<PickupInput> inputs;
  std::vector<std::string> problems; // "FILE:LINE: ..." for the lines that are wrong in themselves
};

struct PointReconciliation {
  std::string point;
  int baskets = 0;
  int collected = 0; // proxy included
  int missed = 0;
  int cancelled = 0;
  int unrecorded = 0;
  Cents expected = 0; // owed for what was recorded: collected, and missed when the scheme charges
  Cents paid = 0;
};

struct RecordResult {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
  int rest = 0; // marked by --rest
  std::vector<PointReconciliation> points;
  std::vector<std::pair<std::string, int>> followup; // household, missed in a row
};

// Reads `household,status,paid_eur,method,outcome` (the last three optional). Bad lines are listed
// in the result, to be reported with the lines whose household has no basket.
PickupFile read_pickups(const std::string& path, const ReadOptions& options = {});

// Records pickups of `week` in one transaction: codes must have a basket that week; a household
// recorded again is updated, its earlier record kept in the audit table (dated `today`).
// `rest_missed` marks every basket still unrecorded as missed.
// Error(data) lists every bad line of the file.
RecordResult record_pickups(Store& store, const Config& config, Week week, const PickupFile& file,
                            bool rest_missed, Date today);

// How many pickups in a row were missed, counting back from the last recorded one: unrecorded
// baskets (nullopt) are skipped, any other status ends the run. `statuses` oldest first.
int missed_in_a_row(const std::vector<std::optional<PickupStatus>>& statuses);

struct Balance {
  std::string household;
  Cents owed = 0;
  Cents paid = 0;
};

// Every household with a recorded pickup: what it owes (collected baskets, and missed ones when
// its scheme charges them) and what it paid. Arrears never stop a basket: this is information.
std::vector<Balance> balances(Store& store, const Config& config);

} // namespace panier
