// panier feedback import: households' answers about the vegetables of their baskets.
#include <ostream>

#include <fmt/format.h>

#include "cli.hpp"
#include "panier/core/i18n.hpp"
#include "panier/domain/feedback.hpp"

namespace panier::cli {

void setup_feedback(CLI::App& app, Context& context) {
  app.require_subcommand(1, 1);
  auto* cmd = app.add_subcommand(
      "import", "Load answers week,household,vegetable,cooked,liked; a line imported again is replaced");
  auto file = std::make_shared<std::string>();
  auto dry_run = std::make_shared<bool>(false);
  auto input = std::make_shared<InputFileOptions>();
  cmd->add_option("FILE", *file, "week,household,vegetable,cooked,liked (CSV, .xlsx or .ods)")->required();
  cmd->add_flag("--dry-run", *dry_run, "Check and report; write nothing");
  add_input_options(*cmd, *input);
  cmd->callback([&context, file, dry_run, input] {
    const Config& config = context.config();
    Store store = context.open_store(OpenMode::read_write);
    const FeedbackSummary s = import_feedback(store, config, *file, input->read(context, *file), *dry_run);
    if (context.options.quiet) {
      return;
    }
    context.out() << trf("feedback: {} added, {} updated, {} unchanged ({} household{}, {} week{})\n",
                         s.added, s.updated, s.unchanged, s.households, s.households == 1 ? "" : "s", s.weeks,
                         s.weeks == 1 ? "" : "s");
    if (*dry_run) {
      context.out() << "dry run: nothing was written\n";
    }
  });
}

} // namespace panier::cli
