// Store module for the harvest forecast and workshops: the SQL behind domain/harvest and
// domain/workshops.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "panier/core/week.hpp"
#include "panier/model/vocabulary.hpp"
#include "panier/store/store.hpp"

namespace panier::db {

struct HarvestRow {
  std::string vegetable;
  Grade grade = Grade::standard;
  std::int64_t quantity = 0;
};

int delete_harvest(Store& store, Week week); // returns the number of lines removed
void insert_harvest(Store& store, Week week, const HarvestRow& row);
std::vector<HarvestRow> harvest_rows(Store& store, Week week);

struct WorkshopRow {
  std::int64_t id = 0;
  std::string date;
  std::string theme;
  std::string place;
  std::optional<int> capacity;
  std::string vegetables;
  int households = 0;
  int adults = 0;
  int children = 0;
};

std::int64_t insert_workshop(Store& store, const WorkshopRow& row);
std::optional<WorkshopRow> find_workshop(Store& store, std::int64_t id);
std::vector<WorkshopRow> workshops(Store& store); // with attendance totals, by date then id
// Returns true when the household was already recorded (and is now updated).
bool put_attendance(Store& store, std::int64_t workshop_id, std::int64_t household_id, int adults,
                    int children);

} // namespace panier::db
