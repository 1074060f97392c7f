// Store module for households, identities, enrolments, size/point changes and pauses: the SQL
// behind domain/households. Rows are plain structs; weeks are parsed on the way out.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "panier/core/week.hpp"
#include "panier/model/vocabulary.hpp"
#include "panier/store/store.hpp"

namespace panier::db {

struct HouseholdRow {
  std::int64_t id = 0;
  std::string code;
  int adults = 0;
  int children = 0;
  std::string commune;
  std::int64_t qf_cents = 0;
  std::string qf_date; // empty when unknown
  std::string referrer;
  std::string last_contact; // YYYY-MM-DD
  bool anonymised = false;
};

struct IdentityRow {
  std::string last_name;
  std::string first_name;
  std::string phone;
  bool operator==(const IdentityRow&) const = default;
};

struct EnrolmentRow {
  std::int64_t id = 0;
  std::int64_t household_id = 0;
  std::string scheme;
  Week requested_start; // as imported: with the scheme and household, identifies the enrolment
  Week start;           // effective start (later for a household taken off the waiting list)
  Week end;             // inclusive
  std::string tier;
  EnrolmentStatus status = EnrolmentStatus::active;
  int renewals = 0;
  std::optional<Week> exit_week;
  std::string exit_reason;
};

struct ChangeRow {
  std::int64_t enrolment_id = 0;
  Week from;
  std::string size;
  std::string point;
};

struct PauseRow {
  std::int64_t id = 0;
  std::int64_t household_id = 0;
  Week from;
  Week to;
};

// The ids the database refers to, for panier check to compare with the configuration.
struct ReferencedIds {
  std::vector<std::pair<std::string, std::string>> scheme_tiers; // distinct (scheme, tier)
  std::vector<std::string> sizes;
  std::vector<std::string> points;
  std::vector<std::string> vegetables; // of harvest forecasts
};
ReferencedIds referenced_ids(Store& store);

// Prepared statements over one open store; cheap to reuse in loops.
class HouseholdTables {
public:
  explicit HouseholdTables(Store& store);
  ~HouseholdTables();
  HouseholdTables(const HouseholdTables&) = delete;
  HouseholdTables& operator=(const HouseholdTables&) = delete;

  std::optional<HouseholdRow> find_household(std::string_view code);
  std::vector<HouseholdRow> households();
  std::int64_t insert_household(const HouseholdRow& row);
  void update_household(const HouseholdRow& row);
  void touch(std::int64_t household_id, const std::string& date);

  std::optional<IdentityRow> identity(std::int64_t household_id);
  void put_identity(std::int64_t household_id, const IdentityRow& row);
  void delete_identity(std::int64_t household_id);
  void anonymise(std::int64_t household_id, const std::string& new_code);

  std::vector<EnrolmentRow> enrolments(); // every enrolment, by id
  std::vector<EnrolmentRow> enrolments_of(std::int64_t household_id);
  std::int64_t insert_enrolment(const EnrolmentRow& row);
  void update_enrolment(const EnrolmentRow& row);

  std::vector<ChangeRow> changes(); // by enrolment, then week
  std::vector<ChangeRow> changes_of(std::int64_t enrolment_id);
  void put_change(const ChangeRow& row);

  std::vector<PauseRow> pauses(); // by household, then week
  std::vector<PauseRow> pauses_of(std::int64_t household_id);
  void insert_pause(const PauseRow& row);

private:
  struct Statements;
  Store& m_store;
  std::unique_ptr<Statements> m_statements;
};

} // namespace panier::db
