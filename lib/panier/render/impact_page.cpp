#include "panier/render/impact_page.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "panier/render/page.hpp"
#include "panier/render/text.hpp"

namespace panier::render {

namespace {

constexpr const char* k_colours[] = {"#2e7d32", "#f9a825", "#1565c0", "#c62828",
                                     "#6a1b9a", "#00838f", "#5d4037"};

// The page is read on screen as much as printed: a centred column, lighter borders.
constexpr std::string_view k_impact_rules =
    "@page { margin: 12mm; }\n"
    "body { color: #111; max-width: 200mm; margin: 8mm auto; }\n"
    "h1 { font-size: 18pt; margin: 0 0 2mm 0; }\nh2 { font-size: 13pt; margin: 6mm 0 2mm 0; }\n"
    ".figures { display: flex; flex-wrap: wrap; gap: 3mm; }\n"
    ".figure { border: 1px solid #bbb; border-radius: 2mm; padding: 2mm 3mm; min-width: 36mm; }\n"
    ".figure b { display: block; font-size: 17pt; }\n"
    "table { width: auto; font-size: 9.5pt; }\n"
    "th, td { border-color: #999; }\nth { background: #eee; }\n"
    "td.n { text-align: right; white-space: nowrap; }\nsection { break-inside: avoid; }\n";

std::string axis_number(double v) { return fmt::format("{}", static_cast<std::int64_t>(std::lround(v))); }

// A round top for the axis: four ticks of 1, 2, 2.5 or 5 times a power of ten.
std::int64_t axis_top(std::int64_t highest) {
  for (std::int64_t unit = 1;; unit *= 10) {
    const std::int64_t steps[] = {unit, 2 * unit, 5 * unit / 2, 5 * unit};
    const auto* fits = std::find_if(std::begin(steps), std::end(steps),
                                    [&](std::int64_t step) { return step > 0 && 4 * step >= highest; });
    if (fits != std::end(steps)) {
      return 4 * *fits;
    }
  }
}

// The chart's geometry, in SVG user units.
struct WeeklyFrame {
  double width = 760, height = 240, left = 44, right = 10, top = 12, bottom = 36;
  double plot_w() const { return width - left - right; }
  double plot_h() const { return height - top - bottom; }
};

// Stacked columns: one per week, a colour per scheme, then the legend.
std::string weekly_chart(const ImpactPage& page, Language lang) {
  const WeeklyFrame f;
  std::int64_t highest = 1;
  for (std::size_t i = 0; i < page.weeks.size(); ++i) {
    std::int64_t stack = 0;
    for (const auto& s : page.weekly) {
      stack += s.per_week[i];
    }
    highest = std::max(highest, stack);
  }
  highest = axis_top(highest);
  std::ostringstream svg;
  svg << fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" "
      "aria-label=\"{}\">\n",
      f.width, f.height, word(Word::baskets_per_week, lang));
  for (int t = 0; t <= 4; ++t) {
    const double y = f.top + f.plot_h() - f.plot_h() * t / 4.0;
    svg << fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>",
                       f.left, y, f.width - f.right, y)
        << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" text-anchor=\"end\">{}</text>\n",
                       f.left - 4, y + 3, axis_number(static_cast<double>(highest) * t / 4.0));
  }
  const double step = page.weeks.empty() ? 0 : f.plot_w() / static_cast<double>(page.weeks.size());
  for (std::size_t i = 0; i < page.weeks.size(); ++i) {
    const std::string& week = page.weeks[i];
    double y = f.top + f.plot_h();
    for (std::size_t s = 0; s < page.weekly.size(); ++s) {
      const std::int64_t v = page.weekly[s].per_week[i];
      if (v == 0) {
        continue;
      }
      const double h = f.plot_h() * static_cast<double>(v) / static_cast<double>(highest);
      y -= h;
      svg << fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\">"
                         "<title>{} {}: {}</title></rect>\n",
                         f.left + step * static_cast<double>(i) + step * 0.1, y, step * 0.8, h,
                         k_colours[s % std::size(k_colours)], html_escape(week),
                         html_escape(page.weekly[s].label), v);
    }
    if (page.weeks.size() <= 13 || i % 4 == 0) {
      svg << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"9\" text-anchor=\"middle\">{}</text>\n",
                         f.left + step * (static_cast<double>(i) + 0.5), f.top + f.plot_h() + 12,
                         html_escape(week.size() > 5 ? week.substr(5) : week));
    }
  }
  double x = f.left;
  for (std::size_t s = 0; s < page.weekly.size(); ++s) {
    const std::string& label = page.weekly[s].label;
    svg << fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\"/>"
                       "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\">{}</text>\n",
                       x, f.height - 14, k_colours[s % std::size(k_colours)], x + 14, f.height - 5,
                       html_escape(label));
    x += 28 + 7.0 * static_cast<double>(label.size());
  }
  svg << "</svg>\n";
  return svg.str();
}

struct Bar {
  std::string label;
  double value = 0;
  std::string text; // written at the end of the bar
};

// Horizontal bars with their value written at the end.
std::string bar_chart(const std::vector<Bar>& bars, double highest, const char* colour,
                      std::string_view label) {
  const double width = 760, row = 22, left = 320, right = 90;
  const double height = row * static_cast<double>(bars.size()) + 8;
  std::ostringstream svg;
  svg << fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {:.0f}\" width=\"100%\" "
                     "role=\"img\" aria-label=\"{}\">\n",
                     width, height, html_escape(label));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double y = 4 + row * static_cast<double>(i);
    const double w = highest > 0 ? (width - left - right) * bars[i].value / highest : 0;
    svg << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
                       left - 6, y + 14, html_escape(bars[i].label))
        << fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"16\" fill=\"{}\"/>", left,
                       y + 2, w, colour)
        << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\">{}</text>\n", left + w + 6, y + 14,
                       html_escape(bars[i].text));
  }
  svg << "</svg>\n";
  return svg.str();
}

