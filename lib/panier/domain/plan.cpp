#include "panier/domain/plan.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/domain/allocate.hpp"
#include "panier/domain/feedback.hpp"
#include "panier/domain/harvest.hpp"
#include "panier/domain/households.hpp"
#include "panier/domain/pickups.hpp"
#include "panier/optim/mip.hpp"
#include "panier/optim/reachable.hpp"
#include "panier/store/allocation.hpp"
#include "panier/store/plan.hpp"

namespace panier {

namespace {

constexpr double k_infinity = 1e30;

// Value of one portion step in cents (exact in thousandths of a cent: price × step / 1000).
double step_cents(const Vegetable& v) { return static_cast<double>(v.price * v.step) / 1000.0; }

long min_steps(const Vegetable& v) { return static_cast<long>((v.min + v.step - 1) / v.step); }

struct Candidate {
  std::size_t stock = 0;
  int q = -1;       // portion steps per basket
  int y = -1;       // 1 when the vegetable is in the basket
  long lowest = 0;  // steps of its minimum portion
  long highest = 0; // steps it may reach (stock and max_item_share)
};

// The model for given basket counts per size (sizes with no basket have no variables).
struct Model {
  MipProblem problem;
  int t = -1; // the common fraction of the reference value every size reaches
  std::vector<std::vector<Candidate>> candidates;
  std::vector<int> basket_value; // per size, the variable of one basket's value in cents (else -1)
  std::vector<long> stock_steps; // per vegetable, the most steps all baskets together can take
  std::vector<int> baskets;
  // Per size with baskets and a target weight: grams above and below its band (else -1).
  std::vector<int> over, under;
  std::vector<double> target_g;
  std::vector<std::vector<std::pair<int, double>>> grams; // per size with a band, its weight's terms
  std::vector<WeightBand> bands;                          // the same sizes' bands
};

// Grams of one portion step of a vegetable.
double step_grams(const Vegetable& v) { return static_cast<double>(v.step * v.grams_per_unit) / 1000.0; }

// Long on purpose: the formulation of panier-plan(1), one block per family of constraints, in the
// order the man page gives them.
Model build_model(const PlanInput& in, const std::vector<int>& baskets, double min_ratio) {
  Model m;
  m.baskets = baskets;
  const PlanSettings& ps = in.settings;
  // Fairness is about reaching the reference value: above it, what more a basket gets is counted
  // by the second stage (value handed out), not as fairness.
  m.t = m.problem.add_variable(min_ratio, 1.0, false);
  m.candidates.resize(in.sizes.size());
  m.basket_value.assign(in.sizes.size(), -1);
  m.stock_steps.assign(in.stock.size(), 0);
  m.over.assign(in.sizes.size(), -1);
  m.under.assign(in.sizes.size(), -1);
  m.target_g.assign(in.sizes.size(), 0.0);
  // Per vegetable, the steps each size's baskets take (n × q) and the terms of that sum.
  std::vector<std::vector<std::pair<int, double>>> availability(in.stock.size());
  std::vector<std::vector<BoundedTerm>> reach(in.stock.size());
  for (std::size_t s = 0; s < in.sizes.size(); ++s) {
    const int n = baskets[s];
    if (n <= 0) {
      continue;
    }
    const BasketSize& size = in.sizes[s].size;
    const double reference = static_cast<double>(size.value);
    std::vector<std::pair<int, double>> items;
    std::vector<std::pair<int, double>> unfamiliar;
    std::vector<std::pair<int, double>> value;
    std::vector<std::pair<int, double>> grams;
    double heaviest = 0; // grams of a basket with every candidate at its most
    // The basket's value, in cents, as a variable of its own: the share rows stay sparse.
    const double cap = reference * (1.0 + ps.value_tolerance);
    const int basket_value = m.problem.add_variable(0, cap, false);
    m.basket_value[s] = basket_value;
    for (std::size_t k = 0; k < in.stock.size(); ++k) {
      const Vegetable& v = in.stock[k].vegetable;
      const long lowest = min_steps(v);
      // At most what the stock gives every basket, and at most max_item_share of the cap.
      const long by_stock = static_cast<long>(in.stock[k].available / (static_cast<Milli>(n) * v.step));
      const long by_share = static_cast<long>(std::floor(ps.max_item_share * cap / step_cents(v) + 1e-9));
      const long highest = std::min(by_stock, by_share);
      if (highest < lowest || lowest <= 0) {
        continue; // not enough for a minimum portion in every basket, or one portion is too dear
      }
      Candidate c;
      c.stock = k;
      c.q = m.problem.add_variable(0, static_cast<double>(highest), true);
      c.y = m.problem.add_variable(0, 1, true);
      c.lowest = lowest;
      c.highest = highest;
      m.problem.add_row({{c.q, 1.0}, {c.y, -static_cast<double>(lowest)}}, 0, k_infinity);
      m.problem.add_row({{c.q, 1.0}, {c.y, -static_cast<double>(highest)}}, -k_infinity, 0);
      items.emplace_back(c.y, 1.0);
      if (v.unfamiliar) {
        unfamiliar.emplace_back(c.y, 1.0);
      }
      value.emplace_back(c.q, step_cents(v));
      grams.emplace_back(c.q, step_grams(v));
      heaviest += step_grams(v) * static_cast<double>(highest);
      // no vegetable above max_item_share of the basket's value
      m.problem.add_row({{c.q, step_cents(v)}, {basket_value, -ps.max_item_share}}, -k_infinity, 1e-6);
      availability[k].emplace_back(c.q, static_cast<double>(n));
      reach[k].push_back({n, lowest, highest});
      m.candidates[s].push_back(c);
    }
    m.problem.add_row(items, size.min_items, size.max_items);
    // weight - over <= high and weight + under >= low: how far the basket is outside its band
    if (size.target_g > 0 && !grams.empty()) {
      const WeightBand band = weight_band(size, ps);
      m.target_g[s] = static_cast<double>(size.target_g);
      m.over[s] = m.problem.add_variable(0, std::max(1.0, heaviest), false);
      m.under[s] = m.problem.add_variable(0, std::max(1.0, static_cast<double>(band.low_g)), false);
      m.grams.push_back(grams);
      m.bands.push_back(band);
      auto above = grams;
      above.emplace_back(m.over[s], -1.0);
      m.problem.add_row(above, -k_infinity, static_cast<double>(band.high_g));
      auto below = grams;
      below.emplace_back(m.under[s], 1.0);
      m.problem.add_row(below, static_cast<double>(band.low_g), k_infinity);
    }
    if (!unfamiliar.empty()) {
      m.problem.add_row(unfamiliar, -k_infinity, ps.max_unfamiliar);
    }
    // value = sum of the portions; value >= t × reference (its upper bound is the cap)
    auto defines = value;
    defines.emplace_back(basket_value, -1.0);
    m.problem.add_row(defines, 0, 0);
    m.problem.add_row({{basket_value, 1.0}, {m.t, -reference}}, 0, k_infinity);
  }
  for (std::size_t k = 0; k < in.stock.size(); ++k) {
    if (availability[k].empty()) {
      continue;
    }
    // At most the stock, in whole portion steps; tighter, the largest number of steps the
    // baskets' whole portions can add up to (the linear relaxation would hand out every gram).
    const Milli steps = in.stock[k].available / in.stock[k].vegetable.step;
    const auto reachable = largest_reachable(steps, reach[k]);
    m.stock_steps[k] = static_cast<long>(reachable.value_or(steps));
    m.problem.add_row(availability[k], -k_infinity, static_cast<double>(m.stock_steps[k]));
  }
  return m;
}

// The plan's time limit, or a stage's share of it (`part`), which also knows the plan's own.
class Deadline {
public:
  explicit Deadline(double limit_s)
      : m_deadline(std::chrono::steady_clock::now() + to_duration(limit_s)), m_final(m_deadline) {}
  double remaining() const {
    const double left = std::chrono::duration<double>(m_deadline - std::chrono::steady_clock::now()).count();
    return std::max(0.01, left);
  }
  bool expired() const { return std::chrono::steady_clock::now() >= m_deadline; }
  // A deadline `share` of the time left from now, so that a stage leaves time to the next ones.
  Deadline part(double share) const {
    const auto now = std::chrono::steady_clock::now();
    return m_deadline <= now ? *this
                             : Deadline(now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                  (m_deadline - now) * share),
                                        m_final);
  }
  // This deadline, or `seconds` from now if that comes first.
  Deadline within(double seconds) const {
    const auto at = std::chrono::steady_clock::now() + to_duration(seconds);
    return at < m_deadline ? Deadline(at, m_final) : *this;
  }
  // Seconds between a search of `seconds` from now and the plan's own deadline.
  double slack_after(double seconds) const {
    return std::chrono::duration<double>(m_final - std::chrono::steady_clock::now()).count() - seconds;
  }

private:
  Deadline(std::chrono::steady_clock::time_point at, std::chrono::steady_clock::time_point final)
      : m_deadline(at), m_final(final) {}
  static std::chrono::steady_clock::duration to_duration(double s) {
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(s));
  }
  std::chrono::steady_clock::time_point m_deadline;
  std::chrono::steady_clock::time_point m_final;
};

