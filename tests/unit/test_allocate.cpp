#include <doctest/doctest.h>

#include <numeric>
#include <random>
#include <set>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/domain/allocate.hpp"
#include "temp_dir.hpp"

using namespace panier;
using panier::test::TempDir;

namespace {

Config config_from(const std::string& text) {
  TempDir dir;
  return load_config(dir.write("panier.toml", text), PANIER_SOURCE_DATA);
}

const char* const k_config = R"([organisation]
name = "Test"

[sizes.S]
value = 10
target_kg = 2.5
min_items = 3
max_items = 5

[sizes.M]
value = 12
target_kg = 3
min_items = 3
max_items = 5

[sizes.L]
value = 19
target_kg = 5
min_items = 4
max_items = 7

[funders.a]
name = "A"
[funders.b]
name = "B"
[funders.c]
name = "C"

[schemes.main]
share_cap = "1/3"
tiers = [{ name = "T30", qf_max = 500, share = 0.30 }, { name = "T35", qf_max = 800, share = 0.35 },
         { name = "T40", qf_max = 1200, share = 0.40 }]
funders = [{ id = "a", share = 0.5, budget = 10.00 }, { id = "b", share = 0.3 }, { id = "c", share = 0.2 }]

[points.p1]
name = "P1"
lat = 50
lon = 2

[points.p2]
name = "P2"
lat = 50
lon = 2
)";

AllocationInput::Due due(std::int64_t id, const std::string& size, const std::string& tier,
                         const std::string& point = "p1") {
  return {id, id, fmt::format("H-{:03}", id), "main", size, point, tier};
}

Cents sum_funding(const AllocationRow& r) {
  Cents total = 0;
  for (const auto& [funder, amount] : r.funding) {
    total += amount;
  }
  return total;
}

} // namespace

TEST_CASE("prices and the split between three funders") {
  const Config config = config_from(k_config);
  AllocationInput in;
  in.week = *Week::parse_iso("2026-W49");
  in.due = {due(1, "S", "T30"), due(2, "M", "T35"), due(3, "S", "T40"), due(4, "L", "T30")};
  in.planned = {{"S", 2}, {"M", 1}, {"L", 1}};
  in.spent = {{{"a", "main"}, -100000}}; // a large budget left: no fallback here
  const Allocation a = compute_allocation(config, in);
  REQUIRE(a.rows.size() == 4);
  CHECK(a.rows[0].contribution == 300); // 10 EUR at 30 %
  CHECK(a.rows[1].contribution == 400); // 12 EUR at 35 %, capped at 1/3
  CHECK(a.rows[2].contribution == 330); // 10 EUR at 40 %, capped: 3.30
  CHECK(a.rows[3].contribution == 570); // 19 EUR at 30 %
  // 10 - 3.30 = 6.70: a 3.35, b 2.01, c 1.34 -> 6.70
  CHECK(a.rows[2].funding == std::map<std::string, Cents>{{"a", 335}, {"b", 201}, {"c", 134}});
  // 19 - 5.70 = 13.30: a 6.65, b 3.99, c 2.66
  CHECK(a.rows[3].funding == std::map<std::string, Cents>{{"a", 665}, {"b", 399}, {"c", 266}});
  // 12 - 4.00 = 8.00: 4.00, 2.40, 1.60
  CHECK(a.rows[1].funding == std::map<std::string, Cents>{{"a", 400}, {"b", 240}, {"c", 160}});
  for (const auto& r : a.rows) {
    CHECK(r.contribution + sum_funding(r) == r.value);
  }
  CHECK(a.exhausted.empty());
}

