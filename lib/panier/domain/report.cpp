#include "panier/domain/report.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "panier/core/collate.hpp"
#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/money.hpp"
#include "panier/store/reports.hpp"

namespace panier {

namespace {

std::string count(std::int64_t n) { return fmt::format("{}", n); }

std::optional<Week> week_of_date(const std::string& text) {
  const auto date = Date::parse(text);
  return date ? std::optional<Week>(Week::containing(*date)) : std::nullopt;
}

// Columns that count households or persons: what --min-cell hides when small.
const std::set<std::string, std::less<>> k_small_counts = {
    "households", "persons", "adults", "children", "new_households", "workshop_participants",
    "answers",    "cooked",  "liked"};

// A figure of a row that describes the row's households (not a year, a capacity or a budget).
bool describes_households(const Table& table, std::size_t column) {
  const std::string& name = table.columns[column];
  return table.numeric[column] && name != "year" && name != "capacity" && !name.starts_with("budget");
}

bool below(const std::string& cell, int min_cell) {
  return !cell.empty() &&
         std::all_of(cell.begin(), cell.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) &&
         std::stoll(cell) < min_cell;
}

// --min-cell N: a count of households or persons below N is shown "<N"; and when a row's
// households are fewer than N, its other figures about them (baskets, pickups, persons, kg,
// money) are hidden too, shown "*", since they would tell the hidden count or describe those few
// households.
void apply_min_cell(Table& table, int min_cell) {
  if (min_cell <= 0) {
    return;
  }
  const auto households = std::find(table.columns.begin(), table.columns.end(), "households");
  for (auto& row : table.rows) {
    const bool few = households != table.columns.end() &&
                     below(row[static_cast<std::size_t>(households - table.columns.begin())], min_cell);
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (k_small_counts.contains(table.columns[c]) && below(row[c], min_cell)) {
        row[c] = fmt::format("<{}", min_cell);
      } else if (few && describes_households(table, c) && !row[c].empty()) {
        row[c] = "*";
      }
    }
  }
}

// The weeks a report covers in one database: those asked for, or else from the first to the last
// week with an allocation or a workshop.
struct Range {
  Week from, to;
  bool empty = true;
};

Range resolve_range(Store& store, const ReportRequest& request) {
  std::optional<Week> first = request.from;
  std::optional<Week> last = request.to;
  if (!first || !last) {
    std::vector<Week> seen;
    const auto [min_week, max_week] = db::allocation_weeks(store);
    for (const auto& text : {min_week, max_week}) {
      if (auto w = Week::parse_iso(text)) {
        seen.push_back(*w);
      }
    }
    for (const auto& w : db::workshop_facts(store)) {
      if (auto week = week_of_date(w.date)) {
        seen.push_back(*week);
      }
    }
    if (seen.empty()) {
      return {};
    }
    const auto [lo, hi] = std::minmax_element(seen.begin(), seen.end(),
                                              [](Week a, Week b) { return a.ordinal() < b.ordinal(); });
    first = first.value_or(*lo);
    last = last.value_or(*hi);
  }
  if (first->ordinal() > last->ordinal()) {
    return {};
  }
  return {*first, *last, false};
}

// How the range is cut into periods: the weeks of the range, cut where their label changes.
db::Periods periods_of(Period period, const Range& range) {
  db::Periods periods;
  if (period == Period::none) {
    return periods;
  }
  if (period == Period::week) {
    periods.by_week = true;
    return periods;
  }
  for (auto o = range.from.ordinal(); o <= range.to.ordinal(); ++o) {
    const Week w = Week::from_ordinal(o);
    std::string label = period_label(w, period);
    if (periods.cuts.empty() || periods.cuts.back().second != label) {
      periods.cuts.emplace_back(w.to_string(), std::move(label));
    }
  }
  return periods;
}

db::ReportFilter filter_of(const ReportRequest& request, const Range& range) {
  return {range.from.to_string(), range.to.to_string(), request.scheme, request.point};
}

// Starts a table with `period` first when the report is by period.
Table make_table(const ReportRequest& request, std::vector<std::string> columns,
                 const std::vector<std::string>& numeric) {
  if (request.by != Period::none) {
    columns.insert(columns.begin(), "period");
  }
  return Table(std::move(columns), numeric);
}

void add_row(Table& table, const ReportRequest& request, const std::string& period,
             std::vector<std::string> row) {
  if (request.by != Period::none) {
    row.insert(row.begin(), period);
  }
  table.add(std::move(row));
}

Table baskets_report(Store& store, const ReportRequest& request, const Range& range) {
  Table table = make_table(request,
                           {"scheme", "point", "size", "baskets", "collected", "proxy", "missed", "cancelled",
                            "shortfall", "unrecorded", "households", "persons", "value_eur",
                            "contribution_eur", "subsidy_eur"},
                           {"baskets", "collected", "proxy", "missed", "cancelled", "shortfall", "unrecorded",
                            "households", "persons", "value_eur", "contribution_eur", "subsidy_eur"});
  if (range.empty) {
    return table;
  }
  for (const auto& g :
       db::basket_groups(store, filter_of(request, range), periods_of(request.by, range), true)) {
    add_row(table, request, g.period,
            {g.scheme, g.point, g.size, count(g.baskets), count(g.collected), count(g.proxy), count(g.missed),
             count(g.cancelled), count(g.shortfall), count(g.unrecorded), count(g.households),
             count(g.persons), format_money(g.value_cents), format_money(g.contribution_cents),
             format_money(g.value_cents - g.contribution_cents)});
  }
  return table;
}

// The ISO years of the weeks from..to.
std::vector<int> years_between(Week from, Week to) {
  std::vector<int> years;
  for (int y = from.year(); y <= to.year(); ++y) {
    years.push_back(y);
  }
  return years;
}

// The weeks of a report row: its period within the range (the whole range without --by).
std::pair<Week, Week> period_weeks(const Range& range, Period by, const std::string& period) {
  Week first = range.from;
  Week last = range.to;
  if (by != Period::none) {
    bool any = false;
    for (auto o = range.from.ordinal(); o <= range.to.ordinal(); ++o) {
      const Week w = Week::from_ordinal(o);
      if (period_label(w, by) == period) {
        first = any ? first : w;
        last = w;
        any = true;
      }
    }
  }
  return {first, last};
}

// A funder's annual budget for a scheme; nullopt when it has none (or the configuration no longer
// has the scheme).
std::optional<Cents> budget_of(const Config& config, const std::string& scheme_id,
                               const std::string& funder) {
  std::optional<Cents> budget;
  if (const Scheme* scheme = config.find_scheme(scheme_id)) {
    for (const auto& sf : scheme->funders) {
      if (sf.id == funder) {
        budget = sf.budget;
      }
    }
  }
  return budget;
}

Table funding_report(Store& store, const Config& config, const ReportRequest& request, const Range& range) {
  Table table =
      make_table(request, {"funder", "scheme", "baskets", "amount_eur", "budget_eur", "budget_left_eur"},
                 {"baskets", "amount_eur", "budget_eur", "budget_left_eur"});
  if (range.empty) {
    return table;
  }
  struct Key {
    std::string period, funder, scheme;
    auto operator<=>(const Key&) const = default;
  };
  struct Sum {
    std::int64_t baskets = 0, amount = 0;
    Week first, last; // the weeks of the period within the range
    bool seen = false;
  };
  // Budgets are per year, drawn by every point: what each (funder, scheme) drew, week by week,
  // from the first week of the range's first year. Without --point, the rows are those of the
  // range among them (one pass over the history instead of two).
  db::ReportFilter all_points = filter_of(request, range);
  all_points.from = Week::from_year_week(range.from.year(), 1)->to_string();
  all_points.point.clear();
  const auto draws = db::funding_weeks(store, all_points);
  const std::string first_week = range.from.to_string();
  std::map<Key, Sum> sums;
  for (const auto& f : request.point.empty() ? draws : db::funding_weeks(store, filter_of(request, range))) {
    if (f.week < first_week) {
      continue;
    }
    const Week week = *Week::parse_iso(f.week);
    Sum& s = sums[{period_label(week, request.by), f.funder, f.scheme}];
    s.baskets += f.baskets;
    s.amount += f.amount_cents;
  }
  for (auto& [key, sum] : sums) {
    const auto [first, last] = period_weeks(range, request.by, key.period);
    std::string budget_text;
    std::string left_text;
    if (const auto budget = budget_of(config, key.scheme, key.funder)) {
      const auto years = years_between(first, last);
      const Cents total = *budget * static_cast<Cents>(years.size());
      Cents drawn = 0;
      for (const auto& d : draws) {
        const Week w = *Week::parse_iso(d.week);
        if (d.funder == key.funder && d.scheme == key.scheme && w.ordinal() <= last.ordinal() &&
            w.year() >= years.front() && w.year() <= years.back()) {
          drawn += d.amount_cents;
        }
      }
      budget_text = format_money(total);
      left_text = format_money(total - drawn);
    }
    add_row(table, request, key.period,
            {key.funder, key.scheme, count(sum.baskets), format_money(sum.amount), budget_text, left_text});
  }
  return table;
}

// What each basket size of each week held: (week, size) -> items.
std::map<std::pair<std::string, std::string>, std::vector<db::PlanItem>>
plans_by_week_size(Store& store, const Range& range) {
  std::map<std::pair<std::string, std::string>, std::vector<db::PlanItem>> plans;
  for (auto& item : db::plan_items(store, range.from.to_string(), range.to.to_string())) {
    plans[{item.week, item.size}].push_back(std::move(item));
  }
  return plans;
}

// Milligrams in `quantity_milli` thousandths of a vegetable's unit.
std::int64_t milligrams(const Config& config, const db::PlanItem& item) {
  const Vegetable* v = config.catalogue.find(item.vegetable);
  return item.quantity_milli * (v != nullptr ? v->grams_per_unit : 1000);
}

// Milligrams to kg with three decimals (rounded to the gram).
std::string kg_text(std::int64_t mg) { return format_fixed((mg + 500) / 1000, 3); }

Table produce_report(Store& store, const Config& config, const ReportRequest& request, const Range& range) {
  Table table = make_table(
      request, {"vegetable", "name", "unit", "quantity", "kg", "value_eur", "baskets", "unfamiliar"},
      {"quantity", "kg", "value_eur", "baskets"});
  if (range.empty) {
    return table;
  }
  const auto plans = plans_by_week_size(store, range);
  struct Sum {
    std::int64_t quantity = 0, mg = 0, value_milli_cents = 0, baskets = 0;
  };
  std::map<std::pair<std::string, std::string>, Sum> sums; // (period, vegetable)
  for (const auto& c : db::basket_counts(store, filter_of(request, range))) {
    const auto plan = plans.find({c.week, c.size});
    if (plan == plans.end()) {
      continue;
    }
    const std::string period = period_label(*Week::parse_iso(c.week), request.by);
    for (const auto& item : plan->second) {
      Sum& s = sums[{period, item.vegetable}];
      s.quantity += item.quantity_milli * c.baskets;
      s.mg += milligrams(config, item) * c.baskets;
      s.value_milli_cents += item.quantity_milli * item.price_cents * c.baskets;
      s.baskets += c.baskets;
    }
  }
  for (const auto& [key, s] : sums) {
    const Vegetable* v = config.catalogue.find(key.second);
    add_row(table, request, key.first,
            {key.second, v != nullptr ? v->name : key.second,
             v != nullptr ? std::string(unit_name(v->unit)) : "", format_quantity(s.quantity), kg_text(s.mg),
             format_money((s.value_milli_cents + 500) / 1000), count(s.baskets),
             v != nullptr && v->unfamiliar ? "yes" : "no"});
  }
  return table;
}

// Per period (always a column: the whole range "FROM/TO" without --by), scheme with --by-scheme,
// and vegetable: the baskets allocated with it and the households' answers about those baskets.
Table appropriation_report(Store& store, const Config& config, const ReportRequest& request,
                           const Range& range) {
  std::vector<std::string> columns = {"period",  "vegetable", "unfamiliar", "baskets",
                                      "answers", "cooked",    "liked"};
  if (request.by_scheme) {
    columns.insert(columns.begin() + 1, "scheme");
  }
  Table table(columns, {"baskets", "answers", "cooked", "liked"});
  if (range.empty) {
    return table;
  }
  db::Periods periods = periods_of(request.by, range);
  if (request.by == Period::none) {
    periods.cuts = {{range.from.to_string(), range.from.to_string() + "/" + range.to.to_string()}};
  }
  for (const auto& g :
       db::appropriation_groups(store, filter_of(request, range), periods, request.by_scheme)) {
    const Vegetable* v = config.catalogue.find(g.vegetable);
    std::vector<std::string> row = {
        g.period,         g.vegetable,      v != nullptr && v->unfamiliar ? "yes" : "no",
        count(g.baskets), count(g.answers), count(g.cooked),
        count(g.liked)};
    if (request.by_scheme) {
      row.insert(row.begin() + 1, g.scheme);
    }
    table.add(std::move(row));
  }
  return table;
}

// Collected (proxy included) over the pickups recorded as collected, proxy or missed; empty
// when there is none.
std::string rate_text(std::int64_t collected, std::int64_t missed) {
  if (collected + missed == 0) {
    return "";
  }
  return format_fixed((collected * 2000 + (collected + missed)) / (2 * (collected + missed)), 3);
}

Table pickups_report(Store& store, const Config& config, const ReportRequest& request, const Range& range) {
  Table table = make_table(request,
                           {"point", "baskets", "collected", "proxy", "missed", "cancelled", "unrecorded",
                            "collection_rate", "expected_eur", "paid_eur"},
                           {"baskets", "collected", "proxy", "missed", "cancelled", "unrecorded",
                            "collection_rate", "expected_eur", "paid_eur"});
  if (range.empty) {
    return table;
  }
  std::map<std::pair<std::string, std::string>, db::PickupGroup> sums;
  for (const auto& g : db::pickup_groups(store, filter_of(request, range), periods_of(request.by, range))) {
    db::PickupGroup& s = sums[{g.period, g.point}];
    s.baskets += g.baskets;
    s.collected += g.collected;
    s.proxy += g.proxy;
    s.missed += g.missed;
    s.cancelled += g.cancelled;
    s.unrecorded += g.unrecorded;
    const Scheme* scheme = config.find_scheme(g.scheme);
    s.contribution_collected += owed_amount(g.contribution_collected, g.contribution_missed,
                                            scheme != nullptr && scheme->charge_missed);
    s.paid_cents += g.paid_cents;
  }
  for (const auto& [key, s] : sums) {
    add_row(table, request, key.first,
            {key.second, count(s.baskets), count(s.collected), count(s.proxy), count(s.missed),
             count(s.cancelled), count(s.unrecorded), rate_text(s.collected + s.proxy, s.missed),
             format_money(s.contribution_collected), format_money(s.paid_cents)});
  }
  return table;
}

// For each workshop in the range: its period and the week of its date.
struct DatedWorkshop {
  db::WorkshopFacts facts;
  Week week;
};

std::vector<DatedWorkshop> workshops_in(Store& store, const Range& range) {
  std::vector<DatedWorkshop> list;
  if (range.empty) {
    return list;
  }
  for (auto& w : db::workshop_facts(store)) {
    const auto week = week_of_date(w.date);
    if (week && week->ordinal() >= range.from.ordinal() && week->ordinal() <= range.to.ordinal()) {
      list.push_back({std::move(w), *week});
    }
  }
  return list;
}

Table households_report(Store& store, const Config& config, const ReportRequest& request,
                        const Range& range) {
  Table table = make_table(request,
                           {"household", "scheme", "size", "point", "commune", "adults", "children",
                            "start_week", "end_week", "status", "baskets", "collected", "missed",
                            "contribution_eur", "paid_eur", "workshops", "owed_eur"},
                           {"adults", "children", "baskets", "collected", "missed", "contribution_eur",
                            "paid_eur", "workshops", "owed_eur"});
  if (range.empty) {
    return table;
  }
  std::map<std::int64_t, db::EnrolmentFacts> facts;
  for (auto& e : db::enrolment_facts(store)) {
    facts.emplace(e.id, std::move(e));
  }
  // Workshops attended per (period, household).
  std::map<std::pair<std::string, std::int64_t>, std::int64_t> attended;
  std::map<std::int64_t, std::string> workshop_period;
  for (const auto& w : workshops_in(store, range)) {
    workshop_period[w.facts.id] = period_label(w.week, request.by);
  }
  for (const auto& a : db::attendance_facts(store)) {
    const auto it = workshop_period.find(a.workshop_id);
    if (it != workshop_period.end()) {
      ++attended[{it->second, a.household_id}];
    }
  }
  // In the order the store gives them; one_site sorts the table (French collation).
  for (const auto& g :
       db::enrolment_groups(store, filter_of(request, range), periods_of(request.by, range))) {
    const auto f = facts.find(g.enrolment_id);
    if (f == facts.end()) {
      continue;
    }
    const auto& e = f->second;
    const auto w = attended.find({g.period, e.household_id});
    const Scheme* scheme = config.find_scheme(e.scheme);
    const Cents owed = owed_amount(g.contribution_collected, g.contribution_missed,
                                   scheme != nullptr && scheme->charge_missed);
    add_row(table, request, g.period,
            {e.household, e.scheme, g.size, g.point, e.commune, count(e.adults), count(e.children),
             e.start_week, e.end_week, std::string(text(e.status)), count(g.baskets), count(g.collected),
             count(g.missed), format_money(g.contribution_cents), format_money(g.paid_cents),
             count(w != attended.end() ? w->second : 0), format_money(owed)});
  }
  return table;
}

Table workshops_report(Store& store, const ReportRequest& request, const Range& range) {
  Table table = make_table(request,
                           {"date", "theme", "place", "capacity", "adults", "children", "households",
                            "new_households", "vegetables"},
                           {"capacity", "adults", "children", "households", "new_households"});
  const auto workshops = workshops_in(store, range);
  if (workshops.empty()) {
    return table;
  }
  // A household is new at the first workshop it attends (by date, then id), whenever that was.
  std::map<std::int64_t, std::pair<std::string, std::int64_t>> first_attended; // household -> (date, id)
  std::map<std::int64_t, std::string> date_of;
  for (const auto& w : db::workshop_facts(store)) {
    date_of[w.id] = w.date;
  }
  const auto attendance = db::attendance_facts(store);
  for (const auto& a : attendance) {
    const std::pair<std::string, std::int64_t> when{date_of[a.workshop_id], a.workshop_id};
    auto [it, fresh] = first_attended.try_emplace(a.household_id, when);
    if (!fresh && when < it->second) {
      it->second = when;
    }
  }
  for (const auto& w : workshops) {
    std::int64_t adults = 0, children = 0, households = 0, fresh = 0;
    for (const auto& a : attendance) {
      if (a.workshop_id != w.facts.id) {
        continue;
      }
      adults += a.adults;
      children += a.children;
      ++households;
      fresh += first_attended[a.household_id].second == w.facts.id ? 1 : 0;
    }
    add_row(table, request, period_label(w.week, request.by),
            {w.facts.date, w.facts.theme, w.facts.place, w.facts.capacity >= 0 ? count(w.facts.capacity) : "",
             count(adults), count(children), count(households), count(fresh), w.facts.vegetables});
  }
  return table;
}

// The impact report's sums per (year, scheme or "all").
struct ImpactSum {
  std::set<std::int64_t> households;
  std::int64_t baskets = 0, collected = 0, value = 0, contribution = 0, mg = 0;
  std::set<std::int64_t> workshops;
  std::int64_t participants = 0;
};
using ImpactSums = std::map<std::pair<std::string, std::string>, ImpactSum>;
const std::string k_all = "all";

// Households, baskets, collected, value and contribution, per year and scheme and for the year.
void impact_baskets(Store& store, const db::ReportFilter& filter, const Range& range, ImpactSums& sums,
                    std::set<std::string>& years) {
  for (const auto& g : db::household_groups(store, filter, periods_of(Period::year, range))) {
    years.insert(g.period);
    for (const std::string* scheme : {&g.scheme, &k_all}) {
      ImpactSum& s = sums[{g.period, *scheme}];
      s.households.insert(g.household_id);
      s.baskets += g.baskets;
      s.collected += g.collected;
      s.value += g.value_cents;
      s.contribution += g.contribution_cents;
    }
  }
}

// The weight of vegetables handed out, from each week's plan and baskets.
void impact_weight(Store& store, const Config& config, const db::ReportFilter& filter, const Range& range,
                   ImpactSums& sums) {
  const auto plans = plans_by_week_size(store, range);
  for (const auto& c : db::basket_counts(store, filter)) {
    const auto plan = plans.find({c.week, c.size});
    if (plan == plans.end()) {
      continue;
    }
    const std::string year = period_label(*Week::parse_iso(c.week), Period::year);
    for (const auto& item : plan->second) {
      const std::int64_t mg = milligrams(config, item) * c.baskets;
      sums[{year, c.scheme}].mg += mg;
      sums[{year, k_all}].mg += mg;
    }
  }
}

// Workshops: on a scheme's row, those attended by the households counted on it; on the year's
// "all" row, every workshop of the year and everyone who came.
void impact_workshops(Store& store, const Range& range, ImpactSums& sums, std::set<std::string>& years) {
  std::map<std::int64_t, std::string> workshop_year;
  for (const auto& w : workshops_in(store, range)) {
    const std::string year = period_label(w.week, Period::year);
    workshop_year[w.facts.id] = year;
    years.insert(year);
    sums[{year, k_all}].workshops.insert(w.facts.id);
  }
  for (const auto& a : db::attendance_facts(store)) {
    const auto y = workshop_year.find(a.workshop_id);
    if (y == workshop_year.end()) {
      continue;
    }
    for (auto& [key, s] : sums) {
      if (key.first != y->second) {
        continue;
      }
      if (key.second == k_all || s.households.contains(a.household_id)) {
        s.workshops.insert(a.workshop_id);
        s.participants += a.adults + a.children;
      }
    }
  }
}

Table impact_report(Store& store, const Config& config, const ReportRequest& request, const Range& range) {
  Table table({"year", "scheme", "households", "persons", "adults", "children", "baskets", "collected", "kg",
               "value_eur", "contribution_eur", "subsidy_eur", "workshops", "workshop_participants"},
              {"year", "households", "persons", "adults", "children", "baskets", "collected", "kg",
               "value_eur", "contribution_eur", "subsidy_eur", "workshops", "workshop_participants"});
  if (range.empty) {
    return table;
  }
  const db::ReportFilter filter = filter_of(request, range);
  ImpactSums sums;
  std::set<std::string> years;
  impact_baskets(store, filter, range, sums, years);
  impact_weight(store, config, filter, range, sums);
  impact_workshops(store, range, sums, years);
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> people; // household -> adults, children
  for (const auto& e : db::enrolment_facts(store)) {
    people[e.household_id] = {e.adults, e.children};
  }
  for (const auto& year : years) {
    for (auto it = sums.lower_bound({year, ""}); it != sums.end() && it->first.first == year; ++it) {
      // With one scheme asked for, the "all" row would repeat it.
      if (it->first.second == k_all && (!request.scheme.empty() || !request.point.empty())) {
        continue;
      }
      const ImpactSum& s = it->second;
      std::int64_t adults = 0, children = 0;
      for (std::int64_t h : s.households) {
        adults += people[h].first;
        children += people[h].second;
      }
      table.add({year, it->first.second, count(static_cast<std::int64_t>(s.households.size())),
                 count(adults + children), count(adults), count(children), count(s.baskets),
                 count(s.collected), kg_text(s.mg), format_money(s.value), format_money(s.contribution),
                 format_money(s.value - s.contribution), count(static_cast<std::int64_t>(s.workshops.size())),
                 count(s.participants)});
    }
  }
  // The "all" row last in each year.
  std::stable_sort(table.rows.begin(), table.rows.end(), [&](const auto& a, const auto& b) {
    return std::make_pair(a[0], a[1] == k_all) < std::make_pair(b[0], b[1] == k_all);
  });
  return table;
}

// The size and point of an enrolment at a week (its last change from that week or before).
std::map<std::int64_t, std::string> points_at(Store& store, Week week) {
  std::map<std::int64_t, std::string> points;
  const std::string w = week.to_string();
  for (const auto& p : db::enrolment_places(store)) {
    if (p.from_week <= w || !points.contains(p.enrolment_id)) {
      points[p.enrolment_id] = p.point;
    }
  }
  return points;
}

Table expiring_report(Store& store, const Config& config, const ReportRequest& request) {
  Table table({"household", "scheme", "end_week", "renewals_used", "renewals_left", "referrer"},
              {"renewals_used", "renewals_left"});
  const std::string first = request.today.to_string();
  const std::string last = Week::from_ordinal(request.today.ordinal() + request.within).to_string();
  const auto points =
      request.point.empty() ? std::map<std::int64_t, std::string>{} : points_at(store, request.today);
  db::expiring_enrolments(store, first, last, [&](db::Expiring& e) {
    if ((!request.scheme.empty() && e.scheme != request.scheme) ||
        (!request.point.empty() &&
         (!points.contains(e.enrolment_id) || points.at(e.enrolment_id) != request.point))) {
      return;
    }
    const Scheme* scheme = config.find_scheme(e.scheme);
    const std::int64_t left =
        scheme != nullptr ? std::max<std::int64_t>(0, scheme->max_renewals - e.renewals) : 0;
    table.add({std::move(e.household), std::move(e.scheme), std::move(e.end_week), count(e.renewals),
               count(left), std::move(e.referrer)});
  });
  return table;
}

Table followup_report(Store& store, const Config& config, const ReportRequest& request) {
  Table table({"household", "scheme", "point", "referrer", "consecutive_missed", "last_collected_week"},
              {"consecutive_missed"});
  const Week until = request.to.value_or(request.today);
  // Per enrolment, over its recorded pickups in time order: the missed ones since the last other
  // status (unrecorded baskets are not in the history), the last collected week, the last point.
  struct Run {
    int missed = 0;
    std::string last_collected, point;
  };
  std::map<std::int64_t, Run> runs;
  db::pickup_history(store, until.to_string(), [&](const db::PickupHistory& h) {
    Run& r = runs[h.enrolment_id];
    r.missed = h.status == PickupStatus::missed ? r.missed + 1 : 0;
    if (counts_as_collected(h.status)) {
      r.last_collected = h.week;
    }
    r.point = h.point;
  });
  for (const auto& e : db::enrolment_facts(store)) {
    const auto it = runs.find(e.id);
    if (e.status != EnrolmentStatus::active || it == runs.end() ||
        (!request.scheme.empty() && e.scheme != request.scheme)) {
      continue;
    }
    const Run& r = it->second;
    if (r.missed < config.pickups.followup_after || (!request.point.empty() && r.point != request.point)) {
      continue;
    }
    table.add({e.household, e.scheme, r.point, e.referrer, count(r.missed), r.last_collected});
  }
  return table;
}

// Sorts the rows by the named columns (those the table has), the period by its text (ISO weeks,
// months, quarters and years sort so), every other label in French collation: households,
// schemes, points, funders and vegetables as a French reader looks for them.
void collate_rows(Table& table, std::initializer_list<std::string_view> keys) {
  std::vector<std::pair<std::size_t, bool>> columns; // index, by collation
  for (const std::string_view key : keys) {
    const auto it = std::find(table.columns.begin(), table.columns.end(), key);
    if (it != table.columns.end()) {
      columns.emplace_back(static_cast<std::size_t>(it - table.columns.begin()), key != "period");
    }
  }
  std::stable_sort(table.rows.begin(), table.rows.end(), [&](const auto& a, const auto& b) {
    for (const auto& [c, collated] : columns) {
      const int order = collated ? collate(a[c], b[c]) : a[c].compare(b[c]);
      if (order != 0) {
        return order < 0;
      }
    }
    return false;
  });
}

Table one_site(Store& store, const Config& config, const ReportRequest& request) {
  if (request.kind == ReportKind::expiring) {
    return expiring_report(store, config, request); // by end week
  }
  if (request.kind == ReportKind::followup) {
    Table t = followup_report(store, config, request);
    collate_rows(t, {"household", "scheme"});
    return t;
  }
  const Range range = resolve_range(store, request);
  Table t;
  switch (request.kind) {
  case ReportKind::baskets:
    t = baskets_report(store, request, range);
    collate_rows(t, {"period", "scheme", "point", "size"});
    break;
  case ReportKind::funding:
    t = funding_report(store, config, request, range);
    collate_rows(t, {"period", "funder", "scheme"});
    break;
  case ReportKind::produce:
    t = produce_report(store, config, request, range);
    collate_rows(t, {"period", "vegetable"});
    break;
  case ReportKind::pickups:
    t = pickups_report(store, config, request, range);
    collate_rows(t, {"period", "point"});
    break;
  case ReportKind::households:
    t = households_report(store, config, request, range);
    collate_rows(t, {"period", "household", "scheme"});
    break;
  case ReportKind::appropriation:
    t = appropriation_report(store, config, request, range);
    collate_rows(t, {"period", "scheme", "vegetable"});
    break;
  case ReportKind::workshops: t = workshops_report(store, request, range); break;   // by date
  case ReportKind::impact: t = impact_report(store, config, request, range); break; // year, "all" last
  case ReportKind::expiring:
  case ReportKind::followup: break;
  }
  return t;
}

} // namespace

