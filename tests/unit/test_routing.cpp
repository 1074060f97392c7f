// The route optimiser, checked from outside: an independent verifier recomputes every route from
// the raw instance, and an exhaustive search gives the true optimum of tiny instances.
#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <random>
#include <sstream>

#include "panier/config/config.hpp"
#include "panier/core/error.hpp"
#include "panier/domain/routes.hpp"
#include "panier/optim/routing.hpp"
#include "panier/render/routes_sheet.hpp"
#include "temp_dir.hpp"
#include "vrp_file.hpp"

using namespace panier;
using panier::test::TempDir;

namespace {

constexpr double k_inf = std::numeric_limits<double>::infinity();

// Verifies a solution against the instance, written without the solver's code: every customer
// served once or listed unassigned, each vehicle used at most once and within its capacity,
// every arrival within its window (waiting allowed), every vehicle back in time. Returns the
// recomputed total distance; fails the test on any violation.
double verify(const vrp::Instance& in, const vrp::Solution& s) {
  const int n = in.size();
  std::vector<int> seen(static_cast<std::size_t>(n), 0);
  std::vector<int> vehicle_used(in.vehicles.size(), 0);
  double total = 0;
  for (const auto& route : s.routes) {
    REQUIRE(route.vehicle >= 0);
    REQUIRE(route.vehicle < static_cast<int>(in.vehicles.size()));
    CHECK(++vehicle_used[static_cast<std::size_t>(route.vehicle)] == 1);
    CHECK(!route.stops.empty());
    const auto& vehicle = in.vehicles[static_cast<std::size_t>(route.vehicle)];
    double clock = std::max(vehicle.start, in.nodes[0].ready);
    int at = 0;
    int load = 0;
    for (int stop : route.stops) {
      REQUIRE(stop >= 1);
      REQUIRE(stop < n);
      ++seen[static_cast<std::size_t>(stop)];
      const auto& node = in.nodes[static_cast<std::size_t>(stop)];
      clock += in.time(at, stop);
      CHECK(clock <= node.due + 1e-6);
      clock = std::max(clock, node.ready) + node.service;
      total += in.dist(at, stop);
      load += node.demand;
      at = stop;
    }
    clock += in.time(at, 0);
    total += in.dist(at, 0);
    CHECK(clock <= std::min(vehicle.end, in.nodes[0].due) + 1e-6);
    CHECK(load <= vehicle.capacity);
  }
  for (int c : s.unassigned) {
    REQUIRE(c >= 1);
    REQUIRE(c < n);
    ++seen[static_cast<std::size_t>(c)];
  }
  for (int c = 1; c < n; ++c) {
    CHECK_MESSAGE(seen[static_cast<std::size_t>(c)] == 1, "customer ", c, " seen ",
                  seen[static_cast<std::size_t>(c)]);
  }
  CHECK(total == doctest::Approx(s.distance).epsilon(1e-9));
  return total;
}

struct Exact {
  int served = 0;
  double distance = k_inf;
};

// The optimum by exhaustive search: for each vehicle, the shortest feasible order of every subset
// of customers (all orders tried); then the best way to give disjoint subsets to the vehicles.
// Most customers served first, then least distance.
Exact exhaustive(const vrp::Instance& in) {
  const int m = in.size() - 1;
  const std::size_t subsets = std::size_t{1} << m;
  std::vector<std::vector<double>> best(in.vehicles.size(), std::vector<double>(subsets, k_inf));
  for (std::size_t v = 0; v < in.vehicles.size(); ++v) {
    const auto& vehicle = in.vehicles[v];
    const double end = std::min(vehicle.end, in.nodes[0].due);
    best[v][0] = 0;
    // Depth-first over every sequence that stays feasible.
    struct Frame {
      int at;
      std::size_t mask;
      double clock, distance;
      int load;
    };
    std::vector<Frame> stack{{0, 0, std::max(vehicle.start, in.nodes[0].ready), 0.0, 0}};
    while (!stack.empty()) {
      const Frame f = stack.back();
      stack.pop_back();
      if (f.mask != 0 && f.clock + in.time(f.at, 0) <= end + 1e-9) {
        best[v][f.mask] = std::min(best[v][f.mask], f.distance + in.dist(f.at, 0));
      }
      for (int c = 1; c <= m; ++c) {
        const std::size_t bit = std::size_t{1} << (c - 1);
        const auto& node = in.nodes[static_cast<std::size_t>(c)];
        if ((f.mask & bit) != 0 || f.load + node.demand > vehicle.capacity) {
          continue;
        }
        const double arrival = f.clock + in.time(f.at, c);
        if (arrival > node.due + 1e-9) {
          continue;
        }
        stack.push_back({c, f.mask | bit, std::max(arrival, node.ready) + node.service,
                         f.distance + in.dist(f.at, c), f.load + node.demand});
      }
    }
  }
  std::vector<double> f(subsets, k_inf);
  f[0] = 0;
  for (std::size_t v = 0; v < in.vehicles.size(); ++v) {
    std::vector<double> g = f;
    for (std::size_t s = 0; s < subsets; ++s) {
      if (f[s] == k_inf) {
        continue;
      }
      const std::size_t rest = (subsets - 1) & ~s;
      for (std::size_t t = rest; t != 0; t = (t - 1) & rest) {
        if (best[v][t] < k_inf) {
          g[s | t] = std::min(g[s | t], f[s] + best[v][t]);
        }
      }
    }
    f = std::move(g);
  }
  Exact out;
  for (std::size_t s = 0; s < subsets; ++s) {
    const int served = std::popcount(s);
    if (f[s] < k_inf && (served > out.served || (served == out.served && f[s] < out.distance))) {
      out.served = served;
      out.distance = f[s];
    }
  }
  return out;
}

// A random instance: customers on a 100 × 100 square, travel time = distance × speed factor,
// windows of random width, vehicles of different capacities and hours.
vrp::Instance random_instance(std::mt19937& random, int customers, int vehicles, bool windows) {
  auto uniform = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(random); };
  auto integer = [&](int a, int b) { return std::uniform_int_distribution<int>(a, b)(random); };
  vrp::Instance in;
  std::vector<std::pair<double, double>> xy;
  for (int i = 0; i <= customers; ++i) {
    xy.emplace_back(uniform(0, 100), uniform(0, 100));
    vrp::Node node;
    if (i > 0) {
      node.demand = integer(1, 9);
      node.service = uniform(0, 10);
      if (windows) {
        node.ready = uniform(0, 200);
        node.due = node.ready + uniform(10, 150);
      }
    } else if (windows) {
      node.due = 400;
    }
    in.nodes.push_back(node);
  }
  for (int v = 0; v < vehicles; ++v) {
    vrp::Vehicle vehicle;
    vehicle.capacity = integer(8, 25);
    if (windows) {
      vehicle.start = uniform(0, 40);
      vehicle.end = uniform(250, 420);
    }
    in.vehicles.push_back(vehicle);
  }
  const double speed = uniform(0.5, 1.5);
  const auto n = static_cast<std::size_t>(customers + 1);
  in.distance.resize(n * n);
  in.duration.resize(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double d = std::hypot(xy[i].first - xy[j].first, xy[i].second - xy[j].second);
      in.distance[i * n + j] = d;
      in.duration[i * n + j] = d * speed;
    }
  }
  return in;
}

} // namespace

