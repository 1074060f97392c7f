// The files of a delivery week, written into one directory for the packing team, the points and
// the drivers: packing.csv, composition.csv, changes.csv, sheets/POINT.csv, sheets.html,
// sheets.xlsx (a tab per point), the households' leaflets.html and leaflets.txt, survey.html and
// survey/POINT.csv when [feedback] survey is on, and routes.csv and routes.html when the week has
// routes.
#pragma once

#include <string>
#include <vector>

#include "panier/config/config.hpp"
#include "panier/model/delivery.hpp"

namespace panier::render {

struct DeliverFiles {
  bool csv = true;
  bool html = true;
  bool xlsx = true;
};

// Writes the files into `dir` (created if needed), each through a temporary file and a rename,
// so that a reader never sees half a file. A point with no basket keeps no sheet from an earlier
// run, and routes files are removed when the week has no routes. Returns the paths written,
// relative to `dir`.
std::vector<std::string> write_delivery(const DeliveryWeek& delivery, const Config& config,
                                        const std::string& dir, DeliverFiles files);

} // namespace panier::render
