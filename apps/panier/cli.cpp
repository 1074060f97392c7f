#include "cli.hpp"

#include <chrono>
#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string_view>

#include <iostream>
#include <libintl.h>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/version.hpp"

namespace panier::cli {

namespace {

struct CommandEntry {
  const char* name;
  const char* summary;
  Setup setup;
};

// The subcommands, in the order of the weekly cycle.
const CommandEntry k_commands[] = {
    {"init", "Create or migrate the database (idempotent)", setup_init},
    {"check", "Validate the configuration, the catalogue and the database", setup_check},
    {"household", "Enrol households, record absences, exits, renewals and changes", setup_household},
    {"harvest", "Import and list the week's harvest forecast", setup_harvest},
    {"plan", "Compose each basket size from the week's harvest forecast", setup_plan},
    {"allocate", "Assign the week's baskets, their price and their funding", setup_allocate},
    {"deliver", "Write the week's sheets and packing lists; record pickups and payments", setup_deliver},
    {"report", "The figures for funders, boards and analysts (CSV, table, JSON or HTML)", setup_report},
    {"workshop", "Cooking workshops and who attended them", setup_workshop},
    {"feedback", "Import households' answers: did they cook and like the vegetables of their basket",
     setup_feedback},
};

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::string(value) : std::string();
}

std::unique_ptr<Clock> make_clock() {
  // PANIER_TODAY pins "today" (YYYY-MM-DD) for reproducible runs and tests.
  const std::string today = env_or_empty("PANIER_TODAY");
  if (today.empty()) {
    return std::make_unique<SystemClock>();
  }
  const auto date = Date::parse(today);
  if (!date) {
    throw Error(ExitCode::usage, trf("PANIER_TODAY=\"{}\" is not a date (YYYY-MM-DD)", today));
  }
  return std::make_unique<FixedClock>(*date);
}

// At most k_max_listed messages, then how many more there are.
void print_errors(std::ostream& err, const Error& error) {
  const auto& messages = error.messages();
  const std::size_t listed = std::min(messages.size(), k_max_listed);
  for (std::size_t i = 0; i < listed; ++i) {
    err << "panier: error: " << messages[i] << '\n';
  }
  if (error.count() > listed) {
    err << trf("panier: error: … and {} more ({} in all)\n", error.count() - listed, error.count());
  }
}

// Where the compiled catalogues are: $PANIER_LOCALEDIR, else PREFIX/share/locale beside an
// installed panier (PREFIX/bin/panier), else the build tree's locale/.
std::string locale_dir() {
  if (std::string env = env_or_empty("PANIER_LOCALEDIR"); !env.empty()) {
    return env;
  }
  if (const std::string share = installed_share_dir(); !share.empty()) {
    const auto installed = std::filesystem::path(share) / "locale";
    std::error_code error;
    if (std::filesystem::is_regular_file(installed / "fr" / "LC_MESSAGES" / "panier.mo", error)) {
      return installed.string();
    }
  }
  return PANIER_BUILD_LOCALEDIR;
}

// What the environment's locale says of French: LANGUAGE, LC_ALL, LC_MESSAGES, LANG in that
// order, the first that names a language (C and POSIX name none). nullopt when none does.
std::optional<bool> locale_is_french() {
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const std::string value = env_or_empty(name);
    if (value.empty() || value == "C" || value == "POSIX" || value.starts_with("C.")) {
      continue;
    }
    return value.starts_with("fr");
  }
  return std::nullopt;
}

// Messages in French or English from now on. French goes through gettext: the catalogue is bound
// and LANGUAGE set, with LC_MESSAGES from the environment or else C.UTF-8 (always present), so
// French works on a machine without any French locale installed.
void set_messages_language(bool french) {
  if (french && !translations_on()) {
    setenv("LANGUAGE", "fr", 1);
    const char* locale = std::setlocale(LC_MESSAGES, "");
    if (locale == nullptr || std::string_view(locale) == "C" || std::string_view(locale) == "POSIX") {
      std::setlocale(LC_MESSAGES, "C.UTF-8");
    }
    const std::string dir = locale_dir();
    bindtextdomain(k_text_domain, dir.c_str());
    bind_textdomain_codeset(k_text_domain, "UTF-8");
  }
  use_translations(french);
}

} // namespace

Context::Context(std::ostream& out, std::ostream& err) : m_out(out), m_err(err) {}

std::string Context::config_path() const {
  if (!options.config.empty()) {
    return options.config;
  }
  if (std::string env = env_or_empty("PANIER_CONFIG"); !env.empty()) {
    return env;
  }
  return "panier.toml";
}

std::string Context::database_override() const {
  if (!options.database.empty()) {
    return options.database;
  }
  return env_or_empty("PANIER_DB");
}

const Config& Context::config() {
  if (!m_config) {
    trace(trf("configuration {}", config_path()));
    m_config = load_config(config_path(), default_datadir());
    // The organisation's language, when its file gives one, is the terminal's too, unless the
    // environment's locale names a language (the person at the terminal speaks for themselves).
    if (m_config->organisation.language_given && !locale_is_french().has_value()) {
      set_messages_language(m_config->organisation.language == Language::fr);
    }
  }
  return *m_config;
}

std::string Context::database_path() {
  std::string path = database_override();
  return path.empty() ? config().database_path() : path;
}

Store Context::open_store(OpenMode mode) {
  const int timeout = config().organisation.busy_timeout_s;
  trace(
      trf("database {} ({})", database_path(), mode == OpenMode::read_only ? tr("reading") : tr("writing")));
  Store store = Store::open(database_path(), mode, timeout, waiting_notice());
  for (const auto& warning : store.warnings()) {
    warn(warning);
  }
  return store;
}

