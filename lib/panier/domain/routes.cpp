#include "panier/domain/routes.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/io/rows.hpp"
#include "panier/optim/routing.hpp"

namespace panier {

namespace {

double tenth(double km) { return std::round(km * 10.0) / 10.0; }

struct Drop {
  std::string point;
  std::size_t place = 0;
  int baskets = 0;
};

// The routing problem: node 0 the garden, then one node per drop. A point with more baskets than
// `piece` (the largest van, or less to let a point's baskets share vans) is split into as few, as
// even drops as fit; a point no van can take at all goes straight to `unassigned`.
vrp::Instance routing_instance(const Config& config, const Travel& travel,
                               const std::vector<std::pair<std::string, int>>& baskets, int piece,
                               std::vector<Drop>& drops, std::vector<UnservedPoint>& unassigned) {
  int largest = 0;
  for (const auto& van : config.vans) {
    largest = std::max(largest, van.capacity);
  }
  piece = std::min(piece, largest);
  vrp::Instance instance;
  drops.assign(1, Drop{});
  instance.nodes.push_back(vrp::Node{0, config.depot ? static_cast<double>(config.depot->open) : 0.0,
                                     config.depot ? static_cast<double>(config.depot->close) : vrp::k_never,
                                     0.0});
  for (const auto& [point_id, count] : baskets) {
    if (count <= 0) {
      continue;
    }
    const Point* point = config.find_point(point_id);
    if (point == nullptr || largest <= 0) {
      unassigned.push_back({point_id, count, point != nullptr});
      continue;
    }
    const int parts = (count + piece - 1) / piece;
    for (int k = 0; k < parts; ++k) {
      const int size = count / parts + (k < count % parts ? 1 : 0);
      drops.push_back(Drop{point_id, travel.index(point_id), size});
      instance.nodes.push_back(vrp::Node{size, static_cast<double>(point->open),
                                         static_cast<double>(point->close),
                                         static_cast<double>(point->service_min)});
    }
  }
  for (const auto& van : config.vans) {
    instance.vehicles.push_back(
        vrp::Vehicle{van.capacity, static_cast<double>(van.start), static_cast<double>(van.end)});
  }
  const std::size_t n = drops.size();
  instance.distance.resize(n * n);
  instance.duration.resize(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      instance.distance[i * n + j] = travel.km_between(drops[i].place, drops[j].place);
      instance.duration[i * n + j] = travel.minutes_between(drops[i].place, drops[j].place);
    }
  }
  return instance;
}

// A van's round as timed stops; two drops of one point in a row are one stop.
VanRoute van_route(const Config& config, const vrp::Instance& instance, const std::vector<Drop>& drops,
                   const vrp::Route& route) {
  const vrp::Timetable t = vrp::timetable(instance, route);
  VanRoute van;
  van.van = config.vans[static_cast<std::size_t>(route.vehicle)].id;
  van.leave = t.leave;
  van.back = t.back;
  van.baskets = t.load;
  int load = t.load;
  std::size_t previous = 0;
  for (std::size_t k = 0; k < route.stops.size(); ++k) {
    const Drop& drop = drops[static_cast<std::size_t>(route.stops[k])];
    load -= drop.baskets;
    // Two drops of one point in a row are one stop.
    if (!van.stops.empty() && van.stops.back().point == drop.point && previous != 0 &&
        drops[previous].place == drop.place) {
      RouteStop& stop = van.stops.back();
      stop.baskets += drop.baskets;
      stop.load_after = load;
      stop.departure = t.departure[k];
    } else {
      van.stops.push_back(RouteStop{drop.point, t.arrival[k], t.departure[k], drop.baskets, load,
                                    tenth(instance.dist(static_cast<int>(previous), route.stops[k]))});
    }
    previous = static_cast<std::size_t>(route.stops[k]);
  }
  van.km_back = tenth(instance.dist(static_cast<int>(previous), 0));
  return van;
}

// What no van could take, with why: out of reach in its window (even alone in a van), or no
// room left in the vans' loads and hours.
void add_unserved(const vrp::Instance& instance, const std::vector<Drop>& drops,
                  const vrp::Solution& solution, std::vector<UnservedPoint>& unassigned) {
  std::map<std::string, std::pair<int, bool>> unserved; // point -> baskets, reachable alone
  std::vector<std::string> order;
  for (int node : solution.unassigned) {
    const Drop& drop = drops[static_cast<std::size_t>(node)];
    bool alone = false;
    for (int v = 0; v < static_cast<int>(instance.vehicles.size()) && !alone; ++v) {
      vrp::Instance single = instance;
      single.vehicles[static_cast<std::size_t>(v)].capacity =
          std::max(instance.vehicles[static_cast<std::size_t>(v)].capacity, drop.baskets);
      alone = vrp::timetable(single, vrp::Route{v, {node}}).feasible;
    }
    auto [it, fresh] = unserved.try_emplace(drop.point, 0, false);
    if (fresh) {
      order.push_back(drop.point);
    }
    it->second.first += drop.baskets;
    it->second.second = it->second.second || alone;
  }
  for (const auto& point : order) {
    const auto& [count, reachable] = unserved[point];
    unassigned.push_back({point, count, reachable});
  }
}

// The matrix file's rows (`from,to,km,minutes`) over the great-circle travel: a row also stands
// for the way back unless that has its own row. Every bad row is reported, FILE:LINE.
void read_matrix(const std::string& path, Travel& t) {
  const std::size_t n = t.places.size();
  static const InputColumn k_columns[] = {{"from", true}, {"to", true}, {"km", true}, {"minutes", true}};
  const auto file = open_rows(path);
  RowReader& reader = *file;
  reader.read_header(k_columns);
  std::vector<char> given(n * n, 0);
  struct Row {
    std::size_t from, to;
    double km, minutes;
  };
  std::vector<Row> rows;
  Diagnostics problems;
  while (reader.next()) {
    const std::size_t from = t.index(reader.text(0));
    const std::size_t to = t.index(reader.text(1));
    for (std::size_t c : {std::size_t{0}, std::size_t{1}}) {
      if ((c == 0 ? from : to) == n) {
        problems.add(reader.where(
            c, trf("{} is neither \"depot\" nor a point of the configuration", quoted(reader.text(c)))));
      }
    }
    double km = 0;
    double minutes = 0;
    try {
      km = static_cast<double>(reader.required_number(2, 3)) / 1000.0;
      minutes = static_cast<double>(reader.required_number(3, 3)) / 1000.0;
    } catch (const Error& e) {
      for (const auto& message : e.messages()) {
        problems.add(message);
      }
      continue;
    }
    if (km < 0 || minutes < 0) {
      problems.add(reader.where("km and minutes must not be negative"));
    }
    if (from < n && to < n) {
      if (given[from * n + to] != 0) {
        problems.add(reader.where(trf("{} to {} is given twice", reader.text(0), reader.text(1))));
      }
      given[from * n + to] = 1;
      rows.push_back({from, to, km, minutes});
    }
  }
  problems.throw_if_any(ExitCode::data);
  for (const auto& row : rows) {
    t.km[row.from * n + row.to] = row.km;
    t.minutes[row.from * n + row.to] = row.minutes;
    if (given[row.to * n + row.from] == 0) {
      t.km[row.to * n + row.from] = row.km;
      t.minutes[row.to * n + row.from] = row.minutes;
    }
  }
}

} // namespace

