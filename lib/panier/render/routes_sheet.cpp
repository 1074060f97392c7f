#include "panier/render/routes_sheet.hpp"

#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "panier/core/csv.hpp"
#include "panier/render/page.hpp"
#include "panier/render/text.hpp"

namespace panier::render {

namespace {

constexpr std::string_view k_route_rules =
    "td.n { text-align: right; white-space: nowrap; }\n"
    "td.time { white-space: nowrap; font-weight: bold; }\n"
    "td.window { white-space: nowrap; }\n"
    "td.done { width: 14mm; }\n"
    "tr { page-break-inside: avoid; break-inside: avoid; }\n"
    ".warning { border: 2px solid #000; padding: 2mm; margin-top: 4mm; }\n";

std::string km_text(double km) { return fmt::format("{:.1f}", std::round(km * 10.0) / 10.0); }

// Times are computed in fractions of a minute and shown to the minute; a van on time to the
// second stays on time to the minute since windows are whole minutes.
std::string clock(double t) { return time_text(static_cast<int>(std::lround(t))); }

std::string place_name(const Config& config, const std::string& id) {
  const Point* p = config.find_point(id);
  return p != nullptr ? p->name : id;
}

void van_sheet(std::ostream& out, const VanRoute& van, const DeliveryRoutes& routes, const Config& config,
               const std::string& day) {
  const Language lang = config.organisation.language;
  auto say = [lang](Word w) { return word(w, lang); };
  const std::string garden =
      config.depot && !config.depot->name.empty() ? config.depot->name : std::string(say(Word::garden));
  out << "<section class=\"van\">\n<header>\n<h1>" << say(Word::route) << " " << html_escape(van.van) << " — "
      << html_escape(day) << "</h1>\n";
  out << "<p class=\"meta\">" << html_escape(config.organisation.name) << " (" << routes.week.to_string()
      << ") — " << van.baskets << " " << say(Word::baskets) << ", " << van.stops.size() << " "
      << say(Word::stops) << ", " << km_text(van.km()) << " km, " << say(Word::leave) << " "
      << clock(van.leave) << ", " << say(Word::back) << " " << clock(van.back) << "</p>\n</header>\n";
  out << "<table>\n<thead><tr><th>#</th><th>" << say(Word::place) << "</th><th>" << say(Word::arrive)
      << "</th><th>" << say(Word::open) << "</th><th>" << say(Word::baskets_to_drop) << "</th><th>"
      << say(Word::left_on_board) << "</th><th>km</th><th>✓</th></tr></thead>\n"
      << "<tbody>\n";
  out << "<tr><td class=\"n\">0</td><td>" << html_escape(garden) << "</td><td class=\"time\">"
      << say(Word::leave) << " " << clock(van.leave) << "</td><td></td><td class=\"n\"></td>"
      << "<td class=\"n\">" << van.baskets << "</td><td class=\"n\"></td><td class=\"done\"></td></tr>\n";
  int number = 0;
  for (const auto& stop : van.stops) {
    const Point* p = config.find_point(stop.point);
    out << "<tr><td class=\"n\">" << ++number << "</td><td><strong>"
        << html_escape(place_name(config, stop.point)) << "</strong>";
    if (p != nullptr && !p->address.empty()) {
      out << "<br>" << html_escape(p->address);
    }
    out << "</td><td class=\"time\">" << clock(stop.arrival) << "</td><td class=\"window\">";
    if (p != nullptr && p->has_opening_hours()) {
      out << time_text(p->open) << "–" << time_text(p->close);
    }
    out << "</td><td class=\"n\"><strong>" << stop.baskets << "</strong></td><td class=\"n\">"
        << stop.load_after << "</td><td class=\"n\">" << km_text(stop.km)
        << "</td><td class=\"done\"></td></tr>\n";
  }
  out << "<tr><td class=\"n\">" << ++number << "</td><td>" << html_escape(garden)
      << "</td><td class=\"time\">" << say(Word::back) << " " << clock(van.back)
      << "</td><td></td><td class=\"n\"></td><td class=\"n\">0</td><td class=\"n\">" << km_text(van.km_back)
      << "</td><td class=\"done\"></td></tr>\n</tbody>\n</table>\n</section>\n";
}

} // namespace

std::string_view unserved_reason(const UnservedPoint& point, Language language) {
  return word(point.reachable ? Word::unserved_no_room : Word::unserved_out_of_reach, language);
}

std::string routes_csv(const DeliveryRoutes& routes) {
  std::ostringstream text;
  CsvWriter csv(text);
  csv.row({"week", "van", "stop", "point", "arrival", "departure", "baskets", "load_after", "km"});
  const std::string week = routes.week.to_string();
  for (const auto& van : routes.vans) {
    csv.row({week, van.van, "0", std::string(k_depot), "", clock(van.leave), "0",
             fmt::format("{}", van.baskets), "0.0"});
    int number = 0;
    for (const auto& stop : van.stops) {
      csv.row({week, van.van, fmt::format("{}", ++number), stop.point, clock(stop.arrival),
               clock(stop.departure), fmt::format("{}", stop.baskets), fmt::format("{}", stop.load_after),
               km_text(stop.km)});
    }
    csv.row({week, van.van, fmt::format("{}", ++number), std::string(k_depot), clock(van.back), "", "0", "0",
             km_text(van.km_back)});
  }
  for (const auto& u : routes.unassigned) {
    csv.row({week, "", "", u.point, "", "", fmt::format("{}", u.baskets), "", ""});
  }
  return text.str();
}

std::string routes_html(const DeliveryRoutes& routes, const Config& config, Date date) {
  const Language lang = config.organisation.language;
  std::ostringstream out;
  out << page_start(lang,
                    config.organisation.name + " — " + std::string(word(Word::routes_title, lang)) + " " +
                        routes.week.to_string(),
                    PageStyle{"van", "11pt", "1.5mm", "top", k_route_rules});
  const std::string day = long_date(date, lang);
  for (const auto& van : routes.vans) {
    van_sheet(out, van, routes, config, day);
  }
  if (!routes.unassigned.empty()) {
    out << "<section class=\"van\">\n<div class=\"warning\">\n<h1>" << word(Word::unserved_points, lang)
        << "</h1>\n<ul>\n";
    for (const auto& u : routes.unassigned) {
      out << "<li>" << html_escape(place_name(config, u.point)) << " — " << u.baskets << " "
          << baskets_word(u.baskets, lang) << " — " << unserved_reason(u, lang) << "</li>\n";
    }
    out << "</ul>\n</div>\n</section>\n";
  }
  out << page_end();
  return out.str();
}

} // namespace panier::render
