#include <doctest/doctest.h>

#include "panier/optim/mip.hpp"
#include "panier/optim/reachable.hpp"

#include <algorithm>
#include <random>

using namespace panier;

TEST_CASE("a small knapsack is solved to proven optimality") {
  // max 10a + 13b + 7c, 4a + 6b + 3c <= 9, binary: best is a + c... (17) vs b + c (20): b + c.
  MipProblem p;
  const int a = p.add_variable(0, 1, true);
  const int b = p.add_variable(0, 1, true);
  const int c = p.add_variable(0, 1, true);
  p.add_row({{a, 4}, {b, 6}, {c, 3}}, -1e30, 9);
  p.set_objective({10, 13, 7}, MipProblem::Sense::maximise);
  const MipResult r = solve_mip(p, 5);
  REQUIRE(r.status == MipResult::Status::optimal);
  CHECK(r.objective == doctest::Approx(20));
  CHECK(r.values == std::vector<double>{0, 1, 1});
  CHECK(r.gap() == 0.0);
}

TEST_CASE("integrality, equality rows and minimisation") {
  // min x + y with x + 2y = 7, x, y integer >= 0, x <= 2: y = 3, x = 1 -> 4... or y = 2.5 not allowed.
  MipProblem p;
  const int x = p.add_variable(0, 2, true);
  const int y = p.add_variable(0, 10, true);
  p.add_row({{x, 1}, {y, 2}}, 7, 7);
  p.set_objective({1, 1}, MipProblem::Sense::minimise);
  const MipResult r = solve_mip(p, 5);
  REQUIRE(r.status == MipResult::Status::optimal);
  CHECK(r.values[0] == 1);
  CHECK(r.values[1] == 3);
}

TEST_CASE("an infeasible problem says so") {
  MipProblem p;
  const int x = p.add_variable(0, 3, true);
  p.add_row({{x, 2}}, 3, 3); // 2x = 3 has no integer solution
  p.set_objective({1}, MipProblem::Sense::maximise);
  const MipResult r = solve_mip(p, 5);
  CHECK(r.status == MipResult::Status::infeasible);
  CHECK_FALSE(r.has_solution());
}

TEST_CASE("a start for a maximisation whose objective is negative is searched beyond") {
  // The weight stage's shape: maximise t - 100 × deviation, below zero at the start. CBC 2.10,
  // given such a start for a maximisation, took it for optimal at once; a minimisation is not.
  std::mt19937 random(5);
  MipProblem p;
  std::vector<double> objective;
  std::vector<std::pair<int, double>> row;
  for (int i = 0; i < 20; ++i) {
    p.add_variable(0, 4, true);
    objective.push_back(-static_cast<double>(1 + random() % 9));
    row.emplace_back(i, static_cast<double>(1 + random() % 5));
  }
  p.add_row(row, 30, 1e30); // enough of them, as cheaply as possible
  p.set_objective(objective, MipProblem::Sense::maximise);
  const MipResult free = solve_mip(p, 30);
  std::vector<double> start(20, 4.0); // feasible, and far from the best
  const MipResult started = solve_mip(p, 30, start);
  REQUIRE(free.status == MipResult::Status::optimal);
  REQUIRE(started.status == MipResult::Status::optimal);
  CHECK(started.objective == doctest::Approx(free.objective));
  CHECK(started.objective > -100.0); // the start is worth far less
  CHECK(started.bound >= started.objective - 1e-6);
}

TEST_CASE("a hard time limit searches every node itself and reaches the same optimum") {
  // Three knapsack rows over 30 general integers: small enough (under 500 rows and columns) for
  // CBC to hand subtrees to Clp when the limit is lenient; the hard limit searches them itself.
  std::mt19937 random(11);
  MipProblem p;
  std::vector<double> objective;
  for (int i = 0; i < 30; ++i) {
    p.add_variable(0, 3, true);
    objective.push_back(static_cast<double>(10 + random() % 40));
  }
  for (int row = 0; row < 3; ++row) {
    std::vector<std::pair<int, double>> terms;
    for (int i = 0; i < 30; ++i) {
      terms.emplace_back(i, static_cast<double>(5 + random() % 30));
    }
    p.add_row(terms, -1e30, 400);
  }
  p.set_objective(objective, MipProblem::Sense::maximise);
  const MipResult hard = solve_mip(p, 30, {}, TimeLimit::hard);
  const MipResult lenient = solve_mip(p, 30, {}, TimeLimit::lenient);
  REQUIRE(hard.status == MipResult::Status::optimal);
  REQUIRE(lenient.status == MipResult::Status::optimal);
  CHECK(hard.objective == doctest::Approx(lenient.objective));
  CHECK(hard.objective > 0);
}

namespace {

// Every total of the terms at most `capacity`, by enumerating every choice of q.
std::int64_t largest_by_enumeration(std::int64_t capacity, const std::vector<panier::BoundedTerm>& terms,
                                    std::size_t from = 0, std::int64_t total = 0) {
  if (from == terms.size()) {
    return total;
  }
  std::int64_t best = largest_by_enumeration(capacity, terms, from + 1, total); // q = 0
  const auto& t = terms[from];
  for (std::int64_t q = std::max<std::int64_t>(1, t.lowest); q <= t.highest; ++q) {
    if (total + t.weight * q > capacity) {
      break;
    }
    best = std::max(best, largest_by_enumeration(capacity, terms, from + 1, total + t.weight * q));
  }
  return best;
}

} // namespace

TEST_CASE("largest_reachable is the largest total the bounded multiples reach, by enumeration") {
  using panier::BoundedTerm;
  // 86 pieces for baskets counted 72, 54, 67, 65 and 24: at most 78 pieces can go out.
  CHECK(panier::largest_reachable(86, {{72, 1, 1}, {54, 1, 1}, {67, 1, 1}, {65, 1, 1}, {24, 1, 3}}) == 78);
  // A minimum portion of 3 steps: 2 × 3 = 6 is the smallest non-zero total.
  CHECK(panier::largest_reachable(5, {{2, 3, 10}}) == 0);
  CHECK(panier::largest_reachable(7, {{2, 3, 10}}) == 6);
  CHECK(panier::largest_reachable(-1, {{2, 3, 10}}) == std::nullopt);
  CHECK(panier::largest_reachable(panier::k_max_reachable_capacity + 1, {{2, 3, 10}}) == std::nullopt);
  std::mt19937 engine(12);
  auto random = [&engine](int below) {
    return static_cast<std::int64_t>(engine() % static_cast<unsigned>(below));
  };
  int differs_from_capacity = 0;
  for (int round = 0; round < 400; ++round) {
    std::vector<BoundedTerm> terms;
    const auto count = 1 + random(4);
    for (std::int64_t i = 0; i < count; ++i) {
      const std::int64_t lowest = random(4);
      terms.push_back({1 + random(30), lowest, lowest + random(5)});
    }
    const std::int64_t capacity = random(200);
    const auto reached = panier::largest_reachable(capacity, terms);
    REQUIRE(reached.has_value());
    CHECK(*reached == largest_by_enumeration(capacity, terms));
    differs_from_capacity += *reached < capacity ? 1 : 0;
  }
  CHECK(differs_from_capacity > 50); // the oracle was asked cases where the bound matters
}
