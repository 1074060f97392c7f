// The impact report's page as a value: the figures and chart series the page shows, gathered
// over every site from the report table and the store's aggregates.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "panier/domain/report.hpp"
#include "panier/store/reports.hpp"

namespace panier {

namespace {

std::size_t column_of(const Table& table, const std::string& name) {
  return static_cast<std::size_t>(std::find(table.columns.begin(), table.columns.end(), name) -
                                  table.columns.begin());
}

// A count cell of the table; a suppressed small count ("<5") counts as nothing.
std::int64_t count_cell(const std::string& cell) {
  return cell.empty() || cell[0] == '<' ? std::int64_t{0} : std::stoll(cell);
}

std::string scheme_label(const Config& config, const std::string& id) {
  const Scheme* s = config.find_scheme(id);
  return s != nullptr && !s->label.empty() ? s->label : id;
}

// Key figures: baskets per scheme, then households, persons, kg and workshops of the year(s).
void key_figures(ImpactPage& page, const Config& config, const ReportRequest& request,
                 bool with_site_column) {
  const Table& table = page.table;
  const std::size_t offset = with_site_column ? 1 : 0;
  std::int64_t grams = 0;
  for (const auto& row : table.rows) {
    if (page.years.find(row[offset]) == std::string::npos) {
      page.years += (page.years.empty() ? "" : ", ") + row[offset];
    }
    const std::string& scheme = row[offset + 1];
    auto number = [&](const std::string& name) { return count_cell(row[column_of(table, name)]); };
    if (scheme != "all") {
      page.baskets.push_back(
          {scheme_label(config, scheme), with_site_column ? row[0] : "", number("baskets")});
    }
    // The "all" rows hold the totals; a report narrowed to a scheme or a point has only its own.
    if (scheme == "all" || !request.scheme.empty() || !request.point.empty()) {
      page.households += number("households");
      page.persons += number("persons");
      page.workshops += number("workshops");
      page.participants += number("workshop_participants");
      const std::string& kg = row[column_of(table, "kg")];
      grams += kg.empty() ? 0 : static_cast<std::int64_t>(std::llround(std::stod(kg) * 1000));
    }
  }
  page.kilograms = (grams + 500) / 1000;
}

// The range a site's charts cover: the request's, else its allocated weeks.
db::ReportFilter chart_filter(Store& store, const ReportRequest& request) {
  std::string from = request.from ? request.from->to_string() : "";
  std::string to = request.to ? request.to->to_string() : "";
  if (from.empty() || to.empty()) {
    const auto [first, last] = db::allocation_weeks(store);
    from = from.empty() ? first : from;
    to = to.empty() ? last : to;
  }
  return db::ReportFilter{from, to, request.scheme, request.point};
}

void chart_series(ImpactPage& page, const std::vector<Site>& sites, const Config& config,
                  const ReportRequest& request) {
  std::map<std::pair<std::string, std::string>, std::int64_t> weekly; // (week, scheme) -> baskets
  std::set<std::string> weeks;
  std::set<std::string> schemes;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> pickups; // point -> collected, missed
  std::map<std::string, Cents> funding;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> months; // month -> answers, cooked
  std::map<bool, std::pair<std::int64_t, std::int64_t>> by_workshop;   // came -> answers, cooked
  for (const Site& site : sites) {
    const db::ReportFilter filter = chart_filter(*site.store, request);
    for (const auto& c : db::basket_counts(*site.store, filter)) {
      weekly[{c.week, c.scheme}] += c.baskets;
      weeks.insert(c.week);
      schemes.insert(c.scheme);
    }
    for (const auto& g : db::pickup_groups(*site.store, filter, {})) {
      auto& p = pickups[g.point];
      p.first += g.collected + g.proxy;
      p.second += g.missed;
    }
    for (const auto& f : db::funding_weeks(*site.store, filter)) {
      funding[f.funder] += f.amount_cents;
    }
    const Config& site_config = site.config_or(config);
    for (const auto& f : db::feedback_facts(*site.store, filter)) {
      const Vegetable* v = site_config.catalogue.find(f.vegetable);
      const auto week = Week::parse_iso(f.week);
      if (v == nullptr || !v->unfamiliar || !week) {
        continue;
      }
      for (auto* tally : {&months[period_label(*week, Period::month)], &by_workshop[f.workshop]}) {
        tally->first += f.answers;
        tally->second += f.cooked;
      }
    }
  }
  const auto share = [](std::pair<std::int64_t, std::int64_t> t) {
    return static_cast<double>(t.second) / static_cast<double>(t.first);
  };
  for (const auto& [month, tally] : months) {
    page.cooked_per_month.push_back({month, share(tally), tally.first});
  }
  for (const bool came : {true, false}) {
    if (const auto it = by_workshop.find(came); it != by_workshop.end()) {
      page.cooked_by_workshop.push_back({came ? "workshop" : "none", share(it->second), it->second.first});
    }
  }
  page.weeks.assign(weeks.begin(), weeks.end());
  for (const auto& scheme : schemes) {
    ImpactPage::Series series{scheme_label(config, scheme), {}};
    for (const auto& week : page.weeks) {
      const auto it = weekly.find({week, scheme});
      series.per_week.push_back(it != weekly.end() ? it->second : 0);
    }
    page.weekly.push_back(std::move(series));
  }
  for (const auto& point : config.points) {
    const auto it = pickups.find(point.id);
    if (it == pickups.end() || it->second.first + it->second.second == 0) {
      continue;
    }
    const auto [collected, missed] = it->second;
    page.collection.push_back(
        {point.name, static_cast<double>(collected) / static_cast<double>(collected + missed)});
  }
  std::vector<std::pair<Cents, std::string>> by_amount;
  for (const auto& [id, amount] : funding) {
    by_amount.emplace_back(-amount, id);
  }
  std::sort(by_amount.begin(), by_amount.end());
  for (const auto& [negative, id] : by_amount) {
    page.funding.push_back({config.funder_name(id), -negative});
  }
}

} // namespace

ImpactPage impact_page(const std::vector<Site>& sites, const Config& config, const ReportRequest& request,
                       bool with_site_column) {
  ImpactPage page;
  page.table = report_table(sites, config, request, with_site_column);
  page.label_columns = with_site_column ? 3 : 2;
  key_figures(page, config, request, with_site_column);
  chart_series(page, sites, config, request);
  return page;
}

} // namespace panier
