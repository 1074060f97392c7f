// `panier check`: every problem with the configuration, the catalogue and the database, at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "panier/config/config.hpp"
#include "panier/core/error.hpp"

namespace panier {

struct CheckRequest {
  std::string config_path;
  std::string database_override; // --db or $PANIER_DB; empty to use the config's
  std::string datadir;
};

struct CheckResult {
  std::vector<std::string> problems;
  std::vector<std::string> summary; // what was checked, when it is sound
  ExitCode code = ExitCode::ok;     // config (78) for configuration problems, else data (65)
};

CheckResult run_check(const CheckRequest& request);

} // namespace panier
