#include "panier/optim/routing.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

namespace panier::vrp {

namespace {

constexpr double k_tolerance = 1e-9;

// A deterministic source of randomness: the standard distributions are not the same on every
// library, so the draws are made here from the raw 64-bit engine.
class Random {
public:
  explicit Random(std::uint64_t seed) : m_engine(seed) {}
  double unit() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; } // [0, 1)
  int below(int n) { return static_cast<int>(unit() * n); }                   // [0, n)
  template <typename T> void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) {
      std::swap(items[i - 1], items[static_cast<std::size_t>(below(static_cast<int>(i)))]);
    }
  }

private:
  std::mt19937_64 m_engine;
};

struct State {
  std::vector<std::vector<int>> routes; // per vehicle
  std::vector<int> unassigned;
  int overload = 0; // baskets above capacity, summed over vehicles (allowed while searching)
  double cost = 0;
};

class Solver {
public:
  Solver(const Instance& instance, const Options& options)
      : m_in(instance), m_n(instance.size()), m_vehicles(static_cast<int>(instance.vehicles.size())),
        m_tuning(options.tuning), m_random(options.seed) {
    const Tuning& t = m_tuning;
    double longest = 0;
    double sum = 0;
    for (int i = 0; i < m_n; ++i) {
      for (int j = 0; j < m_n; ++j) {
        longest = std::max(longest, m_in.dist(i, j));
        sum += m_in.dist(i, j);
      }
    }
    const double mean = m_n > 1 ? sum / (m_n * (m_n - 1)) : 1.0;
    m_penalty = t.unserved_penalty * (m_n + m_vehicles + 1) * (longest + 1.0);
    m_vehicle_cost = t.vehicle_cost * (mean + 1e-3);
    int demand = 0;
    for (const auto& node : m_in.nodes) {
      demand += node.demand;
    }
    m_overload_start = (mean + 1e-3) / std::max(1.0, static_cast<double>(demand) / std::max(1, m_n - 1));
    m_t_start = t.start_temperature * mean;
    m_t_end = t.end_temperature * mean;
    // Enough for the benchmarks' optima up to 30 nodes; bounded for large instances, so that the
    // iteration count (not the clock) ends the search and the answer stays the same.
    m_iterations = options.iterations > 0
                       ? options.iterations
                       : std::clamp(t.iterations_per_node * m_n, t.min_iterations, t.max_iterations);
    m_time_limit = options.time_limit;
    // Neighbours of each node, nearest first (itself first).
    m_neighbours.resize(static_cast<std::size_t>(m_n));
    for (int c = 1; c < m_n; ++c) {
      auto& list = m_neighbours[static_cast<std::size_t>(c)];
      for (int o = 1; o < m_n; ++o) {
        list.push_back(o);
      }
      std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
        return (a == c ? -1.0 : m_in.dist(c, a)) < (b == c ? -1.0 : m_in.dist(c, b));
      });
    }
  }

  Solution run() {
    const auto started = std::chrono::steady_clock::now();
    State current;
    current.routes.resize(static_cast<std::size_t>(m_vehicles));
    for (int c = 1; c < m_n; ++c) {
      current.unassigned.push_back(c);
    }
    // The start respects capacities; the search may then overload a vehicle at a price that rises
    // while it does, so that it can pass through overloaded states to reach a better feasible one.
    m_overload_cost = k_never;
    recreate(current, 1);
    State best = current;
    m_overload_cost = m_overload_start;
    current.cost = evaluate(current);
    Solution out;
    long it = 0;
    for (; it < m_iterations; ++it) {
      if (it % m_tuning.clock_every == 0 && it > 0 &&
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() > m_time_limit) {
        out.time_limit_reached = true;
        break;
      }
      if (it % m_tuning.overload_every == 0 && it > 0) {
        m_overload_cost = current.overload > 0 ? m_overload_cost * m_tuning.overload_growth
                                               : std::max(m_overload_start / m_tuning.overload_floor,
                                                          m_overload_cost / m_tuning.overload_growth);
        current.cost = evaluate(current);
      }
      const double temperature =
          m_t_start *
          std::pow(m_t_end / m_t_start, static_cast<double>(it) / static_cast<double>(m_iterations));
      State candidate = current;
      if (m_vehicles > 1 && m_random.unit() < m_tuning.swap_probability) {
        swap_vehicles(candidate);
      }
      ruin(candidate);
      recreate(candidate, 0);
      if (candidate.cost < current.cost - temperature * std::log(1.0 - m_random.unit())) {
        current = std::move(candidate);
        if (current.overload == 0 && current.cost < best.cost - k_tolerance) {
          best = current;
        }
      }
    }
    out.iterations = it;
    for (int v = 0; v < m_vehicles; ++v) {
      const auto& stops = best.routes[static_cast<std::size_t>(v)];
      if (!stops.empty()) {
        out.routes.push_back(Route{v, stops});
        out.distance += route_distance(stops);
      }
    }
    out.unassigned = best.unassigned;
    std::sort(out.unassigned.begin(), out.unassigned.end());
    return out;
  }