TEST_CASE("an odd remainder goes to the last funder") {
  Config config = config_from(k_config);
  config.schemes[0].funders[0].budget.reset();
  AllocationInput in;
  in.week = *Week::parse_iso("2026-W49");
  in.due = {due(1, "S", "T35")}; // 10 at 35 % capped: 3.30; subsidy 6.70
  in.planned = {{"S", 1}};
  config.schemes[0].share_cap = {1, 1};
  config.schemes[0].rounding = 1;
  in.due = {due(1, "S", "T35")}; // 3.50; subsidy 6.50: 3.25, 1.95, 1.30
  Allocation a = compute_allocation(config, in);
  CHECK(a.rows[0].funding == std::map<std::string, Cents>{{"a", 325}, {"b", 195}, {"c", 130}});
  config.sizes[0].value = 1001; // subsidy 6.51 (contribution 3.50): 3.26 (3.255 half up), 1.95, 1.30
  a = compute_allocation(config, in);
  CHECK(a.rows[0].contribution == 350);
  CHECK(a.rows[0].funding == std::map<std::string, Cents>{{"a", 326}, {"b", 195}, {"c", 130}});
}

TEST_CASE("a budget crossing exhaustion mid-week: split, then the fallback pays, and a warning") {
  const Config config = config_from(k_config);
  AllocationInput in;
  in.week = *Week::parse_iso("2026-W49");
  // Each S basket at 30 %: subsidy 7.00, a's part 3.50. Budget 10.00: 3.50, 3.50, then 3.00 + 0.50.
  in.due = {due(1, "S", "T30"), due(2, "S", "T30"), due(3, "S", "T30"), due(4, "S", "T30")};
  in.planned = {{"S", 4}};
  const Allocation a = compute_allocation(config, in);
  CHECK(a.rows[0].funding.at("a") == 350);
  CHECK(a.rows[1].funding.at("a") == 350);
  CHECK(a.rows[2].funding.at("a") == 300);
  CHECK(a.rows[2].funding.at("association") == 50);
  CHECK_FALSE(a.rows[3].funding.contains("a"));
  CHECK(a.rows[3].funding.at("association") == 350);
  for (const auto& r : a.rows) {
    CHECK(r.contribution + sum_funding(r) == r.value); // never food taken away, never a cent lost
  }
  REQUIRE(a.exhausted.size() == 1);
  CHECK(a.exhausted[0].funder == "a");
  CHECK(a.exhausted[0].year == 2026);
  CHECK_FALSE(a.exhausted[0].earlier);
  // The next week, with the budget spent: all to the fallback, and the warning says it was earlier.
  AllocationInput next = in;
  next.week = in.week + 1;
  next.spent = {{{"a", "main"}, 1000}};
  const Allocation b = compute_allocation(config, next);
  CHECK(b.rows[0].funding.at("association") == 350);
  REQUIRE(b.exhausted.size() == 1);
  CHECK(b.exhausted[0].earlier);
}

TEST_CASE("rotation: over 20 weeks of shortages the spread of shortfalls is at most 1") {
  const Config config = config_from(k_config);
  std::map<std::int64_t, std::vector<Week>> history; // household -> its shortfall weeks
  Week week = *Week::parse_iso("2026-W40");
  for (int n = 0; n < 20; ++n, week = week + 1) {
    AllocationInput in;
    in.week = week;
    for (std::int64_t h = 1; h <= 13; ++h) {
      in.due.push_back(due(h, "S", "T30", h % 2 == 0 ? "p1" : "p2"));
    }
    in.planned = {{"S", 9}}; // 4 short every week
    in.spent = {{{"a", "main"}, -1000000}};
    for (const auto& [h, weeks] : history) {
      LedgerEntry e;
      for (const Week w : weeks) {
        e.recent += w >= week - 8 ? 1 : 0;
        e.last = w;
      }
      in.ledger[h] = e;
    }
    const Allocation a = compute_allocation(config, in);
    int short_now = 0;
    for (const auto& r : a.rows) {
      if (r.shortfall) {
        history[r.household_id].push_back(week);
        ++short_now;
        CHECK(r.value == 0);
        CHECK(r.contribution == 0);
        CHECK(r.funding.empty());
      }
    }
    CHECK(short_now == 4);
    std::vector<std::size_t> counts;
    for (std::int64_t h = 1; h <= 13; ++h) {
      counts.push_back(history[h].size());
    }
    const auto [low, high] = std::minmax_element(counts.begin(), counts.end());
    CHECK(*high - *low <= 1);
  }
}

