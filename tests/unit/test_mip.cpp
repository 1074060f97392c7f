#include <doctest/doctest.h>

#include "panier/optim/mip.hpp"

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
