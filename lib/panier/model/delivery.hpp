// What a delivery week hands out, as a value: the points' sign-in sheets, the packing and picking
// lists, and what changed since the previous delivery week. Computed by domain/deliver, written
// by render/delivery_files.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "panier/core/money.hpp"
#include "panier/core/week.hpp"
#include "panier/model/routes.hpp"
#include "panier/model/vocabulary.hpp"

namespace panier {

struct SheetLine {
  std::string household; // code
  std::string name;      // as the point's `names` setting says: full, short or empty (code only)
  std::string size;
  Cents amount = 0;     // what the household pays on pickup, nothing more
  std::string sort_key; // last name then first name (empty with code only), for the order of the sheet
  std::string phone;    // only where the point shows full names (empty when none is known)
};

struct PointSheet {
  std::string point;
  std::vector<SheetLine> lines; // by last name, first name, then code
  bool phones = false;          // the point's privacy mode (names = "full") lets its sheet show phones
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
  ChangeKind change = ChangeKind::added;
  std::string detail;
};

// A workshop a leaflet announces.
struct UpcomingWorkshop {
  Date date;
  std::string theme; // an id of k_workshop_themes
  std::string place; // as recorded
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
  // Per point with one: the workshop its leaflets announce (see panier-deliver(1), LEAFLETS).
  std::map<std::string, UpcomingWorkshop> next_workshop;
  // Per vegetable with enough feedback before the week: the share of answers saying it was cooked.
  std::map<std::string, double> cooked_share;
  int baskets() const;
  std::vector<std::pair<std::string, int>> baskets_per_point() const; // configuration order
};

} // namespace panier