// A search that ends at least this long before the plan's deadline may stop late (the solver is
// faster so, and later stages absorb the delay); one that could end the plan stops on time.
constexpr double k_lenient_slack_s = 1.0;

// Solves for the time left before `deadline`, and at most `cap_s` seconds.
MipResult solve_by(const MipProblem& problem, const Deadline& deadline, const std::vector<double>& start = {},
                   double cap_s = k_infinity) {
  const double seconds = std::min(cap_s, deadline.remaining());
  return solve_mip(problem, seconds, start,
                   deadline.slack_after(seconds) >= k_lenient_slack_s ? TimeLimit::lenient : TimeLimit::hard);
}

struct Solved {
  std::vector<double> values;
  bool proven = true;
  double gap = 0.0;
  double seconds = 0.0;
};

// Tolerances under which a stage counts as solved to optimality: the common fraction to within
// 0.2 % of the reference value (2 cents on a 10 EUR basket), the value handed out to within
// 0.5 % of the most the week's baskets could hold (5 cents on a 10 EUR basket).
constexpr double k_fairness_gap = 2e-3;
constexpr double k_value_gap = 5e-3;

// Sets each size's over and under to how far its weight really is outside its band: a stage that
// does not look at weight leaves them anywhere within their bounds.
void tighten_weights(const Model& m, std::vector<double>& values) {
  std::size_t banded = 0;
  for (std::size_t s = 0; s < m.over.size(); ++s) {
    if (m.over[s] < 0) {
      continue;
    }
    double weight = 0;
    for (const auto& [q, g] : m.grams[banded]) {
      weight += values[static_cast<std::size_t>(q)] * g;
    }
    const WeightBand& band = m.bands[banded++];
    values[static_cast<std::size_t>(m.over[s])] = std::max(0.0, weight - static_cast<double>(band.high_g));
    values[static_cast<std::size_t>(m.under[s])] = std::max(0.0, static_cast<double>(band.low_g) - weight);
  }
}

// How far, in shares of their target weights, the baskets are outside their bands.
double deviation(const Model& m, const std::vector<double>& values) {
  double total = 0;
  for (std::size_t s = 0; s < m.over.size(); ++s) {
    if (m.over[s] >= 0) {
      total += (values[static_cast<std::size_t>(m.over[s])] + values[static_cast<std::size_t>(m.under[s])]) /
               m.target_g[s];
    }
  }
  return total;
}

// The deviation's coefficients (one per variable), times `factor`.
std::vector<std::pair<int, double>> deviation_terms(const Model& m, double factor) {
  std::vector<std::pair<int, double>> terms;
  for (std::size_t s = 0; s < m.over.size(); ++s) {
    if (m.over[s] >= 0) {
      terms.emplace_back(m.over[s], factor / m.target_g[s]);
      terms.emplace_back(m.under[s], factor / m.target_g[s]);
    }
  }
  return terms;
}

// The fairness stage's objective: the common fraction t.
std::vector<double> fairness_objective(const Model& m) {
  std::vector<double> objective(m.problem.variables(), 0.0);
  objective[static_cast<std::size_t>(m.t)] = 1.0;
  return objective;
}

// A share of weight outside the band costs this much of the common fraction t: the band comes
// first (1 % outside it outweighs every gain in fairness), after the baskets' number and
// min_value_ratio.
constexpr double k_weight_priority = 100.0;

// The weight stage counts as solved when the baskets are proven within this share of a target
// weight (all sizes together) of the least deviation possible: 2 %, 50 g on a 2.5 kg basket, a
// portion step (a finer tolerance asks the solver to tell apart plans no household could).
constexpr double k_weight_gap = 2e-2;

// The share of the time left that the fairness stage may take (and, in a short harvest, the
// search for the basket counts, then their fairness): the later stages need the rest.
constexpr double k_fairness_share = 0.5;

// Maximises the common fraction t; nullopt when no composition was found for these counts. Sets
// `out_of_time` when that is for want of time rather than proven.
std::optional<Solved> solve_fairness(Model& m, const Deadline& deadline, bool& out_of_time) {
  m.problem.set_objective(fairness_objective(m), MipProblem::Sense::maximise);
  m.problem.set_absolute_gap(k_fairness_gap);
  const MipResult r = deadline.expired() ? MipResult{} : solve_by(m.problem, deadline);
  out_of_time = out_of_time || r.status == MipResult::Status::unknown;
  if (!r.has_solution()) {
    return std::nullopt;
  }
  return Solved{r.values, r.status == MipResult::Status::optimal, r.gap(), r.seconds};
}