private:
  double route_distance(const std::vector<int>& stops) const {
    double d = 0;
    int previous = 0;
    for (int s : stops) {
      d += m_in.dist(previous, s);
      previous = s;
    }
    return d + (stops.empty() ? 0.0 : m_in.dist(previous, 0));
  }

  double evaluate(State& state) const {
    double cost = static_cast<double>(state.unassigned.size()) * m_penalty;
    state.overload = 0;
    for (int v = 0; v < m_vehicles; ++v) {
      const auto& stops = state.routes[static_cast<std::size_t>(v)];
      if (!stops.empty()) {
        cost += route_distance(stops) + m_vehicle_cost;
        int load = 0;
        for (int s : stops) {
          load += m_in.nodes[static_cast<std::size_t>(s)].demand;
        }
        state.overload += std::max(0, load - m_in.vehicles[static_cast<std::size_t>(v)].capacity);
      }
    }
    return state.overload > 0 ? cost + m_overload_cost * state.overload : cost;
  }

  // What insertion needs of a route: the departure time from each position (0 = the depot) on the
  // earliest schedule, the latest start of service at each position that keeps the rest on time
  // (last = the depot on return), and the load.
  struct Slack {
    std::vector<double> departure;
    std::vector<double> latest;
    int load = 0;
  };

  void compute_slack(const std::vector<int>& stops, int v, Slack& slack) const {
    const std::size_t m = stops.size();
    slack.departure.resize(m + 1);
    slack.latest.resize(m + 2);
    slack.departure[0] = m_in.leave_after(v);
    slack.load = 0;
    int previous = 0;
    for (std::size_t k = 0; k < m; ++k) {
      const Node& node = m_in.nodes[static_cast<std::size_t>(stops[k])];
      const double arrival = slack.departure[k] + m_in.time(previous, stops[k]);
      slack.departure[k + 1] = std::max(arrival, node.ready) + node.service;
      slack.load += node.demand;
      previous = stops[k];
    }
    slack.latest[m + 1] = m_in.back_by(v);
    int next = 0;
    for (std::size_t k = m; k >= 1; --k) {
      const Node& node = m_in.nodes[static_cast<std::size_t>(stops[k - 1])];
      slack.latest[k] =
          std::min(node.due, slack.latest[k + 1] - m_in.time(stops[k - 1], next) - node.service);
      next = stops[k - 1];
    }
  }

  // Whether `stops` keeps every window and is back in time when driven by vehicle `v`.
  bool on_time(const std::vector<int>& stops, int v) const {
    double clock = m_in.leave_after(v);
    int previous = 0;
    for (int s : stops) {
      const Node& node = m_in.nodes[static_cast<std::size_t>(s)];
      clock += m_in.time(previous, s);
      if (clock > node.due + k_tolerance) {
        return false;
      }
      clock = std::max(clock, node.ready) + node.service;
      previous = s;
    }
    return clock + m_in.time(previous, 0) <= m_in.back_by(v) + k_tolerance;
  }

  // Gives two vehicles each other's round (one may be empty), when both stay on time: with
  // vehicles of different sizes or hours, which one drives which round matters, and insertion
  // alone would always open the first free vehicle.
  void swap_vehicles(State& state) {
    const int a = m_random.below(m_vehicles);
    const int b = (a + 1 + m_random.below(m_vehicles - 1)) % m_vehicles;
    auto& ra = state.routes[static_cast<std::size_t>(a)];
    auto& rb = state.routes[static_cast<std::size_t>(b)];
    if (on_time(ra, b) && on_time(rb, a)) {
      std::swap(ra, rb);
    }
  }

  // Removes strings of neighbouring nodes from a few routes (the ruin of "slack induction by string
  // removals", in its plain form).
  void ruin(State& state) {
    int served = 0;
    int used = 0;
    for (const auto& stops : state.routes) {
      served += static_cast<int>(stops.size());
      used += stops.empty() ? 0 : 1;
    }
    if (served == 0) {
      return;
    }
    const Tuning& t = m_tuning;
    const double average_removed =
        std::min(t.removed_max, std::max(t.removed_min, t.removed_share * (m_n - 1)));
    const double string_max = std::min(t.string_max, static_cast<double>(served) / used);
    const double strings_max = t.strings_factor * average_removed / (1.0 + string_max) - 1.0;
    const int strings = static_cast<int>(1.0 + m_random.unit() * std::max(0.0, strings_max));
    std::vector<int> where(static_cast<std::size_t>(m_n), -1);
    for (int v = 0; v < m_vehicles; ++v) {
      for (int s : state.routes[static_cast<std::size_t>(v)]) {
        where[static_cast<std::size_t>(s)] = v;
      }
    }
    // A served node to start from.
    int seed = 1 + m_random.below(m_n - 1);
    while (where[static_cast<std::size_t>(seed)] < 0) {
      seed = 1 + m_random.below(m_n - 1);
    }
    std::vector<char> ruined(static_cast<std::size_t>(m_vehicles), 0);
    int done = 0;
    for (int c : m_neighbours[static_cast<std::size_t>(seed)]) {
      if (done >= strings) {
        break;
      }
      const int v = where[static_cast<std::size_t>(c)];
      if (v < 0 || ruined[static_cast<std::size_t>(v)]) {
        continue;
      }
      auto& stops = state.routes[static_cast<std::size_t>(v)];
      const int size = static_cast<int>(stops.size());
      const int longest = std::min(size, static_cast<int>(string_max));
      const int length = 1 + m_random.below(std::max(1, longest));
      const int at = static_cast<int>(std::find(stops.begin(), stops.end(), c) - stops.begin());
      // A string of `length` stops that contains `at`.
      const int first_min = std::max(0, at - length + 1);
      const int first_max = std::min(at, size - length);
      const int first = first_min + m_random.below(first_max - first_min + 1);
      for (int k = first; k < first + length; ++k) {
        state.unassigned.push_back(stops[static_cast<std::size_t>(k)]);
      }
      stops.erase(stops.begin() + first, stops.begin() + first + length);
      ruined[static_cast<std::size_t>(v)] = 1;
      ++done;
    }
  }

  // Puts every unassigned node back at its cheapest feasible place, in an order drawn at random
  // among: shuffled, largest demand first, farthest from the depot first, nearest first.
  // Long on purpose: the search's innermost loop (every position of every route for every node),
  // kept whole so that its O(1) feasibility checks stay next to the costs they guard.
  void recreate(State& state, int fixed_order) {
    std::vector<int> pending = std::move(state.unassigned);
    state.unassigned.clear();
    m_random.shuffle(pending);
    const int order = fixed_order > 0 ? fixed_order : m_random.below(11);
    if (order >= 4 && order < 8) {
      std::stable_sort(pending.begin(), pending.end(), [&](int a, int b) {
        return m_in.nodes[static_cast<std::size_t>(a)].demand >
               m_in.nodes[static_cast<std::size_t>(b)].demand;
      });
    } else if (order >= 8 && order < 10) {
      std::stable_sort(pending.begin(), pending.end(),
                       [&](int a, int b) { return m_in.dist(0, a) > m_in.dist(0, b); });
    } else if (order == 10) {
      std::stable_sort(pending.begin(), pending.end(),
                       [&](int a, int b) { return m_in.dist(0, a) < m_in.dist(0, b); });
    }
    m_slack.resize(static_cast<std::size_t>(m_vehicles));
    for (int v = 0; v < m_vehicles; ++v) {
      compute_slack(state.routes[static_cast<std::size_t>(v)], v, m_slack[static_cast<std::size_t>(v)]);
    }
    const double blink = m_tuning.blink;
    for (int c : pending) {
      const Node& node = m_in.nodes[static_cast<std::size_t>(c)];
      double best = k_never;
      int best_vehicle = -1;
      std::size_t best_position = 0;
      for (int v = 0; v < m_vehicles; ++v) {
        const auto& stops = state.routes[static_cast<std::size_t>(v)];
        const Slack& slack = m_slack[static_cast<std::size_t>(v)];
        const int capacity = m_in.vehicles[static_cast<std::size_t>(v)].capacity;
        const int excess =
            std::max(0, slack.load + node.demand - capacity) - std::max(0, slack.load - capacity);
        if (excess > 0 && m_overload_cost == k_never) {
          continue;
        }
        const double opening =
            (stops.empty() ? m_vehicle_cost : 0.0) + (excess > 0 ? m_overload_cost * excess : 0.0);
        for (std::size_t k = 0; k <= stops.size(); ++k) {
          const int before = k == 0 ? 0 : stops[k - 1];
          const int after = k == stops.size() ? 0 : stops[k];
          const double delta =
              m_in.dist(before, c) + m_in.dist(c, after) - m_in.dist(before, after) + opening;
          if (delta >= best || m_random.unit() < blink) {
            continue;
          }
          const double arrival = slack.departure[k] + m_in.time(before, c);
          if (arrival > node.due + k_tolerance) {
            continue;
          }
          const double next = std::max(arrival, node.ready) + node.service + m_in.time(c, after);
          const double next_begin =
              after == 0 ? next : std::max(next, m_in.nodes[static_cast<std::size_t>(after)].ready);
          if (next_begin > slack.latest[k + 1] + k_tolerance) {
            continue;
          }
          best = delta;
          best_vehicle = v;
          best_position = k;
        }
      }
      // Overloading a vehicle more than leaving the node out would cost is no better.
      if (best_vehicle < 0 || best >= m_penalty) {
        state.unassigned.push_back(c);
        continue;
      }
      auto& stops = state.routes[static_cast<std::size_t>(best_vehicle)];
      stops.insert(stops.begin() + static_cast<std::ptrdiff_t>(best_position), c);
      compute_slack(stops, best_vehicle, m_slack[static_cast<std::size_t>(best_vehicle)]);
    }
    state.cost = evaluate(state);
  }

  const Instance& m_in;
  int m_n;
  int m_vehicles;
  Tuning m_tuning;
  Random m_random;
  double m_penalty = 0;
  double m_vehicle_cost = 0;
  double m_overload_start = 0;
  double m_overload_cost = 0;
  double m_t_start = 0;
  double m_t_end = 0;
  long m_iterations = 0;
  double m_time_limit = 0;
  std::vector<std::vector<int>> m_neighbours;
  std::vector<Slack> m_slack;
};

} // namespace

