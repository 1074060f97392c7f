// The reports recomputed by another route: a generated season (households, weeks of plans and
// allocations, pickups, workshops) is reported, then the same totals are computed here with
// plain SQL over the stored rows, or by summing the allocation rows one by one, and compared.
#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/domain/allocate.hpp"
#include "panier/domain/deliver.hpp"
#include "panier/domain/harvest.hpp"
#include "panier/domain/households.hpp"
#include "panier/domain/pickups.hpp"
#include "panier/domain/plan.hpp"
#include "panier/domain/report.hpp"
#include "panier/domain/workshops.hpp"
#include "temp_dir.hpp"

using namespace panier;
using panier::test::TempDir;

namespace {

const char* const k_config = R"([organisation]
name = "Season"

[sizes.S]
value = 10
target_kg = 2.5
min_items = 3
max_items = 5

[sizes.M]
value = 15
target_kg = 4
min_items = 4
max_items = 6

[sizes.L]
value = 19
target_kg = 5
min_items = 4
max_items = 7

[funders.etat]
name = "Etat"

[funders.dep]
name = "Departement"

[funders.ville]
name = "Ville"

[schemes.weekly]
share_cap = "1/3"
charge_missed = true
tiers = [{ name = "A", qf_max = 500, share = 0.2 }, { name = "B", qf_max = 1500, share = 0.35 }]
funders = [{ id = "etat", share = 0.6, budget = 900 }, { id = "dep", share = 0.4 }]

[schemes.fortnight]
rhythm = "fortnightly"
share_cap = "1/2"
tiers = [{ name = "Q", qf_max = 2000, share = 0.5 }]
funders = [{ id = "ville", share = "1/3", budget = 150 }, { id = "dep", share = "2/3" }]

[points.a]
name = "A"
lat = 50
lon = 2

[points.b]
name = "B"
lat = 50
lon = 2

[points.c]
name = "C"
lat = 50
lon = 2
)";

const Date k_today = *Date::parse("2026-11-29");

struct Season {
  TempDir dir;
  Config config;
  std::string db;
  std::vector<Week> weeks;
};

// 90 households over 10 weeks from 2026-W38 (within one budget year; months, quarters and years
// are cut in the golden files), random sizes, points, tiers and start weeks, some
// ending early; pickups drawn at random, some weeks left partly unrecorded; three workshops.
void generate(Season& s) {
  s.config = load_config(s.dir.write("panier.toml", k_config), PANIER_SOURCE_DATA);
  s.db = s.dir.path("p.db");
  Store::init(s.db, 1);
  Store store = Store::open(s.db, OpenMode::read_write, 1);
  std::mt19937 random(424242);
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
  const Week first = *Week::parse_iso("2026-W38");
  for (int i = 0; i < 10; ++i) {
    s.weeks.push_back(Week::from_ordinal(first.ordinal() + i));
  }
  std::vector<HouseholdInput> inputs;
  const char* sizes[] = {"S", "M", "L"};
  const char* points[] = {"a", "b", "c"};
  for (int i = 0; i < 90; ++i) {
    HouseholdInput in;
    in.code = fmt::format("H-{:03}", i);
    in.last_name = "Nom";
    in.first_name = "Prenom";
    in.adults = 1 + pick(3);
    in.children = pick(4);
    in.commune = "Lens";
    in.qf_cents = 20000 + 1000 * pick(120);
    in.referrer = i % 2 == 0 ? "ccas" : "mds";
    in.scheme = i % 3 == 0 ? "fortnight" : "weekly";
    in.size = sizes[pick(3)];
    in.point = points[pick(3)];
    in.start = s.weeks[static_cast<std::size_t>(pick(4))];
    if (i % 7 == 0) {
      in.end = s.weeks[static_cast<std::size_t>(5 + pick(3))];
    }
    REQUIRE(validate_household(in, s.config, k_today).empty());
    inputs.push_back(in);
  }
  import_households(store, s.config, inputs, k_today, false);
  std::vector<HarvestLine> harvest;
  for (const Week w : s.weeks) {
    for (const char* v :
         {"carotte", "poireau", "pomme-de-terre", "navet", "oignon", "chou-fleur", "panais"}) {
      harvest.push_back({0, w, v, 40000 + 1000 * pick(30), Grade::standard});
    }
  }
  import_harvest(store, harvest, false);
  const PickupStatus statuses[] = {PickupStatus::collected, PickupStatus::collected, PickupStatus::collected,
                                   PickupStatus::proxy,     PickupStatus::missed,    PickupStatus::cancelled};
  for (const Week w : s.weeks) {
    save_plan(store, compose_plan(plan_input(store, s.config, w)), false);
    const AllocateOutcome outcome = allocate_week(store, s.config, w, false, false);
    PickupFile file;
    long line = 1;
    for (const auto& r : outcome.allocation.rows) {
      if (r.shortfall || pick(10) == 0) { // about one in ten left unrecorded
        continue;
      }
      PickupInput p;
      ++line;
      p.place = {fmt::format("pickups.csv:{}", line), fmt::format("line {}", line)};
      p.household = r.household;
      p.status = statuses[pick(6)];
      p.paid = counts_as_collected(p.status) ? r.contribution - (pick(5) == 0 ? 50 : 0) : 0;
      file.inputs.push_back(p);
    }
    record_pickups(store, s.config, w, file, false, k_today);
  }
  for (int k = 0; k < 3; ++k) {
    WorkshopInput in;
    in.date = s.weeks[static_cast<std::size_t>(2 + 3 * k)].day(2);
    in.theme = "anti-waste";
    in.capacity = 30;
    const std::int64_t id = add_workshop(store, s.config, in);
    std::string csv = "household,adults,children\n";
    for (int h = k; h < 90; h += 7 + k) {
      csv += fmt::format("H-{:03},{},{}\n", h, 1 + h % 2, h % 3);
    }
    attend_workshop(store, id, s.dir.write(fmt::format("attend{}.csv", k), csv));
  }
}