TEST_CASE("ties are broken by a hash that changes with the week, never by code order") {
  CHECK(rotation_tie_break(*Week::parse_iso("2026-W49"), "H-001") ==
        rotation_tie_break(*Week::parse_iso("2026-W49"), "H-001"));
  int first_changes = 0;
  std::set<std::string> losers;
  const Config config = config_from(k_config);
  for (int n = 0; n < 10; ++n) {
    AllocationInput in;
    in.week = *Week::parse_iso("2026-W01") + n;
    for (std::int64_t h = 1; h <= 5; ++h) {
      in.due.push_back(due(h, "S", "T30"));
    }
    in.planned = {{"S", 4}};
    in.spent = {{{"a", "main"}, -1000000}};
    const Allocation a = compute_allocation(config, in);
    for (const auto& r : a.rows) {
      if (r.shortfall) {
        losers.insert(r.household);
        first_changes += r.household == "H-001" ? 1 : 0;
      }
    }
    // The same input again: the same choice.
    const Allocation again = compute_allocation(config, in);
    CHECK(again.rows == a.rows);
  }
  CHECK(losers.size() > 1); // with an empty ledger, the week decides, not the code
  CHECK(first_changes < 10);
}

TEST_CASE("property: random schemes and households, every row adds up and the totals match") {
  std::mt19937 random(7);
  for (int trial = 0; trial < 40; ++trial) {
    CAPTURE(trial);
    const int funders = 1 + static_cast<int>(random() % 4);
    std::string text = "[organisation]\nname = \"T\"\n";
    for (const char* s : {"S", "M", "L"}) {
      text += fmt::format("[sizes.{}]\nvalue = {}.{:02}\ntarget_kg = 3\nmin_items = 3\nmax_items = 6\n", s,
                          5 + random() % 20, random() % 100);
    }
    std::vector<int> shares;
    int left = 100;
    for (int f = 0; f < funders; ++f) {
      const int share =
          f + 1 == funders ? left
                           : 1 + static_cast<int>(random() % static_cast<unsigned>(left - (funders - f - 1)));
      shares.push_back(share);
      left -= share;
      text += fmt::format("[funders.f{}]\nname = \"F{}\"\n", f, f);
    }
    const int cap_num = 1 + static_cast<int>(random() % 3);
    text += fmt::format("[schemes.s]\nshare_cap = \"{}/3\"\nrounding = {}\n", cap_num,
                        std::vector<const char*>{"0.01", "0.05", "0.10", "0.50"}[random() % 4]);
    text += "tiers = [";
    for (int t = 0; t < 3; ++t) {
      text += fmt::format("{{ name = \"T{}\", qf_max = {}, share = 0.{:02} }},", t, 400 * (t + 1),
                          random() % 100);
    }
    text += "]\nfunders = [";
    for (int f = 0; f < funders; ++f) {
      text +=
          fmt::format("{{ id = \"f{}\", share = {}.{:02}{} }},", f, shares[static_cast<std::size_t>(f)] / 100,
                      shares[static_cast<std::size_t>(f)] % 100,
                      random() % 2 ? fmt::format(", budget = {}", random() % 300) : "");
    }
    text += "]\n[points.p]\nname = \"P\"\nlat = 50\nlon = 2\n";
    const Config config = config_from(text);
    AllocationInput in;
    in.week = *Week::parse_iso("2026-W10");
    const int households = 1 + static_cast<int>(random() % 60);
    std::map<std::string, int> demand;
    for (int h = 0; h < households; ++h) {
      const std::string size = std::vector<std::string>{"S", "M", "L"}[random() % 3];
      in.due.push_back(
          {h + 1, h + 1, fmt::format("H-{}", h), "s", size, "p", fmt::format("T{}", random() % 3)});
      ++demand[size];
    }
    for (const auto& [size, n] : demand) {
      in.planned[size] = n - static_cast<int>(random() % static_cast<unsigned>(n + 1)) / 3;
    }
    const Allocation a = compute_allocation(config, in);
    REQUIRE(a.rows.size() == in.due.size());
    const Scheme& scheme = config.schemes[0];
    Cents value = 0;
    Cents contribution = 0;
    for (const auto& r : a.rows) {
      REQUIRE(r.contribution + sum_funding(r) == r.value);
      REQUIRE(r.contribution * scheme.share_cap.den <= r.value * scheme.share_cap.num);
      REQUIRE(r.contribution >= 0);
      value += r.value;
      contribution += r.contribution;
    }
    int baskets = 0;
    Cents table_value = 0;
    Cents table_contribution = 0;
    for (const auto& t : totals_by_point(a, config)) {
      baskets += t.baskets + t.shortfall;
      table_value += t.value;
      table_contribution += t.contribution;
    }
    CHECK(baskets == households);
    CHECK(table_value == value);
    CHECK(table_contribution == contribution);
    Cents funded = 0;
    for (const auto& f : totals_by_funder(a, config)) {
      funded += f.amount;
    }
    CHECK(funded == value - contribution);
    for (const auto& [size, n] : in.planned) {
      const auto short_count = std::count_if(a.rows.begin(), a.rows.end(), [&](const AllocationRow& r) {
        return r.size == size && r.shortfall;
      });
      CHECK(short_count == demand[size] - n);
    }
  }
}