// The share of time_limit_s that a stage's start may spend improving sizes by re-composing them.
constexpr double k_size_share = 0.05;

// A large-neighbourhood search on a feasible plan: the sizes re-composed by the solver `together`
// at a time (each size alone, or each pair of sizes) with every other size held as it is (a small
// problem, solved in a moment), kept when it scores more on the problem's objective; again for at most
// `rounds` rounds while a round improves. A local search moves one step at a time; this finds the
// compositions that need several changes at once (a heavier, cheaper vegetable traded for
// lighter, dearer ones where the weight band binds; two sizes trading a scarce, heavy vegetable).
std::vector<double> improve_by_size(const Model& m, std::vector<double> values, double seconds,
                                    const Deadline& deadline, std::size_t together, int rounds) {
  std::vector<std::size_t> sizes; // the sizes with baskets
  for (std::size_t s = 0; s < m.candidates.size(); ++s) {
    if (!m.candidates[s].empty()) {
      sizes.push_back(s);
    }
  }
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (together < 2 || sizes.size() < 2) {
      groups.push_back({sizes[i]});
    }
    for (std::size_t j = i + 1; together >= 2 && j < sizes.size(); ++j) {
      groups.push_back({sizes[i], sizes[j]});
    }
  }
  const Deadline budget = deadline.within(seconds);
  const double each = seconds / static_cast<double>(std::max<std::size_t>(1, groups.size()));
  double best = m.problem.objective_value(values);
  bool improved = true;
  for (int round = 0; improved && round < rounds; ++round) {
    improved = false;
    for (const auto& group : groups) {
      if (budget.expired()) {
        return values;
      }
      MipProblem one = m.problem;
      for (std::size_t other = 0; other < m.candidates.size(); ++other) {
        if (std::find(group.begin(), group.end(), other) != group.end()) {
          continue;
        }
        for (const auto& c : m.candidates[other]) {
          one.fix(c.q, values[static_cast<std::size_t>(c.q)]);
          one.fix(c.y, values[static_cast<std::size_t>(c.y)]);
        }
      }
      const MipResult r = solve_by(one, budget, values, each);
      if (r.has_solution() && r.objective > best + 1e-6) {
        best = r.objective;
        values = r.values;
        improved = true;
      }
    }
  }
  return values;
}

// The share of time_limit_s that a stage searches without cutting planes: that is fast where the
// linear relaxation is tight; where it is loose, the stage goes on with them, from the best plan
// found.
constexpr double k_uncut_share = 0.1;

// Solves `m.problem` from `start`: first without cutting planes, for
// k_uncut_share of the time limit (never past `deadline`); when that did not prove the optimum,
// its best plan improved by re-composing each pair of sizes (improve_by_size), then the search
// again with cutting planes, from there, and to within `then_gap` when given.
MipResult solve_in_two(const PlanInput& in, Model& m, const Deadline& deadline,
                       const std::vector<double>& start, std::optional<double> then_gap = std::nullopt) {
  MipResult r = solve_by(m.problem, deadline, start, k_uncut_share * in.settings.time_limit_s);
  if (r.status == MipResult::Status::feasible && !deadline.expired()) {
    if (then_gap) {
      m.problem.set_absolute_gap(*then_gap);
    }
    const auto better = improve_by_size(m, r.values, k_size_share * in.settings.time_limit_s, deadline, 2, 3);
    m.problem.set_cuts(true);
    const MipResult cut = solve_by(m.problem, deadline, better);
    m.problem.set_cuts(false);
    if (cut.has_solution()) {
      const double seconds = r.seconds;
      r = cut;
      r.seconds += seconds;
    }
  }
  return r;
}

// When the fairest plan leaves a basket outside its weight band: brings the baskets within their
// bands, or as close as the harvest allows, keeping min_value_ratio (the least deviation, to
// within k_weight_gap); then, with that weight kept, the fairest plan again.
Solved solve_weight(const PlanInput& in, Model& m, const Deadline& deadline, Solved fair) {
  tighten_weights(m, fair.values);
  const double fair_deviation = deviation(m, fair.values);
  if (fair_deviation <= 1e-9 || deadline.expired()) {
    return fair;
  }
  const double t_fair = fair.values[static_cast<std::size_t>(m.t)];
  m.problem.add_row({{m.t, 1.0}}, std::min(in.settings.min_value_ratio, t_fair) - 1e-9, k_infinity);
  // The least deviation first (1 % of a target weight outweighs all of t), the fairest next, in
  // one objective: the fairness term leads the search to the plans that keep both.
  auto objective = fairness_objective(m);
  for (const auto& [variable, coefficient] : deviation_terms(m, -k_weight_priority)) {
    objective[static_cast<std::size_t>(variable)] = coefficient;
  }
  m.problem.set_objective(objective, MipProblem::Sense::maximise);
  // First to within the fairness gap, which proves both where the relaxation is tight; then, where
  // it is not, to within the weight gap (the fairest plan with that weight follows).
  m.problem.set_absolute_gap(k_fairness_gap);
  // No start from the fairest plan: from it the search stays near it, and takes longer to find
  // the plans that meet the band (the fairest plan is still kept if nothing better is found).
  const MipResult w =
      solve_in_two(in, m, deadline.part(k_fairness_share), {}, k_weight_priority * k_weight_gap + 1e-9);
  // A search stopped by the clock can end below the fairest plan: that plan then.
  std::vector<double> weighed = fair.values;
  if (w.has_solution()) {
    auto found = w.values;
    tighten_weights(m, found);
    if (m.problem.objective_value(found) >= m.problem.objective_value(fair.values)) {
      weighed = found;
    }
  }
  const double least = deviation(m, weighed);
  // The weight stage's gap: the share of a target weight the baskets might still gain (t is at
  // most 1, so what the bound allows beyond the fraction reached is weight).
  const double weight_gap =
      std::min(1.0, std::max(0.0, (w.has_solution() ? w.bound : 1.0) - m.problem.objective_value(weighed)) /
                        k_weight_priority);
  const double t_weighed = weighed[static_cast<std::size_t>(m.t)];
  if (t_weighed >= t_fair - 1e-9) { // as fair as without weight: nothing to gain
    return {weighed, fair.proven && w.status == MipResult::Status::optimal, std::max(fair.gap, weight_gap),
            fair.seconds + w.seconds};
  }
  m.problem.add_row(deviation_terms(m, 1.0), -k_infinity, least + 1e-6); // keep the weight
  // The fairest plan with that weight.
  m.problem.set_objective(fairness_objective(m), MipProblem::Sense::maximise);
  m.problem.set_absolute_gap(k_fairness_gap);
  const MipResult f = solve_by(m.problem, deadline.part(k_fairness_share), weighed);
  std::vector<double> values = weighed;
  if (f.has_solution() && f.objective >= weighed[static_cast<std::size_t>(m.t)]) {
    values = f.values;
    tighten_weights(m, values);
  }
  const bool proven = w.status == MipResult::Status::optimal && f.status == MipResult::Status::optimal;
  return {values, proven, std::max(weight_gap, f.has_solution() ? f.gap() : 1.0),
          fair.seconds + w.seconds + f.seconds};
}

