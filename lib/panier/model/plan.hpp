// A week's plan as a value: what goes into each basket size and what is left of the harvest.
// Shared by the domain (which composes it), the store (which keeps it) and the renderers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "panier/core/money.hpp"
#include "panier/core/week.hpp"
#include "panier/model/vocabulary.hpp"

namespace panier {

struct PlanItem {
  std::string vegetable;
  Milli quantity = 0;        // per basket, thousandths of the unit
  Cents price = 0;           // reference price per unit when planned
  std::int64_t value_mc = 0; // per basket, thousandths of a cent (exact)
};

struct SizePlan {
  std::string size;
  int due = 0;
  int planned = 0; // baskets that can be made; due - planned are short
  Cents reference = 0;
  std::vector<PlanItem> items; // in catalogue order
  std::int64_t value_mc = 0;   // per basket, thousandths of a cent
  std::int64_t grams = 0;      // per basket

  Cents value() const { return (value_mc + 500) / 1000; }
};

struct Leftover {
  std::string vegetable;
  Milli available = 0;
  Milli used = 0;
  Cents price = 0;

  Milli left() const { return available - used; }
};

struct Plan {
  Week week;
  std::vector<SizePlan> sizes;
  std::vector<Leftover> stock; // every vegetable of the forecast
  PlanStatus status = PlanStatus::optimal;
  double gap = 0.0;
  double seconds = 0.0;

  int due() const;
  int planned() const;
};

} // namespace panier
