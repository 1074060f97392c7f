// panier check: list every problem with the configuration and the database.
#include <ostream>

#include <fmt/format.h>

#include "cli.hpp"
#include "panier/domain/check.hpp"

namespace panier::cli {

void setup_check(CLI::App& app, Context& context) {
  app.callback([&context] {
    const CheckResult result =
        run_check({context.config_path(), context.database_override(), default_datadir()});
    if (!context.options.quiet) {
      for (const auto& line : result.summary) {
        context.out() << "ok: " << line << '\n';
      }
    }
    if (!result.problems.empty()) {
      throw Error(result.code, result.problems);
    }
  });
}

} // namespace panier::cli
