#include "greedy_plan.hpp"

#include <algorithm>
#include <map>
#include <numeric>

namespace panier::bench {

namespace {

// Value of one portion step in cents.
double step_cents(const Vegetable& v) { return static_cast<double>(v.price * v.step) / 1000.0; }

long min_steps(const Vegetable& v) { return static_cast<long>((v.min + v.step - 1) / v.step); }

// Most plentiful (by value) first, each at its minimum portion, then one step at a time round
// the basket until it reaches its reference value. Returns stock index -> steps per basket, empty
// when the size cannot be made.
std::map<std::size_t, long> fill_size(const PlanInput& in, const BasketSize& size, int baskets,
                                      const std::vector<Milli>& remaining) {
  std::vector<std::size_t> order(in.stock.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return remaining[a] * in.stock[a].vegetable.price > remaining[b] * in.stock[b].vegetable.price;
  });
  std::vector<std::pair<std::size_t, long>> chosen;
  double value = 0.0;
  int unfamiliar = 0;
  for (std::size_t k : order) {
    const Vegetable& v = in.stock[k].vegetable;
    if (static_cast<int>(chosen.size()) >= size.max_items || value >= static_cast<double>(size.value)) {
      break;
    }
    if (v.unfamiliar && unfamiliar >= in.settings.max_unfamiliar) {
      continue;
    }
    const long steps = min_steps(v);
    if (remaining[k] < static_cast<Milli>(baskets) * steps * v.step) {
      continue;
    }
    chosen.emplace_back(k, steps);
    value += static_cast<double>(steps) * step_cents(v);
    unfamiliar += v.unfamiliar ? 1 : 0;
  }
  const double ceiling = static_cast<double>(size.value) * (1.0 + in.settings.value_tolerance);
  for (bool grew = true; value < static_cast<double>(size.value) && grew;) {
    grew = false;
    for (auto& [k, steps] : chosen) {
      const Vegetable& v = in.stock[k].vegetable;
      if (value >= static_cast<double>(size.value)) {
        break;
      }
      if (remaining[k] >= static_cast<Milli>(baskets) * (steps + 1) * v.step &&
          value + step_cents(v) <= ceiling) {
        ++steps;
        value += step_cents(v);
        grew = true;
      }
    }
  }
  if (static_cast<int>(chosen.size()) < size.min_items) {
    return {};
  }
  return {chosen.begin(), chosen.end()};
}

} // namespace

Plan greedy_plan(const PlanInput& in) {
  Plan plan;
  plan.week = in.week;
  plan.status = PlanStatus::greedy;
  std::vector<Milli> remaining;
  for (const auto& s : in.stock) {
    remaining.push_back(s.available);
  }
  for (const auto& demand : in.sizes) {
    SizePlan sp;
    sp.size = demand.size.id;
    sp.due = demand.baskets;
    sp.reference = demand.size.value;
    const auto chosen = demand.baskets > 0 ? fill_size(in, demand.size, demand.baskets, remaining)
                                           : std::map<std::size_t, long>{};
    if (!chosen.empty()) {
      sp.planned = demand.baskets;
    }
    for (const auto& [k, steps] : chosen) { // catalogue order
      const Vegetable& v = in.stock[k].vegetable;
      PlanItem item{v.id, steps * v.step, v.price, v.price * steps * v.step};
      sp.value_mc += item.value_mc;
      sp.grams += item.quantity * v.grams_per_unit / 1000;
      remaining[k] -= item.quantity * sp.planned;
      sp.items.push_back(std::move(item));
    }
    plan.sizes.push_back(std::move(sp));
  }
  for (std::size_t k = 0; k < in.stock.size(); ++k) {
    const Vegetable& v = in.stock[k].vegetable;
    plan.stock.push_back({v.id, in.stock[k].available, in.stock[k].available - remaining[k], v.price});
  }
  return plan;
}

} // namespace panier::bench
