// The impact report as one page a board member reads at a glance: key figures, the year's table
// and three inline SVG charts. No script, no font or image from the network.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "panier/money.hpp"
#include "panier/output.hpp"
#include "panier/report.hpp"
#include "panier/store_reports.hpp"

namespace panier {

namespace {

const char* const k_colours[] = {"#2e7d32", "#f9a825", "#1565c0", "#c62828", "#6a1b9a", "#00838f", "#5d4037"};

struct Words {
  bool french;
  const char* say(const char* fr, const char* en) const { return french ? fr : en; }
};

// Thousands separated as the language writes them: 2 600 or 2,600.
std::string grouped(std::int64_t n, const Words& w) {
  std::string digits = fmt::format("{}", n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      out += w.french ? "\u202f" : ",";
    }
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

std::string euros(Cents cents, const Words& w) {
  const std::int64_t whole = (cents + 50) / 100;
  return w.french ? grouped(whole, w) + " €" : "€" + grouped(whole, w);
}

std::string axis_number(double v) { return fmt::format("{}", static_cast<std::int64_t>(std::lround(v))); }

// Stacked columns: one per week, a colour per scheme.
std::string weekly_chart(const std::vector<std::string>& weeks, const std::vector<std::string>& series,
                         const std::map<std::pair<std::string, std::string>, std::int64_t>& values,
                         const std::vector<std::string>& labels, const Words& w) {
  const double width = 760, height = 240, left = 44, right = 10, top = 12, bottom = 36;
  std::int64_t highest = 1;
  for (const auto& week : weeks) {
    std::int64_t stack = 0;
    for (const auto& s : series) {
      const auto it = values.find({week, s});
      stack += it != values.end() ? it->second : 0;
    }
    highest = std::max(highest, stack);
  }
  // A round top for the axis: four ticks of 1, 2, 2.5 or 5 times a power of ten.
  for (std::int64_t unit = 1;; unit *= 10) {
    const std::int64_t steps[] = {unit, 2 * unit, 5 * unit / 2, 5 * unit};
    const auto* fits = std::find_if(std::begin(steps), std::end(steps),
                                    [&](std::int64_t step) { return step > 0 && 4 * step >= highest; });
    if (fits != std::end(steps)) {
      highest = 4 * *fits;
      break;
    }
  }
  std::ostringstream svg;
  svg << fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" "
      "aria-label=\"{}\">\n",
      width, height, w.say("Paniers par semaine", "Baskets per week"));
  const double plot_w = width - left - right;
  const double plot_h = height - top - bottom;
  for (int t = 0; t <= 4; ++t) {
    const double y = top + plot_h - plot_h * t / 4.0;
    svg << fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>",
                       left, y, width - right, y)
        << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" text-anchor=\"end\">{}</text>\n",
                       left - 4, y + 3, axis_number(static_cast<double>(highest) * t / 4.0));
  }
  const double step = weeks.empty() ? 0 : plot_w / static_cast<double>(weeks.size());
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    double y = top + plot_h;
    for (std::size_t s = 0; s < series.size(); ++s) {
      const auto it = values.find({weeks[i], series[s]});
      const std::int64_t v = it != values.end() ? it->second : 0;
      if (v == 0) {
        continue;
      }
      const double h = plot_h * static_cast<double>(v) / static_cast<double>(highest);
      y -= h;
      svg << fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\">"
                         "<title>{} {}: {}</title></rect>\n",
                         left + step * static_cast<double>(i) + step * 0.1, y, step * 0.8, h,
                         k_colours[s % std::size(k_colours)], weeks[i], html_escape(labels[s]), v);
    }
    if (weeks.size() <= 13 || i % 4 == 0) {
      svg << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"9\" text-anchor=\"middle\">{}</text>\n",
                         left + step * (static_cast<double>(i) + 0.5), top + plot_h + 12,
                         weeks[i].size() > 5 ? weeks[i].substr(5) : weeks[i]);
    }
  }
  double x = left;
  for (std::size_t s = 0; s < series.size(); ++s) {
    svg << fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\"/>"
                       "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\">{}</text>\n",
                       x, height - 14, k_colours[s % std::size(k_colours)], x + 14, height - 5,
                       html_escape(labels[s]));
    x += 28 + 7.0 * static_cast<double>(labels[s].size());
  }
  svg << "</svg>\n";
  return svg.str();
}

