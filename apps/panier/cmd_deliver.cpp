// panier deliver --week W --out DIR [--format csv,html,xlsx] [--no-routes]; deliver record; deliver balance.
#include <cmath>
#include <optional>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "cli.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/table.hpp"
#include "panier/domain/allocate.hpp"
#include "panier/domain/deliver.hpp"
#include "panier/domain/pickups.hpp"
#include "panier/domain/routes.hpp"
#include "panier/render/delivery_files.hpp"
#include "panier/render/routes_sheet.hpp"

namespace panier::cli {

namespace {

struct DeliverOptions {
  std::string week, out, format = "csv,html,xlsx";
  bool no_routes = false;
};

render::DeliverFiles files_of(const std::string& format) {
  render::DeliverFiles files{false, false, false};
  std::stringstream list(format);
  for (std::string item; std::getline(list, item, ',');) {
    if (item == "csv") {
      files.csv = true;
    } else if (item == "html") {
      files.html = true;
    } else if (item == "xlsx") {
      files.xlsx = true;
    } else {
      throw Error(ExitCode::usage, trf("--format: \"{}\" is not csv, html or xlsx", item));
    }
  }
  return files;
}

// The summary an operator reads: baskets, points, changes, each van's round, the files written.
void print_delivery(Context& context, const DeliveryWeek& delivery, const std::string& dir,
                    const std::vector<std::string>& written) {
  auto& out = context.out();
  out << trf("{}: {} to {}, delivered {}; {} since {}\n", delivery.week.to_string(),
             counted(static_cast<std::size_t>(delivery.baskets()), "basket", "baskets"),
             counted(delivery.sheets.size(), "point", "points"), delivery.date.to_string(),
             counted(delivery.changes.size(), "change", "changes"), delivery.previous.to_string());
  if (delivery.routes) {
    for (const auto& van : delivery.routes->vans) {
      const int leave = static_cast<int>(std::lround(van.leave));
      const int back = static_cast<int>(std::lround(van.back));
      out << fmt::format("  {}: {}, {}, {:.1f} km, {:02}:{:02}-{:02}:{:02} ({}h{:02})\n", van.van,
                         counted(van.stops.size(), "stop", "stops"),
                         counted(static_cast<std::size_t>(van.baskets), "basket", "baskets"), van.km(),
                         leave / 60, leave % 60, back / 60, back % 60, (back - leave) / 60,
                         (back - leave) % 60);
    }
  }
  for (const auto& file : written) {
    out << fmt::format("  {}/{}\n", dir, file);
  }
}

// panier deliver --week W --out DIR: compute the week, route the vans, write the files.
void deliver_week(Context& context, const DeliverOptions& options) {
  if (options.week.empty() || options.out.empty()) {
    throw Error(ExitCode::usage, tr("--week and --out are required (or: panier deliver record / balance)"));
  }
  const render::DeliverFiles files = files_of(options.format);
  const Config& config = context.config();
  const Week week = context.week(options.week);
  if (config.calendar.is_closed(week)) {
    context.notice(trf("{} is a closure week: nothing to deliver", week.to_string()));
    return;
  }
  Store store = context.open_store(OpenMode::read_only);
  // One snapshot of the database for the week and its staleness, whatever is written meanwhile.
  DeliveryWeek delivery;
  std::optional<std::string> stale;
  bool open = true;
  store.read([&] {
    delivery = compute_delivery(store, config, week);
    stale = stale_allocation(store, config, week);
    open = !stale || week_is_open(store, week);
  });
  if (stale) {
    if (open) {
      throw Error(ExitCode::data, trf("the allocation of {} is stale, so the sheets would be wrong: {}",
                                      week.to_string(), *stale));
    }
    context.warn(trf("the allocation of {} no longer matches its inputs, but its pickups are recorded: "
                     "the files show it as it was allocated ({})",
                     week.to_string(), *stale));
  }
  if (!options.no_routes && !config.vans.empty()) {
    delivery.routes = plan_routes(config, load_travel(config), week, delivery.baskets_per_point());
    if (delivery.routes->time_limit_reached) {
      context.warn(tr("the route search stopped at its time limit: a rerun may give other routes"));
    }
    for (const auto& u : delivery.routes->unassigned) {
      context.warn(trf("{}: {} basket{} not routed: {}", u.point, u.baskets, u.baskets == 1 ? "" : "s",
                       render::unserved_reason(u, translations_on() ? Language::fr : Language::en)));
    }
  }
  const auto written = render::write_delivery(delivery, config, options.out, files);
  for (const auto& file : written) {
    context.wrote(options.out + "/" + file);
  }
  if (!context.options.quiet) {
    print_delivery(context, delivery, options.out, written);
  }
}

// The reconciliation a person reads after recording: what was done, then per point.
void print_record(Context& context, Week week, const RecordResult& result) {
  auto& out = context.out();
  out << trf("{}: {} recorded, {} updated, {} unchanged", week.to_string(), result.added, result.updated,
             result.unchanged);
  if (result.blank > 0) {
    out << trf(", {} left blank", result.blank);
  }
  out << (result.rest > 0 ? trf(", {} marked missed\n", result.rest) : "\n");
  Table table(
      {"point", "baskets", "collected", "missed", "cancelled", "unrecorded", "expected_eur", "paid_eur"},
      {"baskets", "collected", "missed", "cancelled", "unrecorded", "expected_eur", "paid_eur"});
  for (const auto& p : result.points) {
    table.add({p.point, fmt::format("{}", p.baskets), fmt::format("{}", p.collected),
               fmt::format("{}", p.missed), fmt::format("{}", p.cancelled), fmt::format("{}", p.unrecorded),
               format_money(p.expected), format_money(p.paid)});
  }
  render_table(table, Format::table, out);
}

void setup_record(CLI::App& app, Context& context) {
  auto* record = app.add_subcommand(
      "record", "Record pickups and payments of a week from a CSV, .xlsx or .ods file, or a point's sheet");
  struct RecordOptions {
    std::string week, file, rest;
    std::vector<std::string> households;
    bool force = false;
    bool undo = false;
    InputFileOptions input;
  };
  auto r = std::make_shared<RecordOptions>();
  record->add_option("--week", r->week, "The week")->required()->type_name("WEEK");
  record->add_option("FILE", r->file,
                     "household,status,paid_eur,method,outcome, or a point's sheet as deliver wrote it (CSV, "
                     ".xlsx or .ods)");
  add_input_options(*record, r->input);
  record->add_option("--rest", r->rest, "Mark every basket still unrecorded: missed")
      ->check(CLI::IsMember({std::string(text(PickupStatus::missed))}))
      ->type_name("STATUS");
  record->add_flag("--force", r->force,
                   "Record before the week's delivery day (refused otherwise; noted in the operation log)");
  record->add_flag("--undo", r->undo,
                   "Undo the week's recorded pickups (those of --household, else all); the audit keeps them");
  record->add_option("--household", r->households, "With --undo: only this household (repeatable)")
      ->type_name("CODE");
  record->callback([&context, r] {
    const Config& config = context.config();
    const Week week = context.week(r->week);
    if (r->undo) {
      if (!r->file.empty() || !r->rest.empty()) {
        throw Error(ExitCode::usage, tr("--undo takes no FILE and no --rest (only --household)"));
      }
      Store store = context.open_store(OpenMode::read_write);
      const int removed = undo_pickups(store, week, r->households, context.today());
      if (!context.options.quiet) {
        context.out() << trf("{}: {} undone (kept in the audit)\n", week.to_string(),
                             counted(static_cast<std::size_t>(removed), "pickup record", "pickup records"));
      }
      return;
    }
    if (!r->households.empty()) {
      throw Error(ExitCode::usage, tr("--household goes with --undo"));
    }
    if (r->file.empty() && r->rest.empty()) {
      throw Error(ExitCode::usage, tr("give a pickups FILE, --rest missed, or both (or --undo)"));
    }
    const PickupFile file =
        r->file.empty() ? PickupFile{} : read_pickups(r->file, r->input.read(context, r->file));
    Store store = context.open_store(OpenMode::read_write);
    const RecordResult result =
        record_pickups(store, config, week, file, !r->rest.empty(), context.today(), r->force);
    if (context.today() < delivery_day(config, week)) {
      context.warn(trf("{} is delivered on {}: recorded before it with --force (noted in the "
                       "operation log)",
                       week.to_string(), delivery_day(config, week).to_string()));
    }
    for (const auto& [code, missed] : result.followup) {
      context.warn(
          trf("{} has missed {} pickups in a row: tell its referrer (panier report followup)", code, missed));
    }
    if (!context.options.quiet) {
      print_record(context, week, result);
    }
  });
}

void setup_balance(CLI::App& app, Context& context) {
  auto* balance =
      app.add_subcommand("balance", "What each household owes and paid (arrears never stop a basket)");
  auto balance_format = std::make_shared<std::string>();
  add_format_option(*balance, *balance_format, "table");
  balance->callback([&context, balance_format] {
    const Config& config = context.config();
    Store store = context.open_store(OpenMode::read_only);
    Table table({"household", "owed_eur", "paid_eur", "balance_eur"},
                {"owed_eur", "paid_eur", "balance_eur"});
    for (const auto& b : balances(store, config)) {
      table.add({b.household, format_money(b.owed), format_money(b.paid), format_money(b.paid - b.owed)});
    }
    render_table(table, parse_format(*balance_format), context.out());
  });
}

} // namespace

void setup_deliver(CLI::App& app, Context& context) {
  auto o = std::make_shared<DeliverOptions>();
  app.add_option("--week", o->week, "The week to deliver")->type_name("WEEK");
  app.add_option("--out", o->out, "Directory for the files (created if needed)")->type_name("DIR");
  app.add_option("--format", o->format, "Which files, a list of csv, html and xlsx (default csv,html,xlsx)")
      ->type_name("LIST");
  app.add_flag("--no-routes", o->no_routes, "Do not plan the vans' routes (routes.csv, routes.html)");
  app.require_subcommand(0, 1);
  setup_record(app, context);
  setup_balance(app, context);
  app.callback([&context, o, &app] {
    if (app.got_subcommand("record") || app.got_subcommand("balance")) {
      return;
    }
    deliver_week(context, *o);
  });
}

} // namespace panier::cli
