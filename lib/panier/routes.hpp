// The vans' rounds of a delivery week: travel between the garden and the points (the configured
// matrix, or great-circle distance × detour factor at the configured speed), the routing problem
// built from the week's baskets per point, its solution as timed stops, and the files a driver and
// an analyst read (routes.csv, routes.html).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "panier/config.hpp"
#include "panier/week.hpp"

namespace panier {

inline constexpr std::string_view k_depot = "depot";

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
  std::string reason() const;
};

struct DeliveryRoutes {
  Week week;
  std::vector<VanRoute> vans; // vans with a round, in configuration order
  std::vector<UnservedPoint> unassigned;
  bool time_limit_reached = false; // the search stopped on the clock: a rerun may differ
  double km() const;
};

// Routes the week's baskets (point id, baskets; points without baskets are not visited). A point
// with more baskets than the largest van is split into as few, as even drops as fit.
DeliveryRoutes plan_routes(const Config& config, const Travel& travel, Week week,
                           const std::vector<std::pair<std::string, int>>& baskets, std::uint64_t seed = 1);

// routes.csv: week,van,stop,point,arrival,departure,baskets,load_after,km. Per van: stop 0 is the
// garden (departure), then the drops, then the garden again (arrival). A point no van could
// serve is a row with no van, no stop and no times.
std::string routes_csv(const DeliveryRoutes& routes);

// A driver's sheet per van (one A4 page each): stops in order, times, baskets, addresses.
std::string routes_html(const DeliveryRoutes& routes, const Config& config, Date date);

} // namespace panier
