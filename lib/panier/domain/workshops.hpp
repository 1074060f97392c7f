// Cooking workshops and who attended them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "panier/config/config.hpp"
#include "panier/io/rows.hpp"
#include "panier/store/store.hpp"

namespace panier {

inline constexpr std::string_view k_workshop_themes[] = {
    "cooking-techniques", "balanced-eating", "reading-labels", "seasonality", "preserving",
    "anti-waste",         "wild-plants",     "farm-visit",     "gardening"};

struct WorkshopInput {
  Date date;
  std::string theme;
  std::string place;
  std::optional<int> capacity; // persons
  std::vector<std::string> vegetables;
};

// Validates (theme, vegetables in the catalogue, capacity > 0) and stores; returns the new id.
std::int64_t add_workshop(Store& store, const Config& config, const WorkshopInput& input);

struct AttendResult {
  int added = 0;
  int updated = 0;
  int households = 0; // attending after the import
  int persons = 0;
  std::optional<int> capacity;
};

// Records `household,adults,children` rows for workshop `id` in one transaction; a household
// already recorded is updated. Unknown codes are Error(data), every line listed.
AttendResult attend_workshop(Store& store, std::int64_t id, const std::string& path,
                             const ReadOptions& options = {});

struct WorkshopSummary {
  std::int64_t id = 0;
  std::string date;
  std::string theme;
  std::string place;
  std::optional<int> capacity;
  int households = 0;
  int adults = 0;
  int children = 0;
  std::string vegetables; // comma-separated ids
};

std::vector<WorkshopSummary> list_workshops(Store& store);

} // namespace panier
