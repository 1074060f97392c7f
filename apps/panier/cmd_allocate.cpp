// panier allocate --week W [--dry-run] [--replace] [--format F]
#include <algorithm>
#include <map>
#include <ostream>

#include <fmt/format.h>

#include "cli.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/table.hpp"
#include "panier/domain/allocate.hpp"

namespace panier::cli {

namespace {

Table point_table(const Allocation& a, const Config& config) {
  Table table(
      {"week", "point", "size", "baskets", "shortfall", "value_eur", "contribution_eur", "subsidy_eur"},
      {"baskets", "shortfall", "value_eur", "contribution_eur", "subsidy_eur"});
  for (const auto& t : totals_by_point(a, config)) {
    table.add({a.week.to_string(), t.point, t.size, fmt::format("{}", t.baskets),
               fmt::format("{}", t.shortfall), format_money(t.value), format_money(t.contribution),
               format_money(t.value - t.contribution)});
  }
  return table;
}

void render_text(const Allocation& a, const Config& config, std::ostream& out) {
  int baskets = 0;
  int shortfall = 0;
  Cents value = 0;
  Cents contribution = 0;
  // The week is the same on every row: the terminal table leaves it out.
  Table shown({"point", "size", "baskets", "shortfall", "value_eur", "contribution_eur", "subsidy_eur"},
              {"baskets", "shortfall", "value_eur", "contribution_eur", "subsidy_eur"});
  for (const auto& t : totals_by_point(a, config)) {
    baskets += t.baskets;
    shortfall += t.shortfall;
    value += t.value;
    contribution += t.contribution;
    shown.add({t.point, t.size, fmt::format("{}", t.baskets), fmt::format("{}", t.shortfall),
               format_money(t.value), format_money(t.contribution), format_money(t.value - t.contribution)});
  }
  shown.add({tr("total"), "", fmt::format("{}", baskets), fmt::format("{}", shortfall), format_money(value),
             format_money(contribution), format_money(value - contribution)});
  out << trf("allocation {}: {}, {} short\n", a.week.to_string(),
             counted(static_cast<std::size_t>(baskets), "basket", "baskets"), shortfall);
  render_table(shown, Format::table, out);
  out << '\n';
  Table funders({"funder", "scheme", "amount_eur", "note"}, {"amount_eur"});
  for (const auto& f : totals_by_funder(a, config)) {
    funders.add({config.funder_name(f.funder), f.scheme, format_money(f.amount),
                 f.fallback ? tr("fallback payer") : ""});
  }
  render_table(funders, Format::table, out);
}

// The warnings of an allocation: budgets used up or run out, and who goes without this week.
void warn_allocation(Context& context, const Allocation& a, const Config& config) {
  for (const auto& e : a.exhausted) {
    const std::string payer = config.funder_name(e.fallback);
    const std::string funder = config.funder_name(e.funder);
    if (e.earlier) {
      context.warn(trf("the {} budget of {} for {} ({} EUR) is used up: {} pays its part", e.year, funder,
                       e.scheme, format_money(e.budget), payer));
    } else {
      context.warn(trf("the {} budget of {} for {} ({} EUR) ran out in {}: {} pays its part from then on",
                       e.year, funder, e.scheme, format_money(e.budget), a.week.to_string(), payer));
    }
  }
  std::map<std::string, std::vector<std::string>> short_by_size;
  for (const auto& r : a.rows) {
    if (r.shortfall) {
      short_by_size[r.size].push_back(r.household);
    }
  }
  for (const auto& [size, codes] : short_by_size) {
    context.warn(trf("{} basket{} of size {} short: {} go{} without this week and {} first in line next time",
                     codes.size(), codes.size() == 1 ? "" : "s", size, fmt::join(codes, ", "),
                     codes.size() == 1 ? "es" : "", codes.size() == 1 ? "is" : "are"));
  }
}

// The week's allocation, per household: what allocate decided for each basket (codes only).
Table household_table(const Allocation& a) {
  Table table({"week", "household", "scheme", "tier", "size", "point", "shortfall", "value_eur",
               "contribution_eur", "subsidy_eur"},
              {"value_eur", "contribution_eur", "subsidy_eur"});
  for (const auto& r : a.rows) {
    table.add({a.week.to_string(), r.household, r.scheme, r.tier, r.size, r.point, r.shortfall ? "yes" : "no",
               format_money(r.value), format_money(r.contribution), format_money(r.value - r.contribution)});
  }
  return table;
}

// The allocation in the format asked for: the summary (table) or the rows per point (csv, json).
void print_allocation(Context& context, const Allocation& a, const Config& config, Format format) {
  if (format != Format::table) {
    render_table(point_table(a, config), format, context.out()); // a result, even with -q
  } else if (!context.options.quiet) {
    render_text(a, config, context.out());
  }
}

// panier allocate show --week W [--households] [--format F]: the stored allocation, as it is.
void setup_show(CLI::App& app, Context& context) {
  auto* show =
      app.add_subcommand("show", "Print a week's stored allocation (nothing is computed or written)");
  struct ShowOptions {
    std::string week, format;
    bool households = false;
  };
  auto o = std::make_shared<ShowOptions>();
  show->add_option("--week", o->week, "The week")->required()->type_name("WEEK");
  show->add_flag("--households", o->households, "One row per household (codes only) instead of per point");
  add_format_option(*show, o->format, "table");
  show->callback([&context, o] {
    const Config& config = context.config();
    const Week week = context.week(o->week);
    Store store = context.open_store(OpenMode::read_only);
    const Allocation a = allocated_week(store, week);
    const Format format = parse_format(o->format);
    if (o->households) {
      render_table(household_table(a), format, context.out());
    } else {
      print_allocation(context, a, config, format);
    }
    if (const auto stale = stale_allocation(store, config, week); stale && week_is_open(store, week)) {
      context.warn(*stale);
    }
  });
}

} // namespace

void setup_allocate(CLI::App& app, Context& context) {
  struct Options {
    std::string week, format;
    bool dry_run = false;
    bool replace = false;
  };
  auto o = std::make_shared<Options>();
  app.add_option("--week", o->week, "The week to allocate")->type_name("WEEK");
  app.add_flag("--dry-run", o->dry_run, "Compute and print; store nothing");
  app.add_flag("--replace", o->replace,
               "Allocate again a week whose inputs changed (not once pickups are recorded)");
  add_format_option(app, o->format, "table");
  app.require_subcommand(0, 1);
  setup_show(app, context);
  app.callback([&context, o, &app] {
    if (app.got_subcommand("show")) {
      return;
    }
    if (o->week.empty()) {
      throw Error(ExitCode::usage, tr("--week is required (or: panier allocate show --week W)"));
    }
    const Config& config = context.config();
    const Week week = context.week(o->week);
    if (config.calendar.is_closed(week)) {
      context.notice(trf("{} is a closure week: nothing to allocate", week.to_string()));
      return;
    }
    // A dry run rehearses the transaction and rolls it back: it needs the write lock too.
    Store store = context.open_store(OpenMode::read_write);
    const AllocateOutcome outcome = allocate_week(store, config, week, o->dry_run, o->replace);
    const Allocation& a = outcome.allocation;
    // What happened is a status line on stderr: stdout keeps the format asked for on every run.
    switch (outcome.kind) {
    case AllocateOutcome::Kind::up_to_date:
      context.notice(
          trf("{}: up to date ({} allocation rows, nothing written)", week.to_string(), a.rows.size()));
      break;
    case AllocateOutcome::Kind::dry_run: context.notice(tr("dry run: nothing was written")); break;
    case AllocateOutcome::Kind::replaced:
      context.notice(tr("the earlier allocation of the week was replaced"));
      break;
    case AllocateOutcome::Kind::allocated: break;
    }
    print_allocation(context, a, config, parse_format(o->format));
    warn_allocation(context, a, config);
    // Later weeks re-derived in week order: their figures changed, which cron mail must carry.
    for (const auto& c : outcome.carried) {
      context.warn(outcome.kind == AllocateOutcome::Kind::dry_run
                       ? trf("{} would be re-derived in week order: {}", c.week.to_string(), c.moved)
                       : trf("{} re-derived in week order: {}", c.week.to_string(), c.moved));
    }
  });
}

} // namespace panier::cli