double Instance::leave_after(int v) const {
  return std::max(vehicles[static_cast<std::size_t>(v)].start, nodes.front().ready);
}

double Instance::back_by(int v) const {
  return std::min(vehicles[static_cast<std::size_t>(v)].end, nodes.front().due);
}

void validate(const Instance& instance) {
  const auto n = instance.nodes.size();
  if (n == 0) {
    throw std::invalid_argument("routing: no depot");
  }
  if (instance.distance.size() != n * n || instance.duration.size() != n * n) {
    throw std::invalid_argument(
        "routing: the distance and time tables must have one entry per pair of nodes");
  }
  for (std::size_t i = 0; i < n * n; ++i) {
    if (!(instance.distance[i] >= 0) || !(instance.duration[i] >= 0)) {
      throw std::invalid_argument("routing: distances and times must be non-negative numbers");
    }
  }
  for (const auto& node : instance.nodes) {
    if (node.demand < 0 || node.service < 0 || node.due < node.ready) {
      throw std::invalid_argument("routing: a node has a negative demand or service, or an empty window");
    }
  }
  for (const auto& vehicle : instance.vehicles) {
    if (vehicle.capacity < 0 || vehicle.end < vehicle.start) {
      throw std::invalid_argument("routing: a vehicle has a negative capacity or no working hours");
    }
  }
}

