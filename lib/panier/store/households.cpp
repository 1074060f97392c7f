#include "panier/store/households.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"

namespace panier::db {

namespace {

Week week_of(const SQLite::Column& column) {
  const std::string text = column.getString();
  const auto week = Week::parse_iso(text);
  if (!week) {
    throw Error(ExitCode::data, trf("database holds \"{}\" where a week belongs", text));
  }
  return *week;
}

HouseholdRow household_from(SQLite::Statement& q) {
  HouseholdRow row;
  row.id = q.getColumn(0).getInt64();
  row.code = q.getColumn(1).getString();
  row.adults = q.getColumn(2).getInt();
  row.children = q.getColumn(3).getInt();
  row.commune = q.getColumn(4).getString();
  row.qf_cents = q.getColumn(5).getInt64();
  row.qf_date = q.getColumn(6).isNull() ? "" : q.getColumn(6).getString();
  row.referrer = q.getColumn(7).getString();
  row.last_contact = q.getColumn(8).getString();
  row.anonymised = q.getColumn(9).getInt() != 0;
  return row;
}

EnrolmentRow enrolment_from(SQLite::Statement& q, const std::string& path) {
  EnrolmentRow row;
  row.id = q.getColumn(0).getInt64();
  row.household_id = q.getColumn(1).getInt64();
  row.scheme = q.getColumn(2).getString();
  row.requested_start = week_of(q.getColumn(3));
  row.start = week_of(q.getColumn(4));
  row.end = week_of(q.getColumn(5));
  row.tier = q.getColumn(6).getString();
  row.status = stored_word<EnrolmentStatus>(path, q.getColumn(7).getText());
  row.renewals = q.getColumn(8).getInt();
  if (!q.getColumn(9).isNull()) {
    row.exit_week = week_of(q.getColumn(9));
  }
  row.exit_reason = q.getColumn(10).isNull() ? "" : q.getColumn(10).getString();
  return row;
}

ChangeRow change_from(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(), week_of(q.getColumn(1)), q.getColumn(2).getString(),
          q.getColumn(3).getString()};
}

PauseRow pause_from(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), week_of(q.getColumn(2)),
          week_of(q.getColumn(3))};
}

template <typename Row, typename Read> std::vector<Row> collect(SQLite::Statement& q, Read read) {
  std::vector<Row> rows;
  while (q.executeStep()) {
    rows.push_back(read(q));
  }
  q.reset();
  q.clearBindings();
  return rows;
}

// Every caller binds every parameter, so bindings need no clearing between runs.
void run(SQLite::Statement& q) {
  q.exec();
  q.reset();
}

void bind_optional_text(SQLite::Statement& q, int index, const std::string& text) {
  if (text.empty()) {
    q.bind(index);
  } else {
    q.bind(index, text);
  }
}

constexpr const char* k_household_columns =
    "id, code, adults, children, commune, qf_cents, qf_date, referrer, last_contact, anonymised";
constexpr const char* k_enrolment_columns =
    "id, household_id, scheme, requested_start, start_week, end_week, tier, status, renewals, exit_week, "
    "exit_reason";

} // namespace

ReferencedIds referenced_ids(Store& store) {
  ReferencedIds ids;
  translate_sqlite_errors(store.path(), [&] {
    auto& db = store.db();
    SQLite::Statement tiers(db, "SELECT DISTINCT scheme, tier FROM enrolment ORDER BY scheme, tier");
    while (tiers.executeStep()) {
      ids.scheme_tiers.emplace_back(tiers.getColumn(0).getString(), tiers.getColumn(1).getString());
    }
    SQLite::Statement sizes(db, "SELECT DISTINCT size FROM enrolment_change ORDER BY size");
    while (sizes.executeStep()) {
      ids.sizes.push_back(sizes.getColumn(0).getString());
    }
    SQLite::Statement points(db, "SELECT DISTINCT point FROM enrolment_change ORDER BY point");
    while (points.executeStep()) {
      ids.points.push_back(points.getColumn(0).getString());
    }
    SQLite::Statement vegetables(db, "SELECT DISTINCT vegetable FROM harvest ORDER BY vegetable");
    while (vegetables.executeStep()) {
      ids.vegetables.push_back(vegetables.getColumn(0).getString());
    }
  });
  return ids;
}

