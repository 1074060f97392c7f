// The garden's harvest forecast: what each week can put in the baskets.
#pragma once

#include <string>
#include <vector>

#include "panier/config/config.hpp"
#include "panier/io/rows.hpp"
#include "panier/model/vocabulary.hpp"
#include "panier/store/store.hpp"

namespace panier {

struct HarvestLine {
  long line = 0;
  Week week;
  std::string vegetable;
  Milli quantity = 0; // thousandths of the catalogue unit
  Grade grade = Grade::standard;
};

// Reads `week,vegetable,quantity,grade` (grade optional) from CSV, .xlsx or .ods; a week may be
// given as a date. Unknown vegetables, negative or implausible quantities, closure weeks and
// repeated lines are Error(data), every line listed.
std::vector<HarvestLine> read_harvest(const std::string& path, const ReadOptions& options,
                                      const Config& config);

struct HarvestWeekResult {
  Week week;
  int lines = 0;
  int replaced = 0; // lines of an earlier forecast of that week, now replaced
};

// Stores the forecasts, replacing each week's earlier forecast; one transaction (rolled back when
// `dry_run`). One result per week, in week order.
std::vector<HarvestWeekResult> import_harvest(Store& store, const std::vector<HarvestLine>& lines,
                                              bool dry_run);

struct HarvestItem {
  std::string vegetable;
  std::string name;
  Unit unit = Unit::kg;
  Milli quantity = 0;
  Grade grade = Grade::standard;
  Cents value = 0; // at reference price
  bool in_season = false;
};

// A week's forecast, in catalogue order, with values at reference prices and whether each
// vegetable is in season in the month of that week's delivery day.
std::vector<HarvestItem> harvest_of(Store& store, const Config& config, Week week);

// quantity (thousandths of a unit) × price per unit, rounded half up to the cent.
Cents value_of(Milli quantity, Cents price_per_unit);

} // namespace panier