TEST_CASE("routing: tiny instances reach the exhaustive optimum, every route verified") {
  std::mt19937 random(20261129);
  int with_unassigned = 0;
  // PANIER_ROUTING_ROUNDS=N runs more of them, for a longer stress run by hand.
  const int rounds =
      std::getenv("PANIER_ROUTING_ROUNDS") != nullptr ? std::atoi(std::getenv("PANIER_ROUTING_ROUNDS")) : 120;
  for (int round = 0; round < rounds; ++round) {
    const int customers = 1 + round % 8;
    const int vehicles = 1 + round % 3;
    const bool windows = round % 4 != 0;
    const vrp::Instance in = random_instance(random, customers, vehicles, windows);
    const Exact exact = exhaustive(in);
    const vrp::Solution s = vrp::solve(in, vrp::Options{static_cast<std::uint64_t>(round) + 1, 0, 10.0, {}});
    CAPTURE(round);
    const double distance = verify(in, s);
    REQUIRE(customers - static_cast<int>(s.unassigned.size()) == exact.served);
    CHECK(distance == doctest::Approx(exact.distance).epsilon(1e-9));
    with_unassigned += s.unassigned.empty() ? 0 : 1;
  }
  // The generator makes both kinds of instance: all served, and some customers impossible.
  CHECK(with_unassigned > 0);
  CHECK(with_unassigned < rounds);
}