struct HouseholdTables::Statements {
  explicit Statements(SQLite::Database& db)
      : find_household(db, fmt::format("SELECT {} FROM household WHERE code = ?", k_household_columns)),
        households(db, fmt::format("SELECT {} FROM household ORDER BY code", k_household_columns)),
        insert_household(db, "INSERT INTO household (code, adults, children, commune, qf_cents, qf_date, "
                             "referrer, last_contact) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        update_household(db, "UPDATE household SET adults = ?, children = ?, commune = ?, qf_cents = ?, "
                             "qf_date = ?, referrer = ?, last_contact = ? WHERE id = ?"),
        touch(db, "UPDATE household SET last_contact = max(last_contact, ?) WHERE id = ?"),
        identity(db, "SELECT last_name, first_name, phone FROM identity WHERE household_id = ?"),
        put_identity(db,
                     "INSERT INTO identity (household_id, last_name, first_name, phone) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT (household_id) DO UPDATE SET last_name = excluded.last_name, "
                     "first_name = excluded.first_name, phone = excluded.phone"),
        delete_identity(db, "DELETE FROM identity WHERE household_id = ?"),
        anonymise(db, "UPDATE household SET code = ?, qf_date = NULL, anonymised = 1 WHERE id = ?"),
        enrolments(db, fmt::format("SELECT {} FROM enrolment ORDER BY id", k_enrolment_columns)),
        enrolments_of(db,
                      fmt::format("SELECT {} FROM enrolment WHERE household_id = ? ORDER BY start_week, id",
                                  k_enrolment_columns)),
        insert_enrolment(
            db, "INSERT INTO enrolment (household_id, scheme, requested_start, start_week, end_week, "
                "tier, status, renewals, exit_week, exit_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        update_enrolment(db, "UPDATE enrolment SET start_week = ?, end_week = ?, tier = ?, status = ?, "
                             "renewals = ?, exit_week = ?, exit_reason = ? WHERE id = ?"),
        changes(db, "SELECT enrolment_id, from_week, size, point FROM enrolment_change "
                    "ORDER BY enrolment_id, from_week"),
        changes_of(db, "SELECT enrolment_id, from_week, size, point FROM enrolment_change "
                       "WHERE enrolment_id = ? ORDER BY from_week"),
        put_change(db,
                   "INSERT INTO enrolment_change (enrolment_id, from_week, size, point) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT (enrolment_id, from_week) DO UPDATE SET size = excluded.size, "
                   "point = excluded.point"),
        pauses(db, "SELECT id, household_id, from_week, to_week FROM pause ORDER BY household_id, from_week"),
        pauses_of(db, "SELECT id, household_id, from_week, to_week FROM pause WHERE household_id = ? "
                      "ORDER BY from_week"),
        insert_pause(db, "INSERT INTO pause (household_id, from_week, to_week) VALUES (?, ?, ?)") {}

  SQLite::Statement find_household, households, insert_household, update_household, touch, identity,
      put_identity, delete_identity, anonymise, enrolments, enrolments_of, insert_enrolment, update_enrolment,
      changes, changes_of, put_change, pauses, pauses_of, insert_pause;
};

HouseholdTables::HouseholdTables(Store& store) : m_store(store) {
  translate_sqlite_errors(store.path(), [&] { m_statements = std::make_unique<Statements>(store.db()); });
}

HouseholdTables::~HouseholdTables() = default;