TEST_CASE("price_basis actual: the basket is priced at the plan's value, not the reference") {
  Config config = config_from(k_config);
  config.schemes[0].price_basis = PriceBasis::actual;
  config.schemes[0].funders[0].budget.reset();
  AllocationInput in;
  in.week = *Week::parse_iso("2026-W49");
  in.due = {due(1, "S", "T30"), due(2, "M", "T35"), due(3, "L", "T40")};
  in.planned = {{"S", 1}, {"M", 1}, {"L", 1}};
  in.plan_value = {{"S", 937}, {"M", 1348}}; // L has no value of its own: its reference, 19.00
  const Allocation a = compute_allocation(config, in);
  REQUIRE(a.rows.size() == 3);
  CHECK(a.rows[0].value == 937);
  CHECK(a.rows[0].contribution == 280); // 9.37 × 0.30 = 2.811 -> 2.80 (0.10 steps)
  CHECK(a.rows[0].funding == std::map<std::string, Cents>{{"a", 329}, {"b", 197}, {"c", 131}}); // 6.57
  CHECK(a.rows[1].value == 1348);
  CHECK(a.rows[1].contribution == 440); // 13.48 × 0.35 = 4.718 -> 4.70, capped at 1/3 = 4.49 -> 4.40
  CHECK(a.rows[2].value == 1900);
  for (const auto& r : a.rows) {
    CHECK(r.contribution + sum_funding(r) == r.value);
  }
  // The same input under the reference basis: the configured values.
  config.schemes[0].price_basis = PriceBasis::reference;
  const Allocation reference = compute_allocation(config, in);
  CHECK(reference.rows[0].value == 1000);
  CHECK(reference.rows[1].value == 1200);
}

TEST_CASE("rotation: a household that never went without goes before one that did, more than 8 weeks ago") {
  const Config config = config_from(k_config);
  // Both have no shortfall in the last 8 weeks; H-002's last one was 10 weeks ago. Whatever the
  // week (so whatever the tie-break hash says), H-001, who never went without, is the one short.
  for (int n = 0; n < 30; ++n) {
    AllocationInput in;
    in.week = *Week::parse_iso("2026-W10") + n;
    in.due = {due(1, "S", "T30"), due(2, "S", "T30")};
    in.planned = {{"S", 1}};
    in.spent = {{{"a", "main"}, -1000000}};
    LedgerEntry long_ago;
    long_ago.last = in.week - 10;
    in.ledger[2] = long_ago;
    const Allocation a = compute_allocation(config, in);
    CAPTURE(in.week.to_string());
    CHECK(a.rows[0].shortfall);
    CHECK_FALSE(a.rows[1].shortfall);
    // One shortfall in the last 8 weeks puts H-002 behind a household that never went without.
    in.ledger[2].recent = 1;
    in.ledger[2].last = in.week - 3;
    CHECK(compute_allocation(config, in).rows[0].shortfall);
    // Both with a shortfall long ago: the older one goes first.
    in.ledger[1].last = in.week - 20;
    in.ledger[2] = long_ago;
    CHECK(compute_allocation(config, in).rows[0].shortfall);
  }
}