TEST_CASE("routing: larger random instances stay feasible, and a seed gives one answer") {
  std::mt19937 random(7);
  for (int round = 0; round < 6; ++round) {
    const vrp::Instance in = random_instance(random, 30 + 5 * round, 4 + round % 3, round % 2 == 0);
    const vrp::Options options{3, 20000, 10.0, {}};
    const vrp::Solution a = vrp::solve(in, options);
    verify(in, a);
    const vrp::Solution b = vrp::solve(in, options);
    CHECK(a.distance == b.distance);
    CHECK(a.unassigned == b.unassigned);
    REQUIRE(a.routes.size() == b.routes.size());
    for (std::size_t r = 0; r < a.routes.size(); ++r) {
      CHECK(a.routes[r].stops == b.routes[r].stops);
    }
  }
}

TEST_CASE("routing: timetables wait for windows and leave no later than needed") {
  vrp::Instance in;
  in.nodes = {vrp::Node{0, 0, 1000, 0}, vrp::Node{2, 100, 120, 5}, vrp::Node{3, 0, 1000, 5}};
  in.vehicles = {vrp::Vehicle{10, 0, 1000}};
  in.distance = {0, 10, 20, 10, 0, 10, 20, 10, 0};
  in.duration = in.distance;
  const vrp::Timetable t = vrp::timetable(in, vrp::Route{0, {1, 2}});
  CHECK(t.feasible);
  CHECK(t.leave == 90); // not at 0: it would wait 90 minutes at the first stop
  CHECK(t.arrival[0] == 100);
  CHECK(t.departure[0] == 105);
  CHECK(t.arrival[1] == 115);
  CHECK(t.back == 140);
  CHECK(t.distance == 40);
  CHECK(t.load == 5);
  CHECK(vrp::timetable(in, vrp::Route{0, {2, 1}}).feasible); // at the first stop at 20 + 5 + 10 = 35 <= 120
  const vrp::Solution s = vrp::solve(in);
  CHECK(verify(in, s) == 40);
  CHECK(s.routes.size() == 1);
  in.nodes[2].due = 20; // now the second stop must come first
  CHECK_FALSE(vrp::timetable(in, vrp::Route{0, {1, 2}}).feasible);
  const vrp::Solution t2 = vrp::solve(in);
  CHECK(verify(in, t2) == 40);
  REQUIRE(t2.routes.size() == 1);
  CHECK(t2.routes[0].stops == std::vector<int>{2, 1});
}

TEST_CASE("routing: an instance that is not well formed is refused") {
  vrp::Instance in;
  in.nodes = {vrp::Node{}, vrp::Node{1, 10, 5, 0}};
  in.vehicles = {vrp::Vehicle{5, 0, 100}};
  in.distance = {0, 1, 1, 0};
  in.duration = in.distance;
  CHECK_THROWS_AS(vrp::solve(in), std::invalid_argument);
  in.nodes[1].due = 20;
  in.distance.pop_back();
  CHECK_THROWS_AS(vrp::solve(in), std::invalid_argument);
}