std::size_t Travel::index(std::string_view place) const {
  return static_cast<std::size_t>(std::find(places.begin(), places.end(), place) - places.begin());
}

double great_circle_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double earth_radius_km = 6371.0;
  constexpr double radians = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * radians;
  const double dlon = (lon2 - lon1) * radians;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * radians) *
                                                                 std::cos(lat2 * radians) *
                                                                 std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * earth_radius_km * std::asin(std::min(1.0, std::sqrt(a)));
}

Travel load_travel(const Config& config) {
  Travel t;
  std::vector<std::pair<double, double>> where;
  t.places.emplace_back(k_depot);
  where.emplace_back(config.depot ? config.depot->lat : 0.0, config.depot ? config.depot->lon : 0.0);
  for (const auto& p : config.points) {
    t.places.push_back(p.id);
    where.emplace_back(p.lat, p.lon);
  }
  const std::size_t n = t.places.size();
  const auto& r = config.routing;
  t.km.resize(n * n);
  t.minutes.resize(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double km =
          i == j ? 0.0
                 : great_circle_km(where[i].first, where[i].second, where[j].first, where[j].second) *
                       r.detour_factor;
      t.km[i * n + j] = km;
      t.minutes[i * n + j] = km / r.speed_kmh * 60.0;
    }
  }
  if (r.matrix.empty()) {
    return t;
  }
  read_matrix(r.matrix, t);
  return t;
}

