// The impact report's page as a value: what a board member reads at a glance (key figures), the
// year's table, and the series of its three charts. Computed by domain/report over every site,
// drawn by render/impact_page, which never queries anything.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "panier/core/money.hpp"
#include "panier/core/table.hpp"

namespace panier {

struct ImpactPage {
  std::string years; // the years the table covers, "2023" or "2023, 2024"

  struct SchemeBaskets {
    std::string scheme; // its label
    std::string site;   // empty over one database
    std::int64_t baskets = 0;
  };
  std::vector<SchemeBaskets> baskets; // in the table's order
  std::int64_t households = 0;
  std::int64_t persons = 0;
  std::int64_t kilograms = 0; // of vegetables handed out, rounded
  std::int64_t workshops = 0;
  std::int64_t participants = 0;

  Table table;                   // the impact report itself
  std::size_t label_columns = 2; // its first columns that name a row (site, year, scheme)

  // Baskets per week (columns) and scheme (stacked colours).
  std::vector<std::string> weeks;
  struct Series {
    std::string label;
    std::vector<std::int64_t> per_week; // aligned with weeks
  };
  std::vector<Series> weekly;

  // Share of the recorded pickups that were collected, per point with any (configuration order).
  struct Rate {
    std::string point;    // its name
    double collected = 0; // 0..1
  };
  std::vector<Rate> collection;

  // Funding per funder, the largest first.
  struct Amount {
    std::string funder; // its name
    Cents amount = 0;
  };
  std::vector<Amount> funding;

  // Of the answers about unfamiliar vegetables (panier feedback import): the share that say they
  // were cooked, per month of the season, and for households that came to a workshop or not.
  struct Share {
    std::string label; // "2023-03"; for the workshop split, "workshop" or "none"
    double cooked = 0; // 0..1
    std::int64_t answers = 0;
  };
  std::vector<Share> cooked_per_month;
  std::vector<Share> cooked_by_workshop; // "workshop" first; only those with answers
};

} // namespace panier
