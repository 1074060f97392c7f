#include "vrp_file.hpp"

#include <cctype>
#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace panier::vrp {

namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) {
    return {};
  }
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

[[noreturn]] void fail(long line, const std::string& what) {
  throw std::runtime_error(fmt::format("{}: {}", line, what));
}

constexpr int k_max_dimension = 5000;

struct Coordinates {
  double x = 0;
  double y = 0;
};

} // namespace

BenchmarkInstance read_benchmark(std::istream& in) {
  BenchmarkInstance out;
  std::string comment;
  std::string weight_type;
  int dimension = 0;
  int vehicles = 0;
  int capacity = 0;
  double service = 0;
  double scale = 1;
  std::vector<Coordinates> coordinates;
  std::vector<int> demand;
  std::vector<std::pair<double, double>> windows;
  std::vector<double> services;
  std::string section;
  std::string raw;
  long line = 0;
  auto number = [&](const std::string& text) {
    std::size_t used = 0;
    double value = 0;
    try {
      value = std::stod(text, &used);
    } catch (const std::exception&) {
      fail(line, fmt::format("\"{}\" is not a number", text));
    }
    if (used != text.size() || !std::isfinite(value)) {
      fail(line, fmt::format("\"{}\" is not a number", text.substr(0, 40)));
    }
    return value;
  };
  // An integer in [min, max], checked before any conversion (a cast of a double out of an int's
  // range is undefined).
  auto integer_in = [&](double value, long min, long max, std::string_view what) {
    if (value != std::floor(value) || value < static_cast<double>(min) || value > static_cast<double>(max)) {
      fail(line, fmt::format("{} must be a whole number between {} and {}", what, min, max));
    }
    return static_cast<int>(value);
  };
  auto node_index = [&](double id) {
    return static_cast<std::size_t>(integer_in(id, 1, dimension, "a node number") - 1);
  };
  while (std::getline(in, raw)) {
    ++line;
    const std::string text = trim(raw);
    if (text.empty()) {
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(text[0]))) {
      const auto colon = text.find(':');
      const std::string key = trim(text.substr(0, colon));
      const std::string value = colon == std::string::npos ? std::string() : trim(text.substr(colon + 1));
      section.clear();
      if (key == "EOF") {
        break;
      } else if (key == "NAME") {
        out.name = value;
      } else if (key == "COMMENT") {
        comment = value;
      } else if (key == "TYPE") {
        out.type = value;
        if (value != "CVRP" && value != "CVRPTW") {
          fail(line, fmt::format("TYPE {} is not CVRP or CVRPTW", value.substr(0, 40)));
        }
      } else if (key == "DIMENSION") {
        // The distance and duration matrices take 16 n² bytes: 400 MB at the bound.
        dimension = integer_in(number(value), 1, k_max_dimension, "DIMENSION");
        coordinates.assign(static_cast<std::size_t>(dimension), {});
        demand.assign(static_cast<std::size_t>(dimension), 0);
        windows.assign(static_cast<std::size_t>(dimension), {0.0, k_never});
        services.assign(static_cast<std::size_t>(dimension), -1.0);
      } else if (key == "VEHICLES") {
        vehicles = integer_in(number(value), 1, k_max_dimension, "VEHICLES");
      } else if (key == "CAPACITY") {
        capacity = integer_in(number(value), 1, 1000000000, "CAPACITY");
      } else if (key == "SERVICE_TIME") {
        service = number(value);
        if (service < 0) fail(line, "SERVICE_TIME must not be negative");
      } else if (key == "SCALE") {
        scale = number(value);
        if (scale <= 0 || scale > 1e9) fail(line, "SCALE must be above 0 and at most 1e9");
      } else if (key == "EDGE_WEIGHT_TYPE") {
        weight_type = value;
        if (value != "EUC_2D" && value != "FLOOR_2D") {
          fail(line, fmt::format("EDGE_WEIGHT_TYPE {} is not EUC_2D or FLOOR_2D", value.substr(0, 40)));
        }
      } else if (key.size() > 8 && key.compare(key.size() - 8, 8, "_SECTION") == 0) {
        if (dimension == 0) {
          fail(line, fmt::format("{} before DIMENSION", key.substr(0, 40)));
        }
        section = key;
      } else {
        fail(line, fmt::format("unknown keyword {}", key.substr(0, 40)));
      }
      continue;
    }
    std::vector<double> values;
    std::istringstream fields(text);
    for (std::string field; fields >> field;) {
      values.push_back(number(field));
    }
    if (section == "DEPOT_SECTION") {
      if (values.size() == 1 && values[0] != -1 && values[0] != 1) {
        fail(line, "only node 1 can be the depot");
      }
      continue;
    }
    const std::size_t expected = section == "NODE_COORD_SECTION"     ? 3
                                 : section == "DEMAND_SECTION"       ? 2
                                 : section == "TIME_WINDOW_SECTION"  ? 3
                                 : section == "SERVICE_TIME_SECTION" ? 2
                                                                     : 0;
    if (expected == 0) {
      fail(line, section.empty() ? "numbers outside a section"
                                 : fmt::format("unsupported {}", section.substr(0, 40)));
    }
    if (values.size() != expected) {
      fail(line, fmt::format("{} numbers expected in {}", expected, section));
    }
    const std::size_t i = node_index(values[0]);
    if (section == "NODE_COORD_SECTION") {
      if (std::fabs(values[1]) > 1e9 || std::fabs(values[2]) > 1e9) fail(line, "a coordinate beyond 1e9");
      coordinates[i] = {values[1], values[2]};
    } else if (section == "DEMAND_SECTION") {
      demand[i] = integer_in(values[1], 0, 1000000000, "a demand");
    } else if (section == "TIME_WINDOW_SECTION") {
      if (std::fabs(values[1]) > 1e12 || std::fabs(values[2]) > 1e12) fail(line, "a time beyond 1e12");
      windows[i] = {values[1], values[2]};
    } else {
      if (values[1] < 0) fail(line, "a service time must not be negative");
      services[i] = values[1];
    }
  }
  if (dimension == 0 || weight_type.empty() || capacity <= 0) {
    fail(line, "DIMENSION, EDGE_WEIGHT_TYPE and CAPACITY are required");
  }
  if (vehicles <= 0) {
    std::smatch match;
    if (std::regex_search(out.name, match, std::regex("-k([0-9]+)")) ||
        std::regex_search(comment, match, std::regex("trucks: *([0-9]+)"))) {
      vehicles = integer_in(number(match[1].str()), 1, k_max_dimension, "the number of vehicles");
    } else {
      fail(line, "the number of vehicles is not given (VEHICLES)");
    }
  }
  Instance& instance = out.instance;
  const auto n = static_cast<std::size_t>(dimension);
  instance.nodes.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    Node& node = instance.nodes[i];
    node.demand = i == 0 ? 0 : demand[i];
    node.ready = windows[i].first;
    node.due = windows[i].second;
    node.service = i == 0 ? 0.0 : (services[i] >= 0 ? services[i] : service);
  }
  instance.vehicles.assign(static_cast<std::size_t>(vehicles), Vehicle{capacity, 0.0, k_never});
  instance.distance.resize(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double d = std::hypot(coordinates[i].x - coordinates[j].x, coordinates[i].y - coordinates[j].y);
      instance.distance[i * n + j] =
          weight_type == "EUC_2D" ? std::floor(d + 0.5) : std::floor(d * scale) / scale;
    }
  }
  instance.duration = instance.distance;
  try {
    validate(instance);
  } catch (const std::invalid_argument& e) {
    fail(line, e.what());
  }
  return out;
}

BenchmarkInstance read_benchmark_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error(fmt::format("{}: cannot open", path));
  }
  try {
    return read_benchmark(in);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(fmt::format("{}:{}", path, e.what()));
  }
}

} // namespace panier::vrp
