#include "panier/render/sheets.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "panier/render/page.hpp"
#include "panier/render/text.hpp"

namespace panier::render {

namespace {

constexpr std::string_view k_sheet_rules =
    "td.amount { text-align: right; white-space: nowrap; }\n"
    "table.signin td { white-space: nowrap; }\n"
    "td.sign { width: 30%; height: 7.5mm; }\n"
    "th.tick { font-size: 7pt; width: 1%; text-align: center; padding: 0.6mm 0.8mm; }\n"
    "td.tick { font-size: 13pt; text-align: center; padding: 0 0.8mm; }\n"
    "table.composition td, table.composition th { padding: 0.6mm 1.5mm; }\n"
    "tr { page-break-inside: avoid; break-inside: avoid; }\n"
    "thead { display: table-header-group; }\n"
    ".tip { margin: 1mm 0; }\n";

using BySize = std::map<std::string, std::vector<const CompositionRow*>>;

// The point's name, address, delivery day, opening hours and basket count.
void sheet_header(std::ostream& out, const PointSheet& sheet, const DeliveryWeek& d, const Config& config) {
  const Language lang = config.organisation.language;
  const Point* point = config.find_point(sheet.point);
  out << "<section class=\"point\">\n<header>\n";
  out << "<h1>" << html_escape(point != nullptr ? point->name : sheet.point) << "</h1>\n";
  if (point != nullptr && !point->address.empty()) {
    out << "<p class=\"meta\">" << html_escape(point->address) << "</p>\n";
  }
  out << "<p class=\"meta\">" << word(Word::delivery_on, lang) << " " << html_escape(long_date(d.date, lang))
      << " (" << d.week.to_string() << ")";
  if (point != nullptr && point->has_opening_hours()) {
    out << " — " << word(Word::opening_hours, lang) << " " << time_text(point->open) << "–"
        << time_text(point->close);
  }
  out << "</p>\n<p class=\"meta\">" << html_escape(config.organisation.name) << " — " << sheet.lines.size()
      << " " << baskets_word(static_cast<std::int64_t>(sheet.lines.size()), lang) << "</p>\n</header>\n";
}

// One row per household: code, name (and phone where the point shows them), size, amount, a box
// to tick for each pickup status and a box to sign.
void sign_in_table(std::ostream& out, const PointSheet& sheet, const Config& config) {
  const Language lang = config.organisation.language;
  out << "<table class=\"signin\">\n<thead><tr><th>" << word(Word::household, lang) << "</th><th>"
      << word(Word::name, lang) << "</th>";
  if (sheet.phones) {
    out << "<th>" << word(Word::phone, lang) << "</th>";
  }
  out << "<th>" << word(Word::basket_size, lang) << "</th><th>" << word(Word::to_pay, lang) << "</th>";
  for (const Word status : {Word::collected, Word::proxy, Word::missed, Word::cancelled}) {
    out << "<th class=\"tick\">" << word(status, lang) << "</th>";
  }
  out << "<th>" << word(Word::signature, lang) << "</th></tr></thead>\n<tbody>\n";
  for (const auto& line : sheet.lines) {
    const BasketSize* size = config.find_size(line.size);
    out << "<tr><td>" << html_escape(line.household) << "</td><td>" << html_escape(line.name) << "</td>";
    if (sheet.phones) {
      out << "<td>" << html_escape(line.phone) << "</td>";
    }
    out << "<td>" << html_escape(size != nullptr ? size->label : line.size) << "</td><td class=\"amount\">"
        << html_escape(money_text(line.amount, lang)) << "</td>";
    for (int i = 0; i < 4; ++i) {
      out << "<td class=\"tick\">\u2610</td>";
    }
    out << "<td class=\"sign\"></td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

// What is in each size delivered here: one row per vegetable (catalogue order), one column per
// size; then the tips for the unfamiliar ones.
void composition_table(std::ostream& out, const PointSheet& sheet, const BySize& by_size,
                       const Config& config) {
  const Language lang = config.organisation.language;
  out << "<h2>" << word(Word::in_your_basket, lang) << "</h2>\n";
  std::set<std::string> sizes_here;
  for (const auto& line : sheet.lines) {
    sizes_here.insert(line.size);
  }
  std::vector<const BasketSize*> sizes;
  for (const auto& size_config : config.sizes) {
    if (sizes_here.contains(size_config.id) && by_size.contains(size_config.id)) {
      sizes.push_back(&size_config);
    }
  }
  std::vector<std::string> vegetables;
  for (const BasketSize* size : sizes) {
    for (const CompositionRow* c : by_size.at(size->id)) {
      if (std::find(vegetables.begin(), vegetables.end(), c->vegetable) == vegetables.end()) {
        vegetables.push_back(c->vegetable);
      }
    }
  }
  std::sort(vegetables.begin(), vegetables.end(), [&](const std::string& a, const std::string& b) {
    return rank_of(config.catalogue.vegetables, a) < rank_of(config.catalogue.vegetables, b);
  });
  std::vector<const Vegetable*> unfamiliar;
  out << "<table class=\"composition\">\n<thead><tr><th>" << word(Word::vegetable, lang) << "</th>";
  for (const BasketSize* size : sizes) {
    out << "<th>" << html_escape(size->label) << "</th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& id : vegetables) {
    const Vegetable* v = config.catalogue.find(id);
    out << "<tr><td>" << html_escape(v != nullptr ? v->name : id) << "</td>";
    for (const BasketSize* size : sizes) {
      const auto& rows = by_size.at(size->id);
      const auto it =
          std::find_if(rows.begin(), rows.end(), [&](const CompositionRow* c) { return c->vegetable == id; });
      out << "<td>"
          << (it == rows.end() ? "—"
                               : html_escape(quantity_text((*it)->quantity_per_basket,
                                                           v != nullptr ? v->unit : Unit::kg, lang)))
          << "</td>";
    }
    out << "</tr>\n";
    if (v != nullptr && v->unfamiliar) {
      unfamiliar.push_back(v);
    }
  }
  out << "</tbody>\n</table>\n";
  if (!unfamiliar.empty()) {
    out << "<h2>" << word(Word::tips, lang) << "</h2>\n";
    for (const Vegetable* v : unfamiliar) {
      out << "<p class=\"tip\"><strong>" << html_escape(v->name) << "</strong> — " << html_escape(v->tip)
          << "</p>\n";
    }
  }
}

} // namespace

std::string sheets_html(const DeliveryWeek& d, const Config& config) {
  const Language lang = config.organisation.language;
  std::ostringstream out;
  out << page_start(lang,
                    config.organisation.name + " — " + std::string(word(Word::sheet_title, lang)) + " " +
                        d.week.to_string(),
                    PageStyle{"point", "10.5pt", "1.2mm 1.5mm", "middle", k_sheet_rules});
  BySize by_size;
  for (const auto& c : d.composition) {
    by_size[c.size].push_back(&c);
  }
  for (const auto& sheet : d.sheets) {
    sheet_header(out, sheet, d, config);
    sign_in_table(out, sheet, config);
    composition_table(out, sheet, by_size, config);
    out << "</section>\n";
  }
  out << page_end();
  return out.str();
}

} // namespace panier::render
