// Households and their enrolments: import, one-off edits, the waiting list, the due list of a
// week and the retention purge. Personal data (names, phone) goes only to the identity table;
// nothing here returns it, and no message contains it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "panier/config/config.hpp"
#include "panier/core/week.hpp"
#include "panier/domain/eligibility.hpp"
#include "panier/io/rows.hpp"
#include "panier/store/store.hpp"

namespace panier {

// One households-CSV row, or one `household add`.
struct HouseholdInput {
  RecordPlace place; // empty when not from a file
  std::string code;
  std::string last_name;
  std::string first_name;
  std::optional<std::string> phone; // nullopt: not given, an existing household keeps its own
  int adults = 0;
  int children = 0;
  std::string commune;
  std::int64_t qf_cents = 0;
  std::optional<std::string> qf_date; // nullopt: not given, as for phone
  std::string referrer;
  std::string scheme;
  std::string size;
  std::string point;
  Week start;
  std::optional<Week> end; // default: start + the scheme's weeks - 1
  std::string tier;        // default: from the QF and the scheme's tiers
};

// One problem of a household's fields: the field (a households file's column name, e.g. "qf_date")
// and what is wrong with it, without location; a file names the cell, the command line the option.
struct FieldProblem {
  std::string field;
  std::string message;
  bool operator==(const FieldProblem&) const = default;
};

// Checks an input against the configuration and fills in its defaults (end week, tier).
// Returns the problems found. `start_known` is false when the start week could not be read, so
// that the checks that need it are skipped.
std::vector<FieldProblem> validate_household(HouseholdInput& input, const Config& config, Date today,
                                             bool start_known = true);

struct HouseholdFile {
  std::vector<HouseholdInput> inputs;
  std::vector<std::string> warnings; // located, e.g. a phone's leading 0 put back
};

// Reads a households file (CSV in either dialect and encoding, .xlsx or .ods) and validates
// every row. Error(data) lists every bad row as "FILE:LINE: message" (a sheet's as
// "FILE:SHEET!C12: message"); Error(no_input) when the file is missing.
HouseholdFile read_households(const std::string& path, const ReadOptions& options, const Config& config,
                              Date today);

struct ImportSummary {
  int households_new = 0;
  int households_updated = 0;
  int households_unchanged = 0;
  int enrolments_new = 0;
  int enrolments_updated = 0;
  int enrolments_unchanged = 0;
  int waitlisted = 0;
};

// Adds or updates households and enrolments in one transaction (rolled back when `dry_run`).
// A known code updates its household; an enrolment is identified by (code, scheme, start week).
// A new enrolment in a scheme at capacity goes to the waiting list. Inconsistencies between rows
// or with the database are Error(data) naming each line.
ImportSummary import_households(Store& store, const Config& config, const std::vector<HouseholdInput>& inputs,
                                Date today, bool dry_run);

// An enrolment as seen in a given week (size and point as of that week).
struct EnrolmentView {
  std::string code;
  std::int64_t household_id = 0;
  std::int64_t enrolment_id = 0;
  std::string scheme;
  std::string size;
  std::string point;
  Week start;
  Week end;
  std::string tier;
  WeekStatus status = WeekStatus::active; // as of the week
  int renewals = 0;
  std::string exit_reason;
  int adults = 0;
  int children = 0;
};

struct ListFilter {
  std::optional<WeekStatus> status;
  std::optional<std::string> scheme;
  std::optional<std::string> point;
};

// Every enrolment as of `week`, by household code then start week.
std::vector<EnrolmentView> list_enrolments(Store& store, Week week, const ListFilter& filter);

// The enrolments due a basket in `week` (the shared eligibility rule), by point then code.
std::vector<EnrolmentView> due_baskets(Store& store, const Config& config, Week week);

// Every enrolment holding a place (not waitlisted) in `week`, with what the eligibility rule says
// of it that week: the due list and the week-to-week changes both come from it.
struct EnrolmentWeek {
  EnrolmentView view; // size and point as of the week
  Eligibility eligibility = Eligibility::due;
};
std::vector<EnrolmentWeek> enrolment_weeks(Store& store, const Config& config, Week week);

struct HouseholdDetails {
  std::string code;
  int adults = 0;
  int children = 0;
  std::string commune;
  std::int64_t qf_cents = 0;
  std::string qf_date;
  std::string referrer;
  std::string last_contact;
  std::vector<EnrolmentView> enrolments;
  struct Change {
    std::string scheme;
    Week from;
    std::string size;
    std::string point;
  };
  std::vector<Change> changes;
  std::vector<WeekRange> pauses;
};

// Error(data) when the code is unknown.
HouseholdDetails show_household(Store& store, const std::string& code, Week week);

// Records an absence; Error(data) when it overlaps an earlier one.
void pause_household(Store& store, const std::string& code, WeekRange range, Date today);

struct ExitResult {
  std::string scheme;
  Week last_week;                      // the last week with a basket
  std::optional<std::string> promoted; // code of the household taken off the waiting list
};

// Ends the household's current enrolment (in `scheme` when it has several) before `week`;
// the freed place goes to the longest-waiting household of that scheme.
ExitResult exit_household(Store& store, const Config& config, const std::string& code, Week week,
                          const std::string& reason, const std::optional<std::string>& scheme, Date today);

struct RenewResult {
  std::string scheme;
  Week end;
  int renewals = 0;
};

// Extends the current enrolment by its scheme's length, at most max_renewals times.
RenewResult renew_household(Store& store, const Config& config, const std::string& code,
                            const std::optional<std::string>& scheme, Date today);

// From `week` on, the enrolment's size and/or point change; earlier weeks keep what they had.
void change_enrolment(Store& store, const Config& config, const std::string& code, Week week,
                      const std::optional<std::string>& size, const std::optional<std::string>& point,
                      const std::optional<std::string>& scheme, Date today);

// Anonymises households whose last contact (or last enrolment week) is older than the retention
// period: identity deleted (its bytes overwritten), code replaced by a random token. Nothing is
// written when `dry_run`.
struct PurgeResult {
  std::vector<std::string> codes; // the households concerned, by their code before replacement
  // False when another process reading the database kept the -wal file from being emptied: the
  // deleted identities may stay in it until the next purge or checkpoint.
  bool log_emptied = true;
};
PurgeResult purge_households(Store& store, const Config& config, Date today, bool dry_run);

} // namespace panier
