#include "panier/deliver.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "panier/allocate.hpp"
#include "panier/csv.hpp"
#include "panier/error.hpp"
#include "panier/households.hpp"
#include "panier/output.hpp"
#include "panier/plan.hpp"
#include "panier/store_households.hpp"
#include "panier/store_pickups.hpp"

namespace panier {

namespace fs = std::filesystem;

namespace {

template <typename T> std::size_t rank_of(const std::vector<T>& items, const std::string& id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return static_cast<std::size_t>(it - items.begin());
}

// The first character of a UTF-8 name ("Élodie" -> "É").
std::string initial(const std::string& name) {
  if (name.empty()) {
    return {};
  }
  std::size_t length = 1;
  while (length < name.size() && (static_cast<unsigned char>(name[length]) & 0xC0U) == 0x80U) {
    ++length;
  }
  return name.substr(0, length);
}

std::string display_name(NameDisplay how, const db::IdentityRow& who) {
  switch (how) {
  case NameDisplay::full: return fmt::format("{} {}", who.first_name, who.last_name);
  case NameDisplay::short_name: return fmt::format("{} {}.", who.last_name, initial(who.first_name));
  case NameDisplay::code: return {};
  }
  return {};
}

// The words of the sheets, in the organisation's language.
struct Words {
  const char* lang;
  const char* title;
  const char* opening;
  const char* delivery;
  const char* household;
  const char* name;
  const char* size;
  const char* amount;
  const char* signature;
  const char* basket;
  const char* baskets;
  const char* in_basket;
  const char* vegetable;
  const char* tips;
};

const Words k_french{"fr",        "Feuille d'émargement",
                     "Ouverture", "Livraison du",
                     "Foyer",     "Nom",
                     "Panier",    "À régler",
                     "Signature", "panier",
                     "paniers",   "Cette semaine dans votre panier",
                     "Légume",    "Astuces pour les légumes moins connus"};
const Words k_english{"en",
                      "Pickup sheet",
                      "Opening hours",
                      "Delivery on",
                      "Household",
                      "Name",
                      "Basket",
                      "To pay",
                      "Signature",
                      "basket",
                      "baskets",
                      "This week in your basket",
                      "Vegetable",
                      "Tips for the less familiar vegetables"};

std::string money_text(Cents cents, const Words& w) {
  std::string text = format_money(cents);
  if (std::string_view(w.lang) == "fr") {
    std::replace(text.begin(), text.end(), '.', ',');
    return text + " €";
  }
  return "€" + text;
}

std::string quantity_text(Milli quantity, Unit unit, const Words& w) {
  std::string number = format_quantity(quantity);
  if (std::string_view(w.lang) == "fr") {
    std::replace(number.begin(), number.end(), '.', ',');
  }
  switch (unit) {
  case Unit::kg: return number + " kg";
  case Unit::piece: return number + (std::string_view(w.lang) == "fr" ? " pièce(s)" : " piece(s)");
  case Unit::bunch: return number + (std::string_view(w.lang) == "fr" ? " botte(s)" : " bunch(es)");
  }
  return number;
}

} // namespace

int DeliveryWeek::baskets() const {
  int total = 0;
  for (const auto& p : packing) {
    total += p.baskets;
  }
  return total;
}

std::vector<std::pair<std::string, int>> DeliveryWeek::baskets_per_point() const {
  std::vector<std::pair<std::string, int>> out;
  for (const auto& p : packing) {
    if (out.empty() || out.back().first != p.point) {
      out.emplace_back(p.point, 0);
    }
    out.back().second += p.baskets;
  }
  return out;
}

DeliveryWeek compute_delivery(Store& store, const Config& config, Week week) {
  const Allocation allocation = load_allocation(store, week);
  if (allocation.rows.empty()) {
    throw Error(ExitCode::data, fmt::format("no allocation for {}; run panier allocate --week {}",
                                            week.to_string(), week.to_string()));
  }
  const auto plan = load_plan(store, week);
  DeliveryWeek d;
  d.week = week;
  d.date = week.day(config.calendar.delivery_weekday);
  d.previous = week - 1;
  for (int guard = 0; guard < 60 && config.calendar.is_closed(d.previous); ++guard) {
    d.previous = d.previous - 1;
  }

  // Sheets and packing, from the baskets (a shortfall is not a basket).
  db::HouseholdTables tables(store);
  std::map<std::size_t, PointSheet> sheets;
  std::map<std::pair<std::size_t, std::size_t>, PackingRow> packing;
  std::map<std::string, int> per_size;
  for (const auto& row : allocation.rows) {
    if (row.shortfall) {
      continue;
    }
    const std::size_t point_rank = rank_of(config.points, row.point);
    const Point* point = config.find_point(row.point);
    PointSheet& sheet = sheets[point_rank];
    sheet.point = row.point;
    std::string name;
    std::string sort_key;
    if (point != nullptr && point->names != NameDisplay::code) {
      if (const auto who = tables.identity(row.household_id)) {
        name = display_name(point->names, *who);
        sort_key = who->last_name + '\x1f' + who->first_name;
      }
    }
    sheet.lines.push_back({row.household, name, row.size, row.contribution, sort_key});
    PackingRow& pack = packing[{point_rank, rank_of(config.sizes, row.size)}];
    pack.point = row.point;
    pack.size = row.size;
    ++pack.baskets;
    ++per_size[row.size];
  }
  for (auto& [rank, sheet] : sheets) {
    std::stable_sort(sheet.lines.begin(), sheet.lines.end(), [](const SheetLine& a, const SheetLine& b) {
      return std::tie(a.sort_key, a.household) < std::tie(b.sort_key, b.household);
    });
    d.sheets.push_back(std::move(sheet));
  }
  for (auto& [key, row] : packing) {
    d.packing.push_back(std::move(row));
  }
  if (plan) {
    for (const auto& sp : plan->sizes) {
      const int baskets = per_size[sp.size];
      if (baskets == 0) {
        continue;
      }
      for (const auto& item : sp.items) {
        d.composition.push_back({sp.size, item.vegetable, item.quantity, baskets});
      }
    }
  }

  // What changed at each point since the previous delivery week.
  const auto now = enrolment_weeks(store, config, week);
  const auto before = enrolment_weeks(store, config, d.previous);
  std::map<std::int64_t, const EnrolmentWeek*> earlier;
  for (const auto& e : before) {
    earlier[e.view.enrolment_id] = &e;
  }
  for (const auto& e : now) {
    const auto it = earlier.find(e.view.enrolment_id);
    const EnrolmentWeek* p = it == earlier.end() ? nullptr : it->second;
    const bool due_now = e.eligibility == Eligibility::due;
    const bool due_before = p != nullptr && p->eligibility == Eligibility::due;
    const std::string& code = e.view.code;
    if (due_now) {
      if (p == nullptr || (p->eligibility == Eligibility::outside_range && p->view.start > d.previous)) {
        d.changes.push_back({e.view.point, code, "new", fmt::format("{} {}", e.view.scheme, e.view.size)});
      } else if (p->eligibility == Eligibility::paused) {
        d.changes.push_back({e.view.point, code, "returning", e.view.size});
      } else if (due_before) {
        if (p->view.point != e.view.point) {
          d.changes.push_back({e.view.point, code, "moved-in", fmt::format("from {}", p->view.point)});
          d.changes.push_back({p->view.point, code, "moved-out", fmt::format("to {}", e.view.point)});
        }
        if (p->view.size != e.view.size) {
          d.changes.push_back(
              {e.view.point, code, "size", fmt::format("{} -> {}", p->view.size, e.view.size)});
        }
      }
    } else if (due_before) {
      if (e.eligibility == Eligibility::outside_range) {
        d.changes.push_back({p->view.point, code, "ended", e.view.exit_reason});
      } else if (e.eligibility == Eligibility::paused) {
        d.changes.push_back({p->view.point, code, "paused", ""});
      }
    }
  }
  std::stable_sort(d.changes.begin(), d.changes.end(), [&](const ChangeRow& a, const ChangeRow& b) {
    const auto ra = rank_of(config.points, a.point);
    const auto rb = rank_of(config.points, b.point);
    return std::tie(ra, a.household, a.change) < std::tie(rb, b.household, b.change);
  });
  return d;
}

std::string sheets_html(const DeliveryWeek& d, const Config& config) {
  const Words& w = config.organisation.language == "en" ? k_english : k_french;
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"" << w.lang << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>" << html_escape(config.organisation.name) << " — " << w.title << " " << d.week.to_string()
      << "</title>\n<style>\n"
      << "@page { size: A4; margin: 14mm 12mm; }\n"
      << "body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; color: #000; margin: 0; "
         "}\n"
      << "section.point { page-break-after: always; break-after: page; }\n"
      << "section.point:last-child { page-break-after: auto; break-after: auto; }\n"
      << "header { border-bottom: 2px solid #000; margin-bottom: 4mm; padding-bottom: 2mm; }\n"
      << "h1 { font-size: 16pt; margin: 0 0 1mm 0; }\n"
      << "h2 { font-size: 12pt; margin: 4mm 0 1.5mm 0; }\n"
      << ".meta { margin: 0.5mm 0; }\n"
      << "table { border-collapse: collapse; width: 100%; }\n"
      << "th, td { border: 1px solid #000; padding: 1.2mm 1.5mm; text-align: left; vertical-align: middle; "
         "}\n"
      << "th { background: #e8e8e8; }\n"
      << "td.amount { text-align: right; white-space: nowrap; }\n"
      << "td.sign { width: 42mm; height: 7.5mm; }\n"
      << "table.composition td, table.composition th { padding: 0.6mm 1.5mm; }\n"
      << "tr { page-break-inside: avoid; break-inside: avoid; }\n"
      << "thead { display: table-header-group; }\n"
      << ".tip { margin: 1mm 0; }\n"
      << "</style>\n</head>\n<body>\n";
  std::map<std::string, std::vector<const CompositionRow*>> by_size;
  for (const auto& c : d.composition) {
    by_size[c.size].push_back(&c);
  }
  for (const auto& sheet : d.sheets) {
    const Point* point = config.find_point(sheet.point);
    out << "<section class=\"point\">\n<header>\n";
    out << "<h1>" << html_escape(point != nullptr ? point->name : sheet.point) << "</h1>\n";
    if (point != nullptr && !point->address.empty()) {
      out << "<p class=\"meta\">" << html_escape(point->address) << "</p>\n";
    }
    out << "<p class=\"meta\">" << w.delivery << " " << html_escape(long_date(d.date, w.lang)) << " ("
        << d.week.to_string() << ")";
    // The whole day is the default window: only a real opening window is worth printing.
    if (point != nullptr && !(point->open == 0 && point->close == 24 * 60 - 1)) {
      out << " — " << w.opening << " " << time_text(point->open) << "–" << time_text(point->close);
    }
    out << "</p>\n<p class=\"meta\">" << html_escape(config.organisation.name) << " — " << sheet.lines.size()
        << " " << (sheet.lines.size() == 1 ? w.basket : w.baskets) << "</p>\n</header>\n";
    out << "<table>\n<thead><tr><th>" << w.household << "</th><th>" << w.name << "</th><th>" << w.size
        << "</th><th>" << w.amount << "</th><th>" << w.signature << "</th></tr></thead>\n<tbody>\n";
    std::set<std::string> sizes_here;
    for (const auto& line : sheet.lines) {
      const BasketSize* size = config.find_size(line.size);
      sizes_here.insert(line.size);
      out << "<tr><td>" << html_escape(line.household) << "</td><td>" << html_escape(line.name) << "</td><td>"
          << html_escape(size != nullptr ? size->label : line.size) << "</td><td class=\"amount\">"
          << html_escape(money_text(line.amount, w)) << "</td><td class=\"sign\"></td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
    // What is in each size delivered here: one row per vegetable, one column per size.
    out << "<h2>" << w.in_basket << "</h2>\n";
    std::vector<const BasketSize*> sizes;
    for (const auto& size_config : config.sizes) {
      if (sizes_here.contains(size_config.id) && by_size.contains(size_config.id)) {
        sizes.push_back(&size_config);
      }
    }
    std::vector<std::string> vegetables;
    for (const BasketSize* size : sizes) {
      for (const CompositionRow* c : by_size[size->id]) {
        if (std::find(vegetables.begin(), vegetables.end(), c->vegetable) == vegetables.end()) {
          vegetables.push_back(c->vegetable);
        }
      }
    }
    std::sort(vegetables.begin(), vegetables.end(), [&](const std::string& a, const std::string& b) {
      return rank_of(config.catalogue.vegetables, a) < rank_of(config.catalogue.vegetables, b);
    });
    std::vector<const Vegetable*> unfamiliar;
    out << "<table class=\"composition\">\n<thead><tr><th>" << w.vegetable << "</th>";
    for (const BasketSize* size : sizes) {
      out << "<th>" << html_escape(size->label) << "</th>";
    }
    out << "</tr></thead>\n<tbody>\n";
    for (const auto& id : vegetables) {
      const Vegetable* v = config.catalogue.find(id);
      out << "<tr><td>" << html_escape(v != nullptr ? v->name : id) << "</td>";
      for (const BasketSize* size : sizes) {
        const auto& rows = by_size[size->id];
        const auto it = std::find_if(rows.begin(), rows.end(),
                                     [&](const CompositionRow* c) { return c->vegetable == id; });
        out << "<td>"
            << (it == rows.end() ? "—"
                                 : html_escape(quantity_text((*it)->quantity_per_basket,
                                                             v != nullptr ? v->unit : Unit::kg, w)))
            << "</td>";
      }
      out << "</tr>\n";
      if (v != nullptr && v->unfamiliar) {
        unfamiliar.push_back(v);
      }
    }
    out << "</tbody>\n</table>\n";
    if (!unfamiliar.empty()) {
      out << "<h2>" << w.tips << "</h2>\n";
      for (const Vegetable* v : unfamiliar) {
        out << "<p class=\"tip\"><strong>" << html_escape(v->name) << "</strong> — " << html_escape(v->tip)
            << "</p>\n";
      }
    }
    out << "</section>\n";
  }
  out << "</body>\n</html>\n";
  return out.str();
}

std::vector<std::string> write_delivery(const DeliveryWeek& d, const Config& config, const std::string& dir,
                                        DeliverFiles files) {
  std::error_code ec;
  fs::create_directories(fs::path(dir) / "sheets", ec);
  if (ec) {
    throw Error(ExitCode::cant_create, fmt::format("{}: cannot create directory: {}", dir, ec.message()));
  }
  std::vector<std::string> written;
  const std::string week = d.week.to_string();
  auto name_of = [&](const std::string& id) {
    const Vegetable* v = config.catalogue.find(id);
    return v != nullptr ? v->name : id;
  };
  auto unit_of = [&](const std::string& id) {
    const Vegetable* v = config.catalogue.find(id);
    return std::string(unit_name(v != nullptr ? v->unit : Unit::kg));
  };
  if (files.csv) {
    std::ostringstream packing;
    CsvWriter p(packing);
    p.row({"week", "point", "point_name", "size", "baskets"});
    for (const auto& row : d.packing) {
      const Point* point = config.find_point(row.point);
      p.row({week, row.point, point != nullptr ? point->name : "", row.size, fmt::format("{}", row.baskets)});
    }
    write_atomically(fs::path(dir) / "packing.csv", packing.str());
    written.push_back("packing.csv");

    std::ostringstream composition;
    CsvWriter c(composition);
    c.row({"week", "size", "vegetable", "name", "unit", "quantity_per_basket", "baskets", "total_quantity"});
    for (const auto& row : d.composition) {
      c.row({week, row.size, row.vegetable, name_of(row.vegetable), unit_of(row.vegetable),
             format_quantity(row.quantity_per_basket), fmt::format("{}", row.baskets),
             format_quantity(row.quantity_per_basket * row.baskets)});
    }
    write_atomically(fs::path(dir) / "composition.csv", composition.str());
    written.push_back("composition.csv");

    std::ostringstream changes;
    CsvWriter ch(changes);
    ch.row({"week", "point", "household", "change", "detail"});
    for (const auto& row : d.changes) {
      ch.row({week, row.point, row.household, row.change, row.detail});
    }
    write_atomically(fs::path(dir) / "changes.csv", changes.str());
    written.push_back("changes.csv");

    std::set<std::string> with_sheet;
    for (const auto& sheet : d.sheets) {
      std::ostringstream text;
      CsvWriter s(text);
      s.row({"week", "point", "household", "name", "size", "amount_eur", "status"});
      for (const auto& line : sheet.lines) {
        s.row({week, sheet.point, line.household, line.name, line.size, format_money(line.amount), ""});
      }
      write_atomically(fs::path(dir) / "sheets" / (sheet.point + ".csv"), text.str());
      written.push_back("sheets/" + sheet.point + ".csv");
      with_sheet.insert(sheet.point);
    }
    // A point with no basket this week keeps no sheet from an earlier run.
    for (const auto& point : config.points) {
      if (!with_sheet.contains(point.id)) {
        fs::remove(fs::path(dir) / "sheets" / (point.id + ".csv"), ec);
      }
    }
  }
  if (files.html) {
    write_atomically(fs::path(dir) / "sheets.html", sheets_html(d, config));
    written.push_back("sheets.html");
  }
  if (d.routes && files.csv) {
    write_atomically(fs::path(dir) / "routes.csv", routes_csv(*d.routes));
    written.push_back("routes.csv");
  }
  if (d.routes && files.html) {
    write_atomically(fs::path(dir) / "routes.html", routes_html(*d.routes, config, d.date));
    written.push_back("routes.html");
  }
  if (!d.routes) {
    fs::remove(fs::path(dir) / "routes.csv", ec);
    fs::remove(fs::path(dir) / "routes.html", ec);
  }
  return written;
}

PickupFile read_pickups_csv(const std::string& path) {
  static const CsvColumn k_columns[] = {
      {"household", true}, {"status", true}, {"paid_eur", false}, {"method", false}, {"outcome", false}};
  CsvReader reader(path);
  reader.read_header(k_columns);
  PickupFile file;
  file.path = path;
  std::map<std::string, long> seen;
  auto one_of = [](std::string_view value, const auto& list) {
    return std::find(std::begin(list), std::end(list), value) != std::end(list);
  };
  while (reader.next()) {
    PickupInput in;
    in.line = reader.line();
    in.household = reader.text(0);
    in.status = reader.text(1);
    in.method = reader.text(3);
    in.outcome = reader.text(4);
    std::vector<std::string> row;
    if (in.household.empty()) {
      row.push_back(reader.where("column \"household\": missing value"));
    } else if (const auto [it, fresh] = seen.emplace(in.household, in.line); !fresh) {
      row.push_back(
          reader.where(fmt::format("household \"{}\" is already on line {}", in.household, it->second)));
    }
    if (!one_of(in.status, k_pickup_statuses)) {
      row.push_back(reader.where(fmt::format("column \"status\": \"{}\" is not one of: {}", in.status,
                                             fmt::join(k_pickup_statuses, ", "))));
    }
    try {
      in.paid = reader.number(2, 2).value_or(0);
      if (in.paid < 0) {
        row.push_back(reader.where(fmt::format("column \"paid_eur\": {} is negative", reader.text(2))));
      }
    } catch (const Error& e) {
      row.push_back(e.messages().front());
    }
    if (!in.method.empty() && !one_of(in.method, k_payment_methods)) {
      row.push_back(reader.where(fmt::format("column \"method\": \"{}\" is not one of: {}", in.method,
                                             fmt::join(k_payment_methods, ", "))));
    }
    if (!in.outcome.empty()) {
      if (!one_of(in.outcome, k_outcomes)) {
        row.push_back(reader.where(fmt::format("column \"outcome\": \"{}\" is not one of: {}", in.outcome,
                                               fmt::join(k_outcomes, ", "))));
      } else if (in.status == "collected" || in.status == "proxy") {
        row.push_back(reader.where(
            "column \"outcome\": says what became of an uncollected basket, not of a collected one"));
      }
    }
    in.valid = row.empty();
    for (auto& message : row) {
      file.problems.push_back(std::move(message));
    }
    file.inputs.push_back(std::move(in));
  }
  return file;
}

RecordResult record_pickups(Store& store, const Config& config, Week week, const PickupFile& pickups,
                            bool rest_missed, Date today) {
  RecordResult result;
  store.write([&] {
    const Allocation allocation = load_allocation(store, week);
    if (allocation.rows.empty()) {
      throw Error(ExitCode::data, fmt::format("no allocation for {}; run panier allocate --week {}",
                                              week.to_string(), week.to_string()));
    }
    std::map<std::string, const AllocationRow*> by_code;
    for (const auto& r : allocation.rows) {
      by_code[r.household] = &r;
    }
    auto existing = db::pickups_of(store, week);
    Diagnostics problems;
    for (const auto& message : pickups.problems) {
      problems.add(message);
    }
    const std::string& file = pickups.path;
    const std::string on = today.to_string();
    for (const auto& in : pickups.inputs) {
      if (!in.valid) {
        continue;
      }
      const auto it = by_code.find(in.household);
      if (it == by_code.end()) {
        problems.add(
            located(file, in.line,
                    fmt::format("household \"{}\" has no basket in {}", in.household, week.to_string())));
        continue;
      }
      if (it->second->shortfall) {
        problems.add(located(file, in.line,
                             fmt::format("household \"{}\" went without in {} (shortfall): there is "
                                         "no pickup to record",
                                         in.household, week.to_string())));
        continue;
      }
      db::PickupRow row{it->second->enrolment_id, in.status, in.paid, in.method, in.outcome};
      if ((in.status == "missed" || in.status == "cancelled") && row.outcome.empty()) {
        row.outcome = config.pickups.uncollected_outcome;
      }
      const auto old = existing.find(row.enrolment_id);
      if (old != existing.end() && old->second == row) {
        ++result.unchanged;
        continue;
      }
      db::put_pickup(store, week, row, old != existing.end() ? &old->second : nullptr, on);
      (old != existing.end() ? result.updated : result.added) += 1;
      existing[row.enrolment_id] = row;
    }
    problems.throw_if_any(ExitCode::data);
    if (rest_missed) {
      for (const auto& r : allocation.rows) {
        if (!r.shortfall && !existing.contains(r.enrolment_id)) {
          db::PickupRow row{r.enrolment_id, "missed", 0, "", config.pickups.uncollected_outcome};
          db::put_pickup(store, week, row, nullptr, on);
          existing[r.enrolment_id] = row;
          ++result.rest;
        }
      }
    }
    // Reconciliation per point, in configuration order.
    std::map<std::size_t, PointReconciliation> points;
    for (const auto& r : allocation.rows) {
      if (r.shortfall) {
        continue;
      }
      PointReconciliation& p = points[rank_of(config.points, r.point)];
      p.point = r.point;
      ++p.baskets;
      const auto pickup = existing.find(r.enrolment_id);
      if (pickup == existing.end()) {
        ++p.unrecorded;
        continue;
      }
      const std::string& status = pickup->second.status;
      const Scheme* scheme = config.find_scheme(r.scheme);
      if (status == "collected" || status == "proxy") {
        ++p.collected;
        p.expected += r.contribution;
      } else if (status == "missed") {
        ++p.missed;
        if (scheme != nullptr && scheme->charge_missed) {
          p.expected += r.contribution;
        }
      } else {
        ++p.cancelled;
      }
      p.paid += pickup->second.paid_cents;
    }
    for (auto& [rank, p] : points) {
      result.points.push_back(std::move(p));
    }
    // Households that have now missed N pickups in a row.
    std::map<std::string, std::vector<std::string>> statuses; // code -> statuses, oldest first
    for (const auto& h : db::basket_history(store)) {
      if (h.week <= week.to_string()) {
        statuses[h.household].push_back(h.status);
      }
    }
    for (const auto& r : allocation.rows) {
      const auto pickup = existing.find(r.enrolment_id);
      if (r.shortfall || pickup == existing.end() || pickup->second.status != "missed") {
        continue;
      }
      const int in_a_row = missed_in_a_row(statuses[r.household]);
      if (in_a_row >= config.pickups.followup_after) {
        result.followup.emplace_back(r.household, in_a_row);
      }
    }
  });
  return result;
}

int missed_in_a_row(const std::vector<std::string>& statuses) {
  int missed = 0;
  for (auto it = statuses.rbegin(); it != statuses.rend(); ++it) {
    if (it->empty()) {
      continue;
    }
    if (*it != "missed") {
      break;
    }
    ++missed;
  }
  return missed;
}

std::vector<Balance> balances(Store& store, const Config& config) {
  std::map<std::string, Balance> by_code;
  for (const auto& h : db::basket_history(store)) {
    if (h.status.empty()) {
      continue;
    }
    Balance& b = by_code[h.household];
    b.household = h.household;
    const Scheme* scheme = config.find_scheme(h.scheme);
    if (h.status == "collected" || h.status == "proxy" ||
        (h.status == "missed" && scheme != nullptr && scheme->charge_missed)) {
      b.owed += h.contribution_cents;
    }
    b.paid += h.paid_cents;
  }
  std::vector<Balance> list;
  for (auto& [code, b] : by_code) {
    list.push_back(std::move(b));
  }
  return list;
}

} // namespace panier