// Horizontal bars with their value written at the end.
std::string bar_chart(const std::vector<std::pair<std::string, double>>& bars, double highest,
                      const std::vector<std::string>& texts, const char* colour, const char* label) {
  const double width = 760, row = 22, left = 320, right = 90;
  const double height = row * static_cast<double>(bars.size()) + 8;
  std::ostringstream svg;
  svg << fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {:.0f}\" width=\"100%\" role=\"img\" "
      "aria-label=\"{}\">\n",
      width, height, label);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double y = 4 + row * static_cast<double>(i);
    const double w = highest > 0 ? (width - left - right) * bars[i].second / highest : 0;
    svg << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
                       left - 6, y + 14, html_escape(bars[i].first))
        << fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"16\" fill=\"{}\"/>", left,
                       y + 2, w, colour)
        << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\">{}</text>\n", left + w + 6, y + 14,
                       html_escape(texts[i]));
  }
  svg << "</svg>\n";
  return svg.str();
}

} // namespace

std::string impact_html(const std::vector<Site>& sites, const Config& config, const ReportRequest& request,
                        bool with_site_column) {
  const Words w{config.organisation.language == "fr"};
  const Table table = report_table(sites, config, request, with_site_column);
  const std::size_t offset = with_site_column ? 1 : 0;
  auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(table.columns.begin(), table.columns.end(), name) -
                                    table.columns.begin());
  };
  // Chart data, over every site: baskets per week and scheme, pickups per point, funding per funder.
  std::map<std::pair<std::string, std::string>, std::int64_t> weekly;
  std::set<std::string> weeks_seen;
  std::vector<std::string> schemes;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> pickups; // point -> collected, missed
  std::map<std::string, std::int64_t> funding;
  for (const Site& site : sites) {
    Store& store = *site.store;
    std::string from = request.from ? request.from->to_string() : "";
    std::string to = request.to ? request.to->to_string() : "";
    if (from.empty() || to.empty()) {
      const auto [first, last] = db::allocation_weeks(store);
      from = from.empty() ? first : from;
      to = to.empty() ? last : to;
    }
    const db::ReportFilter filter{from, to, request.scheme, request.point};
    for (const auto& c : db::basket_counts(store, filter)) {
      weekly[{c.week, c.scheme}] += c.baskets;
      weeks_seen.insert(c.week);
      if (std::find(schemes.begin(), schemes.end(), c.scheme) == schemes.end()) {
        schemes.push_back(c.scheme);
      }
    }
    for (const auto& g : db::pickup_groups(store, filter, "''")) {
      auto& p = pickups[g.point];
      p.first += g.collected + g.proxy;
      p.second += g.missed;
    }
    for (const auto& f : db::funding_weeks(store, filter)) {
      funding[f.funder] += f.amount_cents;
    }
  }
  std::sort(schemes.begin(), schemes.end());
  std::vector<std::string> scheme_labels;
  for (const auto& id : schemes) {
    const Scheme* s = config.find_scheme(id);
    scheme_labels.push_back(s != nullptr && !s->label.empty() ? s->label : id);
  }
  const std::vector<std::string> weeks(weeks_seen.begin(), weeks_seen.end());

  std::string years;
  for (const auto& row : table.rows) {
    if (years.find(row[offset]) == std::string::npos) {
      years += (years.empty() ? "" : ", ") + row[offset];
    }
  }
  std::ostringstream out;
  const std::string title =
      fmt::format("{} — {} {}", config.organisation.name, w.say("bilan", "impact report"), years);
  out << "<!DOCTYPE html>\n<html lang=\"" << (w.french ? "fr" : "en")
      << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>" << html_escape(title) << "</title>\n<style>\n"
      << "@page { size: A4; margin: 12mm; }\n"
      << "body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; color: #111; max-width: "
         "200mm; "
         "margin: 8mm auto; }\n"
      << "h1 { font-size: 18pt; margin: 0 0 2mm 0; }\nh2 { font-size: 13pt; margin: 6mm 0 2mm 0; }\n"
      << ".figures { display: flex; flex-wrap: wrap; gap: 3mm; }\n"
      << ".figure { border: 1px solid #bbb; border-radius: 2mm; padding: 2mm 3mm; min-width: 36mm; }\n"
      << ".figure b { display: block; font-size: 17pt; }\n"
      << "table { border-collapse: collapse; font-size: 9.5pt; }\n"
      << "th, td { border: 1px solid #999; padding: 1mm 1.5mm; }\nth { background: #eee; text-align: left; "
         "}\n"
      << "td.n { text-align: right; white-space: nowrap; }\nsection { break-inside: avoid; }\n"
      << "</style>\n</head>\n<body>\n<h1>" << html_escape(title) << "</h1>\n";

  // Key figures: baskets per scheme, then households, persons, kg and workshops of the year(s).
  out << "<div class=\"figures\">\n";
  std::int64_t households = 0, persons = 0, workshops = 0, participants = 0, grams = 0;
  for (const auto& row : table.rows) {
    const std::string& scheme = row[offset + 1];
    auto number = [&](const std::string& name) {
      const std::string& cell = row[column(name)];
      return cell.empty() || cell[0] == '<' ? std::int64_t{0} : std::stoll(cell);
    };
    const bool total_row = scheme == "all" || request.scheme.size() > 0 || request.point.size() > 0;
    if (scheme != "all") {
      const Scheme* s = config.find_scheme(scheme);
      out << "<div class=\"figure\"><b>" << grouped(number("baskets"), w) << "</b>"
          << w.say("paniers ", "baskets ")
          << html_escape(s != nullptr && !s->label.empty() ? s->label : scheme)
          << (with_site_column ? " — " + html_escape(row[0]) : "") << "</div>\n";
    }
    if (total_row) {
      households += number("households");
      persons += number("persons");
      workshops += number("workshops");
      participants += number("workshop_participants");
      const std::string& kg = row[column("kg")];
      grams += kg.empty() ? 0 : static_cast<std::int64_t>(std::llround(std::stod(kg) * 1000));
    }
  }
  out << "<div class=\"figure\"><b>" << grouped(households, w) << "</b>" << w.say("foyers", "households")
      << "</div>\n<div class=\"figure\"><b>" << grouped(persons, w) << "</b>" << w.say("personnes", "persons")
      << "</div>\n<div class=\"figure\"><b>" << grouped((grams + 500) / 1000, w) << " kg</b>"
      << w.say("de légumes", "of vegetables") << "</div>\n<div class=\"figure\"><b>" << grouped(workshops, w)
      << "</b>" << w.say("ateliers cuisine", "cooking workshops") << " (" << grouped(participants, w) << " "
      << w.say("participants", "participants") << ")</div>\n</div>\n";

  // The table turned a quarter: one column per row of the report (year and scheme), one row per
  // figure, so that it fits a page.
  out << "<section>\n<h2>" << w.say("L'année en chiffres", "The year in figures")
      << "</h2>\n<table>\n<thead><tr><th></th>";
  for (const auto& row : table.rows) {
    out << "<th>";
    for (std::size_t i = 0; i <= offset + 1; ++i) {
      out << (i > 0 ? " " : "") << html_escape(row[i]);
    }
    out << "</th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  for (std::size_t c = offset + 2; c < table.columns.size(); ++c) {
    out << "<tr><th>" << html_escape(table.columns[c]) << "</th>";
    for (const auto& row : table.rows) {
      out << "<td class=\"n\">" << html_escape(row[c]) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n</section>\n";

  out << "<section>\n<h2>" << w.say("Paniers par semaine", "Baskets per week") << "</h2>\n"
      << weekly_chart(weeks, schemes, weekly, scheme_labels, w) << "</section>\n";

  std::vector<std::pair<std::string, double>> rates;
  std::vector<std::string> rate_texts;
  for (const auto& point : config.points) {
    const auto it = pickups.find(point.id);
    if (it == pickups.end() || it->second.first + it->second.second == 0) {
      continue;
    }
    const double rate =
        static_cast<double>(it->second.first) / static_cast<double>(it->second.first + it->second.second);
    rates.emplace_back(point.name, rate);
    rate_texts.push_back(fmt::format("{} %", std::lround(rate * 100)));
  }
  out << "<section>\n<h2>" << w.say("Paniers retirés, par lieu", "Baskets collected, per point") << "</h2>\n";
  if (rates.empty()) {
    out << "<p>" << w.say("Aucun retrait enregistré.", "No pickup recorded.") << "</p>\n";
  } else {
    out << bar_chart(rates, 1.0, rate_texts, "#2e7d32",
                     w.say("Taux de retrait par lieu", "Collection rate per point"));
  }
  out << "</section>\n";

  std::vector<std::pair<std::string, double>> funders;
  std::vector<std::string> funder_texts;
  std::vector<std::pair<std::int64_t, std::string>> by_amount;
  for (const auto& [id, amount] : funding) {
    by_amount.emplace_back(-amount, id);
  }
  std::sort(by_amount.begin(), by_amount.end());
  double highest = 0;
  for (const auto& [negative, id] : by_amount) {
    const Funder* f = config.find_funder(id);
    funders.emplace_back(f != nullptr ? f->name : id, static_cast<double>(-negative));
    funder_texts.push_back(euros(-negative, w));
    highest = std::max(highest, static_cast<double>(-negative));
  }
  out << "<section>\n<h2>" << w.say("Financement, par financeur", "Funding, per funder") << "</h2>\n";
  if (funders.empty()) {
    out << "<p>" << w.say("Aucun financement.", "No funding.") << "</p>\n";
  } else {
    out << bar_chart(funders, highest, funder_texts, "#1565c0",
                     w.say("Financement par financeur", "Funding per funder"));
  }
  out << "</section>\n</body>\n</html>\n";
  return out.str();
}

} // namespace panier
