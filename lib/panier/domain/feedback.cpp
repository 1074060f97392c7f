#include "panier/domain/feedback.hpp"

#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/store/feedback.hpp"
#include "panier/store/households.hpp"

namespace panier {

namespace {

// yes/no in English or French, any case; nullopt for anything else.
std::optional<bool> yes_no(std::string_view text) {
  std::string lower;
  for (char c : text) {
    lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (lower == "yes" || lower == "oui" || lower == "y" || lower == "o" || lower == "1") return true;
  if (lower == "no" || lower == "non" || lower == "n" || lower == "0") return false;
  return std::nullopt;
}

struct FeedbackLine {
  std::string household_at; // "FILE:LINE: column "household": ", for problems found in the database
  std::string vegetable_at;
  Week week;
  std::string household;
  std::string vegetable;
  bool cooked = false;
  std::optional<bool> liked;
  std::vector<std::string> problems; // its own, found in the file
};

std::vector<FeedbackLine> read_feedback(const std::string& path, const ReadOptions& options,
                                        const Config& config) {
  enum : std::size_t { week_column, household_column, vegetable_column, cooked_column, liked_column };
  static const InputColumn k_columns[] = {
      {"week", true}, {"household", true}, {"vegetable", true}, {"cooked", true}, {"liked", false}};
  const auto rows = open_rows(path, options);
  RowReader& reader = *rows;
  reader.read_header(k_columns);
  std::vector<FeedbackLine> lines;
  std::map<std::tuple<Week, std::string, std::string>, long> seen;
  while (reader.next()) {
    std::vector<std::string> row_problems;
    FeedbackLine l;
    l.household = std::string(reader.text(household_column));
    l.vegetable = std::string(reader.text(vegetable_column));
    l.household_at = reader.where(household_column, "");
    l.vegetable_at = reader.where(vegetable_column, "");
    const auto week =
        collect_problems(row_problems, std::optional<Week>(), [&] { return reader.week(week_column); });
    if (!week && reader.text(week_column).empty()) {
      row_problems.push_back(reader.where(week_column, "missing value"));
    }
    if (week) {
      l.week = *week;
    }
    if (l.household.empty()) {
      row_problems.push_back(reader.where(household_column, "missing value"));
    }
    if (l.vegetable.empty()) {
      row_problems.push_back(reader.where(vegetable_column, "missing value"));
    } else if (config.catalogue.find(l.vegetable) == nullptr) {
      row_problems.push_back(
          reader.where(vegetable_column, trf("unknown vegetable {}", quoted(l.vegetable))));
    }
    if (const auto cooked = yes_no(reader.text(cooked_column))) {
      l.cooked = *cooked;
    } else {
      row_problems.push_back(
          reader.where(cooked_column, reader.text(cooked_column).empty()
                                          ? std::string("missing value (yes or no)")
                                          : trf("{} is not yes or no", quoted(reader.text(cooked_column)))));
    }
    if (!reader.text(liked_column).empty()) {
      if (const auto liked = yes_no(reader.text(liked_column))) {
        l.liked = *liked;
      } else {
        row_problems.push_back(
            reader.where(liked_column, trf("{} is not yes, no or empty", quoted(reader.text(liked_column)))));
      }
    }
    if (row_problems.empty()) {
      const auto [it, fresh] = seen.emplace(std::make_tuple(l.week, l.household, l.vegetable), reader.line());
      if (!fresh) {
        row_problems.push_back(
            reader.where(trf("{} {} {} is already on {}", l.week.to_string(), quoted(l.household),
                             l.vegetable, reader.record_name(it->second))));
      }
    }
    l.problems = std::move(row_problems);
    lines.push_back(std::move(l));
  }
  return lines;
}

} // namespace

FeedbackSummary import_feedback(Store& store, const Config& config, const std::string& path,
                                const ReadOptions& options, bool dry_run) {
  const std::vector<FeedbackLine> lines = read_feedback(path, options, config);
  FeedbackSummary summary;
  auto work = [&] {
    // Every line's problems in the order of the file: its own, else those the database finds.
    Diagnostics problems;
    db::HouseholdTables tables(store);
    std::set<std::string> weeks;
    std::set<std::int64_t> households;
    for (const auto& l : lines) {
      if (!l.problems.empty()) {
        for (const auto& message : l.problems) {
          problems.add(message);
        }
        continue;
      }
      const auto household = tables.find_household(l.household);
      if (!household) {
        problems.add(l.household_at + trf("unknown household {}", quoted(l.household)));
        continue;
      }
      const auto basket = db::basket_vegetables(store, l.week.to_string(), household->id);
      if (basket.empty()) {
        problems.add(l.household_at +
                     trf("household {} had no basket in {}", quoted(l.household), l.week.to_string()));
        continue;
      }
      if (!basket.contains(l.vegetable)) {
        problems.add(l.vegetable_at + trf("{} was not in the basket of household {} in {}", l.vegetable,
                                          quoted(l.household), l.week.to_string()));
        continue;
      }
      switch (db::put_feedback(store, {l.week.to_string(), household->id, l.vegetable, l.cooked, l.liked})) {
      case db::Put::added: ++summary.added; break;
      case db::Put::updated: ++summary.updated; break;
      case db::Put::unchanged: ++summary.unchanged; break;
      }
      weeks.insert(l.week.to_string());
      households.insert(household->id);
    }
    problems.throw_if_any(ExitCode::data);
    summary.weeks = static_cast<int>(weeks.size());
    summary.households = static_cast<int>(households.size());
  };
  if (dry_run) {
    store.rehearse(work);
  } else {
    store.write(work);
  }
  return summary;
}

std::map<std::string, double> cooked_shares(Store& store, Week week, int min_answers) {
  std::map<std::string, double> shares;
  for (const auto& [vegetable, tally] : db::feedback_tallies(store, week.to_string())) {
    if (tally.answers > 0 && tally.answers >= min_answers) {
      shares[vegetable] = static_cast<double>(tally.cooked) / static_cast<double>(tally.answers);
    }
  }
  return shares;
}

} // namespace panier