namespace {

// The rounds found with drops of at most `piece` baskets, and how many baskets they leave.
struct Rounds {
  DeliveryRoutes routes;
  int unserved = 0;
};

Rounds rounds_with(const Config& config, const Travel& travel, Week week,
                   const std::vector<std::pair<std::string, int>>& baskets, int piece, std::uint64_t seed) {
  Rounds r;
  r.routes.week = week;
  std::vector<Drop> drops;
  const vrp::Instance instance = routing_instance(config, travel, baskets, piece, drops, r.routes.unassigned);
  vrp::Options options;
  options.seed = seed;
  const vrp::Solution solution = vrp::solve(instance, options);
  r.routes.time_limit_reached = solution.time_limit_reached;
  for (const auto& route : solution.routes) {
    r.routes.vans.push_back(van_route(config, instance, drops, route));
  }
  add_unserved(instance, drops, solution, r.routes.unassigned);
  for (const auto& u : r.routes.unassigned) {
    r.unserved += u.baskets;
  }
  return r;
}

} // namespace

DeliveryRoutes plan_routes(const Config& config, const Travel& travel, Week week,
                           const std::vector<std::pair<std::string, int>>& baskets, std::uint64_t seed) {
  std::vector<int> capacities;
  for (const auto& van : config.vans) {
    capacities.push_back(van.capacity);
  }
  std::sort(capacities.rbegin(), capacities.rend());
  const int largest = capacities.empty() ? 0 : capacities.front();
  Rounds whole = rounds_with(config, travel, week, baskets, largest, seed);
  // A point's baskets may share vans when that is needed to fit (baskets left for want of room)
  // or saves a van (the baskets would fit in one van fewer): then the rounds are sought again
  // with each point cut into drops of at most a quarter of the smallest van, which the solver
  // may spread over vans (drops of one point in a row stay one stop), and kept when they serve
  // more baskets, or as many with fewer vans.
  int total = 0;
  for (const auto& [point, count] : baskets) {
    total += std::max(count, 0);
  }
  const std::size_t used = whole.routes.vans.size();
  const int room_one_fewer =
      used >= 2 ? std::accumulate(capacities.begin(), capacities.begin() + static_cast<long>(used - 1), 0)
                : 0;
  if (capacities.empty() || (whole.unserved == 0 && (used < 2 || total > room_one_fewer))) {
    return std::move(whole.routes);
  }
  const int piece = std::max(1, (capacities.back() + 3) / 4);
  Rounds split = rounds_with(config, travel, week, baskets, piece, seed);
  const bool better = split.unserved < whole.unserved ||
                      (split.unserved == whole.unserved && split.routes.vans.size() < used);
  return std::move(better ? split.routes : whole.routes);
}

} // namespace panier