std::optional<HouseholdRow> HouseholdTables::find_household(std::string_view code) {
  std::optional<HouseholdRow> row;
  translate_sqlite_errors(m_store.path(), [&] {
    auto& q = m_statements->find_household;
    q.bind(1, std::string(code));
    if (q.executeStep()) {
      row = household_from(q);
    }
    q.reset();
    q.clearBindings();
  });
  return row;
}

std::vector<HouseholdRow> HouseholdTables::households() {
  std::vector<HouseholdRow> rows;
  translate_sqlite_errors(m_store.path(),
                          [&] { rows = collect<HouseholdRow>(m_statements->households, household_from); });
  return rows;
}

std::int64_t HouseholdTables::insert_household(const HouseholdRow& row) {
  std::int64_t id = 0;
  translate_sqlite_errors(m_store.path(), [&] {
    // The row outlives the statement's run: its text is bound without a copy.
    auto& q = m_statements->insert_household;
    q.bindNoCopy(1, row.code);
    q.bind(2, row.adults);
    q.bind(3, row.children);
    q.bindNoCopy(4, row.commune);
    q.bind(5, row.qf_cents);
    bind_optional_text(q, 6, row.qf_date);
    q.bindNoCopy(7, row.referrer);
    q.bindNoCopy(8, row.last_contact);
    run(q);
    id = m_store.db().getLastInsertRowid();
  });
  return id;
}

void HouseholdTables::update_household(const HouseholdRow& row) {
  translate_sqlite_errors(m_store.path(), [&] {
    auto& q = m_statements->update_household;
    q.bind(1, row.adults);
    q.bind(2, row.children);
    q.bind(3, row.commune);
    q.bind(4, row.qf_cents);
    bind_optional_text(q, 5, row.qf_date);
    q.bind(6, row.referrer);
    q.bind(7, row.last_contact);
    q.bind(8, row.id);
    run(q);
  });
}

void HouseholdTables::touch(std::int64_t household_id, const std::string& date) {
  translate_sqlite_errors(m_store.path(), [&] {
    auto& q = m_statements->touch;
    q.bind(1, date);
    q.bind(2, household_id);
    run(q);
  });
}

std::optional<IdentityRow> HouseholdTables::identity(std::int64_t household_id) {
  std::optional<IdentityRow> row;
  translate_sqlite_errors(m_store.path(), [&] {
    auto& q = m_statements->identity;
    q.bind(1, household_id);
    if (q.executeStep()) {
      row = IdentityRow{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString()};
    }
    q.reset();
    q.clearBindings();
  });
  return row;
}

void HouseholdTables::put_identity(std::int64_t household_id, const IdentityRow& row) {
  translate_sqlite_errors(m_store.path(), [&] {
    auto& q = m_statements->put_identity;
    q.bind(1, household_id);
    q.bindNoCopy(2, row.last_name);
    q.bindNoCopy(3, row.first_name);
    q.bindNoCopy(4, row.phone);
    run(q);
  });
}

void HouseholdTables::delete_identity(std::int64_t household_id) {
  translate_sqlite_errors(m_store.path(), [&] {
    auto& q = m_statements->delete_identity;
    q.bind(1, household_id);
    run(q);
  });
}

void HouseholdTables::anonymise(std::int64_t household_id, const std::string& new_code) {
  translate_sqlite_errors(m_store.path(), [&] {
    auto& q = m_statements->anonymise;
    q.bind(1, new_code);
    q.bind(2, household_id);
    run(q);
  });
}

std::vector<EnrolmentRow> HouseholdTables::enrolments() {
  std::vector<EnrolmentRow> rows;
  translate_sqlite_errors(m_store.path(), [&] {
    rows = collect<EnrolmentRow>(m_statements->enrolments,
                                 [&](SQLite::Statement& q) { return enrolment_from(q, m_store.path()); });
  });
  return rows;
}

