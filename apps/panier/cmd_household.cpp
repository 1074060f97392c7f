// panier household import/add/list/show/pause/exit/renew/change/purge.
#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "cli.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/table.hpp"
#include "panier/domain/households.hpp"

namespace panier::cli {

namespace {

std::optional<std::string> non_empty(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

Table enrolment_table(const std::vector<EnrolmentView>& views) {
  Table table({"household", "scheme", "size", "point", "start_week", "end_week", "tier", "status"});
  for (const auto& v : views) {
    table.add({v.code, v.scheme, v.size, v.point, v.start.to_string(), v.end.to_string(), v.tier,
               std::string(text(v.status))});
  }
  return table;
}

void print_import(Context& context, const ImportSummary& s, bool dry_run) {
  if (context.options.quiet) {
    return;
  }
  auto& out = context.out();
  out << trf("households: {} new, {} updated, {} unchanged\n", s.households_new, s.households_updated,
             s.households_unchanged);
  out << trf("enrolments: {} new, {} updated, {} unchanged", s.enrolments_new, s.enrolments_updated,
             s.enrolments_unchanged);
  out << (s.waitlisted > 0 ? trf(" ({} on the waiting list)\n", s.waitlisted) : "\n");
  if (dry_run) {
    out << "dry run: nothing was written\n";
  }
}

struct AddOptions {
  std::string code, last_name, first_name, phone, commune, qf, qf_date, referrer, scheme, size, point, start,
      end, tier;
  int adults = 1;
  int children = 0;
};

void setup_household_import(CLI::App& app, Context& context) {
  auto* cmd =
      app.add_subcommand("import", "Add or update households and enrolments from a CSV, .xlsx or .ods file");
  auto file = std::make_shared<std::string>();
  auto dry_run = std::make_shared<bool>(false);
  auto input = std::make_shared<InputFileOptions>();
  cmd->add_option("FILE", *file, "Households file (CSV, .xlsx or .ods)")->required();
  cmd->add_flag("--dry-run", *dry_run, "Check and report what would change; write nothing");
  add_input_options(*cmd, *input);
  cmd->callback([&context, file, dry_run, input] {
    const Config& config = context.config();
    const HouseholdFile households =
        read_households(*file, input->read(context, *file), config, context.today());
    for (const auto& warning : households.warnings) {
      context.warn(warning);
    }
    Store store = context.open_store(OpenMode::read_write);
    const ImportSummary summary =
        import_households(store, config, households.inputs, context.today(), *dry_run);
    print_import(context, summary, *dry_run);
  });
}

// The household the options of `household add` describe (not yet validated).
// The option of `household add` that sets a household field ("qf_date" → "--qf-date").
std::string option_of_field(const std::string& field) {
  if (field.empty()) {
    return "household";
  }
  if (field == "start_week") {
    return "--start";
  }
  if (field == "end_week") {
    return "--end";
  }
  std::string option = "--" + field;
  std::replace(option.begin(), option.end(), '_', '-');
  return option;
}

HouseholdInput input_of(Context& context, const AddOptions& options) {
  HouseholdInput in;
  in.code = options.code;
  in.last_name = options.last_name;
  in.first_name = options.first_name;
  if (!options.phone.empty()) {
    in.phone = options.phone;
  }
  in.adults = options.adults;
  in.children = options.children;
  in.commune = options.commune;
  const auto qf = parse_fixed(options.qf, 2, true);
  if (!qf) {
    throw Error(ExitCode::usage, trf("--qf \"{}\" is not a number", options.qf));
  }
  in.qf_cents = *qf;
  if (!options.qf_date.empty()) {
    in.qf_date = options.qf_date;
  }
  in.referrer = options.referrer;
  in.scheme = options.scheme;
  in.size = options.size;
  in.point = options.point;
  in.start = context.week(options.start);
  if (!options.end.empty()) {
    in.end = context.week(options.end);
  }
  in.tier = options.tier;
  return in;
}

void setup_household_add(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("add", "Enrol one household");
  auto o = std::make_shared<AddOptions>();
  cmd->add_option("--code", o->code, "Pseudonymous code, e.g. H-0042")->required();
  cmd->add_option("--last-name", o->last_name, "Last name (kept apart, shown only on pickup sheets)")
      ->required();
  cmd->add_option("--first-name", o->first_name, "First name (kept apart)")->required();
  cmd->add_option("--phone", o->phone, "Phone number (kept apart)");
  cmd->add_option("--adults", o->adults, "Adults in the household (default 1)");
  cmd->add_option("--children", o->children, "Children in the household (default 0)");
  cmd->add_option("--commune", o->commune, "Commune")->required();
  cmd->add_option("--qf", o->qf, "Quotient familial, euros")->required();
  cmd->add_option("--qf-date", o->qf_date, "Date of the QF certificate, DD/MM/YYYY or YYYY-MM-DD");
  cmd->add_option("--referrer", o->referrer, "Referring social service")->required();
  cmd->add_option("--scheme", o->scheme, "Scheme id")->required();
  cmd->add_option("--size", o->size, "Basket size id")->required();
  cmd->add_option("--point", o->point, "Distribution point id")->required();
  cmd->add_option("--start", o->start, "First week")->required()->type_name("WEEK");
  cmd->add_option("--end", o->end, "Last week (default: the scheme's length)")->type_name("WEEK");
  cmd->add_option("--tier", o->tier, "Contribution tier (default: from the QF)");
  cmd->callback([&context, o] {
    const Config& config = context.config();
    // Validation fills in the defaults (end week, tier).
    HouseholdInput in = input_of(context, *o);
    std::vector<std::string> problems;
    for (const auto& problem : validate_household(in, config, context.today())) {
      problems.push_back(fmt::format("{}: {}", option_of_field(problem.field), problem.message));
    }
    if (!problems.empty()) {
      throw Error(ExitCode::data, problems);
    }
    Store store = context.open_store(OpenMode::read_write);
    const ImportSummary s = import_households(store, config, {in}, context.today(), false);
    if (!context.options.quiet) {
      context.out() << trf("{}: {} from {} to {}, tier {}{}\n", in.code, in.scheme, in.start.to_string(),
                           in.end->to_string(), in.tier,
                           s.waitlisted > 0       ? ", on the waiting list (the scheme is full)"
                           : s.enrolments_new > 0 ? ", enrolled"
                                                  : ", already enrolled");
    }
  });
}

void setup_household_list(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("list", "List enrolments, or who is due a basket in a week");
  struct ListOptions {
    std::string week, status, scheme, point, format;
  };
  auto o = std::make_shared<ListOptions>();
  cmd->add_option("--week", o->week, "List who is due a basket that week")->type_name("WEEK");
  cmd->add_option("--status", o->status, "Only enrolments with this status (as of this week)")
      ->check(
          CLI::IsMember({std::string(text(WeekStatus::active)), std::string(text(WeekStatus::paused)),
                         std::string(text(WeekStatus::ended)), std::string(text(WeekStatus::waitlisted))}));
  cmd->add_option("--scheme", o->scheme, "Only this scheme");
  cmd->add_option("--point", o->point, "Only this distribution point");
  add_format_option(*cmd, o->format, "table");
  cmd->callback([&context, o] {
    const Config& config = context.config();
    if (!o->week.empty() && !o->status.empty()) {
      throw Error(ExitCode::usage, tr("--week lists who is due a basket; it does not combine with --status"));
    }
    Store store = context.open_store(OpenMode::read_only);
    std::vector<EnrolmentView> views;
    if (!o->week.empty()) {
      views = due_baskets(store, config, context.week(o->week));
      std::erase_if(views, [&](const EnrolmentView& v) {
        return (!o->scheme.empty() && v.scheme != o->scheme) || (!o->point.empty() && v.point != o->point);
      });
    } else {
      views = list_enrolments(store, Week::containing(context.today()),
                              {o->status.empty() ? std::nullopt : parse_word<WeekStatus>(o->status),
                               non_empty(o->scheme), non_empty(o->point)});
    }
    render_table(enrolment_table(views), parse_format(o->format), context.out());
  });
}

void setup_household_show(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("show", "Show one household (no names: see the pickup sheets)");
  auto code = std::make_shared<std::string>();
  auto week = std::make_shared<std::string>("this");
  cmd->add_option("CODE", *code, "Household code")->required();
  cmd->add_option("--week", *week, "Show sizes, points and status as of this week (default this)")
      ->type_name("WEEK");
  cmd->callback([&context, code, week] {
    Store store = context.open_store(OpenMode::read_only);
    const HouseholdDetails d = show_household(store, *code, context.week(*week));
    auto& out = context.out();
    Table facts({"field", "value"});
    facts.add({"household", d.code});
    facts.add({"adults", fmt::format("{}", d.adults)});
    facts.add({"children", fmt::format("{}", d.children)});
    facts.add({"commune", d.commune});
    facts.add({"qf", format_money(d.qf_cents)});
    facts.add({"qf_date", d.qf_date});
    facts.add({"referrer", d.referrer});
    facts.add({"last_contact", d.last_contact});
    render_table(facts, Format::table, out);
    out << "\nenrolments\n";
    Table enrolments(
        {"scheme", "size", "point", "start_week", "end_week", "tier", "status", "renewals", "exit_reason"});
    for (const auto& e : d.enrolments) {
      enrolments.add({e.scheme, e.size, e.point, e.start.to_string(), e.end.to_string(), e.tier,
                      std::string(text(e.status)), fmt::format("{}", e.renewals), e.exit_reason});
    }
    render_table(enrolments, Format::table, out);
    out << "\nsize and point from\n";
    Table changes({"scheme", "from_week", "size", "point"});
    for (const auto& c : d.changes) {
      changes.add({c.scheme, c.from.to_string(), c.size, c.point});
    }
    render_table(changes, Format::table, out);
    out << "\npauses\n";
    Table pauses({"from_week", "to_week"});
    for (const auto& p : d.pauses) {
      pauses.add({p.from.to_string(), p.to.to_string()});
    }
    render_table(pauses, Format::table, out);
  });
}

void setup_household_pause(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("pause", "Record an absence: no basket, nothing owed");
  struct PauseOptions {
    std::string code, from, to;
  };
  auto o = std::make_shared<PauseOptions>();
  cmd->add_option("CODE", o->code, "Household code")->required();
  cmd->add_option("--from", o->from, "First week of the absence")->required()->type_name("WEEK");
  cmd->add_option("--to", o->to, "Last week of the absence")->required()->type_name("WEEK");
  cmd->callback([&context, o] {
    context.config();
    const WeekRange range{context.week(o->from), context.week(o->to)};
    Store store = context.open_store(OpenMode::read_write);
    pause_household(store, o->code, range, context.today());
    if (!context.options.quiet) {
      context.out() << trf("{}: paused from {} to {}\n", o->code, range.from.to_string(),
                           range.to.to_string());
    }
  });
}

void setup_household_exit(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("exit", "End an enrolment; the place goes to the waiting list");
  struct ExitOptions {
    std::string code, week, reason, scheme;
  };
  auto o = std::make_shared<ExitOptions>();
  cmd->add_option("CODE", o->code, "Household code")->required();
  cmd->add_option("--week", o->week, "First week without a basket")->required()->type_name("WEEK");
  std::string reasons = texts_joined<ExitReason>();
  reasons.replace(reasons.rfind(", "), 2, " or ");
  cmd->add_option("--reason", o->reason, reasons)->required();
  cmd->add_option("--scheme", o->scheme, "The scheme, when the household has several enrolments");
  cmd->callback([&context, o] {
    const Config& config = context.config();
    const Week week = context.week(o->week);
    Store store = context.open_store(OpenMode::read_write);
    const ExitResult r =
        exit_household(store, config, o->code, week, o->reason, non_empty(o->scheme), context.today());
    if (!context.options.quiet) {
      context.out() << trf("{}: leaves {} ({}); last basket {}\n", o->code, r.scheme, o->reason,
                           r.last_week.to_string());
      if (r.promoted) {
        context.out() << trf("{}: taken off the waiting list of {}, from {}\n", *r.promoted, r.scheme,
                             week.to_string());
      }
    }
  });
}

void setup_household_renew(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("renew", "Extend an enrolment by its scheme's length");
  auto code = std::make_shared<std::string>();
  auto scheme = std::make_shared<std::string>();
  cmd->add_option("CODE", *code, "Household code")->required();
  cmd->add_option("--scheme", *scheme, "The scheme, when the household has several enrolments");
  cmd->callback([&context, code, scheme] {
    const Config& config = context.config();
    Store store = context.open_store(OpenMode::read_write);
    const RenewResult r = renew_household(store, config, *code, non_empty(*scheme), context.today());
    if (!context.options.quiet) {
      context.out() << trf("{}: {} extended to {} (renewal {} of {})\n", *code, r.scheme, r.end.to_string(),
                           r.renewals, config.find_scheme(r.scheme)->max_renewals);
    }
  });
}

void setup_household_change(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("change", "Change size or point from a week on");
  struct ChangeOptions {
    std::string code, week, size, point, scheme;
  };
  auto o = std::make_shared<ChangeOptions>();
  cmd->add_option("CODE", o->code, "Household code")->required();
  cmd->add_option("--week", o->week, "First week of the change")->required()->type_name("WEEK");
  cmd->add_option("--size", o->size, "New basket size");
  cmd->add_option("--point", o->point, "New distribution point");
  cmd->add_option("--scheme", o->scheme, "The scheme, when the household has several enrolments");
  cmd->callback([&context, o] {
    const Config& config = context.config();
    const Week week = context.week(o->week);
    Store store = context.open_store(OpenMode::read_write);
    change_enrolment(store, config, o->code, week, non_empty(o->size), non_empty(o->point),
                     non_empty(o->scheme), context.today());
    if (!context.options.quiet) {
      context.out() << trf("{}: from {}{}{}\n", o->code, week.to_string(),
                           o->size.empty() ? "" : ", size " + o->size,
                           o->point.empty() ? "" : ", point " + o->point);
    }
  });
}

void setup_household_purge(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("purge", "Anonymise households past the retention period");
  auto dry_run = std::make_shared<bool>(false);
  cmd->add_flag("--dry-run", *dry_run, "List the codes that would be anonymised; change nothing");
  cmd->callback([&context, dry_run] {
    const Config& config = context.config();
    Store store = context.open_store(OpenMode::read_write);
    const auto result = purge_households(store, config, context.today(), *dry_run);
    const auto& codes = result.codes;
    if (!result.log_emptied) {
      context.warn(trf("another process is reading {}: the anonymised identities may stay in "
                       "its -wal file until panier household purge runs again alone",
                       store.path()));
    }
    if (*dry_run) {
      for (const auto& code : codes) {
        context.out() << code << '\n';
      }
      if (!context.options.quiet) {
        context.out() << trf("dry run: {} household{} would be anonymised\n", codes.size(),
                             codes.size() == 1 ? "" : "s");
      }
    } else if (!context.options.quiet) {
      context.out() << trf("{} household{} anonymised (older than {} years since the last contact)\n",
                           codes.size(), codes.size() == 1 ? "" : "s", config.organisation.retention_years);
    }
  });
}

} // namespace

void setup_household(CLI::App& app, Context& context) {
  app.require_subcommand(1, 1);
  setup_household_import(app, context);
  setup_household_add(app, context);
  setup_household_list(app, context);
  setup_household_show(app, context);
  setup_household_pause(app, context);
  setup_household_exit(app, context);
  setup_household_renew(app, context);
  setup_household_change(app, context);
  setup_household_purge(app, context);
}

} // namespace panier::cli
