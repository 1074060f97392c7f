#include "panier/render/leaflets.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "panier/core/csv.hpp"
#include "panier/core/utf8.hpp"
#include "panier/render/page.hpp"
#include "panier/render/text.hpp"

namespace panier::render {

namespace {

constexpr std::string_view k_leaflet_rules =
    "section.sheet { page-break-after: always; break-after: page; }\n"
    "div.leaflet { min-height: 128mm; box-sizing: border-box; padding: 0 2mm; break-inside: avoid; }\n"
    "div.leaflet + div.leaflet { border-top: 1px dashed #000; padding-top: 5mm; margin-top: 5mm; }\n"
    "div.leaflet h1 { font-size: 15pt; }\n"
    "ul.contents { margin: 1mm 0 2mm 0; padding-left: 6mm; font-size: 12pt; }\n"
    "p.tip { margin: 1mm 0; }\n"
    "p.stronger { border: 1.5px solid #000; padding: 1.5mm; }\n"
    "p.workshop { margin-top: 3mm; font-weight: bold; }\n";

constexpr std::string_view k_survey_rules = "td.box { width: 30mm; white-space: nowrap; }\n"
                                            "tr { page-break-inside: avoid; break-inside: avoid; }\n"
                                            "h2 { margin-top: 5mm; }\n";

// One leaflet: the baskets of one size at one point.
struct Leaflet {
  const PointSheet* sheet = nullptr;
  const Point* point = nullptr; // nullptr when the configuration no longer has it
  const BasketSize* size = nullptr;
  std::vector<const CompositionRow*> contents; // plan order
};

// A leaflet per point (configuration order) and size delivered there (configuration order).
std::vector<Leaflet> leaflets_of(const DeliveryWeek& d, const Config& config) {
  std::vector<Leaflet> leaflets;
  for (const auto& sheet : d.sheets) {
    for (const auto& size : config.sizes) {
      const bool here = std::any_of(sheet.lines.begin(), sheet.lines.end(),
                                    [&](const SheetLine& l) { return l.size == size.id; });
      if (!here) {
        continue;
      }
      Leaflet l{&sheet, config.find_point(sheet.point), &size, {}};
      for (const auto& c : d.composition) {
        if (c.size == size.id) {
          l.contents.push_back(&c);
        }
      }
      leaflets.push_back(std::move(l));
    }
  }
  return leaflets;
}

// French puts a space before a colon, English does not.
std::string_view colon(Language lang) { return lang == Language::fr ? " : " : ": "; }

std::string point_name(const Leaflet& l) { return l.point != nullptr ? l.point->name : l.sheet->point; }

// The households seldom cook it: its leaflet gives the recipe as a challenge.
bool seldom_cooked(const DeliveryWeek& d, const Config& config, const std::string& vegetable) {
  const auto share = d.cooked_share.find(vegetable);
  return share != d.cooked_share.end() && share->second < config.feedback.low_share;
}

// "atelier cuisine, jeudi 16 mars 2023, Centre social", or empty when none is known.
std::string workshop_line(const DeliveryWeek& d, const Config& config, const Leaflet& l, bool brief = false) {
  const Language lang = config.organisation.language;
  const auto it = d.next_workshop.find(l.sheet->point);
  if (it == d.next_workshop.end()) {
    return {};
  }
  const UpcomingWorkshop& w = it->second;
  std::string text =
      theme_text(w.theme, lang) + ", " + (brief ? short_date(w.date, lang) : long_date(w.date, lang));
  if (!w.place.empty()) {
    // A place recorded as a point's id reads as the point's name.
    const Point* at = config.find_point(w.place);
    text += ", " + (at != nullptr ? at->name : w.place);
  }
  return text;
}

std::string hours_line(const DeliveryWeek& d, const Leaflet& l, Language lang, bool brief = false) {
  std::string text = brief ? short_date(d.date, lang) : long_date(d.date, lang);
  if (l.point != nullptr && l.point->has_opening_hours()) {
    text += ", " + time_text(l.point->open) + "–" + time_text(l.point->close);
  }
  text += " — " + point_name(l);
  if (l.point != nullptr && !l.point->address.empty()) {
    text += ", " + l.point->address;
  }
  return text;
}

void leaflet_html(std::ostream& out, const DeliveryWeek& d, const Config& config, const Leaflet& l) {
  const Language lang = config.organisation.language;
  out << "<div class=\"leaflet\">\n<header>\n<h1>" << word(Word::leaflet_title, lang) << " — "
      << html_escape(l.size->label) << "</h1>\n";
  out << "<p class=\"meta\">" << html_escape(config.organisation.name) << " — "
      << word(Word::leaflet_week, lang) << " " << html_escape(long_date(d.date, lang)) << "</p>\n";
  out << "<p class=\"meta\">" << word(Word::pick_up, lang) << colon(lang)
      << html_escape(hours_line(d, l, lang)) << "</p>\n</header>\n";
  out << "<ul class=\"contents\">\n";
  for (const CompositionRow* c : l.contents) {
    const Vegetable* v = config.catalogue.find(c->vegetable);
    out << "<li>"
        << html_escape(v != nullptr ? kitchen_quantity(c->quantity_per_basket, *v, lang) : c->vegetable)
        << "</li>\n";
  }
  out << "</ul>\n";
  // The unfamiliar vegetables first, the seldom cooked first among them; then the others' tips.
  std::vector<const Vegetable*> tips;
  for (const CompositionRow* c : l.contents) {
    if (const Vegetable* v = config.catalogue.find(c->vegetable); v != nullptr && !v->tip.empty()) {
      tips.push_back(v);
    }
  }
  std::stable_sort(tips.begin(), tips.end(), [&](const Vegetable* a, const Vegetable* b) {
    const auto rank = [&](const Vegetable* v) {
      return !v->unfamiliar ? 2 : seldom_cooked(d, config, v->id) ? 0 : 1;
    };
    return rank(a) < rank(b);
  });
  for (const Vegetable* v : tips) {
    const bool stronger = v->unfamiliar && seldom_cooked(d, config, v->id);
    out << "<p class=\"tip" << (stronger ? " stronger" : "") << "\"><strong>" << html_escape(v->name)
        << "</strong> — " << html_escape(v->tip);
    if (v->unfamiliar && !v->recipe.empty()) {
      out << "<br>" << (stronger ? "<strong>" + std::string(word(Word::try_it, lang)) + "</strong> " : "")
          << "<em>" << word(Word::recipe_idea, lang) << colon(lang).substr(0, colon(lang).size() - 1)
          << "</em> " << html_escape(v->recipe);
    }
    out << "</p>\n";
  }
  const std::string workshop = workshop_line(d, config, l);
  out << "<p class=\"workshop\">"
      << (workshop.empty() ? std::string(word(Word::no_workshop, lang))
                           : std::string(word(Word::next_workshop, lang)) + std::string(colon(lang)) +
                                 html_escape(workshop))
      << "</p>\n</div>\n";
}

// The longest start of UTF-8 text, cut between words, of at most `count` characters.
std::string words_within(std::string_view text, std::size_t count) {
  std::string start = first_characters(text, count);
  if (start.size() < text.size()) {
    const auto space = start.find_last_of(' ');
    start = start.substr(0, space == std::string::npos ? 0 : space);
    while (!start.empty() && (start.back() == ',' || start.back() == ';' || start.back() == ':')) {
      start.pop_back();
    }
  }
  return start;
}

// The leaflet in at most k_leaflet_text_chars characters: what is in the basket, the pickup and
// the workshop always; then as many whole tips as fit, the unfamiliar vegetables' first (one of
// those too long is cut after a whole word with "…"; a familiar one too long is left out).
std::string leaflet_text(const DeliveryWeek& d, const Config& config, const Leaflet& l) {
  const Language lang = config.organisation.language;
  std::vector<std::string> contents;
  for (const CompositionRow* c : l.contents) {
    const Vegetable* v = config.catalogue.find(c->vegetable);
    contents.push_back(v != nullptr ? kitchen_quantity(c->quantity_per_basket, *v, lang) : c->vegetable);
  }
  std::string head = fmt::format("{} ({}){}{}.", word(Word::leaflet_title, lang), l.size->label, colon(lang),
                                 fmt::join(contents, ", "));
  std::string tail =
      fmt::format(" {}{}{}.", word(Word::pick_up, lang), colon(lang), hours_line(d, l, lang, true));
  const std::string workshop = workshop_line(d, config, l, true);
  tail += workshop.empty() ? " " + std::string(word(Word::no_workshop, lang))
                           : fmt::format(" {}{}{}.", word(Word::next_workshop, lang), colon(lang), workshop);
  std::vector<const Vegetable*> tipped;
  for (const CompositionRow* c : l.contents) {
    if (const Vegetable* v = config.catalogue.find(c->vegetable); v != nullptr && !v->tip.empty()) {
      tipped.push_back(v);
    }
  }
  std::stable_sort(tipped.begin(), tipped.end(),
                   [](const Vegetable* a, const Vegetable* b) { return a->unfamiliar && !b->unfamiliar; });
  std::string tips;
  const std::size_t fixed = utf8_characters(head) + utf8_characters(tail);
  for (const Vegetable* v : tipped) {
    const std::string tip = fmt::format(" {}{}{}", v->name, colon(lang), v->tip);
    const std::size_t used = fixed + utf8_characters(tips);
    if (used + utf8_characters(tip) <= k_leaflet_text_chars) {
      tips += tip;
    } else if (v->unfamiliar && used + 24 < k_leaflet_text_chars) {
      tips += words_within(tip, k_leaflet_text_chars - used - 1) + "…"; // its start, whole words
    }
    // a familiar vegetable's tip that does not fit is left out: a shorter one after it may fit
  }
  std::string text = head + tips + tail;
  if (utf8_characters(text) > k_leaflet_text_chars) {
    text = first_characters(text, k_leaflet_text_chars - 1) + "…";
  }
  return text;
}

} // namespace

std::string leaflets_html(const DeliveryWeek& d, const Config& config) {
  const Language lang = config.organisation.language;
  std::ostringstream out;
  out << page_start(lang,
                    config.organisation.name + " — " + std::string(word(Word::leaflet_title, lang)) + " " +
                        d.week.to_string(),
                    PageStyle{"sheet", "10.5pt", "1.2mm 1.5mm", "middle", k_leaflet_rules});
  const auto leaflets = leaflets_of(d, config);
  for (std::size_t i = 0; i < leaflets.size(); i += 2) {
    out << "<section class=\"sheet\">\n";
    leaflet_html(out, d, config, leaflets[i]);
    if (i + 1 < leaflets.size()) {
      leaflet_html(out, d, config, leaflets[i + 1]);
    }
    out << "</section>\n";
  }
  out << page_end();
  return out.str();
}

std::string leaflets_txt(const DeliveryWeek& d, const Config& config) {
  std::string out;
  for (const auto& l : leaflets_of(d, config)) {
    out += fmt::format("[{} {} {}]\n{}\n\n", d.week.to_string(), l.sheet->point, l.size->id,
                       leaflet_text(d, config, l));
  }
  return out;
}

std::string survey_html(const DeliveryWeek& d, const Config& config) {
  const Language lang = config.organisation.language;
  std::ostringstream out;
  out << page_start(lang,
                    config.organisation.name + " — " + std::string(word(Word::survey_title, lang)) + " " +
                        d.week.to_string(),
                    PageStyle{"point", "10.5pt", "1.2mm 1.5mm", "middle", k_survey_rules});
  const std::string yes_no = fmt::format("☐ {} ☐ {}", word(Word::yes, lang), word(Word::no, lang));
  for (const auto& sheet : d.sheets) {
    const Point* point = config.find_point(sheet.point);
    out << "<section class=\"point\">\n<header>\n<h1>" << word(Word::survey_title, lang) << "</h1>\n";
    out << "<p class=\"meta\">" << html_escape(point != nullptr ? point->name : sheet.point) << " — "
        << html_escape(long_date(d.date, lang)) << " (" << d.week.to_string() << ")</p>\n</header>\n";
    for (const auto& line : sheet.lines) {
      const BasketSize* size = config.find_size(line.size);
      out << "<h2>" << word(Word::household, lang) << " " << html_escape(line.household) << " — "
          << html_escape(size != nullptr ? size->label : line.size) << "</h2>\n";
      out << "<table>\n<thead><tr><th>" << word(Word::vegetable, lang) << "</th><th>"
          << word(Word::cooked, lang) << "</th><th>" << word(Word::liked, lang)
          << "</th></tr></thead>\n<tbody>\n";
      for (const auto& c : d.composition) {
        if (c.size != line.size) {
          continue;
        }
        const Vegetable* v = config.catalogue.find(c.vegetable);
        out << "<tr><td>" << html_escape(v != nullptr ? v->name : c.vegetable) << "</td><td class=\"box\">"
            << yes_no << "</td><td class=\"box\">" << yes_no << "</td></tr>\n";
      }
      out << "</tbody>\n</table>\n";
    }
    out << "</section>\n";
  }
  out << page_end();
  return out.str();
}

std::string survey_csv(const DeliveryWeek& d, const PointSheet& sheet) {
  std::ostringstream text;
  CsvWriter csv(text);
  csv.row({"week", "household", "vegetable", "cooked", "liked"});
  for (const auto& line : sheet.lines) {
    for (const auto& c : d.composition) {
      if (c.size == line.size) {
        csv.row({d.week.to_string(), line.household, c.vegetable, "", ""});
      }
    }
  }
  return text.str();
}

} // namespace panier::render
