#include "panier/domain/harvest.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "panier/core/csv.hpp"
#include "panier/core/error.hpp"
#include "panier/store/records.hpp"

namespace panier {

namespace {
// More than this many units of one vegetable in one week is a typing error, not a harvest.
constexpr Milli k_max_quantity = 100000 * 1000LL;
} // namespace

Cents value_of(Milli quantity, Cents price_per_unit) { return (quantity * price_per_unit + 500) / 1000; }

namespace {

// One line of a forecast, with the problems of its cells.
HarvestLine read_harvest_line(const CsvReader& reader, const Config& config,
                              std::vector<std::string>& row_problems) {
  HarvestLine h;
  h.line = reader.line();
  const std::string_view week_text = reader.text(0);
  const auto week = Week::parse_iso(week_text);
  if (!week) {
    row_problems.push_back(
        reader.where(fmt::format("column \"week\": \"{}\" is not a week (YYYY-Www)", week_text)));
  } else if (config.calendar.is_closed(*week)) {
    row_problems.push_back(reader.where(fmt::format("column \"week\": {} is a closure week", week_text)));
  } else {
    h.week = *week;
  }
  h.vegetable = reader.text(1);
  const Vegetable* vegetable = config.catalogue.find(h.vegetable);
  if (vegetable == nullptr) {
    row_problems.push_back(
        reader.where(fmt::format("column \"vegetable\": unknown vegetable \"{}\"", h.vegetable)));
  }
  try {
    h.quantity = reader.required_number(2, 3);
    const std::string_view unit = vegetable != nullptr ? unit_name(vegetable->unit) : "units";
    if (h.quantity < 0) {
      row_problems.push_back(
          reader.where(fmt::format("column \"quantity\": {} is negative", reader.text(2))));
    } else if (h.quantity > k_max_quantity) {
      row_problems.push_back(
          reader.where(fmt::format("column \"quantity\": {} {} is not plausible (more than {})",
                                   reader.text(2), unit, k_max_quantity / 1000)));
    }
  } catch (const Error& e) {
    row_problems.push_back(e.messages().front());
  }
  const std::string_view grade = reader.text(3);
  if (const auto parsed = grade.empty() ? Grade::standard : parse_word<Grade>(grade)) {
    h.grade = *parsed;
  } else {
    row_problems.push_back(
        reader.where(fmt::format("column \"grade\": \"{}\" is not {}", grade, texts_joined<Grade>(" or "))));
  }
  return h;
}

} // namespace

std::vector<HarvestLine> read_harvest_csv(const std::string& path, const Config& config) {
  static const CsvColumn k_columns[] = {
      {"week", true}, {"vegetable", true}, {"quantity", true}, {"grade", false}};
  CsvReader reader(path);
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
        row_problems.push_back(reader.where(fmt::format(
            "{} {} ({}) is already on line {}", h.week.to_string(), h.vegetable, text(h.grade), it->second)));
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
