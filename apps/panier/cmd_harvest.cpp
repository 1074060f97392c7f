// panier harvest import/list: the week's harvest forecast.
#include <ostream>

#include <fmt/format.h>

#include "cli.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/table.hpp"
#include "panier/domain/harvest.hpp"

namespace panier::cli {

void setup_harvest(CLI::App& app, Context& context) {
  app.require_subcommand(1, 1);
  {
    auto* cmd = app.add_subcommand("import", "Load harvest forecasts; a week imported again is replaced");
    auto file = std::make_shared<std::string>();
    auto dry_run = std::make_shared<bool>(false);
    auto input = std::make_shared<InputFileOptions>();
    cmd->add_option("FILE", *file, "week,vegetable,quantity,grade (CSV, .xlsx or .ods)")->required();
    cmd->add_flag("--dry-run", *dry_run, "Check and report; write nothing");
    add_input_options(*cmd, *input);
    cmd->callback([&context, file, dry_run, input] {
      const Config& config = context.config();
      const auto lines = read_harvest(*file, input->read(context, *file), config);
      Store store = context.open_store(OpenMode::read_write);
      const auto results = import_harvest(store, lines, *dry_run);
      if (context.options.quiet) {
        return;
      }
      for (const auto& r : results) {
        context.out() << trf("{}: {} line{}{}\n", r.week.to_string(), r.lines, r.lines == 1 ? "" : "s",
                             r.replaced > 0 ? trf(", replacing the {} line{} imported before", r.replaced,
                                                  r.replaced == 1 ? "" : "s")
                                            : "");
      }
      if (*dry_run) {
        context.out() << "dry run: nothing was written\n";
      }
    });
  }
  {
    auto* cmd = app.add_subcommand("list", "Show a week's forecast with values at reference prices");
    auto week = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>();
    cmd->add_option("--week", *week, "The week")->required()->type_name("WEEK");
    add_format_option(*cmd, *format, "table");
    cmd->callback([&context, week, format] {
      const Config& config = context.config();
      const Week w = context.week(*week);
      Store store = context.open_store(OpenMode::read_only);
      const auto items = harvest_of(store, config, w);
      Table table({"week", "vegetable", "name", "unit", "quantity", "grade", "value_eur", "in_season"},
                  {"quantity", "value_eur"});
      Cents total = 0;
      for (const auto& item : items) {
        table.add({w.to_string(), item.vegetable, item.name, std::string(unit_name(item.unit)),
                   format_quantity(item.quantity), std::string(text(item.grade)), format_money(item.value),
                   item.in_season ? "yes" : "no"});
        total += item.value;
      }
      render_table(table, parse_format(*format), context.out());
      if (parse_format(*format) == Format::table && !context.options.quiet) {
        context.out() << trf("{} lines, {} EUR at reference prices\n", items.size(), format_money(total));
      }
    });
  }
}

} // namespace panier::cli