Date Context::today() const {
  if (!m_clock) {
    m_clock = make_clock();
  }
  return m_clock->today();
}

Week Context::week(const std::string& text) const {
  auto week = parse_week_arg(text, today());
  if (!week) {
    throw Error(ExitCode::usage,
                trf("\"{}\" is not a week (write 2026-W49, this, next, last or a date 2026-12-03)", text));
  }
  return *week;
}

// Warnings are never silenced, -q included: a cron job's mail must carry "budget ran out" or
// "a basket above its weight band".
void Context::warn(const std::string& message) { m_err << "panier: warning: " << message << '\n'; }

void Context::notice(const std::string& message) {
  if (!options.quiet) {
    m_err << "panier: " << message << '\n';
  }
}

std::function<void()> Context::waiting_notice() {
  const int timeout = config().organisation.busy_timeout_s;
  return [this, timeout] {
    notice(
        trf("waiting for the database: another panier command is using it (giving up after {} s)", timeout));
    m_err.flush();
  };
}

void Context::trace(const std::string& message) {
  if (options.verbose) {
    m_err << "panier: " << message << '\n';
  }
}

ReadOptions InputFileOptions::read(Context& context, const std::string& path) const {
  ReadOptions options;
  options.encoding = encoding.empty() ? Encoding::detect : parse_encoding(encoding);
  options.sheet = sheet;
  context.trace(trf("reading {}{}", path, sheet.empty() ? "" : trf(" (sheet \"{}\")", sheet)));
  return options;
}

void add_input_options(CLI::App& cmd, InputFileOptions& options) {
  cmd.add_option("--encoding", options.encoding,
                 "A CSV file's encoding: utf-8 or windows-1252 (default: UTF-8 when the file is valid "
                 "UTF-8, else Windows-1252)")
      ->check(CLI::IsMember({"utf-8", "windows-1252"}, CLI::ignore_case))
      ->type_name("ENCODING");
  cmd.add_option("--sheet", options.sheet, "The sheet of an .xlsx or .ods file to read (default: the first)")
      ->type_name("NAME");
}

void add_format_option(CLI::App& app, std::string& format, const std::string& default_format) {
  format = default_format;
  app.add_option("--format", format, "Output: table, csv or json (default " + default_format + ")")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->type_name("FORMAT");
}

namespace {

// Edits (insert, delete, replace, swap two neighbours) between two words.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// The subcommand the command line reached (panier, panier household, panier household add…).
const CLI::App* innermost(const CLI::App& app) {
  const auto subcommands = app.get_subcommands();
  return subcommands.empty() ? &app : innermost(*subcommands.front());
}

// "did you mean …?" for a word the parser did not expect: the closest subcommand or option of the
// command reached, when it is close enough to be a slip of the keyboard.
std::string suggestion(const CLI::App& root, const CLI::App& reached) {
  std::string best;
  std::size_t best_distance = 3; // at most two slips, and fewer than half the word
  for (const std::string& typed : root.remaining(true)) {
    std::vector<std::string> known;
    if (typed.starts_with("--")) {
      for (const CLI::App* app = &reached; app != nullptr; app = app->get_parent()) {
        for (const CLI::Option* option : app->get_options()) {
          for (const auto& name : option->get_lnames()) {
            known.push_back("--" + name);
          }
        }
      }
    } else if (!typed.starts_with("-")) {
      for (const CLI::App* sub : reached.get_subcommands({})) {
        known.push_back(sub->get_name());
      }
    }
    for (const auto& name : known) {
      const std::size_t distance = edit_distance(typed, name);
      if (distance < best_distance && distance * 2 < name.size()) {
        best = name;
        best_distance = distance;
      }
    }
  }
  return best.empty() ? "" : trf(" (did you mean {}?)", best);
}

} // namespace

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
  set_messages_language(locale_is_french().value_or(false));
  Context context(out, err);
  CLI::App app{"panier runs a solidarity vegetable-basket scheme: plan, allocate, deliver, report.",
               "panier"};
  app.set_version_flag("--version", fmt::format("panier {}", version()));
  app.add_option("-c,--config", context.options.config,
                 "Configuration file (else $PANIER_CONFIG, else ./panier.toml)")
      ->type_name("FILE");
  app.add_option("--db", context.options.database,
                 "Database file (else $PANIER_DB, else the config's database)")
      ->type_name("FILE");
  auto* quiet = app.add_flag("-q,--quiet", context.options.quiet, "Print only results, warnings and errors");
  app.add_flag("-v,--verbose", context.options.verbose, "Explain what is being done on stderr")
      ->excludes(quiet);
  app.require_subcommand(0, 1);
  app.fallthrough();
  for (const auto& command : k_commands) {
    CLI::App* sub = app.add_subcommand(command.name, command.summary);
    command.setup(*sub, context);
  }
  try {
    const auto started = std::chrono::steady_clock::now();
    app.parse(argc, argv);
    if (app.get_subcommands().empty()) {
      throw CLI::RequiredError("A command");
    }
    context.trace(trf("done in {:.2f} s",
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()));
    return 0;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    const CLI::App* reached = innermost(app);
    std::string command = reached->get_name();
    for (const CLI::App* parent = reached->get_parent(); parent != nullptr; parent = parent->get_parent()) {
      command = parent->get_name() + " " + command;
    }
    err << "panier: error: " << e.what() << suggestion(app, *reached) << '\n'
        << "Run '" << command << " --help' for usage.\n";
    return static_cast<int>(ExitCode::usage);
  } catch (const Error& e) {
    print_errors(err, e);
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    err << "panier: error: internal error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::internal);
  }
}

} // namespace panier::cli
