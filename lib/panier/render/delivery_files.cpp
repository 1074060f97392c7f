#include "panier/render/delivery_files.hpp"

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "panier/core/csv.hpp"
#include "panier/core/error.hpp"
#include "panier/core/output.hpp"
#include "panier/io/xlsx_writer.hpp"
#include "panier/render/leaflets.hpp"
#include "panier/render/routes_sheet.hpp"
#include "panier/render/sheets.hpp"
#include "panier/render/text.hpp"

namespace panier::render {

namespace fs = std::filesystem;

namespace {

std::string packing_csv(const DeliveryWeek& d, const Config& config) {
  // The weight of one basket of each size, from its contents (what the vans carry).
  std::map<std::string, std::int64_t> basket_grams;
  for (const auto& c : d.composition) {
    const Vegetable* v = config.catalogue.find(c.vegetable);
    basket_grams[c.size] += c.quantity_per_basket * (v != nullptr ? v->grams_per_unit : 1000) / 1000;
  }
  std::ostringstream text;
  CsvWriter csv(text);
  csv.row({"week", "point", "point_name", "size", "baskets", "kg"});
  for (const auto& row : d.packing) {
    const Point* point = config.find_point(row.point);
    csv.row({d.week.to_string(), row.point, point != nullptr ? point->name : "", row.size,
             fmt::format("{}", row.baskets), format_quantity(basket_grams[row.size] * row.baskets)});
  }
  return text.str();
}

std::string composition_csv(const DeliveryWeek& d, const Config& config) {
  std::ostringstream text;
  CsvWriter csv(text);
  csv.row({"week", "size", "vegetable", "name", "unit", "quantity_per_basket", "baskets", "total_quantity"});
  for (const auto& row : d.composition) {
    const Vegetable* v = config.catalogue.find(row.vegetable);
    csv.row({d.week.to_string(), row.size, row.vegetable, v != nullptr ? v->name : row.vegetable,
             std::string(unit_name(v != nullptr ? v->unit : Unit::kg)),
             format_quantity(row.quantity_per_basket), fmt::format("{}", row.baskets),
             format_quantity(row.quantity_per_basket * row.baskets)});
  }
  return text.str();
}

std::string changes_csv(const DeliveryWeek& d) {
  std::ostringstream text;
  CsvWriter csv(text);
  csv.row({"week", "point", "household", "change", "detail"});
  for (const auto& row : d.changes) {
    csv.row(
        {d.week.to_string(), row.point, row.household, std::string(panier::text(row.change)), row.detail});
  }
  return text.str();
}

// The columns of a point's sheet: who, what they pay, then what the point fills in (status, and
// what was paid and how when it differs from amount_eur); the phone last, where the point's
// privacy mode shows it. panier deliver record reads the sheet back as it is.
std::vector<std::string> sheet_columns(const PointSheet& sheet) {
  std::vector<std::string> columns{"week",       "point",  "household", "name",  "size",
                                   "amount_eur", "status", "paid_eur",  "method"};
  if (sheet.phones) {
    columns.emplace_back("phone");
  }
  return columns;
}

std::vector<std::string> sheet_row(const DeliveryWeek& d, const PointSheet& sheet, const SheetLine& line) {
  std::vector<std::string> row{d.week.to_string(),
                               sheet.point,
                               line.household,
                               line.name,
                               line.size,
                               format_money(line.amount),
                               "",
                               "",
                               ""};
  if (sheet.phones) {
    row.push_back(line.phone);
  }
  return row;
}

std::string sheet_csv(const DeliveryWeek& d, const PointSheet& sheet) {
  std::ostringstream text;
  CsvWriter csv(text);
  csv.row(sheet_columns(sheet));
  for (const auto& line : sheet.lines) {
    csv.row(sheet_row(d, sheet, line));
  }
  return text.str();
}

// sheets.xlsx: the same sign-in sheets, a tab per point, each printed on A4.
std::vector<Worksheet> sheets_workbook(const DeliveryWeek& d, const Config& config) {
  std::vector<Worksheet> tabs;
  for (const auto& sheet : d.sheets) {
    Worksheet tab;
    tab.name = sheet.point;
    tab.columns = sheet_columns(sheet);
    tab.kinds = {CellKind::text,  CellKind::text, CellKind::text, CellKind::text, CellKind::text,
                 CellKind::money, CellKind::text, CellKind::text, CellKind::text};
    if (sheet.phones) {
      tab.kinds.push_back(CellKind::text);
    }
    for (const auto& line : sheet.lines) {
      tab.rows.push_back(sheet_row(d, sheet, line));
    }
    // The status and method as drop-down lists, in the organisation's language (deliver record
    // reads both languages).
    const bool fr = config.organisation.language == Language::fr;
    tab.choices.resize(tab.columns.size());
    for (std::size_t c = 0; c < tab.columns.size(); ++c) {
      if (tab.columns[c] == "status") {
        tab.choices[c] = fr ? alias_texts<PickupStatus>() : all_texts<PickupStatus>();
      } else if (tab.columns[c] == "method") {
        tab.choices[c] = fr ? alias_texts<PaymentMethod>() : all_texts<PaymentMethod>();
      }
    }
    const Point* point = config.find_point(sheet.point);
    tab.print = {true, fmt::format("{} — {}", point != nullptr ? point->name : sheet.point,
                                   long_date(d.date, config.organisation.language))};
    tabs.push_back(std::move(tab));
  }
  return tabs;
}

} // namespace

std::vector<std::string> write_delivery(const DeliveryWeek& d, const Config& config, const std::string& dir,
                                        DeliverFiles files) {
  // The sheets carry names: they and the directories panier makes for them are the owner's only.
  create_directories(path_inside(dir, "sheets"), FileMode::personal);
  std::error_code ec;
  std::vector<std::string> written;
  auto write = [&](const std::string& name, const std::string& text, FileMode mode = FileMode::ordinary) {
    write_atomically(path_inside(dir, name), text, mode);
    written.push_back(name);
  };
  if (files.csv) {
    write("packing.csv", packing_csv(d, config));
    write("composition.csv", composition_csv(d, config));
    write("changes.csv", changes_csv(d));
    std::set<std::string> with_sheet;
    for (const auto& sheet : d.sheets) {
      write("sheets/" + sheet.point + ".csv", sheet_csv(d, sheet), FileMode::personal);
      with_sheet.insert(sheet.point);
    }
    for (const auto& point : config.points) {
      if (!with_sheet.contains(point.id)) {
        fs::remove(path_inside(dir, "sheets/" + point.id + ".csv"), ec);
      }
    }
  }
  if (files.html) {
    write("sheets.html", sheets_html(d, config), FileMode::personal);
    write("leaflets.html", leaflets_html(d, config));
  }
  if (files.csv) {
    write("leaflets.txt", leaflets_txt(d, config));
  }
  // The survey slips, when the organisation asks households about their vegetables.
  if (config.feedback.survey && files.html) {
    write("survey.html", survey_html(d, config));
  }
  if (config.feedback.survey && files.csv) {
    create_directories(path_inside(dir, "survey"), FileMode::ordinary);
    std::set<std::string> with_survey;
    for (const auto& sheet : d.sheets) {
      write("survey/" + sheet.point + ".csv", survey_csv(d, sheet));
      with_survey.insert(sheet.point);
    }
    for (const auto& point : config.points) {
      if (!with_survey.contains(point.id)) {
        fs::remove(path_inside(dir, "survey/" + point.id + ".csv"), ec);
      }
    }
  }
  if (files.xlsx) {
    write_xlsx(path_inside(dir, "sheets.xlsx"), sheets_workbook(d, config), d.date, FileMode::personal);
    written.push_back("sheets.xlsx");
  }
  if (d.routes && files.csv) {
    write("routes.csv", routes_csv(*d.routes));
  }
  if (d.routes && files.html) {
    write("routes.html", routes_html(*d.routes, config, d.date));
  }
  if (!d.routes) {
    fs::remove(path_inside(dir, "routes.csv"), ec);
    fs::remove(path_inside(dir, "routes.html"), ec);
  }
  return written;
}

} // namespace panier::render
