// The households' answers about the vegetables of their baskets (panier feedback import), and
// what the plan and the leaflets make of them: the share of a vegetable's baskets that were cooked.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "panier/config/config.hpp"
#include "panier/io/rows.hpp"
#include "panier/store/store.hpp"

namespace panier {

struct FeedbackSummary {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
  int weeks = 0;
  int households = 0;
};

// Reads `week,household,vegetable,cooked,liked` rows (cooked yes/no, liked yes/no or empty; oui/non
// too) and stores them in one transaction, rolled back when `dry_run`. Every problem of the file is
// Error(data), located: a malformed cell, an unknown household or vegetable, a vegetable that was
// not in that household's basket that week, a line given twice. A line already stored with the
// same answers is unchanged; with other answers, updated.
FeedbackSummary import_feedback(Store& store, const Config& config, const std::string& path,
                                const ReadOptions& options, bool dry_run);

// Per vegetable with answers before `week`: the share of them that say it was cooked, counted only
// from `min_answers` answers on (fewer say nothing yet).
std::map<std::string, double> cooked_shares(Store& store, Week week, int min_answers);

} // namespace panier
