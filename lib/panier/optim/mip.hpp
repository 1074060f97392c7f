// A small mixed-integer programming interface of our own, so that the solver behind it (COIN-OR
// CBC today) can be swapped without touching the plan. Depends on nothing else in panier.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace panier {

class MipProblem {
public:
  enum class Sense { maximise, minimise };

  // Adds a variable and returns its index.
  int add_variable(double lower, double upper, bool integer, double objective = 0.0);
  // lower <= sum(coefficient * variable) <= upper
  void add_row(std::vector<std::pair<int, double>> terms, double lower, double upper);
  void set_objective(std::vector<double> coefficients, Sense sense);
  // Fixes a variable to `value` (both bounds).
  void fix(int variable, double value) {
    m_lower[static_cast<std::size_t>(variable)] = value;
    m_upper[static_cast<std::size_t>(variable)] = value;
  }
  // A solution whose objective is within this distance of the proven bound counts as optimal.
  void set_absolute_gap(double gap) { m_absolute_gap = gap; }
  double absolute_gap() const { return m_absolute_gap; }
  // Cutting planes tighten the bound at a cost per node: worth it where the linear relaxation is
  // far from the integer optimum (off by default).
  void set_cuts(bool cuts) { m_cuts = cuts; }
  bool cuts() const { return m_cuts; }

  std::size_t variables() const { return m_lower.size(); }
  // The objective's value at `values` (one per variable).
  double objective_value(const std::vector<double>& values) const;
  std::size_t rows() const { return m_rows.size(); }

  // Used by the solver backends.
  struct Row {
    std::vector<std::pair<int, double>> terms;
    double lower;
    double upper;
  };
  const std::vector<double>& lower() const { return m_lower; }
  const std::vector<double>& upper() const { return m_upper; }
  const std::vector<bool>& integer() const { return m_integer; }
  const std::vector<double>& objective() const { return m_objective; }
  const std::vector<Row>& row_list() const { return m_rows; }
  Sense sense() const { return m_sense; }

private:
  std::vector<double> m_lower;
  std::vector<double> m_upper;
  std::vector<bool> m_integer;
  std::vector<double> m_objective;
  std::vector<Row> m_rows;
  Sense m_sense = Sense::maximise;
  double m_absolute_gap = 0.0;
  bool m_cuts = false;
};

struct MipResult {
  enum class Status { optimal, feasible, infeasible, unknown };
  Status status = Status::unknown; // feasible: the time limit stopped the search with a solution
  std::vector<double> values;      // empty unless optimal or feasible
  double objective = 0.0;
  double bound = 0.0; // best possible objective proven
  double seconds = 0.0;

  bool has_solution() const { return status == Status::optimal || status == Status::feasible; }
  // Relative gap between the solution and the proven bound (0 when proven optimal).
  double gap() const;
};

std::string_view status_name(MipResult::Status status);

// How strictly the time limit stops the search. `hard`: at the limit itself, which costs some
// speed (CBC then searches every node itself instead of handing a small subtree whole to its LP
// solver, where nothing can stop it: seen running 0.45 s past the limit). `lenient`: within some
// tenths of a second of it, for a search that a later deadline still bounds.
enum class TimeLimit { hard, lenient };

// Solves with the configured backend, single-threaded and with a fixed seed so that the same
// problem gives the same answer. `start` (optional) is a feasible solution to begin from.
MipResult solve_mip(const MipProblem& problem, double time_limit_s, const std::vector<double>& start = {},
                    TimeLimit limit = TimeLimit::hard);

} // namespace panier