// A start for the value stage: from a feasible plan, a local search that adds a portion step,
// trades one step of a vegetable for a dearer one, or moves a step of a scarce vegetable to the
// size whose baskets gain more from it, while every rule still holds — each time the move that
// hands out the most value — until no move gains. CBC then needs only close the last fraction of
// a percent (without it, finding such a plan took it seconds).
class PortionSearch {
public:
  PortionSearch(const PlanInput& in, const Model& m, std::vector<double> values);
  std::vector<double> run();

private:
  struct Basket {
    double value = 0, floor = 0, cap = 0, grams = 0, lightest = 0, heaviest = 0;
    int items = 0, unfamiliar = 0;
  };
  // In one size: `add` gains a step (its minimum portion if new), `drop` (optional) loses one.
  struct Move {
    std::size_t size = 0;
    const Candidate* add = nullptr;
    const Candidate* drop = nullptr;
    double gain = 0;
  };
  // One step of a vegetable leaves size `from` (replaced there by `refill`, or not) so that size
  // `to` can take it: where the stock, not the value cap, binds.
  struct Transfer {
    std::size_t from = 0, to = 0;
    const Candidate* drop = nullptr;
    const Candidate* take = nullptr;
    const Candidate* refill = nullptr;
    double gain = 0;
  };

  double& at(int variable) { return m_values[static_cast<std::size_t>(variable)]; }
  long steps_of(const Candidate& c) const { return std::lround(m_values[static_cast<std::size_t>(c.q)]); }
  long steps_added(const Candidate& c) const { return steps_of(c) > 0 ? 1L : c.lowest; }
  double cents(const Candidate& c) const { return step_cents(m_in.stock[c.stock].vegetable); }
  bool shares_hold(std::size_t s, double value, const Candidate* add, long up, const Candidate* drop) const;
  bool allowed(std::size_t s, const Candidate& add, const Candidate* drop) const;
  bool drop_allowed(std::size_t s, const Candidate& drop) const;
  void apply_add(std::size_t s, const Candidate& c, long up);
  void apply_drop(std::size_t s, const Candidate& c);
  Move best_move() const;
  Transfer best_transfer();

  const PlanInput& m_in;
  const Model& m_m;
  std::vector<double> m_values;
  std::vector<long> m_left;                                  // per vegetable, steps still free
  std::vector<Basket> m_baskets;                             // per size
  std::vector<std::vector<const Candidate*>> m_candidate_of; // per size and vegetable (else null)
};

PortionSearch::PortionSearch(const PlanInput& in, const Model& m, std::vector<double> values)
    : m_in(in), m_m(m), m_values(std::move(values)), m_left(m.stock_steps), m_baskets(m.candidates.size()),
      m_candidate_of(m.candidates.size(), std::vector<const Candidate*>(in.stock.size(), nullptr)) {
  const PlanSettings& ps = in.settings;
  for (std::size_t s = 0; s < m.candidates.size(); ++s) {
    for (const auto& c : m.candidates[s]) {
      m_left[c.stock] -= m.baskets[s] * steps_of(c);
    }
    if (m.basket_value[s] < 0) {
      continue;
    }
    Basket& b = m_baskets[s];
    b.cap = static_cast<double>(in.sizes[s].size.value) * (1.0 + ps.value_tolerance);
    b.floor = at(m.t) * static_cast<double>(in.sizes[s].size.value); // the fairness kept
    for (const auto& c : m.candidates[s]) {
      const Vegetable& v = in.stock[c.stock].vegetable;
      m_candidate_of[s][c.stock] = &c;
      b.value += at(c.q) * step_cents(v);
      b.grams += at(c.q) * step_grams(v);
      b.items += steps_of(c) > 0 ? 1 : 0;
      b.unfamiliar += steps_of(c) > 0 && v.unfamiliar ? 1 : 0;
    }
    // no further outside its weight band than it already is
    b.lightest = -k_infinity;
    b.heaviest = k_infinity;
    if (m.over[s] >= 0) {
      const WeightBand band = weight_band(in.sizes[s].size, ps);
      b.lightest = std::min(b.grams, static_cast<double>(band.low_g));
      b.heaviest = std::max(b.grams, static_cast<double>(band.high_g));
    }
  }
}

// No item above max_item_share of the basket's new value, after `add` gains `up` steps and
// `drop` loses one (either may be null).
bool PortionSearch::shares_hold(std::size_t s, double value, const Candidate* add, long up,
                                const Candidate* drop) const {
  return std::all_of(m_m.candidates[s].begin(), m_m.candidates[s].end(), [&](const Candidate& c) {
    const long steps = steps_of(c) + (&c == add ? up : 0) - (&c == drop ? 1 : 0);
    return static_cast<double>(steps) * cents(c) <= m_in.settings.max_item_share * value + 1e-6;
  });
}

bool PortionSearch::allowed(std::size_t s, const Candidate& add, const Candidate* drop) const {
  const Basket& b = m_baskets[s];
  const Vegetable& va = m_in.stock[add.stock].vegetable;
  const long up = steps_added(add);
  double value = b.value + static_cast<double>(up) * step_cents(va);
  double grams = b.grams + static_cast<double>(up) * step_grams(va);
  if (drop != nullptr) {
    value -= cents(*drop);
    grams -= step_grams(m_in.stock[drop->stock].vegetable);
  }
  const bool is_new = steps_of(add) == 0;
  return steps_of(add) + up <= add.highest && m_left[add.stock] >= m_m.baskets[s] * up &&
         value <= b.cap + 1e-6 && value >= b.floor - 1e-6 && grams <= b.heaviest + 1e-6 &&
         grams >= b.lightest - 1e-6 && !(is_new && b.items >= m_in.sizes[s].size.max_items) &&
         !(is_new && va.unfamiliar && b.unfamiliar >= m_in.settings.max_unfamiliar) &&
         shares_hold(s, value, &add, up, drop);
}

bool PortionSearch::drop_allowed(std::size_t s, const Candidate& drop) const {
  const Basket& b = m_baskets[s];
  const double value = b.value - cents(drop);
  return value >= b.floor - 1e-6 &&
         b.grams - step_grams(m_in.stock[drop.stock].vegetable) >= b.lightest - 1e-6 &&
         shares_hold(s, value, nullptr, 0, &drop);
}

