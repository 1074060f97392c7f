// Vehicle routing with capacities and time windows (CVRPTW), independent of panier's data: several
// vehicles (capacity, working hours), one depot, nodes with a demand, a window and a service time,
// and a travel distance and time between every two nodes. Objective: every node served if at all
// possible, then the least total distance, then the fewest vehicles.
//
// Method: a greedy insertion start, then ruin and recreate under simulated annealing: each
// iteration removes strings of neighbouring nodes from a few routes and puts them back at their
// cheapest feasible places (with a small chance of skipping a place, which diversifies), keeping
// the result when annealing accepts it. Deterministic for a given seed and iteration count.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace panier::vrp {

inline constexpr double k_never = std::numeric_limits<double>::infinity();

struct Node {
  int demand = 0;
  double ready = 0;     // earliest start of service (a vehicle may wait)
  double due = k_never; // latest arrival
  double service = 0;   // time spent there
};

struct Vehicle {
  int capacity = 0;
  double start = 0;     // earliest departure from the depot
  double end = k_never; // latest return to the depot
};

struct Instance {
  std::vector<Node> nodes;       // nodes[0] is the depot: its ready/due bound every vehicle's day
  std::vector<Vehicle> vehicles; // at most one route each
  std::vector<double> distance;  // nodes.size()² row-major
  std::vector<double> duration;  // travel time, same layout

  int size() const { return static_cast<int>(nodes.size()); }
  double dist(int from, int to) const { return distance[static_cast<std::size_t>(from * size() + to)]; }
  double time(int from, int to) const { return duration[static_cast<std::size_t>(from * size() + to)]; }
  // The hours vehicle `v` can be away: its own, within the depot's.
  double leave_after(int v) const;
  double back_by(int v) const;
};

struct Route {
  int vehicle = 0;
  std::vector<int> stops; // node indices, depot excluded
};

struct Solution {
  std::vector<Route> routes;   // non-empty routes, by vehicle index
  std::vector<int> unassigned; // nodes no vehicle could take, ascending
  double distance = 0;
  long iterations = 0;
  bool time_limit_reached = false;
};

// The search's tuning, each a named knob (distances are relative to the instance's mean distance).
// The defaults are what the benchmarks in scripts/bench routes were measured with.
struct Tuning {
  long iterations_per_node = 4000; // the iteration count: per node, then clamped to the two below
  long min_iterations = 20000;
  long max_iterations = 150000;
  long clock_every = 128;         // iterations between two looks at the clock
  double start_temperature = 3.0; // annealing temperature at the start, × the mean distance
  double end_temperature = 0.03;  // and at the end (it falls geometrically in between)
  double swap_probability = 0.1;  // chance that an iteration first swaps two vehicles' routes
  long overload_every = 50;       // iterations between two updates of the overload price
  double overload_growth = 1.2;   // the price is multiplied while overloaded, divided otherwise
  double overload_floor = 100;    // never below its start divided by this
  double vehicle_cost = 1e-6;     // the price of using one more vehicle, × the mean distance
  double unserved_penalty = 4.0;  // the price of an unserved node, × (nodes + vehicles + 1) × longest leg
  double removed_share = 0.4;     // customers removed by a ruin: this share of them, within the bounds below
  double removed_min = 2.0;
  double removed_max = 10.0;
  double string_max = 10.0;    // the longest string of neighbours removed from one route
  double strings_factor = 4.0; // how many strings a ruin removes, at most (see ruin())
  double blink = 0.01;         // chance that an insertion position is skipped
};

struct Options {
  std::uint64_t seed = 1;
  long iterations = 0;      // 0: chosen from the instance size
  double time_limit = 30.0; // seconds; a safety net, reaching it makes the result timing-dependent
  Tuning tuning;
};

// Checks the instance is well-formed (sizes, non-negative values); throws std::invalid_argument.
void validate(const Instance& instance);

Solution solve(const Instance& instance, const Options& options = {});

// The timetable of one route. The vehicle leaves as late as it can without arriving anywhere
// later than it otherwise would have started service, so that it does not wait needlessly.
struct Timetable {
  double leave = 0;              // departure from the depot
  std::vector<double> arrival;   // at each stop
  std::vector<double> begin;     // start of service (after any wait for the window)
  std::vector<double> departure; // end of service
  double back = 0;               // return to the depot
  double distance = 0;
  int load = 0;
  bool feasible = true;
};
Timetable timetable(const Instance& instance, const Route& route);

} // namespace panier::vrp
