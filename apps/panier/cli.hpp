// The command line: global options, the table of subcommands and the one place that turns
// errors into messages and exit codes.
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "panier/config/config.hpp"
#include "panier/core/error.hpp"
#include "panier/core/week.hpp"
#include "panier/io/rows.hpp"
#include "panier/store/store.hpp"

namespace panier::cli {

struct GlobalOptions {
  std::string config;
  std::string database;
  bool quiet = false;
  bool verbose = false;
};

// What every subcommand receives: the global options, lazily loaded config, the clock and the
// output streams.
class Context {
public:
  Context(std::ostream& out, std::ostream& err);

  GlobalOptions options;

  // -c, else $PANIER_CONFIG, else ./panier.toml
  std::string config_path() const;
  // --db, else $PANIER_DB; empty when neither is given.
  std::string database_override() const;
  const Config& config();
  // --db, else $PANIER_DB, else the config's database.
  std::string database_path();
  Store open_store(OpenMode mode);
  Date today() const;
  // Parses a week argument ("2026-W49", "this", "next", "last", a date) or throws Error(usage).
  Week week(const std::string& text) const;

  std::ostream& out() { return m_out; }
  // "panier: warning: …" on stderr, always (cron mail carries them).
  void warn(const std::string& message);
  // What a person waiting at the terminal should know ("panier: …" on stderr), unless --quiet.
  void notice(const std::string& message);
  // The notice given when the database stays locked for a second: nothing happening is explained.
  std::function<void()> waiting_notice();
  // Progress and detail on stderr, only with --verbose: the files read and written, the
  // database, the time taken.
  void trace(const std::string& message);
  // --verbose: "wrote PATH".
  void wrote(const std::string& path) { trace("wrote " + path); }

private:
  std::ostream& m_out;
  std::ostream& m_err;
  std::optional<Config> m_config;
  mutable std::unique_ptr<Clock> m_clock;
};

// Each subcommand file provides one of these.
using Setup = void (*)(CLI::App& app, Context& context);

void setup_init(CLI::App& app, Context& context);
void setup_check(CLI::App& app, Context& context);
void setup_household(CLI::App& app, Context& context);
void setup_harvest(CLI::App& app, Context& context);
void setup_workshop(CLI::App& app, Context& context);
void setup_feedback(CLI::App& app, Context& context);
void setup_plan(CLI::App& app, Context& context);
void setup_allocate(CLI::App& app, Context& context);
void setup_deliver(CLI::App& app, Context& context);
void setup_report(CLI::App& app, Context& context);

// How an import reads its FILE: --encoding and --sheet.
struct InputFileOptions {
  std::string encoding;
  std::string sheet;
  // The options for reading `path`, which --verbose names.
  ReadOptions read(Context& context, const std::string& path) const;
};

// Adds "--encoding utf-8|windows-1252" and "--sheet NAME" to an import command.
void add_input_options(CLI::App& cmd, InputFileOptions& options);

// Adds "--format table|csv|json" to a command.
void add_format_option(CLI::App& app, std::string& format, const std::string& default_format);

// Parses argv, runs the subcommand and returns the exit status.
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

} // namespace panier::cli