void PortionSearch::apply_add(std::size_t s, const Candidate& c, long up) {
  Basket& b = m_baskets[s];
  const Vegetable& v = m_in.stock[c.stock].vegetable;
  if (steps_of(c) == 0) {
    at(c.y) = 1;
    ++b.items;
    b.unfamiliar += v.unfamiliar ? 1 : 0;
  }
  at(c.q) += static_cast<double>(up);
  b.value += static_cast<double>(up) * step_cents(v);
  b.grams += static_cast<double>(up) * step_grams(v);
  m_left[c.stock] -= m_m.baskets[s] * up;
  at(m_m.basket_value[s]) = b.value;
}

void PortionSearch::apply_drop(std::size_t s, const Candidate& c) {
  Basket& b = m_baskets[s];
  at(c.q) -= 1;
  b.value -= cents(c);
  b.grams -= step_grams(m_in.stock[c.stock].vegetable);
  m_left[c.stock] += m_m.baskets[s];
  at(m_m.basket_value[s]) = b.value;
}

PortionSearch::Move PortionSearch::best_move() const {
  Move best;
  for (std::size_t s = 0; s < m_m.candidates.size(); ++s) {
    for (const auto& add : m_m.candidates[s]) {
      const double up = static_cast<double>(steps_added(add)) * cents(add);
      const double gain = m_m.baskets[s] * up;
      if (gain > best.gain + 1e-9 && allowed(s, add, nullptr)) {
        best = {s, &add, nullptr, gain};
      }
      for (const auto& drop : m_m.candidates[s]) {
        const double trade = m_m.baskets[s] * (up - cents(drop));
        if (&drop != &add && steps_of(drop) > drop.lowest && trade > best.gain + 1e-9 &&
            allowed(s, add, &drop)) {
          best = {s, &add, &drop, trade};
        }
      }
    }
  }
  return best;
}

// Tries every transfer with m_left changed in place as it would be, and puts it back.
PortionSearch::Transfer PortionSearch::best_transfer() {
  Transfer best;
  for (std::size_t from = 0; from < m_m.candidates.size(); ++from) {
    for (const auto& drop : m_m.candidates[from]) {
      if (steps_of(drop) <= drop.lowest) {
        continue;
      }
      const std::size_t v = drop.stock;
      for (std::size_t to = 0; to < m_m.candidates.size(); ++to) {
        const Candidate* take = m_candidate_of[to][v];
        if (to == from || take == nullptr) {
          continue;
        }
        const long up = steps_added(*take);
        m_left[v] += m_m.baskets[from];
        if (allowed(to, *take, nullptr)) {
          m_left[v] -= m_m.baskets[to] * up;
          const double gained = m_m.baskets[to] * static_cast<double>(up) * cents(drop);
          double lost = drop_allowed(from, drop) ? m_m.baskets[from] * cents(drop) : k_infinity;
          const Candidate* refill = nullptr;
          for (const auto& w : m_m.candidates[from]) {
            const double change =
                m_m.baskets[from] * (cents(drop) - static_cast<double>(steps_added(w)) * cents(w));
            if (&w != &drop && change < lost && allowed(from, w, &drop)) {
              lost = change;
              refill = &w;
            }
          }
          m_left[v] += m_m.baskets[to] * up;
          if (gained - lost > best.gain + 1e-9) {
            best = {from, to, &drop, take, refill, gained - lost};
          }
        }
        m_left[v] -= m_m.baskets[from];
      }
    }
  }
  return best;
}

std::vector<double> PortionSearch::run() {
  for (int round = 0; round < 20000; ++round) {
    if (const Move move = best_move(); move.add != nullptr) {
      apply_add(move.size, *move.add, steps_added(*move.add));
      if (move.drop != nullptr) {
        apply_drop(move.size, *move.drop);
      }
      continue;
    }
    const Transfer t = best_transfer();
    if (t.take == nullptr) {
      break;
    }
    const long take_up = steps_added(*t.take);
    const long refill_up = t.refill != nullptr ? steps_added(*t.refill) : 0;
    apply_drop(t.from, *t.drop);
    apply_add(t.to, *t.take, take_up);
    if (t.refill != nullptr) {
      apply_add(t.from, *t.refill, refill_up);
    }
  }
  tighten_weights(m_m, m_values);
  return std::move(m_values);
}

// The value kept by the later stages: the value stage's optimum less this share of the most the
// baskets could hold (a fifth of k_value_gap, 2 cents on a 10 EUR basket), so that they can
// choose among the plans that hand out as much, not only the one the solver met first.
constexpr double k_value_kept = k_value_gap / 5;

// The tie-breaking stages (variety, then what households cook) improve a plan that is already
// proven on the rules before them: each searches at most this share of time_limit_s, keeps the
// best it finds, and does not make the plan's status or gap.
constexpr double k_tie_break_share = 0.02;

double tie_break_seconds(const PlanInput& in) { return k_tie_break_share * in.settings.time_limit_s; }

// Keeps the optimum of the stage just solved (objective `coefficients`, value `reached`), minus
// `slack`, as a row, so that the next stage cannot lose it.
void keep_stage(Model& m, const std::vector<double>& coefficients, double reached, double slack) {
  std::vector<std::pair<int, double>> row;
  for (std::size_t i = 0; i < coefficients.size(); ++i) {
    if (coefficients[i] != 0.0) {
      row.emplace_back(static_cast<int>(i), coefficients[i]);
    }
  }
  m.problem.add_row(row, reached - slack, k_infinity);
}

// The last stage: among the unfamiliar vegetables, those households cook most (their cooked
// share from the feedback), so that the baskets carry the vegetables whose tips work.
Solved prefer_cooked(const PlanInput& in, Model& m, const Deadline& deadline, Solved best) {
  std::vector<double> cooked(m.problem.variables(), 0.0);
  bool any = false;
  for (const auto& size_candidates : m.candidates) {
    for (const auto& c : size_candidates) {
      const Vegetable& v = in.stock[c.stock].vegetable;
      const auto share = in.cooked_share.find(v.id);
      if (v.unfamiliar && share != in.cooked_share.end()) {
        cooked[static_cast<std::size_t>(c.y)] = share->second;
        any = true;
      }
    }
  }
  if (!any || deadline.expired()) {
    return best;
  }
  m.problem.set_objective(cooked, MipProblem::Sense::maximise);
  m.problem.set_absolute_gap(0.01);
  const MipResult r = solve_by(m.problem, deadline, best.values, tie_break_seconds(in));
  if (r.has_solution()) {
    best = {r.values, best.proven, best.gap, best.seconds + r.seconds};
  }
  return best;
}