std::int64_t cents(const std::string& money) {
  const auto dot = money.find('.');
  return std::stoll(money.substr(0, dot)) * 100 + std::stoll(money.substr(dot + 1));
}

std::size_t col(const Table& t, const std::string& name) {
  const auto it = std::find(t.columns.begin(), t.columns.end(), name);
  REQUIRE(it != t.columns.end());
  return static_cast<std::size_t>(it - t.columns.begin());
}

std::int64_t sql_number(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement q(db, sql);
  REQUIRE(q.executeStep());
  return q.getColumn(0).getInt64();
}

Table report(Season& s, const std::string& kind, Period by = Period::none) {
  Store store = Store::open(s.db, OpenMode::read_only, 1);
  ReportRequest request;
  request.kind = parse_report_kind(kind);
  request.by = by;
  request.today = Week::containing(k_today);
  return report_table({Site{"", &store}}, s.config, request, false);
}

} // namespace

TEST_CASE("report baskets: every row and total recomputed with plain SQL") {
  Season s;
  generate(s);
  const Table t = report(s, "baskets");
  REQUIRE(!t.rows.empty());
  SQLite::Database db(s.db, SQLite::OPEN_READONLY);
  // Totals over every row.
  std::map<std::string, std::int64_t> totals;
  for (const auto& row : t.rows) {
    for (const char* c :
         {"baskets", "collected", "proxy", "missed", "cancelled", "shortfall", "unrecorded"}) {
      totals[c] += std::stoll(row[col(t, c)]);
    }
    for (const char* c : {"value_eur", "contribution_eur", "subsidy_eur"}) {
      totals[c] += cents(row[col(t, c)]);
    }
  }
  const std::string join =
      " FROM allocation a LEFT JOIN pickup p ON p.week = a.week AND p.enrolment_id = a.enrolment_id ";
  CHECK(totals["baskets"] == sql_number(db, "SELECT count(*) FROM allocation WHERE status = 'basket'"));
  CHECK(totals["shortfall"] == sql_number(db, "SELECT count(*) FROM allocation WHERE status = 'shortfall'"));
  for (const char* status : {"collected", "proxy", "missed", "cancelled"}) {
    CHECK(totals[status] ==
          sql_number(db, fmt::format("SELECT count(*){}WHERE a.status = 'basket' AND p.status = '{}'", join,
                                     status)));
  }
  CHECK(totals["unrecorded"] ==
        sql_number(db, "SELECT count(*)" + join + "WHERE a.status = 'basket' AND p.status IS NULL"));
  CHECK(totals["value_eur"] ==
        sql_number(db, "SELECT sum(value_cents) FROM allocation WHERE status = 'basket'"));
  CHECK(totals["contribution_eur"] ==
        sql_number(db, "SELECT sum(contribution_cents) FROM allocation WHERE status = 'basket'"));
  // The subsidy is what the funders (and the fallback payer) were charged.
  CHECK(totals["subsidy_eur"] ==
        sql_number(db, "SELECT sum(f.amount_cents) FROM allocation_funding f JOIN "
                       "allocation a USING (week, enrolment_id) WHERE a.status = 'basket'"));
  CHECK(totals["collected"] > 0);
  CHECK(totals["unrecorded"] > 0);
  // Each row's distinct households and persons.
  for (const auto& row : t.rows) {
    const std::string where =
        fmt::format("a.status = 'basket' AND a.scheme = '{}' AND a.point = '{}' AND a.size = '{}'",
                    row[col(t, "scheme")], row[col(t, "point")], row[col(t, "size")]);
    CHECK(std::stoll(row[col(t, "households")]) ==
          sql_number(db, "SELECT count(DISTINCT household_id) FROM allocation a WHERE " + where));
    CHECK(std::stoll(row[col(t, "persons")]) ==
          sql_number(db, "SELECT coalesce(sum(adults + children), 0) FROM household WHERE id IN (SELECT "
                         "household_id FROM allocation a WHERE " +
                             where + ")"));
  }
  // By month: the same totals, cut differently.
  const Table monthly = report(s, "baskets", Period::month);
  std::int64_t monthly_baskets = 0;
  for (const auto& row : monthly.rows) {
    monthly_baskets += std::stoll(row[col(monthly, "baskets")]);
  }
  CHECK(monthly_baskets == totals["baskets"]);
}

