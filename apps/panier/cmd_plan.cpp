// panier plan [--week W] [--dry-run] [--format F]; panier plan show --week W.
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "cli.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/table.hpp"
#include "panier/domain/plan.hpp"

namespace panier::cli {

namespace {

const Vegetable* vegetable_of(const Config& config, const std::string& id) {
  return config.catalogue.find(id);
}

std::string name_of(const Config& config, const std::string& id) {
  const Vegetable* v = vegetable_of(config, id);
  return v != nullptr ? v->name : id;
}

std::string unit_of(const Config& config, const std::string& id) {
  const Vegetable* v = vegetable_of(config, id);
  return v != nullptr ? std::string(unit_name(v->unit)) : "";
}

Cents cents_of(std::int64_t value_mc) { return (value_mc + 500) / 1000; }

// The machine formats: one row per size and vegetable, quantities per basket.
Table plan_rows(const Plan& plan, const Config& config) {
  Table table({"week", "size", "vegetable", "name", "unit", "quantity", "value_eur", "unfamiliar", "kg"},
              {"quantity", "value_eur", "kg"});
  for (const auto& sp : plan.sizes) {
    for (const auto& item : sp.items) {
      const Vegetable* v = vegetable_of(config, item.vegetable);
      const std::int64_t grams = item.quantity * (v != nullptr ? v->grams_per_unit : 1000) / 1000;
      table.add({plan.week.to_string(), sp.size, item.vegetable, name_of(config, item.vegetable),
                 unit_of(config, item.vegetable), format_quantity(item.quantity),
                 format_money(cents_of(item.value_mc)), v != nullptr && v->unfamiliar ? "yes" : "no",
                 format_quantity(grams)});
    }
  }
  return table;
}

// A table as the aligned text of the terminal, each line indented under its heading.
void print_indented(const Table& table, std::ostream& out) {
  std::ostringstream text;
  render_table(table, Format::table, text);
  std::istringstream lines(text.str());
  for (std::string line; std::getline(lines, line);) {
    out << "  " << line << '\n';
  }
}

// When a size's baskets weigh outside their band (target_kg within weight_tolerance): by how
// much, and why. That no composition within the band exists is said only of a plan proven
// optimal: one stopped by the time limit may have missed it.
std::optional<std::string> weight_note(const Plan& plan, const SizePlan& sp, const Config& config) {
  const BasketSize* size = config.find_size(sp.size);
  if (size == nullptr || size->target_g <= 0 || sp.planned == 0) {
    return std::nullopt;
  }
  const WeightBand band = weight_band(*size, config.plan);
  if (sp.grams >= band.low_g && sp.grams <= band.high_g) {
    return std::nullopt;
  }
  const std::string kg = format_quantity(sp.grams);
  const std::string low = format_quantity(band.low_g);
  const std::string high = format_quantity(band.high_g);
  const std::string target = format_quantity(size->target_g);
  const bool heavy = sp.grams > band.high_g;
  if (plan.status == PlanStatus::time_limit) {
    return heavy ? trf("{} kg, above its band {}–{} kg (target {} kg): the solver found no composition "
                       "within the band before its time limit (a longer time_limit_s may find one)",
                       kg, low, high, target)
                 : trf("{} kg, below its band {}–{} kg (target {} kg): the solver found no composition "
                       "within the band before its time limit (a longer time_limit_s may find one)",
                       kg, low, high, target);
  }
  return heavy ? trf("{} kg, above its band {}–{} kg (target {} kg): no composition of this harvest within "
                     "the band keeps the other rules (items, portions, stock, value at least "
                     "min_value_ratio, at most the value cap); this is as light as they can be",
                     kg, low, high, target)
               : trf("{} kg, below its band {}–{} kg (target {} kg): no composition of this harvest within "
                     "the band keeps the other rules (items, portions, stock, value at least "
                     "min_value_ratio, at most the value cap); this is as heavy as they can be",
                     kg, low, high, target);
}

// One size of the plan: its baskets, value, weight, vegetables and the tips for the unfamiliar.
void render_size(const Plan& plan, const SizePlan& sp, const Config& config, std::ostream& out) {
  const BasketSize* size = config.find_size(sp.size);
  out << '\n';
  if (sp.due == 0) {
    out << trf("{} {}: no basket due\n", sp.size, size != nullptr ? size->label : "");
    return;
  }
  if (sp.planned == 0) {
    out << trf("{} {}: {} due, none can be made from this harvest\n", sp.size,
               size != nullptr ? size->label : "", sp.due);
    return;
  }
  const double percent =
      100.0 * static_cast<double>(sp.value_mc) / (static_cast<double>(sp.reference) * 1000.0);
  out << trf("{} {}: {}, {} EUR of {} ({:.1f} %), {} kg, {}\n", sp.size, size != nullptr ? size->label : "",
             counted(static_cast<std::size_t>(sp.planned), "basket", "baskets"), format_money(sp.value()),
             format_money(sp.reference), percent, format_quantity(sp.grams),
             counted(sp.items.size(), "vegetable", "vegetables"));
  if (const auto note = weight_note(plan, sp, config)) {
    out << trf("  weight: {}\n", *note);
  }
  if (sp.planned < sp.due) {
    out << trf("  short: {} of the {} baskets due cannot be made\n", sp.due - sp.planned, sp.due);
  }
  Table items({"vegetable", "name", "quantity", "unit", "value_eur"}, {"quantity", "value_eur"});
  for (const auto& item : sp.items) {
    items.add({item.vegetable, name_of(config, item.vegetable), format_quantity(item.quantity),
               unit_of(config, item.vegetable), format_money(cents_of(item.value_mc))});
  }
  print_indented(items, out);
  for (const auto& item : sp.items) {
    const Vegetable* v = vegetable_of(config, item.vegetable);
    if (v != nullptr && v->unfamiliar) {
      out << trf("  tip, {}: {}\n", v->name, v->tip);
    }
  }
}

void render_text(const Plan& plan, const Config& config, std::ostream& out) {
  out << trf("plan {}: {} baskets due, {} planned\n", plan.week.to_string(), plan.due(), plan.planned());
  for (const auto& sp : plan.sizes) {
    render_size(plan, sp, config, out);
  }
  out << tr("\nleftovers (for sale or processing)\n");
  Table left({"vegetable", "name", "available", "handed_out", "left", "unit", "value_eur"},
             {"available", "handed_out", "left", "value_eur"});
  Cents total = 0;
  for (const auto& l : plan.stock) {
    const Cents value = (l.left() * l.price + 500) / 1000;
    total += value;
    left.add({l.vegetable, name_of(config, l.vegetable), format_quantity(l.available),
              format_quantity(l.used), format_quantity(l.left()), unit_of(config, l.vegetable),
              format_money(value)});
  }
  print_indented(left, out);
  out << trf("  left over: {} EUR at reference prices\n", format_money(total));
  if (plan.status == PlanStatus::time_limit) {
    out << trf("\nsolver: time limit reached, gap {:.2f} %: the best plan found is used\n", plan.gap * 100.0);
  } else {
    out << trf("\nsolver: {} (gap {:.2f} %, within tolerance)\n", text(plan.status), plan.gap * 100.0);
  }
}

void render_plan(const Plan& plan, const Config& config, const std::string& format, std::ostream& out) {
  const Format f = parse_format(format);
  if (f == Format::table) {
    render_text(plan, config, out);
  } else {
    render_table(plan_rows(plan, config), f, out);
  }
}

void setup_plan_show(CLI::App& app, Context& context) {
  auto* show = app.add_subcommand("show", "Print the stored plan of a week");
  auto show_week = std::make_shared<std::string>();
  auto show_format = std::make_shared<std::string>();
  show->add_option("--week", *show_week, "The week")->required()->type_name("WEEK");
  add_format_option(*show, *show_format, "table");
  show->callback([&context, show_week, show_format] {
    const Config& config = context.config();
    const Week week = context.week(*show_week);
    Store store = context.open_store(OpenMode::read_only);
    const auto plan = load_plan(store, week);
    if (!plan) {
      throw Error(ExitCode::data,
                  trf("no plan for {}; run panier plan --week {}", week.to_string(), week.to_string()));
    }
    render_plan(*plan, config, *show_format, context.out());
  });
}

} // namespace

void setup_plan(CLI::App& app, Context& context) {
  struct PlanOptions {
    std::string week, format;
    bool dry_run = false;
    bool replace = false;
  };
  auto o = std::make_shared<PlanOptions>();
  app.add_option("--week", o->week, "The week to plan")->type_name("WEEK");
  app.add_flag("--dry-run", o->dry_run, "Solve and print; store nothing");
  app.add_flag(
      "--replace", o->replace,
      "Plan again a week already allocated: its allocation is removed (not once pickups are recorded)");
  add_format_option(app, o->format, "table");
  app.require_subcommand(0, 1);

  setup_plan_show(app, context);

  app.callback([&context, o, &app] {
    if (app.got_subcommand("show")) {
      return;
    }
    if (o->week.empty()) {
      throw Error(ExitCode::usage, tr("--week is required (or: panier plan show --week W)"));
    }
    const Config& config = context.config();
    const Week week = context.week(o->week);
    if (config.calendar.is_closed(week)) {
      context.notice(trf("{} is a closure week: nothing to plan", week.to_string()));
      return;
    }
    Store store = context.open_store(o->dry_run ? OpenMode::read_only : OpenMode::read_write);
    const PlanInput input = plan_input(store, config, week);
    const Plan plan = compose_plan(input);
    if (!o->dry_run && plan.due() > 0) {
      save_plan(store, plan, o->replace);
    }
    // The composition as a table is a summary (-q silences it); a format asked for is a result.
    if (!context.options.quiet || parse_format(o->format) != Format::table) {
      render_plan(plan, config, o->format, context.out());
    }
    for (const auto& sp : plan.sizes) {
      if (const auto note = weight_note(plan, sp, config)) {
        context.warn(trf("{}: size {} baskets weigh {}", week.to_string(), sp.size, *note));
      }
    }
    if (plan.status == PlanStatus::time_limit) {
      // xgettext:no-c-format ("% o" is text here, not a printf directive)
      context.warn(trf("{}: the solver reached its time limit (time_limit_s {}); the plan is the best "
                       "found, within {:.2f} % of the best possible",
                       week.to_string(), config.plan.time_limit_s, plan.gap * 100.0));
    }
    if (plan.due() == 0) {
      context.warn(trf("no basket is due in {}: nothing was stored", week.to_string()));
    }
    context.notice(trf("solved in {:.2f} s", plan.seconds));
  });
}

} // namespace panier::cli