Solution solve(const Instance& instance, const Options& options) {
  validate(instance);
  if (instance.size() <= 1 || instance.vehicles.empty()) {
    Solution out;
    for (int c = 1; c < instance.size(); ++c) {
      out.unassigned.push_back(c);
    }
    return out;
  }
  return Solver(instance, options).run();
}

Timetable timetable(const Instance& instance, const Route& route) {
  Timetable t;
  const std::size_t m = route.stops.size();
  auto run = [&](double leave) {
    t.leave = leave;
    t.arrival.assign(m, 0);
    t.begin.assign(m, 0);
    t.departure.assign(m, 0);
    t.distance = 0;
    t.load = 0;
    t.feasible = true;
    double clock = leave;
    int previous = 0;
    for (std::size_t k = 0; k < m; ++k) {
      const int s = route.stops[k];
      const Node& node = instance.nodes[static_cast<std::size_t>(s)];
      t.arrival[k] = clock + instance.time(previous, s);
      t.begin[k] = std::max(t.arrival[k], node.ready);
      t.departure[k] = t.begin[k] + node.service;
      t.distance += instance.dist(previous, s);
      t.load += node.demand;
      t.feasible = t.feasible && t.arrival[k] <= node.due + k_tolerance;
      clock = t.departure[k];
      previous = s;
    }
    t.back = clock + instance.time(previous, 0);
    t.distance += instance.dist(previous, 0);
    t.feasible = t.feasible && t.back <= instance.back_by(route.vehicle) + k_tolerance &&
                 t.load <= instance.vehicles[static_cast<std::size_t>(route.vehicle)].capacity;
  };
  const double earliest = instance.leave_after(route.vehicle);
  run(earliest);
  if (!t.feasible || m == 0) {
    return t;
  }
  // Leaving later by d delays the arrival at stop k by max(0, d - waiting before k).
  double waited = 0;
  double delay = k_never;
  for (std::size_t k = 0; k < m; ++k) {
    const Node& node = instance.nodes[static_cast<std::size_t>(route.stops[k])];
    delay = std::min(delay, node.due - t.arrival[k] + waited);
    waited += t.begin[k] - t.arrival[k];
  }
  delay = std::max(0.0, std::min(delay, waited));
  if (delay > 0) {
    run(earliest + delay);
  }
  return t;
}

} // namespace panier::vrp