// The lexicographic objective: fairness between sizes, then harvest value handed out, then
// vegetables that were not in last week's plan, then (with feedback) the unfamiliar vegetables
// households cook. Each stage keeps the optimum of the previous one.
Solved solve_lexicographic(const PlanInput& in, Model& m, const Deadline& deadline, Solved fair) {
  if (deadline.expired()) {
    fair.proven = false; // the later stages had no time left
    return fair;
  }
  const double t_best = fair.values[static_cast<std::size_t>(m.t)];
  const double cap = 1.0 + in.settings.value_tolerance;
  double most = 0.0; // cents the week's baskets could hold
  for (std::size_t s = 0; s < in.sizes.size(); ++s) {
    most += m.baskets[s] * static_cast<double>(in.sizes[s].size.value) * cap;
  }
  m.problem.add_row({{m.t, 1.0}}, t_best - 1e-7, k_infinity);
  if (const auto terms = deviation_terms(m, 1.0); !terms.empty()) {
    m.problem.add_row(terms, -k_infinity, deviation(m, fair.values) + 1e-6); // keep the weight
  }
  std::vector<double> handed_out(m.problem.variables(), 0.0);
  for (std::size_t s = 0; s < m.candidates.size(); ++s) {
    for (const auto& c : m.candidates[s]) {
      handed_out[static_cast<std::size_t>(c.q)] = m.baskets[s] * step_cents(in.stock[c.stock].vegetable);
    }
  }
  m.problem.set_objective(handed_out, MipProblem::Sense::maximise);
  m.problem.set_absolute_gap(std::max(1.0, most * k_value_gap));
  const auto start = improve_by_size(m, PortionSearch(in, m, fair.values).run(),
                                     k_size_share * in.settings.time_limit_s, deadline, 1, 1);
  // First without cutting planes: that is fast where the value cap binds. Where the stock binds
  // instead, the bound stays loose without them.
  const MipResult second = solve_in_two(in, m, deadline, start);
  Solved best = fair;
  if (second.has_solution()) {
    best = {second.values, best.proven && second.status == MipResult::Status::optimal,
            std::max(best.gap, second.gap()), best.seconds + second.seconds};
  } else {
    return best;
  }
  keep_stage(m, handed_out, second.objective, most * k_value_kept); // keep the value handed out
  if (in.last_week.empty()) {
    return prefer_cooked(in, m, deadline, best);
  }
  std::vector<double> fresh(m.problem.variables(), 0.0);
  bool any = false;
  for (const auto& size_candidates : m.candidates) {
    for (const auto& c : size_candidates) {
      if (!in.last_week.contains(in.stock[c.stock].vegetable.id)) {
        fresh[static_cast<std::size_t>(c.y)] = 1.0;
        any = true;
      }
    }
  }
  if (!any || deadline.expired()) {
    return prefer_cooked(in, m, deadline, best);
  }
  m.problem.set_objective(fresh, MipProblem::Sense::maximise);
  m.problem.set_absolute_gap(0.5); // a count: whole numbers
  const MipResult third = solve_by(m.problem, deadline, best.values, tie_break_seconds(in));
  if (third.has_solution()) {
    best = {third.values, best.proven, best.gap, best.seconds + third.seconds};
    keep_stage(m, fresh, third.objective, 0.5);
  } else {
    return best;
  }
  return prefer_cooked(in, m, deadline, best);
}

// Whether every basket of these counts can reach min_value_ratio; false too when the time ran out
// before an answer, which sets `out_of_time`.
bool feasible_at_minimum(const PlanInput& in, const std::vector<int>& baskets, const Deadline& deadline,
                         bool& out_of_time) {
  if (std::all_of(baskets.begin(), baskets.end(), [](int n) { return n == 0; })) {
    return true;
  }
  if (deadline.expired()) {
    out_of_time = true;
    return false;
  }
  // Any composition will do: no objective, so the solver stops at the first one it finds.
  Model m = build_model(in, baskets, in.settings.min_value_ratio);
  m.problem.set_objective({}, MipProblem::Sense::maximise);
  const MipResult r = solve_by(m.problem, deadline);
  out_of_time = out_of_time || r.status == MipResult::Status::unknown;
  return r.has_solution();
}

std::string euros(double cents) { return format_money(static_cast<Cents>(std::llround(cents))); }

// Explains why not even one basket of a size can be composed; throws Error(data).
void diagnose(const PlanInput& in) {
  const PlanSettings& ps = in.settings;
  const int share_items = static_cast<int>(std::ceil(1.0 / ps.max_item_share - 1e-9));
  for (std::size_t s = 0; s < in.sizes.size(); ++s) {
    if (in.sizes[s].baskets == 0) {
      continue;
    }
    const BasketSize& size = in.sizes[s].size;
    const std::string week = in.week.to_string();
    const int needed = std::max(size.min_items, share_items);
    if (needed > size.max_items) {
      throw Error(
          ExitCode::data,
          trf("size {}: with max_item_share {} a basket needs at least {} vegetables, but max_items is "
              "{} (short by {})",
              size.id, ps.max_item_share, needed, size.max_items, needed - size.max_items));
    }
    int familiar = 0;
    int unfamiliar = 0;
    std::vector<double> portions;
    for (const auto& stock : in.stock) {
      const Vegetable& v = stock.vegetable;
      if (stock.available >= min_steps(v) * v.step) {
        (v.unfamiliar ? unfamiliar : familiar) += 1;
        portions.push_back(static_cast<double>(min_steps(v)) * step_cents(v));
      }
    }
    const int usable = familiar + std::min(unfamiliar, ps.max_unfamiliar);
    if (usable < needed) {
      throw Error(ExitCode::data,
                  trf("size {} needs at least {} different vegetables (at most {} unfamiliar); the forecast "
                      "for {} has {} with enough for a minimum portion (short by {})",
                      size.id, needed, ps.max_unfamiliar, week, usable, needed - usable));
    }
    std::sort(portions.begin(), portions.end());
    const double cheapest = std::accumulate(portions.begin(), portions.begin() + needed, 0.0);
    const double limit = static_cast<double>(size.value) * (1.0 + ps.value_tolerance);
    if (cheapest > limit + 1e-6) {
      throw Error(ExitCode::data,
                  trf("size {}: the {} cheapest minimum portions are worth {} EUR, above its limit of {} EUR "
                      "(value {} + {:.0f} %) by {} EUR",
                      size.id, needed, euros(cheapest), euros(limit), format_money(size.value),
                      ps.value_tolerance * 100, euros(cheapest - limit)));
    }
  }
}

