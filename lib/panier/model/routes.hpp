// The vans' rounds of a delivery week as a value: timed stops per van and the points no van could
// serve, with why. Computed by domain/routes, rendered by render/routes_sheet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "panier/core/week.hpp"

namespace panier {

// The garden, as a place name in the travel matrix and in routes.csv.
inline constexpr std::string_view k_depot = "depot";

struct RouteStop {
  std::string point;
  double arrival = 0;   // minutes after midnight
  double departure = 0; // after the wait for the window and the service time
  int baskets = 0;
  int load_after = 0;
  double km = 0; // from the previous stop, rounded to 0.1 km
};

struct VanRoute {
  std::string van;
  double leave = 0; // from the garden
  double back = 0;
  int baskets = 0;
  double km_back = 0; // last stop to the garden, rounded to 0.1 km
  std::vector<RouteStop> stops;
  double km() const; // the sum of the rounded legs
};

struct UnservedPoint {
  std::string point;
  int baskets = 0;
  bool reachable = false; // a van alone could reach it in its window: what ran out is room or hours
};

struct DeliveryRoutes {
  Week week;
  std::vector<VanRoute> vans; // vans with a round, in configuration order
  std::vector<UnservedPoint> unassigned;
  bool time_limit_reached = false; // the search stopped on the clock: a rerun may differ
  double km() const;
};

} // namespace panier
