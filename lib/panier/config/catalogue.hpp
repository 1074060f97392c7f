// The vegetable catalogue: what the garden can grow, its unit, reference price, portioning and
// season, and a cooking tip for the vegetables households may not know.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "panier/core/money.hpp"

namespace panier {

enum class Unit { kg, piece, bunch };

std::string_view unit_name(Unit unit);

struct Vegetable {
  std::string id;
  std::string name;
  Unit unit = Unit::kg;
  Cents price = 0;          // reference price per unit
  Milli step = 0;           // portion step, thousandths of the unit
  Milli min = 0;            // smallest portion worth giving, thousandths of the unit
  std::uint16_t months = 0; // bit m-1 set when in season in month m
  bool unfamiliar = false;
  std::int64_t grams_per_unit = 1000; // average weight of one unit
  std::string tip;
  std::string plural; // the name in a kitchen quantity: "2 poireaux", "1 kg de pommes de terre"
  std::string recipe; // an easy recipe idea, for the households' leaflet

  bool in_season(int month) const { return (months >> (month - 1) & 1U) != 0; }
};

struct Catalogue {
  std::string file;                  // as shown in messages
  std::vector<Vegetable> vegetables; // sorted by id

  const Vegetable* find(std::string_view id) const;
};

} // namespace panier