// Which size has no composition at all, even for one basket? Throws Error(data) naming it (only
// when that is proven, never for want of time).
void diagnose_sizes(const PlanInput& in, const Deadline& deadline) {
  for (std::size_t s = 0; s < in.sizes.size(); ++s) {
    if (in.sizes[s].baskets == 0) {
      continue;
    }
    std::vector<int> one(in.sizes.size(), 0);
    one[s] = 1;
    Model m = build_model(in, one, 0.0);
    bool out_of_time = false;
    if (!solve_fairness(m, deadline, out_of_time) && !out_of_time) {
      throw Error(
          ExitCode::data,
          trf("size {}: no composition of the forecast for {} meets every constraint together "
              "(items {} to {}, minimum portions, at most {} unfamiliar, max_item_share {}, value at "
              "most {} EUR)",
              in.sizes[s].size.id, in.week.to_string(), in.sizes[s].size.min_items,
              in.sizes[s].size.max_items, in.settings.max_unfamiliar, in.settings.max_item_share,
              euros(static_cast<double>(in.sizes[s].size.value) * (1.0 + in.settings.value_tolerance))));
    }
  }
}

// The largest basket counts (at most the demand) that can all reach min_value_ratio: first the
// same fraction of every size's demand, then each size topped up as far as it goes. Counts the
// time did not allow to try are left out, and `out_of_time` says so.
std::vector<int> shortage_counts(const PlanInput& in, const Deadline& deadline, bool& out_of_time) {
  std::vector<int> demand;
  int most = 0;
  for (const auto& s : in.sizes) {
    demand.push_back(s.baskets);
    most = std::max(most, s.baskets);
  }
  auto scaled = [&](int k) {
    std::vector<int> counts;
    for (int n : demand) {
      counts.push_back(static_cast<int>(static_cast<long>(n) * k / most));
    }
    return counts;
  };
  int low = 0;
  int high = most; // scaled(most) == demand is known to fall short
  while (high - low > 1) {
    const int mid = (low + high) / 2;
    (feasible_at_minimum(in, scaled(mid), deadline, out_of_time) ? low : high) = mid;
  }
  std::vector<int> counts = scaled(low);
  // Top up, the size furthest below its demand first.
  std::vector<std::size_t> order(in.sizes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return static_cast<long>(demand[a] - counts[a]) * demand[b] >
           static_cast<long>(demand[b] - counts[b]) * demand[a];
  });
  for (std::size_t s : order) {
    int lo = counts[s];
    int hi = demand[s] + 1;
    while (hi - lo > 1) {
      const int mid = (lo + hi) / 2;
      auto trial = counts;
      trial[s] = mid;
      (feasible_at_minimum(in, trial, deadline, out_of_time) ? lo : hi) = mid;
    }
    counts[s] = lo;
  }
  return counts;
}

Plan make_plan(const PlanInput& in, const Model& m, const std::vector<double>& values) {
  Plan plan;
  plan.week = in.week;
  std::vector<Milli> used(in.stock.size(), 0);
  for (std::size_t s = 0; s < in.sizes.size(); ++s) {
    SizePlan sp;
    sp.size = in.sizes[s].size.id;
    sp.due = in.sizes[s].baskets;
    sp.planned = m.baskets[s];
    sp.reference = in.sizes[s].size.value;
    if (sp.planned > 0) {
      for (const auto& c : m.candidates[s]) {
        const auto steps = static_cast<Milli>(std::llround(values[static_cast<std::size_t>(c.q)]));
        if (steps <= 0) {
          continue;
        }
        const Vegetable& v = in.stock[c.stock].vegetable;
        PlanItem item{v.id, steps * v.step, v.price, v.price * steps * v.step};
        sp.value_mc += item.value_mc;
        sp.grams += item.quantity * v.grams_per_unit / 1000;
        used[c.stock] += item.quantity * sp.planned;
        sp.items.push_back(std::move(item));
      }
    }
    plan.sizes.push_back(std::move(sp));
  }
  for (std::size_t k = 0; k < in.stock.size(); ++k) {
    plan.stock.push_back(
        {in.stock[k].vegetable.id, in.stock[k].available, used[k], in.stock[k].vegetable.price});
  }
  return plan;
}

const PlanInput::Stock* stock_of(const PlanInput& in, const std::string& id) {
  const auto it = std::find_if(in.stock.begin(), in.stock.end(),
                               [&](const PlanInput::Stock& s) { return s.vegetable.id == id; });
  return it == in.stock.end() ? nullptr : &*it;
}

// One size's basket against its rules: item count, portions, values, unfamiliar vegetables, the
// value band and each item's share. Adds what it hands out to `used`.
void verify_size(const SizePlan& sp, const BasketSize& size, const PlanInput& in,
                 std::map<std::string, Milli>& used, std::vector<std::string>& problems) {
  const PlanSettings& ps = in.settings;
  const std::string where = trf("size {}", sp.size);
  const int count = static_cast<int>(sp.items.size());
  if (count < size.min_items || count > size.max_items) {
    problems.push_back(trf("{}: {} vegetables, not {} to {}", where, count, size.min_items, size.max_items));
  }
  int unfamiliar = 0;
  std::int64_t value = 0;
  std::int64_t grams = 0;
  std::set<std::string> seen;
  for (const auto& item : sp.items) {
    const auto* stock = stock_of(in, item.vegetable);
    if (stock == nullptr) {
      problems.push_back(trf("{}: {} is not in the forecast", where, item.vegetable));
      continue;
    }
    const Vegetable& v = stock->vegetable;
    if (!seen.insert(item.vegetable).second) {
      problems.push_back(trf("{}: {} appears twice", where, item.vegetable));
    }
    if (item.quantity % v.step != 0) {
      problems.push_back(trf("{}: {} is not a whole number of portion steps", where, item.vegetable));
    }
    if (item.quantity < v.min) {
      problems.push_back(trf("{}: {} is below its minimum portion", where, item.vegetable));
    }
    if (item.value_mc != v.price * item.quantity) {
      problems.push_back(trf("{}: {} has the wrong value", where, item.vegetable));
    }
    unfamiliar += v.unfamiliar ? 1 : 0;
    value += item.value_mc;
    grams += item.quantity * v.grams_per_unit / 1000;
    used[item.vegetable] += item.quantity * sp.planned;
  }
  if (value != sp.value_mc) {
    problems.push_back(where + ": the basket value is not the sum of its items");
  }
  if (grams != sp.grams) {
    problems.push_back(where + ": the basket weight is not the sum of its items");
  }
  if (size.target_g > 0) {
    const WeightBand band = weight_band(size, ps);
    if (grams < band.low_g || grams > band.high_g) {
      problems.push_back(
          trf("{}: {} g, outside its weight band {} to {} g", where, grams, band.low_g, band.high_g));
    }
  }
  if (unfamiliar > ps.max_unfamiliar) {
    problems.push_back(
        trf("{}: {} unfamiliar vegetables, more than {}", where, unfamiliar, ps.max_unfamiliar));
  }
  const double reference_mc = static_cast<double>(size.value) * 1000.0;
  if (static_cast<double>(value) > reference_mc * (1.0 + ps.value_tolerance) + 1.0) {
    problems.push_back(where + ": value above the reference plus tolerance");
  }
  if (static_cast<double>(value) < reference_mc * ps.min_value_ratio - 1.0) {
    problems.push_back(where + ": value below min_value_ratio of the reference");
  }
  for (const auto& item : sp.items) {
    if (static_cast<double>(item.value_mc) > ps.max_item_share * static_cast<double>(value) + 1.0) {
      problems.push_back(trf("{}: {} is more than max_item_share of the value", where, item.vegetable));
    }
  }
}

} // namespace