void figures(std::ostream& out, const ImpactPage& page, Language lang) {
  auto figure = [&](const std::string& value, const std::string& what) {
    out << "<div class=\"figure\"><b>" << value << "</b>" << what << "</div>\n";
  };
  out << "<div class=\"figures\">\n";
  for (const auto& b : page.baskets) {
    figure(grouped(b.baskets, lang), fmt::format("{} {}{}", word(Word::baskets, lang), html_escape(b.scheme),
                                                 b.site.empty() ? "" : " — " + html_escape(b.site)));
  }
  figure(grouped(page.households, lang), std::string(word(Word::households, lang)));
  figure(grouped(page.persons, lang), std::string(word(Word::persons, lang)));
  figure(grouped(page.kilograms, lang) + " kg", std::string(word(Word::of_vegetables, lang)));
  figure(grouped(page.workshops, lang),
         fmt::format("{} ({} {})", word(Word::cooking_workshops, lang), grouped(page.participants, lang),
                     word(Word::participants, lang)));
  out << "</div>\n";
}

// The table turned a quarter: one column per row of the report (year and scheme), one row per
// figure, so that it fits a page.
void year_table(std::ostream& out, const ImpactPage& page, Language lang) {
  const Table& table = page.table;
  out << "<section>\n<h2>" << word(Word::year_in_figures, lang) << "</h2>\n<table>\n<thead><tr><th></th>";
  for (const auto& row : table.rows) {
    out << "<th>";
    for (std::size_t i = 0; i < page.label_columns; ++i) {
      out << (i > 0 ? " " : "") << html_escape(column_heading(row[i], lang));
    }
    out << "</th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  for (std::size_t c = page.label_columns; c < table.columns.size(); ++c) {
    out << "<tr><th>" << html_escape(column_heading(table.columns[c], lang)) << "</th>";
    for (const auto& row : table.rows) {
      out << "<td class=\"n\">" << html_escape(number_text(row[c], lang)) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n</section>\n";
}

void collection_chart(std::ostream& out, const ImpactPage& page, Language lang) {
  out << "<section>\n<h2>" << word(Word::collected_per_point, lang) << "</h2>\n";
  if (page.collection.empty()) {
    out << "<p>" << word(Word::no_pickup, lang) << "</p>\n";
  } else {
    std::vector<Bar> bars;
    for (const auto& r : page.collection) {
      bars.push_back({r.point, r.collected, fmt::format("{} %", std::lround(r.collected * 100))});
    }
    out << bar_chart(bars, 1.0, "#2e7d32", word(Word::collection_rate, lang));
  }
  out << "</section>\n";
}

void funding_chart(std::ostream& out, const ImpactPage& page, Language lang) {
  out << "<section>\n<h2>" << word(Word::funding_per_funder_heading, lang) << "</h2>\n";
  if (page.funding.empty()) {
    out << "<p>" << word(Word::no_funding, lang) << "</p>\n";
  } else {
    std::vector<Bar> bars;
    double highest = 0;
    for (const auto& f : page.funding) {
      bars.push_back({f.funder, static_cast<double>(f.amount), euros_text(f.amount, lang)});
      highest = std::max(highest, static_cast<double>(f.amount));
    }
    out << bar_chart(bars, highest, "#1565c0", word(Word::funding_per_funder, lang));
  }
  out << "</section>\n";
}

// The share of "cooked" answers about unfamiliar vegetables, per month, then for households that
// came to a workshop against those that did not.
void cooked_chart(std::ostream& out, const ImpactPage& page, Language lang) {
  out << "<section>\n<h2>" << word(Word::cooked_heading, lang) << "</h2>\n";
  if (page.cooked_per_month.empty()) {
    out << "<p>" << word(Word::no_answer, lang) << "</p>\n</section>\n";
    return;
  }
  const auto percent = [&](const ImpactPage::Share& s) {
    return fmt::format("{} % ({})", std::lround(s.cooked * 100), grouped(s.answers, lang));
  };
  std::vector<Bar> months;
  for (const auto& s : page.cooked_per_month) {
    months.push_back({s.label, s.cooked, percent(s)});
  }
  out << bar_chart(months, 1.0, "#ef6c00", word(Word::cooked_per_month, lang));
  std::vector<Bar> split;
  for (const auto& s : page.cooked_by_workshop) {
    split.push_back(
        {std::string(word(s.label == "workshop" ? Word::came_to_workshop : Word::no_workshop_attended, lang)),
         s.cooked, percent(s)});
  }
  if (!split.empty()) {
    out << bar_chart(split, 1.0, "#6a1b9a", word(Word::cooking_workshops, lang));
  }
  out << "</section>\n";
}

} // namespace

std::string impact_html(const ImpactPage& page, const Config& config) {
  const Language lang = config.organisation.language;
  const std::string title =
      fmt::format("{} — {} {}", config.organisation.name, word(Word::impact_title, lang), page.years);
  std::ostringstream out;
  out << page_start(lang, title, PageStyle{"page", "10.5pt", "1mm 1.5mm", "middle", k_impact_rules}) << "<h1>"
      << html_escape(title) << "</h1>\n";
  figures(out, page, lang);
  year_table(out, page, lang);
  out << "<section>\n<h2>" << word(Word::baskets_per_week, lang) << "</h2>\n"
      << weekly_chart(page, lang) << "</section>\n";
  collection_chart(out, page, lang);
  funding_chart(out, page, lang);
  cooked_chart(out, page, lang);
  out << page_end();
  return out.str();
}

} // namespace panier::render
