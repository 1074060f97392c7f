#include "panier/domain/harvest.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/io/rows.hpp"
#include "panier/store/records.hpp"

namespace panier {

namespace {
// More than this many units of one vegetable in one week is a typing error, not a harvest.
constexpr Milli k_max_quantity = 100000 * 1000LL;
} // namespace

Cents value_of(Milli quantity, Cents price_per_unit) { return (quantity * price_per_unit + 500) / 1000; }

namespace {

// One line of a forecast, with the problems of its cells.
HarvestLine read_harvest_line(const RowReader& reader, const Config& config,
                              std::vector<std::string>& row_problems) {
  enum : std::size_t { week_column, vegetable_column, quantity_column, grade_column };
  HarvestLine h;
  h.line = reader.line();
  const auto week =
      collect_problems(row_problems, std::optional<Week>(), [&] { return reader.week(week_column); });
  if (!week) {
    if (reader.text(week_column).empty()) row_problems.push_back(reader.where(week_column, "missing value"));
  } else if (config.calendar.is_closed(*week)) {
    row_problems.push_back(reader.where(week_column, trf("{} is a closure week", week->to_string())));
  } else {
    h.week = *week;
  }
  h.vegetable = reader.text(vegetable_column);
  const Vegetable* vegetable = config.catalogue.find(h.vegetable);
  if (vegetable == nullptr) {
    row_problems.push_back(reader.where(vegetable_column, trf("unknown vegetable {}", quoted(h.vegetable))));
  }
  h.quantity =
      collect_problems(row_problems, Milli{0}, [&] { return reader.required_number(quantity_column, 3); });
  const std::string_view unit = vegetable != nullptr ? unit_name(vegetable->unit) : "units";
  if (h.quantity < 0) {
    row_problems.push_back(
        reader.where(quantity_column, trf("{} is negative", reader.text(quantity_column))));
  } else if (h.quantity > k_max_quantity) {
    row_problems.push_back(
        reader.where(quantity_column, trf("{} {} is not plausible (more than {})",
                                          reader.text(quantity_column), unit, k_max_quantity / 1000)));
  }
  const std::string_view grade = reader.text(grade_column);
  if (const auto parsed = grade.empty() ? Grade::standard : parse_word<Grade>(grade)) {
    h.grade = *parsed;
  } else {
    row_problems.push_back(
        reader.where(grade_column, trf("{} is not {}", quoted(grade), texts_joined<Grade>(" or "))));
  }
  return h;
}

} // namespace

std::vector<HarvestLine> read_harvest(const std::string& path, const ReadOptions& options,
                                      const Config& config) {
  static const InputColumn k_columns[] = {
      {"week", true}, {"vegetable", true}, {"quantity", true}, {"grade", false}};
  const auto rows = open_rows(path, options);
  RowReader& reader = *rows;
  reader.read_header(k_columns);
  std::vector<HarvestLine> lines;
  Diagnostics problems;
  std::map<std::tuple<Week, std::string, Grade>, long> seen;
  while (reader.next()) {
    std::vector<std::string> row_problems;
    HarvestLine h = read_harvest_line(reader, config, row_problems);
    if (row_problems.empty()) {
      const auto [it, fresh] = seen.emplace(std::make_tuple(h.week, h.vegetable, h.grade), h.line);
      if (!fresh) {
        row_problems.push_back(reader.where(trf("{} {} ({}) is already on {}", h.week.to_string(),
                                                h.vegetable, text(h.grade), reader.record_name(it->second))));
      }
    }
    for (auto& message : row_problems) {
      problems.add(std::move(message));
    }
    lines.push_back(std::move(h));
  }
  problems.throw_if_any(ExitCode::data);
  return lines;
}

std::vector<HarvestWeekResult> import_harvest(Store& store, const std::vector<HarvestLine>& lines,
                                              bool dry_run) {
  std::map<Week, std::vector<const HarvestLine*>> by_week;
  for (const auto& line : lines) {
    by_week[line.week].push_back(&line);
  }
  std::vector<HarvestWeekResult> results;
  auto work = [&] {
    for (const auto& [week, week_lines] : by_week) {
      HarvestWeekResult result{week, static_cast<int>(week_lines.size()), db::delete_harvest(store, week)};
      for (const HarvestLine* line : week_lines) {
        db::insert_harvest(store, week, {line->vegetable, line->grade, line->quantity});
      }
      results.push_back(result);
    }
  };
  if (dry_run) {
    store.rehearse(work);
  } else {
    store.write(work);
  }
  return results;
}

std::vector<HarvestItem> harvest_of(Store& store, const Config& config, Week week) {
  const int month = week.day(config.calendar.delivery_weekday).month();
  std::vector<HarvestItem> items;
  for (const auto& row : db::harvest_rows(store, week)) {
    HarvestItem item;
    item.vegetable = row.vegetable;
    item.quantity = row.quantity;
    item.grade = row.grade;
    if (const Vegetable* v = config.catalogue.find(row.vegetable)) {
      item.name = v->name;
      item.unit = v->unit;
      item.value = value_of(row.quantity, v->price);
      item.in_season = v->in_season(month);
    }
    items.push_back(std::move(item));
  }
  return items;
}

} // namespace panier