TEST_CASE("report funding: per funder and scheme, recomputed with plain SQL; budgets left") {
  Season s;
  generate(s);
  const Table t = report(s, "funding");
  SQLite::Database db(s.db, SQLite::OPEN_READONLY);
  SQLite::Statement q(db,
                      "SELECT f.funder, a.scheme, count(*), sum(f.amount_cents) FROM allocation_funding f "
                      "JOIN allocation a USING (week, enrolment_id) WHERE a.status = 'basket' AND "
                      "f.amount_cents <> 0 GROUP BY 1, 2 ORDER BY 1, 2");
  std::size_t i = 0;
  bool fallback_seen = false;
  while (q.executeStep()) {
    REQUIRE(i < t.rows.size());
    const auto& row = t.rows[i++];
    CHECK(row[col(t, "funder")] == q.getColumn(0).getString());
    CHECK(row[col(t, "scheme")] == q.getColumn(1).getString());
    CHECK(std::stoll(row[col(t, "baskets")]) == q.getColumn(2).getInt64());
    CHECK(cents(row[col(t, "amount_eur")]) == q.getColumn(3).getInt64());
    fallback_seen = fallback_seen || row[col(t, "funder")] == "association";
    if (row[col(t, "funder")] == "etat") {
      CHECK(row[col(t, "budget_eur")] == "900.00");
      CHECK(cents(row[col(t, "budget_left_eur")]) == 90000 - q.getColumn(3).getInt64());
    }
    if (row[col(t, "funder")] == "dep") {
      CHECK(row[col(t, "budget_eur")].empty());
    }
  }
  CHECK(i == t.rows.size());
  // The small budget of ville runs out within the season: the fallback payer appears.
  CHECK(fallback_seen);
}