Plan compose_plan(const PlanInput& in) {
  const auto started = std::chrono::steady_clock::now();
  const Deadline deadline(in.settings.time_limit_s);
  std::vector<int> demand;
  for (const auto& s : in.sizes) {
    demand.push_back(s.baskets);
  }
  Plan plan;
  plan.week = in.week;
  if (std::all_of(demand.begin(), demand.end(), [](int n) { return n == 0; })) {
    Model empty = build_model(in, demand, 0.0);
    plan = make_plan(in, empty, std::vector<double>(empty.problem.variables(), 0.0));
    plan.status = PlanStatus::nothing_due;
    return plan;
  }
  if (in.stock.empty()) {
    throw Error(ExitCode::data, trf("the harvest forecast for {} is empty; run panier harvest import first",
                                    in.week.to_string()));
  }
  diagnose(in);

  // Every basket at min_value_ratio at least, the fairest way, in at most half the time: the
  // later stages (weight, value handed out) need the rest.
  Model model = build_model(in, demand, in.settings.min_value_ratio);
  bool out_of_time = false;
  auto fair = solve_fairness(model, deadline.part(k_fairness_share), out_of_time);
  const bool short_harvest = !fair;
  if (short_harvest) {
    const std::vector<int> counts = shortage_counts(in, deadline.part(k_fairness_share), out_of_time);
    model = build_model(in, counts, in.settings.min_value_ratio);
    fair = solve_fairness(model, deadline.part(k_fairness_share), out_of_time);
    if (!fair) {
      // Nothing reaches the minimum: no basket can be made this week, unless a size has no
      // composition at all, which is an error in the configuration or the forecast.
      diagnose_sizes(in, deadline);
      model = build_model(in, std::vector<int>(demand.size(), 0), 0.0);
      plan = make_plan(in, model, std::vector<double>(model.problem.variables(), 0.0));
      plan.status = out_of_time ? PlanStatus::time_limit : PlanStatus::short_harvest;
      plan.gap = out_of_time ? 1.0 : 0.0;
      plan.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      return plan;
    }
  }
  const Solved weighed = solve_weight(in, model, deadline, *fair);
  const Solved best = solve_lexicographic(in, model, deadline, weighed);
  plan = make_plan(in, model, best.values);
  plan.status = !best.proven || out_of_time ? PlanStatus::time_limit
                : short_harvest             ? PlanStatus::short_harvest
                                            : PlanStatus::optimal;
  plan.gap = best.gap;
  plan.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return plan;
}

std::vector<std::string> verify_plan(const Plan& plan, const PlanInput& in) {
  std::vector<std::string> problems;
  std::map<std::string, Milli> used;
  if (plan.sizes.size() != in.sizes.size()) {
    problems.push_back("the plan does not have one entry per size");
    return problems;
  }
  for (std::size_t s = 0; s < plan.sizes.size(); ++s) {
    const SizePlan& sp = plan.sizes[s];
    if (sp.due != in.sizes[s].baskets || sp.planned < 0 || sp.planned > sp.due) {
      problems.push_back(trf("size {}: planned baskets outside 0..due", sp.size));
    }
    if (sp.planned > 0) {
      verify_size(sp, in.sizes[s].size, in, used, problems);
    }
  }
  for (const auto& [id, quantity] : used) {
    const auto* stock = stock_of(in, id);
    if (stock != nullptr && quantity > stock->available) {
      problems.push_back(trf("{}: {} handed out, {} available", id, quantity, stock->available));
    }
  }
  return problems;
}

void apply_feedback(PlanInput& in, std::map<std::string, double> cooked_share, double familiar_share) {
  in.cooked_share = std::move(cooked_share);
  for (auto& stock : in.stock) {
    const auto share = in.cooked_share.find(stock.vegetable.id);
    if (stock.vegetable.unfamiliar && share != in.cooked_share.end() && share->second >= familiar_share) {
      stock.vegetable.unfamiliar = false; // households cook it now: familiar for the planner
    }
  }
}

WeightBand weight_band(const BasketSize& size, const PlanSettings& settings) {
  const double tolerance = size.weight_tolerance.value_or(settings.weight_tolerance);
  const auto target = static_cast<double>(size.target_g);
  return {std::max<std::int64_t>(0, static_cast<std::int64_t>(std::ceil(target * (1.0 - tolerance) - 1e-9))),
          static_cast<std::int64_t>(std::floor(target * (1.0 + tolerance) + 1e-9))};
}

PlanInput plan_input(Store& store, const Config& config, Week week) {
  PlanInput in;
  in.week = week;
  in.settings = config.plan;
  std::map<std::string, int> due;
  for (const auto& e : due_baskets(store, config, week)) {
    ++due[e.size];
  }
  for (const auto& size : config.sizes) {
    in.sizes.push_back({size, due[size.id]});
  }
  std::map<std::string, Milli> available;
  for (const auto& item : harvest_of(store, config, week)) {
    available[item.vegetable] += item.quantity;
  }
  for (const auto& v : config.catalogue.vegetables) {
    const auto it = available.find(v.id);
    if (it != available.end() && it->second > 0) {
      in.stock.push_back({v, it->second});
    }
  }
  if (const auto previous = db::previous_plan_vegetables(store, week)) {
    in.last_week = *previous;
  }
  apply_feedback(in, cooked_shares(store, week, config.feedback.min_answers), config.feedback.familiar_share);
  return in;
}

void save_plan(Store& store, const Plan& plan, bool replace) {
  store.write([&] {
    if (db::allocated_baskets(store, plan.week) > 0) {
      const std::string week = plan.week.to_string();
      if (!replace) {
        throw Error(ExitCode::data, trf("baskets of {} were already allocated from its plan; plan it again "
                                        "with --replace, which removes the allocation, then run panier "
                                        "allocate --week {}",
                                        week, week));
      }
      if (!week_is_open(store, plan.week)) {
        throw Error(ExitCode::data,
                    trf("pickups of {} are already recorded: its plan and allocation stay as they are ({})",
                        week, undo_advice(plan.week)));
      }
      db::delete_allocation(store, plan.week);
    }
    db::replace_plan(store, plan);
  });
}

std::optional<Plan> load_plan(Store& store, Week week) { return db::read_plan(store, week); }

} // namespace panier
