// The vans' rounds of a delivery week: travel between the garden and the points (the configured
// matrix, or great-circle distance × detour factor at the configured speed), the routing problem
// built from the week's baskets per point, its solution as timed stops, and the files a driver and
// an analyst read (routes.csv, routes.html).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "panier/config/config.hpp"
#include "panier/core/week.hpp"
#include "panier/model/routes.hpp"

namespace panier {

// Distances (km) and times (minutes) between places: index 0 is the depot, then the points in
// configuration order.
struct Travel {
  std::vector<std::string> places;
  std::vector<double> km;
  std::vector<double> minutes;

  std::size_t index(std::string_view place) const; // places.size() when unknown
  double km_between(std::size_t from, std::size_t to) const { return km[from * places.size() + to]; }
  double minutes_between(std::size_t from, std::size_t to) const {
    return minutes[from * places.size() + to];
  }
};

// Great-circle distance in km between two (lat, lon) in degrees.
double great_circle_km(double lat1, double lon1, double lat2, double lon2);

// Every pair from coordinates; then the matrix file's rows (`from,to,km,minutes`, ids of points
// and "depot") replace them, a row also standing for the way back unless that has its own row.
// Error(data) "FILE:LINE: ..." for an unknown place or a bad number.
Travel load_travel(const Config& config);

// Routes the week's baskets (point id, baskets; points without baskets are not visited). A point
// with more baskets than the largest van is split into as few, as even drops as fit.
DeliveryRoutes plan_routes(const Config& config, const Travel& travel, Week week,
                           const std::vector<std::pair<std::string, int>>& baskets, std::uint64_t seed = 1);

} // namespace panier
