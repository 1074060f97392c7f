#include "panier/domain/check.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "panier/core/i18n.hpp"
#include "panier/core/table.hpp"
#include "panier/store/households.hpp"
#include "panier/store/store.hpp"

namespace panier {

namespace {

// What the database refers to must still be in the configuration: its schemes and tiers, sizes,
// points and the vegetables of its forecasts.
void check_references(Store& store, const Config& config, const std::string& database,
                      std::vector<std::string>& problems) {
  const db::ReferencedIds ids = db::referenced_ids(store);
  for (const auto& [scheme, tier] : ids.scheme_tiers) {
    const Scheme* s = config.find_scheme(scheme);
    if (s == nullptr) {
      problems.push_back(
          trf("{}: enrolments name scheme \"{}\", which {} does not declare", database, scheme, config.file));
    } else if (s->find_tier(tier) == nullptr) {
      problems.push_back(trf("{}: enrolments name tier \"{}\" of scheme \"{}\", which {} does not declare",
                             database, tier, scheme, config.file));
    }
  }
  for (const auto& size : ids.sizes) {
    if (config.find_size(size) == nullptr) {
      problems.push_back(
          trf("{}: enrolments name size \"{}\", which {} does not declare", database, size, config.file));
    }
  }
  for (const auto& point : ids.points) {
    if (config.find_point(point) == nullptr) {
      problems.push_back(
          trf("{}: enrolments name point \"{}\", which {} does not declare", database, point, config.file));
    }
  }
  for (const auto& vegetable : ids.vegetables) {
    if (config.catalogue.find(vegetable) == nullptr) {
      problems.push_back(trf("{}: harvest forecasts name vegetable \"{}\", which the catalogue {} does "
                             "not have",
                             database, vegetable, config.catalogue.file));
    }
  }
}

} // namespace

CheckResult run_check(const CheckRequest& request) {
  CheckResult result;
  std::optional<Config> config;
  try {
    config = load_config(request.config_path, request.datadir);
  } catch (const Error& e) {
    result.problems = e.messages();
    result.code = ExitCode::config;
  }
  if (config) {
    result.summary.push_back(
        trf("config {}: {}, {}, {}, {}, {}, {}", config->file, counted(config->sizes.size(), "size", "sizes"),
            counted(config->schemes.size(), "scheme", "schemes"),
            counted(config->funders.size(), "funder", "funders"),
            counted(config->points.size(), "point", "points"), counted(config->vans.size(), "van", "vans"),
            counted(config->catalogue.vegetables.size(), "vegetable", "vegetables")));
  }
  std::string database = request.database_override;
  if (database.empty() && config) {
    database = config->database_path();
  }
  if (database.empty()) {
    return result;
  }
  try {
    Store store =
        Store::open(database, OpenMode::read_only, config ? config->organisation.busy_timeout_s : 10);
    for (const auto& warning : store.warnings()) {
      result.summary.push_back(warning);
    }
    auto problems = store.integrity_problems();
    if (config) {
      check_references(store, *config, database, problems);
    }
    if (problems.empty()) {
      result.summary.push_back(trf("database {}: schema version {}", database, store.schema_version()));
    }
    for (auto& problem : problems) {
      result.problems.push_back(std::move(problem));
    }
  } catch (const Error& e) {
    for (const auto& message : e.messages()) {
      result.problems.push_back(message);
    }
    if (result.code == ExitCode::ok) {
      result.code = e.code();
    }
  }
  if (!result.problems.empty() && result.code == ExitCode::ok) {
    result.code = ExitCode::data;
  }
  return result;
}

} // namespace panier
