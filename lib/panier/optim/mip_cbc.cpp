// The CBC backend of the MIP interface.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include <CbcEventHandler.hpp>
#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <fmt/format.h>

#include "panier/optim/mip.hpp"

namespace panier {

int MipProblem::add_variable(double lower, double upper, bool integer, double objective) {
  m_lower.push_back(lower);
  m_upper.push_back(upper);
  m_integer.push_back(integer);
  m_objective.push_back(objective);
  return static_cast<int>(m_lower.size() - 1);
}

void MipProblem::add_row(std::vector<std::pair<int, double>> terms, double lower, double upper) {
  m_rows.push_back({std::move(terms), lower, upper});
}

void MipProblem::set_objective(std::vector<double> coefficients, Sense sense) {
  coefficients.resize(m_lower.size(), 0.0);
  m_objective = std::move(coefficients);
  m_sense = sense;
}

double MipProblem::objective_value(const std::vector<double>& values) const {
  double total = 0.0;
  for (std::size_t i = 0; i < m_objective.size() && i < values.size(); ++i) {
    total += m_objective[i] * values[i];
  }
  return total;
}

double MipResult::gap() const {
  if (status == Status::optimal && std::fabs(bound - objective) <= 1e-9) {
    return 0.0;
  }
  if (!has_solution()) {
    return 1.0;
  }
  const double scale = std::max(1e-9, std::fabs(objective));
  return std::fabs(bound - objective) / scale;
}

std::string_view status_name(MipResult::Status status) {
  switch (status) {
  case MipResult::Status::optimal: return "optimal";
  case MipResult::Status::feasible: return "time limit";
  case MipResult::Status::infeasible: return "infeasible";
  case MipResult::Status::unknown: return "no solution";
  }
  return "unknown";
}

namespace {

// Stops the search once the wall-clock deadline has passed: CBC's own -seconds is read between
// nodes and has been seen overrunning by more than a second (a hard bound is the contract).
class DeadlineHandler : public CbcEventHandler {
public:
  explicit DeadlineHandler(std::chrono::steady_clock::time_point deadline) : m_deadline(deadline) {}
  CbcAction event(CbcEvent) override {
    return std::chrono::steady_clock::now() >= m_deadline ? stop : noAction;
  }
  CbcEventHandler* clone() const override { return new DeadlineHandler(*this); }

private:
  std::chrono::steady_clock::time_point m_deadline;
};

} // namespace

// Long on purpose: the one sequence of CBC calls (load, bounds, start, limits, solve, read back),
// whose order CBC imposes; the only place that sees CBC.
MipResult solve_mip(const MipProblem& problem, double time_limit_s, const std::vector<double>& start,
                    TimeLimit limit) {
  const auto started = std::chrono::steady_clock::now();
  const int columns = static_cast<int>(problem.variables());
  CoinPackedMatrix matrix(false, 0, 0);
  matrix.setDimensions(0, columns);
  std::vector<double> row_lower;
  std::vector<double> row_upper;
  for (const auto& row : problem.row_list()) {
    std::vector<int> indices;
    std::vector<double> elements;
    for (const auto& [index, coefficient] : row.terms) {
      indices.push_back(index);
      elements.push_back(coefficient);
    }
    matrix.appendRow(static_cast<int>(indices.size()), indices.data(), elements.data());
    row_lower.push_back(row.lower);
    row_upper.push_back(row.upper);
  }
  OsiClpSolverInterface solver;
  solver.messageHandler()->setLogLevel(0);
  // CBC is given a minimisation always (a maximisation negated): given a start for a maximisation
  // whose objective is negative, CBC 2.10 took it for better than every bound and stopped at once,
  // "optimal" (the weight stage: -57.9 against a bound of 1.0; tests/unit/test_mip.cpp).
  const bool maximise = problem.sense() == MipProblem::Sense::maximise;
  std::vector<double> objective = problem.objective();
  if (maximise) {
    for (double& c : objective) {
      c = -c;
    }
  }
  solver.loadProblem(matrix, problem.lower().data(), problem.upper().data(), objective.data(),
                     row_lower.data(), row_upper.data());
  for (int i = 0; i < columns; ++i) {
    if (problem.integer()[static_cast<std::size_t>(i)]) {
      solver.setInteger(i);
    }
  }
  solver.setObjSense(1.0);

  CbcModel model(solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  if (static_cast<int>(start.size()) == columns) {
    model.setBestSolution(start.data(), columns, 1e50, true);
  }
  DeadlineHandler handler(started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                        std::chrono::duration<double>(std::max(0.01, time_limit_s))));
  model.passInEventHandler(&handler);
  CbcSolverUsefulData data;
  data.noPrinting_ = true;
  CbcMain0(model, data);
  model.setLogLevel(0);
  const std::string seconds = fmt::format("{:.3f}", std::max(0.01, time_limit_s));
  const std::string gap = fmt::format("{:.9g}", std::max(1e-10, problem.absolute_gap()));
  // CBC 2.10's preprocessing can crash mapping a solution back (CglPreProcess::postProcess), and
  // it made no model of panier's faster (scripts/bench plan): off. Cutting planes only on request.
  const char* preprocess = "off";
  // Clp's own search of small subtrees ("fathom", which CBC 2.10 turns on for a model under 500
  // rows and columns) reports no event to the deadline handler: -999 is the value CbcMain1 reads
  // as "off" (-1 keeps its default, on).
  const char* fathom = limit == TimeLimit::hard ? "-999" : "-1";
  // CBC measures its own -seconds in processor time unless told otherwise: on a busy machine
  // (a cron job beside others) that runs behind the clock, and the root's cutting-plane passes,
  // where no event reaches the deadline handler, ran 0.4-0.6 s past the limit. Wall time then.
  const char* argv[] = {"panier",
                        "-log",
                        "0",
                        "-slog",
                        "0",
                        "-seconds",
                        seconds.c_str(),
                        "-timeMode",
                        "elapsed",
                        "-randomCbcSeed",
                        "1",
                        "-allowableGap",
                        gap.c_str(),
                        "-preprocess",
                        preprocess,
                        "-cuts",
                        problem.cuts() ? "on" : "off",
                        "-depthMiniBab",
                        fathom,
                        "-solve",
                        "-quit"};
  CbcMain1(static_cast<int>(std::size(argv)), argv, model, nullptr, data);

  MipResult result;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (model.bestSolution() != nullptr) {
    result.values.assign(model.bestSolution(), model.bestSolution() + columns);
    for (int i = 0; i < columns; ++i) {
      if (problem.integer()[static_cast<std::size_t>(i)]) {
        result.values[static_cast<std::size_t>(i)] = std::round(result.values[static_cast<std::size_t>(i)]);
      }
    }
    result.objective = problem.objective_value(result.values);
    result.bound = maximise ? -model.getBestPossibleObjValue() : model.getBestPossibleObjValue();
    result.status = model.isProvenOptimal() ? MipResult::Status::optimal : MipResult::Status::feasible;
  } else if (model.isProvenInfeasible() || model.status() == 0) { // finished without a solution
    result.status = MipResult::Status::infeasible;
  } else {
    result.status = MipResult::Status::unknown;
  }
  return result;
}

} // namespace panier