TEST_CASE("property: over a year of weeks no funder pays more than its budget, no part is negative") {
  std::mt19937 random(11);
  // Shares that round badly (four quarters, thirds, a tiny share) and subsidies of a few cents.
  const std::vector<std::vector<const char*>> share_sets = {{"0.25", "0.25", "0.25", "0.25"},
                                                            {"0.333", "0.333", "0.334"},
                                                            {"0.999", "0.001"},
                                                            {"0.5", "0.3", "0.2"},
                                                            {"1"}};
  for (int trial = 0; trial < 25; ++trial) {
    CAPTURE(trial);
    const auto& shares = share_sets[random() % share_sets.size()];
    std::string text = "[organisation]\nname = \"T\"\n";
    for (const char* s : {"S", "M"}) {
      text += fmt::format("[sizes.{}]\nvalue = {}.{:02}\ntarget_kg = 3\nmin_items = 3\nmax_items = 6\n", s,
                          random() % 15, 1 + random() % 99);
    }
    text += "[funders.fallback]\nname = \"Fallback\"\n";
    for (std::size_t f = 0; f < shares.size(); ++f) {
      text += fmt::format("[funders.f{}]\nname = \"F{}\"\n", f, f);
    }
    text += fmt::format("[schemes.s]\nshare_cap = \"1/1\"\nfallback = \"fallback\"\nrounding = 0.01\n");
    text += fmt::format("tiers = [{{ name = \"low\", qf_max = 500, share = 0.{:02} }}, "
                        "{{ name = \"high\", qf_max = 900, share = 0.99 }}]\nfunders = [",
                        random() % 100);
    std::map<std::string, Cents> budget;
    for (std::size_t f = 0; f < shares.size(); ++f) {
      const Cents b = static_cast<Cents>(random() % 40000);
      const bool limited = random() % 3 != 0;
      if (limited) {
        budget[fmt::format("f{}", f)] = b;
      }
      text += fmt::format("{{ id = \"f{}\", share = {}{} }},", f, shares[f],
                          limited ? fmt::format(", budget = {}.{:02}", b / 100, b % 100) : "");
    }
    text += "]\n[points.p]\nname = \"P\"\nlat = 50\nlon = 2\n";
    const Config config = config_from(text);
    std::map<std::pair<std::string, std::string>, Cents> spent; // this ISO year, all weeks so far
    Week week = *Week::parse_iso("2026-W01");
    for (int n = 0; n < 52; ++n, week = week + 1) {
      AllocationInput in;
      in.week = week;
      const int households = 1 + static_cast<int>(random() % 12);
      for (int h = 0; h < households; ++h) {
        in.due.push_back({h + 1, h + 1, fmt::format("H-{}", h), "s", random() % 2 ? "S" : "M", "p",
                          random() % 2 ? "low" : "high"});
      }
      in.planned = {{"S", households}, {"M", households}};
      in.spent = spent;
      const Allocation a = compute_allocation(config, in);
      for (const auto& r : a.rows) {
        REQUIRE(r.contribution >= 0);
        REQUIRE(r.contribution + sum_funding(r) == r.value);
        for (const auto& [funder, amount] : r.funding) {
          CAPTURE(funder);
          REQUIRE(amount >= 0);
          spent[{funder, "s"}] += amount;
        }
      }
      for (const auto& [funder, limit] : budget) {
        CAPTURE(funder);
        CHECK(spent[{funder, "s"}] <= limit);
      }
    }
  }
}
