// The standard benchmark formats of vehicle routing, for measuring the route optimiser against
// published optima: TSPLIB CVRP (EUC_2D: Euclidean distance rounded to the nearest integer) and the
// LKH-3 VRPTW format (FLOOR_2D with SCALE: distance truncated to 1/SCALE; travel time = distance;
// SERVICE_TIME at every customer; the depot's window bounds every vehicle).
#pragma once

#include <istream>
#include <string>

#include "panier/optim/routing.hpp"

namespace panier::vrp {

struct BenchmarkInstance {
  std::string name;
  std::string type; // CVRP or CVRPTW
  Instance instance;
};

// Reads an instance. The number of vehicles is VEHICLES, or else the "-kN" of the name, or else
// the "trucks: N" of the comment. Throws std::runtime_error("LINE: what") on a malformed file.
BenchmarkInstance read_benchmark(std::istream& in);
BenchmarkInstance read_benchmark_file(const std::string& path);

} // namespace panier::vrp
