// panier init: create or migrate the database.
#include <ostream>

#include <fmt/format.h>

#include "cli.hpp"
#include "panier/core/i18n.hpp"

namespace panier::cli {

void setup_init(CLI::App& app, Context& context) {
  app.callback([&context] {
    const std::string path = context.database_path();
    const InitResult result =
        Store::init(path, context.config().organisation.busy_timeout_s, context.waiting_notice());
    for (const auto& warning : result.warnings) {
      context.warn(warning);
    }
    if (context.options.quiet) {
      return;
    }
    if (result.created) {
      context.out() << trf("{}: created, schema version {}\n", path, result.to_version);
    } else if (result.from_version != result.to_version) {
      context.out() << trf("{}: migrated from schema version {} to {}\n", path, result.from_version,
                           result.to_version);
    } else {
      context.out() << trf("{}: up to date, schema version {}\n", path, result.to_version);
    }
  });
}

} // namespace panier::cli
