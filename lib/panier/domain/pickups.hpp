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
  // From a returned sign-in sheet: its week and point, checked against the basket's.
  std::optional<Week> week;
  std::string point;
  bool blank = false; // a sheet's line whose status was left empty: nothing to record
  bool valid = true;  // false when the line has a problem of its own (listed in PickupFile)
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
  int blank = 0; // a sheet's lines left blank
  int rest = 0;  // marked by --rest
  std::vector<PointReconciliation> points;
  std::vector<std::pair<std::string, int>> followup; // household, missed in a row
};

// Reads `household,status,paid_eur,method,outcome` (the last three optional), or a point's sign-in
// sheet filled in (sheets/POINT.csv or a tab of sheets.xlsx, as written by panier deliver): its
// `week` and `point` are checked against the basket's, `name`, `phone` and `size` are ignored,
// a line whose status is left blank records nothing, and `amount_eur` counts as paid for a
// collected basket whose `paid_eur` is blank. Statuses, methods and outcomes are read in English
// or French, without regard to case or accents (récupéré, procuration, absent, annulé; espèces,
// chèque, carte, virement). Bad lines are listed in the result, to be reported with the lines
// whose household has no basket.
PickupFile read_pickups(const std::string& path, const ReadOptions& options = {});

// The day the baskets of `week` reach the points (the calendar's delivery weekday).
Date delivery_day(const Config& config, Week week);

// Records pickups of `week` in one transaction: codes must have a basket that week; a household
// recorded again is updated, its earlier record kept in the audit table (dated `today`).
// `rest_missed` marks every basket still unrecorded as missed. Before the week's delivery day
// nothing can have been collected: Error(data) unless `force`, which records anyway and says so
// in the operation log. Error(data) lists every bad line of the file.
RecordResult record_pickups(Store& store, const Config& config, Week week, const PickupFile& file,
                            bool rest_missed, Date today, bool force = false);

// Undoes the pickups recorded for `week`: those of the households listed (codes), or every one
// when the list is empty. Each removed record is kept in the audit table as undone on `today`,
// and the operation log says how many. Error(data) for a code with no basket that week.
// Returns how many records were removed.
int undo_pickups(Store& store, Week week, const std::vector<std::string>& households, Date today);

// The advice for a command refused because pickups of `week` are recorded: how to undo them when
// they were recorded by mistake.
std::string undo_advice(Week week);

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
