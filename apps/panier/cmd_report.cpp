// panier report KIND [--from W --to W | --year Y] [--by P] [--scheme S] [--point P]
//   [--format csv|table|json|html|xlsx] [-o FILE] [--min-cell N] [--within N]
//   [--site NAME=CONFIG|FILE ...]
#include <filesystem>
#include <sstream>

#include <fmt/format.h>

#include "cli.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/output.hpp"
#include "panier/domain/report.hpp"
#include "panier/io/xlsx_writer.hpp"
#include "panier/render/impact_page.hpp"
#include "panier/render/table_page.hpp"

namespace panier::cli {

namespace {

// A site given to --site: NAME=CONFIG (the garden's own configuration, which names its database),
// or a database FILE read with the configuration of the command.
struct SiteArg {
  std::string name;   // empty: from the file name
  std::string config; // empty: a database file
  std::string path;   // the database file, or the configuration
};

SiteArg parse_site(const std::string& text) {
  const auto equal = text.find('=');
  if (equal == std::string::npos) {
    return {"", "", text};
  }
  SiteArg site{text.substr(0, equal), text.substr(equal + 1), text.substr(equal + 1)};
  if (site.name.empty() || site.config.empty()) {
    throw Error(ExitCode::usage, trf("--site \"{}\": write NAME=CONFIG or a database FILE", text));
  }
  return site;
}

// A site's name: NAME as given, else its file name without the extension, or the path as given
// when two sites would share a name.
std::vector<std::string> site_names(const std::vector<SiteArg>& sites) {
  std::vector<std::string> names;
  for (const auto& s : sites) {
    names.push_back(!s.name.empty() ? s.name : std::filesystem::path(s.path).stem().string());
  }
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    std::vector<std::string> paths;
    for (const auto& s : sites) {
      paths.push_back(!s.name.empty() ? s.name : s.path);
    }
    return paths;
  }
  return names;
}

struct ReportOptions {
  std::string kind, from, to, by, scheme, point, format = "csv", output;
  int year = 0;
  int min_cell = -1; // -1: not given
  int within = 4;
  bool by_scheme = false;
  std::vector<std::string> sites;
};

// The request the options describe; Error(usage) when they do not fit the kind.
ReportRequest request_of(Context& context, const ReportOptions& options) {
  ReportRequest request;
  if (options.year != 0 && (!options.from.empty() || !options.to.empty())) {
    throw Error(ExitCode::usage, tr("give --year or --from/--to, not both"));
  }
  if (options.year != 0) {
    request.from = *Week::from_year_week(options.year, 1);
    request.to = Week::from_year_week(options.year, 53).value_or(*Week::from_year_week(options.year, 52));
  }
  if (!options.from.empty()) {
    request.from = context.week(options.from);
  }
  if (!options.to.empty()) {
    request.to = context.week(options.to);
  }
  request.by = options.by.empty() ? Period::none : parse_period(options.by);
  request.scheme = options.scheme;
  request.point = options.point;
  request.by_scheme = options.by_scheme;
  // Counts by scheme are small: they are hidden below 5 unless --min-cell says otherwise.
  request.min_cell = options.min_cell >= 0 ? options.min_cell
                     : options.by_scheme   ? k_default_scheme_min_cell
                                           : 0;
  request.within = options.within;
  request.today = Week::containing(context.today());
  request.kind = parse_report_kind(options.kind);
  if (options.format == "xlsx" && options.output.empty()) {
    throw Error(ExitCode::usage, tr("--format xlsx writes a spreadsheet file: give --output FILE"));
  }
  return request;
}

// Runs `work` inside a read transaction on each of `stores`, from the i-th on.
void in_snapshots(std::vector<Store>& stores, std::size_t i, const std::function<void()>& work) {
  if (i == stores.size()) {
    work();
    return;
  }
  stores[i].read([&] { in_snapshots(stores, i + 1, work); });
}

// Runs the report over the configured database or the given sites, to stdout or -o FILE.
void run_report(Context& context, const ReportOptions& options, const ReportRequest& request) {
  std::vector<SiteArg> given;
  for (const auto& text : options.sites) {
    given.push_back(parse_site(text));
  }
  // The sites' own configurations first (reserved: a Site points into the vector).
  std::vector<Config> configs;
  configs.reserve(given.size());
  for (const auto& site : given) {
    if (!site.config.empty()) {
      context.trace(trf("configuration {}", site.config));
      configs.push_back(load_config(site.config, default_datadir()));
    }
  }
  // The configuration the request is read with (the organisation, its language, --scheme and
  // --point): the command's own, or the first site's when every site brings its own.
  const bool all_own = !given.empty() && configs.size() == given.size();
  const Config& config = all_own ? configs.front() : context.config();
  check_request(request, config);
  std::vector<Store> stores;
  std::vector<Site> sites;
  if (given.empty()) {
    stores.push_back(context.open_store(OpenMode::read_only));
    sites.push_back({"", &stores.back()});
  } else {
    const auto names = site_names(given);
    stores.reserve(given.size());
    std::size_t next_config = 0;
    for (std::size_t i = 0; i < given.size(); ++i) {
      const Config* site_config = given[i].config.empty() ? nullptr : &configs[next_config++];
      const std::string database = site_config != nullptr ? site_config->database_path() : given[i].path;
      context.trace(trf("database {} ({})", database, tr("reading")));
      stores.push_back(
          Store::open(database, OpenMode::read_only,
                      (site_config != nullptr ? *site_config : config).organisation.busy_timeout_s));
      for (const auto& warning : stores.back().warnings()) {
        context.warn(warning);
      }
      sites.push_back({names[i], &stores.back(), site_config});
    }
  }
  // Every database read in one snapshot, whatever other commands write meanwhile.
  in_snapshots(stores, 0, [&] {
    const bool with_site = !options.sites.empty();
    if (options.format == "xlsx") {
      const Worksheet sheet = worksheet_of(report_table(sites, config, request, with_site),
                                           std::string(panier::text(request.kind)));
      write_xlsx(options.output, std::span(&sheet, 1), context.today());
      context.wrote(options.output);
      return;
    }
    // Straight to standard output; to a file through a temporary file and a rename.
    std::ostringstream text;
    std::ostream& out = options.output.empty() ? context.out() : text;
    if (options.format == "html") {
      out << (request.kind == ReportKind::impact
                  ? render::impact_html(impact_page(sites, config, request, with_site), config)
                  : render::table_html(
                        report_table(sites, config, request, with_site),
                        fmt::format("{} — {}", config.organisation.name, panier::text(request.kind)),
                        config.organisation.language));
    } else {
      render_table(report_table(sites, config, request, with_site), parse_format(options.format), out);
    }
    if (!options.output.empty()) {
      write_atomically(options.output, text.str());
      context.wrote(options.output);
    }
  });
}

} // namespace