TEST_CASE("vrp files: TSPLIB CVRP and LKH-3 VRPTW") {
  std::istringstream cvrp(
      "NAME : T-n4-k2\nCOMMENT : (test, Optimal value: 10)\nTYPE : CVRP\nDIMENSION : 4\n"
      "EDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 5\nNODE_COORD_SECTION\n1 0 0\n2 3 4\n3 0 1.5\n"
      "4 -3 -4\nDEMAND_SECTION\n1 0\n2 3\n3 2\n4 4\nDEPOT_SECTION\n 1\n -1\nEOF\n");
  const auto a = vrp::read_benchmark(cvrp);
  CHECK(a.name == "T-n4-k2");
  CHECK(a.instance.vehicles.size() == 2); // from "-k2"
  CHECK(a.instance.vehicles[0].capacity == 5);
  CHECK(a.instance.dist(0, 1) == 5);
  CHECK(a.instance.dist(0, 2) == 2); // 1.5 rounds up
  CHECK(a.instance.nodes[3].demand == 4);
  const auto sa = vrp::solve(a.instance);
  CHECK(verify(a.instance, sa) == doctest::Approx(exhaustive(a.instance).distance));

  std::istringstream vrptw("NAME : W\nTYPE : CVRPTW\nDIMENSION : 3\nVEHICLES : 1\nCAPACITY : 10\n"
                           "SERVICE_TIME : 2\nSCALE : 10\nEDGE_WEIGHT_TYPE : FLOOR_2D\nNODE_COORD_SECTION\n"
                           "1 0 0\n2 1 1\n3 2 0\nDEMAND_SECTION\n1 0\n2 1\n3 1\nTIME_WINDOW_SECTION\n1 0 50\n"
                           "2 0 3\n3 5 9\nDEPOT_SECTION\n1\n-1\nEOF\n");
  const auto b = vrp::read_benchmark(vrptw);
  CHECK(b.instance.dist(0, 1) == doctest::Approx(1.4)); // 1.414... truncated to 0.1
  CHECK(b.instance.time(0, 1) == doctest::Approx(1.4));
  CHECK(b.instance.nodes[1].service == 2);
  CHECK(b.instance.nodes[0].service == 0);
  CHECK(b.instance.nodes[2].ready == 5);
  CHECK(b.instance.nodes[0].due == 50);
  const auto sb = vrp::solve(b.instance);
  CHECK(sb.unassigned.empty());
  CHECK(verify(b.instance, sb) == doctest::Approx(4.8)); // 1.4 + 1.4 + 2.0

  std::istringstream bad("NAME : X\nTYPE : TSP\n");
  CHECK_THROWS_WITH_AS(vrp::read_benchmark(bad), "2: TYPE TSP is not CVRP or CVRPTW", std::runtime_error);
  std::istringstream no_vehicles(
      "NAME : X\nTYPE : CVRP\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 5\n"
      "NODE_COORD_SECTION\n1 0 0\n3 1 1\nEOF\n");
  CHECK_THROWS_WITH_AS(vrp::read_benchmark(no_vehicles),
                       "8: a node number must be a whole number between 1 and 2", std::runtime_error);
  // What an audit found: casts of doubles out of an int's range, an escaping std::out_of_range
  // and n² doubles allocated for any DIMENSION. Each is a located std::runtime_error now.
  const auto error_of = [](const std::string& text) {
    std::istringstream in(text);
    try {
      vrp::read_benchmark(in);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string head =
      "NAME : X-k2\nTYPE : CVRP\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 5\n";
  CHECK(error_of("DIMENSION : 100000\n") == "1: DIMENSION must be a whole number between 1 and 5000");
  CHECK(error_of("DIMENSION : 1e300\n") == "1: DIMENSION must be a whole number between 1 and 5000");
  CHECK(error_of("CAPACITY : -1e19\n") == "1: CAPACITY must be a whole number between 1 and 1000000000");
  CHECK(error_of("VEHICLES : nan\n") == "1: \"nan\" is not a number");
  CHECK(error_of(head + "NODE_COORD_SECTION\n1e30 0 0\n") ==
        "7: a node number must be a whole number between 1 and 2");
  CHECK(error_of(head + "DEMAND_SECTION\n2 3e12\n") ==
        "7: a demand must be a whole number between 0 and 1000000000");
  CHECK(error_of("NAME : X-k99999999999999999999\nTYPE : CVRP\nDIMENSION : 1\nEDGE_WEIGHT_TYPE : EUC_2D\n"
                 "CAPACITY : 5\nEOF\n") ==
        "6: the number of vehicles must be a whole number between 1 and 5000");
  CHECK(error_of(head + "SCALE : 0\n") == "6: SCALE must be above 0 and at most 1e9");
  CHECK(error_of(head + "NODE_COORD_SECTION\n1 0 1e200\n") == "7: a coordinate beyond 1e9");
}

namespace {

// A configuration of `points` points around a garden, with the given vans.
std::string routes_config(const std::string& vans, const std::string& extra = "") {
  std::string text = R"([organisation]
name = "Routes"

[depot]
name = "Garden"
lat = 50.45
lon = 2.79
open = "07:00"
close = "14:00"

[sizes.M]
value = 15
target_kg = 4
min_items = 3
max_items = 6

[funders.f]
name = "F"

[schemes.s]
share_cap = "1/3"
tiers = [{ name = "T", qf_max = 2000, share = 0.3 }]
funders = [{ id = "f", share = 1 }]

[points.north]
name = "North"
address = "1 rue du Nord"
lat = 50.50
lon = 2.79
open = "09:00"
close = "12:00"
service_min = 10

[points.east]
name = "East"
lat = 50.45
lon = 2.87
open = "08:00"
close = "09:00"
service_min = 10

[points.far]
name = "Far"
lat = 51.40
lon = 2.79
open = "08:00"
close = "08:30"

[routing]
speed_kmh = 30
detour_factor = 1.2
)";
  return text + extra + vans;
}

Config load(const TempDir& dir, const std::string& text) {
  return load_config(dir.write("panier.toml", text), PANIER_SOURCE_DATA);
}

} // namespace

TEST_CASE("routes: travel from coordinates, and a matrix that overrides it") {
  TempDir dir;
  const std::string vans = "\n[vans.v]\ncapacity = 20\nstart = \"07:30\"\nend = \"13:00\"\n";
  const Config plain = load(dir, routes_config(vans));
  const Travel t = load_travel(plain);
  REQUIRE(t.places == std::vector<std::string>{"depot", "north", "east", "far"});
  // 0.05 degrees of latitude is 5.56 km; times 1.2 detour; at 30 km/h.
  CHECK(t.km_between(0, 1) == doctest::Approx(5.5597 * 1.2).epsilon(1e-3));
  CHECK(t.minutes_between(0, 1) == doctest::Approx(5.5597 * 1.2 * 2).epsilon(1e-3));
  CHECK(t.km_between(1, 0) == t.km_between(0, 1));
  CHECK(t.km_between(2, 2) == 0);

  dir.write("distances.csv", "from,to,km,minutes\ndepot,north,7.5,12\nnorth,depot,8,13\neast;north,1,2\n");
  CHECK_THROWS_AS(load_travel(load(dir, routes_config(vans, "matrix = \"distances.csv\"\n"))), Error);
  dir.write("distances.csv", "from,to,km,minutes\ndepot,north,7.5,12\nnorth,depot,8,13\neast,north,1,2\n");
  const Travel m = load_travel(load(dir, routes_config(vans, "matrix = \"distances.csv\"\n")));
  CHECK(m.km_between(0, 1) == 7.5);
  CHECK(m.minutes_between(0, 1) == 12);
  CHECK(m.km_between(1, 0) == 8); // its own row
  CHECK(m.km_between(2, 1) == 1);
  CHECK(m.km_between(1, 2) == 1); // the way back, from the same row
  CHECK(m.minutes_between(1, 2) == 2);
  CHECK(m.km_between(0, 3) == t.km_between(0, 3)); // not in the file: from coordinates

  dir.write("distances.csv", "from,to,km,minutes\ndepot,nowhere,7.5,12\ndepot,north,-1,3\n");
  try {
    load_travel(load(dir, routes_config(vans, "matrix = \"distances.csv\"\n")));
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
    REQUIRE(e.messages().size() == 2);
    CHECK(e.messages()[0].find("distances.csv:2:") != std::string::npos);
    CHECK(e.messages()[0].find("\"nowhere\"") != std::string::npos);
    CHECK(e.messages()[1].find("distances.csv:3:") != std::string::npos);
  }
}

TEST_CASE("routes: a point's baskets share vans when that is needed to fit or saves a van") {
  TempDir dir;
  const std::string van = "capacity = 10\nstart = \"07:30\"\nend = \"13:00\"\n";
  auto routed = [](const DeliveryRoutes& r) {
    int n = 0;
    for (const auto& v : r.vans) {
      n += v.baskets;
      int load = v.baskets;
      for (const auto& stop : v.stops) {
        load -= stop.baskets;
      }
      CHECK(load == 0);
      CHECK(v.baskets <= 10);
    }
    return n;
  };
  // Two vans of 10 for 18 baskets: whole drops of 6 (north's 12 cut in two, east's 6) leave one
  // drop out; shared, every basket goes.
  const Config two = load(dir, routes_config("\n[vans.a]\n" + van + "\n[vans.b]\n" + van));
  const DeliveryRoutes fit =
      plan_routes(two, load_travel(two), *Week::from_year_week(2026, 10), {{"north", 12}, {"east", 6}});
  CHECK(routed(fit) == 18);
  CHECK(fit.unassigned.empty());
  // Three vans of 10 for the same 18: whole drops need three vans, shared ones two.
  const Config three =
      load(dir, routes_config("\n[vans.a]\n" + van + "\n[vans.b]\n" + van + "\n[vans.c]\n" + van));
  const DeliveryRoutes saved =
      plan_routes(three, load_travel(three), *Week::from_year_week(2026, 10), {{"north", 12}, {"east", 6}});
  CHECK(routed(saved) == 18);
  CHECK(saved.vans.size() == 2);
}

TEST_CASE("routes: a week's rounds, split drops and points no van can serve") {
  TempDir dir;
  const Config config =
      load(dir, routes_config("\n[vans.small]\ncapacity = 12\nstart = \"07:30\"\nend = \"13:00\"\n"
                              "\n[vans.big]\ncapacity = 15\nstart = \"07:30\"\nend = \"13:00\"\n"));
  const Travel travel = load_travel(config);
  // 20 baskets to north: more than the largest van (15).
  const DeliveryRoutes r =
      plan_routes(config, travel, *Week::from_year_week(2026, 10), {{"north", 20}, {"east", 5}, {"far", 3}});
  int routed = 0;
  for (const auto& van : r.vans) {
    int load = van.baskets;
    const auto spec =
        std::find_if(config.vans.begin(), config.vans.end(), [&](const Van& v) { return v.id == van.van; });
    REQUIRE(spec != config.vans.end());
    CHECK(van.baskets <= spec->capacity);
    CHECK(van.leave >= 7 * 60 + 30);
    CHECK(van.back <= 13 * 60);
    for (const auto& stop : van.stops) {
      const Point* p = config.find_point(stop.point);
      REQUIRE(p != nullptr);
      CHECK(stop.arrival <= p->close + 1e-9);
      CHECK(stop.departure >= p->open + p->service_min - 1e-9);
      load -= stop.baskets;
      CHECK(stop.load_after == load);
      routed += stop.baskets;
    }
    CHECK(load == 0);
  }
  // North is split in two drops (10 + 10), both vans carry one; east fits in with one of them.
  CHECK(routed == 25);
  REQUIRE(r.unassigned.size() == 1);
  CHECK(r.unassigned[0].point == "far"); // 100 km north, closing at 08:30
  CHECK(r.unassigned[0].baskets == 3);
  CHECK_FALSE(r.unassigned[0].reachable);

  // More baskets than room: the remainder is reported, with room as the reason.
  const DeliveryRoutes full =
      plan_routes(config, travel, *Week::from_year_week(2026, 10), {{"north", 20}, {"east", 9}});
  int served = 0;
  for (const auto& van : full.vans) {
    served += van.baskets;
  }
  int unserved = 0;
  for (const auto& u : full.unassigned) {
    unserved += u.baskets;
    CHECK(u.reachable);
  }
  CHECK(served + unserved == 29);
  CHECK(served <= 27);
  CHECK(unserved > 0);

  const std::string csv = render::routes_csv(r);
  CHECK(csv.rfind("week,van,stop,point,arrival,departure,baskets,load_after,km\n", 0) == 0);
  CHECK(csv.find("\n2026-W10,,,far,,,3,,\n") != std::string::npos);
  const std::string html = render::routes_html(r, config, *Date::from_ymd(2026, 3, 5));
  CHECK(html.find("1 rue du Nord") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
}