Period parse_period(std::string_view text) {
  if (text == "week") return Period::week;
  if (text == "month") return Period::month;
  if (text == "quarter") return Period::quarter;
  if (text == "year") return Period::year;
  throw Error(ExitCode::usage, trf("--by: \"{}\" is not week, month, quarter or year", text));
}

std::string period_label(Week week, Period period) {
  const Date thursday = week.day(4);
  switch (period) {
  case Period::none: return {};
  case Period::week: return week.to_string();
  case Period::month: return fmt::format("{:04}-{:02}", thursday.year(), thursday.month());
  case Period::quarter: return fmt::format("{:04}-Q{}", thursday.year(), (thursday.month() + 2) / 3);
  case Period::year: return fmt::format("{:04}", thursday.year());
  }
  return {};
}

ReportKind parse_report_kind(std::string_view text) {
  if (const auto kind = parse_word<ReportKind>(text)) {
    return *kind;
  }
  throw Error(ExitCode::usage, trf("unknown report \"{}\" ({})", text, texts_joined<ReportKind>()));
}

void check_request(const ReportRequest& request, const Config& config) {
  const bool relative = request.kind == ReportKind::expiring || request.kind == ReportKind::followup;
  if (request.by != Period::none && (relative || request.kind == ReportKind::impact)) {
    throw Error(ExitCode::usage, trf("--by does not apply to the {} report", text(request.kind)));
  }
  if (request.kind == ReportKind::expiring && (request.from || request.to)) {
    throw Error(ExitCode::usage,
                tr("the expiring report counts from this week: use --within, not --from/--to/--year"));
  }
  if (request.kind == ReportKind::followup && request.from) {
    throw Error(ExitCode::usage,
                tr("the followup report looks back from --to (default this week): --from does not apply"));
  }
  if (request.kind == ReportKind::workshops && (!request.scheme.empty() || !request.point.empty())) {
    throw Error(ExitCode::usage, tr("--scheme and --point do not apply to the workshops report"));
  }
  if (request.by_scheme && request.kind != ReportKind::appropriation) {
    throw Error(ExitCode::usage,
                trf("--by-scheme applies to the appropriation report, not to {}", text(request.kind)));
  }
  if (request.from && request.to && request.from->ordinal() > request.to->ordinal()) {
    throw Error(ExitCode::usage, tr("--from is after --to"));
  }
  if (!request.scheme.empty() && config.find_scheme(request.scheme) == nullptr) {
    throw Error(ExitCode::usage, trf("--scheme: unknown scheme \"{}\"", request.scheme));
  }
  if (!request.point.empty() && config.find_point(request.point) == nullptr) {
    throw Error(ExitCode::usage, trf("--point: unknown point \"{}\"", request.point));
  }
}

Table report_table(const std::vector<Site>& sites, const Config& config, const ReportRequest& request,
                   bool with_site_column) {
  check_request(request, config);
  Table merged;
  for (const Site& site : sites) {
    Table t = one_site(*site.store, site.config_or(config), request);
    apply_min_cell(t, request.min_cell);
    if (!with_site_column) {
      return t;
    }
    if (merged.columns.empty()) {
      merged.columns = t.columns;
      merged.numeric = t.numeric;
      merged.columns.insert(merged.columns.begin(), "site");
      merged.numeric.insert(merged.numeric.begin(), false);
    }
    for (auto& row : t.rows) {
      row.insert(row.begin(), site.name);
      merged.rows.push_back(std::move(row));
    }
  }
  return merged;
}

} // namespace panier