void setup_report(CLI::App& app, Context& context) {
  auto o = std::make_shared<ReportOptions>();
  std::string kinds;
  kinds = texts_joined<ReportKind>();
  app.add_option("KIND", o->kind, "The report: " + kinds)->required();
  app.add_option("--from", o->from, "First week (inclusive)")->type_name("WEEK");
  app.add_option("--to", o->to, "Last week (inclusive)")->type_name("WEEK");
  app.add_option("--year", o->year, "The weeks of one year (a week belongs to the year of its Thursday)")
      ->type_name("YEAR")
      ->check(CLI::Range(1970, 9999));
  app.add_option("--by", o->by, "A first column period: week, month, quarter or year")
      ->check(CLI::IsMember({"week", "month", "quarter", "year"}))
      ->type_name("PERIOD");
  app.add_option("--scheme", o->scheme, "Only this scheme")->type_name("SCHEME");
  app.add_option("--point", o->point, "Only this distribution point")->type_name("POINT");
  app.add_option("--format", o->format, "Output: csv (default), table, json, html or xlsx (with --output)")
      ->check(CLI::IsMember({"csv", "table", "json", "html", "xlsx"}))
      ->type_name("FORMAT");
  app.add_option("-o,--output", o->output, "Write to FILE instead of standard output")->type_name("FILE");
  app.add_flag("--by-scheme", o->by_scheme,
               "appropriation: a column scheme after period (counts below --min-cell, default 5, hidden)");
  app.add_option("--min-cell", o->min_cell,
                 "Print counts of households and persons (and of answers) below N as <N")
      ->type_name("N")
      ->check(CLI::Range(0, 1000000));
  app.add_option("--within", o->within, "expiring: enrolments ending within N weeks (default 4)")
      ->type_name("N")
      ->check(CLI::Range(0, 520));
  app.add_option("--site", o->sites,
                 "A garden: NAME=CONFIG (its own configuration and database) or a database FILE; repeat to "
                 "report on several (first column site)")
      ->type_name("NAME=CONFIG|FILE");
  app.callback([&context, o] { run_report(context, *o, request_of(context, *o)); });
}

} // namespace panier::cli
