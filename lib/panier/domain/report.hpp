// panier report: the figures funders, boards and analysts ask for, as a Table per kind (columns
// in panier-report(1)), computed from the database read-only. Several garden databases can be
// reported at once (a first column `site`). `impact` also has a one-page HTML rendering.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "panier/config/config.hpp"
#include "panier/core/table.hpp"
#include "panier/core/week.hpp"
#include "panier/model/impact.hpp"
#include "panier/model/vocabulary.hpp"
#include "panier/store/store.hpp"

namespace panier {

// The report a KIND argument names; Error(usage) listing the kinds when it names none.
ReportKind parse_report_kind(std::string_view text);

enum class Period { none, week, month, quarter, year };

// "week", "month", "quarter" or "year"; Error(usage) otherwise.
Period parse_period(std::string_view text);

// The period a week belongs to: "2026-W49", "2026-12", "2026-Q4" or "2026" (the month, quarter
// and year of its Thursday); empty for Period::none.
std::string period_label(Week week, Period period);

struct ReportRequest {
  ReportKind kind = ReportKind::baskets;
  std::optional<Week> from; // inclusive; none: from the first allocated week
  std::optional<Week> to;   // inclusive; none: to the last
  Period by = Period::none;
  std::string scheme;     // empty: all
  std::string point;      // empty: all
  int min_cell = 0;       // counts of households and persons below it are printed "<N"
  bool by_scheme = false; // appropriation: a column scheme (small counts hidden, see min_cell)
  int within = 4;         // expiring: weeks ahead
  Week today;             // expiring and followup: the current week
};

// The least count `appropriation --by-scheme` shows when no --min-cell is given.
inline constexpr int k_default_scheme_min_cell = 5;

// Error(usage) when an option does not apply to the kind.
void check_request(const ReportRequest& request, const Config& config);

struct Site {
  std::string name;
  Store* store = nullptr;
  const Config* config = nullptr; // the site's own configuration; null: the one given to the report

  // The configuration the site's data is read with: its own, or else `given`.
  const Config& config_or(const Config& given) const { return config != nullptr ? *config : given; }
};

// The report over one database, or over several with a first column `site` (`sites` has more
// than one entry, or `with_site_column`).
Table report_table(const std::vector<Site>& sites, const Config& config, const ReportRequest& request,
                   bool with_site_column);

// The impact report's page as a value: key figures, the year's table and the charts' series,
// over every site. The page itself is render/impact_page.
ImpactPage impact_page(const std::vector<Site>& sites, const Config& config, const ReportRequest& request,
                       bool with_site_column);

} // namespace panier
