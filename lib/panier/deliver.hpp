// panier deliver: what the packing team, the distribution points and the households read for a
// week (packing and picking lists, sign-in sheets, what changed), and the pickups recorded
// afterwards with their payments. Compute (a DeliveryWeek value) is apart from writing files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "panier/config.hpp"
#include "panier/routes.hpp"
#include "panier/store.hpp"

namespace panier {

struct SheetLine {
  std::string household; // code
  std::string name;      // as the point's `names` setting says: full, short or empty (code only)
  std::string size;
  Cents amount = 0;     // what the household pays on pickup, nothing more
  std::string sort_key; // last name then first name (empty with code only), for the order of the sheet
};

struct PointSheet {
  std::string point;
  std::vector<SheetLine> lines; // by last name, first name, then code
};

struct PackingRow {
  std::string point;
  std::string size;
  int baskets = 0;
};

struct CompositionRow {
  std::string size;
  std::string vegetable;
  Milli quantity_per_basket = 0;
  int baskets = 0;
};

struct ChangeRow {
  std::string point;
  std::string household;
  std::string change; // new, returning, paused, ended, size, moved-in, moved-out
  std::string detail;
};

struct DeliveryWeek {
  Week week;
  Week previous;                           // the delivery week the changes are counted from
  Date date;                               // the delivery day
  std::vector<PointSheet> sheets;          // points with baskets, in configuration order
  std::vector<PackingRow> packing;         // by point then size
  std::vector<CompositionRow> composition; // by size then plan order
  std::vector<ChangeRow> changes;          // by point, then household
  std::optional<DeliveryRoutes> routes;    // the vans' rounds, when routed
  int baskets() const;
  std::vector<std::pair<std::string, int>> baskets_per_point() const; // configuration order
};

// Reads the week's allocation, plan and the names the sheets need. Error(data) when the week has
// no allocation.
DeliveryWeek compute_delivery(Store& store, const Config& config, Week week);

struct DeliverFiles {
  bool csv = true;
  bool html = true;
};

// Writes the files into `dir` (created if needed), each through a temporary file and a rename,
// so that a reader never sees half a file: routes.csv and routes.html when the delivery has routes
// (and an earlier run's are removed when it has none). Returns the paths written, relative to `dir`.
std::vector<std::string> write_delivery(const DeliveryWeek& delivery, const Config& config,
                                        const std::string& dir, DeliverFiles files);

// The printable sheets: one A4 page per point, no script, no network.
std::string sheets_html(const DeliveryWeek& delivery, const Config& config);

inline constexpr std::string_view k_pickup_statuses[] = {"collected", "proxy", "missed", "cancelled"};
inline constexpr std::string_view k_payment_methods[] = {"cash", "cheque", "card", "transfer"};
inline constexpr std::string_view k_outcomes[] = {"donated", "redistributed", "processed", "lost"};

struct PickupInput {
  long line = 0;
  std::string household;
  std::string status;
  Cents paid = 0;
  std::string method;
  std::string outcome;
  bool valid = true; // false when the line has a problem of its own (listed in PickupFile)
};

struct PickupFile {
  std::string path;
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
PickupFile read_pickups_csv(const std::string& path);

// Records pickups of `week` in one transaction: codes must have a basket that week; a household
// recorded again is updated, its earlier record kept in the audit table (dated `today`).
// `rest_missed` marks every basket still unrecorded as missed.
// Error(data) lists every bad line of the file.
RecordResult record_pickups(Store& store, const Config& config, Week week, const PickupFile& file,
                            bool rest_missed, Date today);

// How many pickups in a row were missed, counting back from the last recorded one: unrecorded
// baskets ("") are skipped, any other status ends the run. `statuses` oldest first.
int missed_in_a_row(const std::vector<std::string>& statuses);

struct Balance {
  std::string household;
  Cents owed = 0;
  Cents paid = 0;
};

// Every household with a recorded pickup: what it owes (collected baskets, and missed ones when
// its scheme charges them) and what it paid. Arrears never stop a basket: this is information.
std::vector<Balance> balances(Store& store, const Config& config);

} // namespace panier
