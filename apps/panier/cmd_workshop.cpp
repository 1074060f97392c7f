// panier workshop add/attend/list: cooking workshops.
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "cli.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/table.hpp"
#include "panier/domain/workshops.hpp"

namespace panier::cli {

namespace {

void setup_workshop_add(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("add", "Record a workshop");
  struct AddOptions {
    std::string date, theme, place, vegetables;
    int capacity = 0;
  };
  auto o = std::make_shared<AddOptions>();
  cmd->add_option("--date", o->date, "Date, YYYY-MM-DD")->required();
  cmd->add_option("--theme", o->theme,
                  "cooking-techniques, balanced-eating, reading-labels, seasonality, preserving, anti-waste, "
                  "wild-plants, farm-visit or gardening")
      ->required();
  cmd->add_option("--place", o->place, "Where it takes place");
  cmd->add_option("--capacity", o->capacity, "Most persons");
  cmd->add_option("--vegetables", o->vegetables, "Featured vegetables, comma-separated ids");
  cmd->callback([&context, o, cmd] {
    const Config& config = context.config();
    WorkshopInput input;
    const auto date = Date::parse(o->date);
    if (!date) {
      throw Error(ExitCode::usage, trf("--date \"{}\" is not a date (YYYY-MM-DD)", o->date));
    }
    input.date = *date;
    input.theme = o->theme;
    input.place = o->place;
    if (cmd->count("--capacity") > 0) {
      input.capacity = o->capacity;
    }
    std::stringstream list(o->vegetables);
    for (std::string id; std::getline(list, id, ',');) {
      if (!id.empty()) {
        input.vegetables.push_back(id);
      }
    }
    Store store = context.open_store(OpenMode::read_write);
    const auto id = add_workshop(store, config, input);
    if (!context.options.quiet) {
      context.out() << trf("workshop {}: {} {}\n", id, input.date.to_string(), input.theme);
    }
  });
}

void setup_workshop_attend(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand(
      "attend", "Record attendance from a file household,adults,children (CSV, .xlsx or .ods)");
  auto id = std::make_shared<std::int64_t>(0);
  auto file = std::make_shared<std::string>();
  auto input = std::make_shared<InputFileOptions>();
  cmd->add_option("ID", *id, "Workshop id (see workshop list)")->required();
  cmd->add_option("FILE", *file, "Attendance file (CSV, .xlsx or .ods)")->required();
  add_input_options(*cmd, *input);
  cmd->callback([&context, id, file, input] {
    context.config();
    Store store = context.open_store(OpenMode::read_write);
    const AttendResult r = attend_workshop(store, *id, *file, input->read(context, *file));
    if (r.capacity && r.persons > *r.capacity) {
      context.warn(trf("workshop {} has {} persons for a capacity of {}", *id, r.persons, *r.capacity));
    }
    if (!context.options.quiet) {
      context.out() << trf("workshop {}: {} added, {} updated; {}, {}\n", *id, r.added, r.updated,
                           counted(static_cast<std::size_t>(r.households), "household", "households"),
                           counted(static_cast<std::size_t>(r.persons), "person", "persons"));
    }
  });
}

void setup_workshop_list(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("list", "List workshops with their attendance");
  auto format = std::make_shared<std::string>();
  add_format_option(*cmd, *format, "table");
  cmd->callback([&context, format] {
    context.config();
    Store store = context.open_store(OpenMode::read_only);
    Table table(
        {"id", "date", "theme", "place", "capacity", "households", "adults", "children", "vegetables"},
        {"id", "capacity", "households", "adults", "children"});
    for (const auto& w : list_workshops(store)) {
      table.add({fmt::format("{}", w.id), w.date, w.theme, w.place,
                 w.capacity ? fmt::format("{}", *w.capacity) : "", fmt::format("{}", w.households),
                 fmt::format("{}", w.adults), fmt::format("{}", w.children), w.vegetables});
    }
    render_table(table, parse_format(*format), context.out());
  });
}

} // namespace

void setup_workshop(CLI::App& app, Context& context) {
  app.require_subcommand(1, 1);
  setup_workshop_add(app, context);
  setup_workshop_attend(app, context);
  setup_workshop_list(app, context);
}

} // namespace panier::cli
