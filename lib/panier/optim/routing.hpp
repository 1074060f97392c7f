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

struct Options {
  std::uint64_t seed = 1;
  long iterations = 0;      // 0: chosen from the instance size
  double time_limit = 30.0; // seconds; a safety net, reaching it makes the result timing-dependent
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