std::vector<EnrolmentRow> HouseholdTables::enrolments_of(std::int64_t household_id) {
  std::vector<EnrolmentRow> rows;
  translate_sqlite_errors(m_store.path(), [&] {
    m_statements->enrolments_of.bind(1, household_id);
    rows = collect<EnrolmentRow>(m_statements->enrolments_of,
                                 [&](SQLite::Statement& q) { return enrolment_from(q, m_store.path()); });
  });
  return rows;
}

namespace {
void bind_enrolment_state(SQLite::Statement& q, int first, const EnrolmentRow& row) {
  q.bind(first, row.end.to_string());
  q.bind(first + 1, row.tier);
  q.bind(first + 2, std::string(text(row.status)));
  q.bind(first + 3, row.renewals);
  if (row.exit_week) {
    q.bind(first + 4, row.exit_week->to_string());
  } else {
    q.bind(first + 4);
  }
  bind_optional_text(q, first + 5, row.exit_reason);
}
} // namespace

std::int64_t HouseholdTables::insert_enrolment(const EnrolmentRow& row) {
  std::int64_t id = 0;
  translate_sqlite_errors(m_store.path(), [&] {
    auto& q = m_statements->insert_enrolment;
    const std::string requested = row.requested_start.to_string();
    const std::string start = row.start.to_string();
    q.bind(1, row.household_id);
    q.bindNoCopy(2, row.scheme);
    q.bindNoCopy(3, requested);
    q.bindNoCopy(4, start);
    bind_enrolment_state(q, 5, row);
    run(q);
    id = m_store.db().getLastInsertRowid();
  });
  return id;
}

void HouseholdTables::update_enrolment(const EnrolmentRow& row) {
  translate_sqlite_errors(m_store.path(), [&] {
    auto& q = m_statements->update_enrolment;
    q.bind(1, row.start.to_string());
    bind_enrolment_state(q, 2, row);
    q.bind(8, row.id);
    run(q);
  });
}

std::vector<ChangeRow> HouseholdTables::changes() {
  std::vector<ChangeRow> rows;
  translate_sqlite_errors(m_store.path(),
                          [&] { rows = collect<ChangeRow>(m_statements->changes, change_from); });
  return rows;
}

std::vector<ChangeRow> HouseholdTables::changes_of(std::int64_t enrolment_id) {
  std::vector<ChangeRow> rows;
  translate_sqlite_errors(m_store.path(), [&] {
    m_statements->changes_of.bind(1, enrolment_id);
    rows = collect<ChangeRow>(m_statements->changes_of, change_from);
  });
  return rows;
}

void HouseholdTables::put_change(const ChangeRow& row) {
  translate_sqlite_errors(m_store.path(), [&] {
    auto& q = m_statements->put_change;
    const std::string from = row.from.to_string();
    q.bind(1, row.enrolment_id);
    q.bindNoCopy(2, from);
    q.bindNoCopy(3, row.size);
    q.bindNoCopy(4, row.point);
    run(q);
  });
}

std::vector<PauseRow> HouseholdTables::pauses() {
  std::vector<PauseRow> rows;
  translate_sqlite_errors(m_store.path(),
                          [&] { rows = collect<PauseRow>(m_statements->pauses, pause_from); });
  return rows;
}

std::vector<PauseRow> HouseholdTables::pauses_of(std::int64_t household_id) {
  std::vector<PauseRow> rows;
  translate_sqlite_errors(m_store.path(), [&] {
    m_statements->pauses_of.bind(1, household_id);
    rows = collect<PauseRow>(m_statements->pauses_of, pause_from);
  });
  return rows;
}

void HouseholdTables::insert_pause(const PauseRow& row) {
  translate_sqlite_errors(m_store.path(), [&] {
    auto& q = m_statements->insert_pause;
    q.bind(1, row.household_id);
    q.bind(2, row.from.to_string());
    q.bind(3, row.to.to_string());
    run(q);
  });
}

} // namespace panier::db