TEST_CASE("report impact: the year recomputed by summing the allocation rows one by one") {
  Season s;
  generate(s);
  const Table t = report(s, "impact");
  SQLite::Database db(s.db, SQLite::OPEN_READONLY);
  struct Expected {
    std::set<std::int64_t> households;
    std::int64_t persons = 0, baskets = 0, collected = 0, value = 0, contribution = 0, mg = 0;
  };
  std::map<std::string, Expected> expected; // scheme, and "all"
  std::map<std::int64_t, std::int64_t> size_of_household;
  {
    SQLite::Statement h(db, "SELECT id, adults + children FROM household");
    while (h.executeStep()) {
      size_of_household[h.getColumn(0).getInt64()] = h.getColumn(1).getInt64();
    }
  }
  // The plans' weight per basket, from the catalogue's weights.
  std::map<std::pair<std::string, std::string>, std::int64_t> mg_per_basket;
  {
    SQLite::Statement p(db, "SELECT week, size, vegetable, quantity FROM plan_item");
    while (p.executeStep()) {
      const Vegetable* v = s.config.catalogue.find(p.getColumn(2).getString());
      REQUIRE(v != nullptr);
      mg_per_basket[{p.getColumn(0).getString(), p.getColumn(1).getString()}] +=
          p.getColumn(3).getInt64() * v->grams_per_unit;
    }
  }
  SQLite::Statement a(db,
                      "SELECT a.week, a.scheme, a.size, a.household_id, a.value_cents, a.contribution_cents, "
                      "coalesce(p.status, '') FROM allocation a LEFT JOIN pickup p ON p.week = a.week AND "
                      "p.enrolment_id = a.enrolment_id WHERE a.status = 'basket'");
  while (a.executeStep()) {
    for (const std::string& key : {a.getColumn(1).getString(), std::string("all")}) {
      Expected& e = expected[key];
      const std::int64_t household = a.getColumn(3).getInt64();
      if (e.households.insert(household).second) {
        e.persons += size_of_household[household];
      }
      ++e.baskets;
      const std::string status = a.getColumn(6).getString();
      e.collected += status == "collected" || status == "proxy" ? 1 : 0;
      e.value += a.getColumn(4).getInt64();
      e.contribution += a.getColumn(5).getInt64();
      e.mg += mg_per_basket[{a.getColumn(0).getString(), a.getColumn(2).getString()}];
    }
  }
  REQUIRE(t.rows.size() == 3); // 2026: fortnight, weekly, all
  for (const auto& row : t.rows) {
    CAPTURE(row[col(t, "scheme")]);
    CHECK(row[col(t, "year")] == "2026");
    const Expected& e = expected[row[col(t, "scheme")]];
    CHECK(std::stoll(row[col(t, "households")]) == static_cast<std::int64_t>(e.households.size()));
    CHECK(std::stoll(row[col(t, "persons")]) == e.persons);
    CHECK(std::stoll(row[col(t, "baskets")]) == e.baskets);
    CHECK(std::stoll(row[col(t, "collected")]) == e.collected);
    CHECK(cents(row[col(t, "value_eur")]) == e.value);
    CHECK(cents(row[col(t, "contribution_eur")]) == e.contribution);
    CHECK(cents(row[col(t, "subsidy_eur")]) == e.value - e.contribution);
    CHECK(row[col(t, "kg")] ==
          fmt::format("{}.{:03}", (e.mg + 500) / 1000 / 1000, (e.mg + 500) / 1000 % 1000));
  }
  // Workshops: all three in the year's row, with everyone who came.
  const auto& all = t.rows.back();
  CHECK(all[col(t, "scheme")] == "all");
  CHECK(all[col(t, "workshops")] == "3");
  CHECK(std::stoll(all[col(t, "workshop_participants")]) ==
        sql_number(db, "SELECT sum(adults + children) FROM workshop_attendance"));
}

TEST_CASE("report periods: the month, quarter and year of a week are those of its Thursday") {
  CHECK(period_label(*Week::parse_iso("2026-W49"), Period::week) == "2026-W49");
  CHECK(period_label(*Week::parse_iso("2026-W49"), Period::month) == "2026-12");
  CHECK(period_label(*Week::parse_iso("2026-W53"), Period::month) == "2026-12"); // Thursday 31 December
  CHECK(period_label(*Week::parse_iso("2027-W01"), Period::year) == "2027");
  CHECK(period_label(*Week::parse_iso("2020-W01"), Period::month) == "2020-01"); // Monday 30 December 2019
  CHECK(period_label(*Week::parse_iso("2025-W01"), Period::quarter) == "2025-Q1");
  CHECK(period_label(*Week::parse_iso("2026-W40"), Period::quarter) == "2026-Q4"); // Thursday 1 October
  CHECK(period_label(*Week::parse_iso("2026-W40"), Period::none).empty());
  CHECK_THROWS_AS(parse_period("day"), Error);
}
