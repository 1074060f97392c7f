#include "panier/store/allocation.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace panier::db {

std::vector<AllocationRow> read_allocation(Store& store, Week week) {
  std::vector<AllocationRow> rows;
  translate_sqlite_errors(store.path(), [&] {
    auto& db = store.db();
    const std::string w = week.to_string();
    SQLite::Statement q(db,
                        "SELECT a.enrolment_id, a.household_id, h.code, a.scheme, a.size, a.point, a.tier, "
                        "a.status, a.value_cents, a.contribution_cents FROM allocation a "
                        "JOIN household h ON h.id = a.household_id WHERE a.week = ? ORDER BY a.rowid");
    q.bind(1, w);
    std::map<std::int64_t, std::size_t> index;
    while (q.executeStep()) {
      AllocationRow r;
      r.enrolment_id = q.getColumn(0).getInt64();
      r.household_id = q.getColumn(1).getInt64();
      r.household = q.getColumn(2).getString();
      r.scheme = q.getColumn(3).getString();
      r.size = q.getColumn(4).getString();
      r.point = q.getColumn(5).getString();
      r.tier = q.getColumn(6).getString();
      r.shortfall = q.getColumn(7).getString() == "shortfall";
      r.value = q.getColumn(8).getInt64();
      r.contribution = q.getColumn(9).getInt64();
      index[r.enrolment_id] = rows.size();
      rows.push_back(std::move(r));
    }
    SQLite::Statement f(db,
                        "SELECT enrolment_id, funder, amount_cents FROM allocation_funding WHERE week = ?");
    f.bind(1, w);
    while (f.executeStep()) {
      const auto it = index.find(f.getColumn(0).getInt64());
      if (it != index.end()) {
        rows[it->second].funding[f.getColumn(1).getString()] = f.getColumn(2).getInt64();
      }
    }
  });
  return rows;
}

std::vector<Week> allocated_weeks_after(Store& store, Week week) {
  std::vector<Week> weeks;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), "SELECT DISTINCT week FROM allocation WHERE week > ? ORDER BY week");
    q.bind(1, week.to_string());
    while (q.executeStep()) {
      if (const auto w = Week::parse_iso(q.getColumn(0).getString())) {
        weeks.push_back(*w);
      }
    }
  });
  return weeks;
}

namespace {

// Inserts the funding of `rows` (the allocation rows themselves must exist).
void insert_funding(SQLite::Database& db, const std::string& week, const std::vector<AllocationRow>& rows) {
  SQLite::Statement fund(db, "INSERT INTO allocation_funding (week, enrolment_id, funder, amount_cents) "
                             "VALUES (?, ?, ?, ?)");
  for (const auto& r : rows) {
    for (const auto& [funder, amount] : r.funding) {
      fund.bind(1, week);
      fund.bind(2, r.enrolment_id);
      fund.bindNoCopy(3, funder);
      fund.bind(4, amount);
      fund.exec();
      fund.reset();
    }
  }
}

} // namespace

void replace_funding(Store& store, Week week, const std::vector<AllocationRow>& rows) {
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement remove(store.db(), "DELETE FROM allocation_funding WHERE week = ?");
    remove.bind(1, week.to_string());
    remove.exec();
    insert_funding(store.db(), week.to_string(), rows);
  });
}

void replace_allocation(Store& store, Week week, const std::vector<AllocationRow>& rows) {
  translate_sqlite_errors(store.path(), [&] {
    auto& db = store.db();
    const std::string w = week.to_string();
    delete_allocation(store, week);
    SQLite::Statement insert(
        db, "INSERT INTO allocation (week, enrolment_id, household_id, scheme, size, point, tier, "
            "status, value_cents, contribution_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& r : rows) {
      insert.bind(1, w);
      insert.bind(2, r.enrolment_id);
      insert.bind(3, r.household_id);
      insert.bindNoCopy(4, r.scheme);
      insert.bindNoCopy(5, r.size);
      insert.bindNoCopy(6, r.point);
      insert.bindNoCopy(7, r.tier);
      insert.bind(8, r.shortfall ? "shortfall" : "basket");
      insert.bind(9, r.value);
      insert.bind(10, r.contribution);
      insert.exec();
      insert.reset();
    }
    insert_funding(db, w, rows);
  });
}

std::map<std::int64_t, LedgerEntry> rotation_ledger(Store& store, Week week) {
  std::map<std::int64_t, LedgerEntry> ledger;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(),
                        "SELECT household_id, week FROM allocation WHERE status = 'shortfall' AND week < ? "
                        "ORDER BY household_id, week");
    q.bind(1, week.to_string());
    const Week recent_from = week - 8;
    while (q.executeStep()) {
      const auto shortfall = Week::parse_iso(q.getColumn(1).getString());
      if (!shortfall) {
        continue;
      }
      LedgerEntry& entry = ledger[q.getColumn(0).getInt64()];
      if (*shortfall >= recent_from) {
        ++entry.recent;
      }
      entry.last = *shortfall;
    }
  });
  return ledger;
}

std::map<std::pair<std::string, std::string>, Cents> spent_before(Store& store, Week week) {
  std::map<std::pair<std::string, std::string>, Cents> spent;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(),
                        "SELECT f.funder, a.scheme, sum(f.amount_cents) FROM allocation_funding f "
                        "JOIN allocation a ON a.week = f.week AND a.enrolment_id = f.enrolment_id "
                        "WHERE f.week >= ? AND f.week < ? GROUP BY f.funder, a.scheme");
    q.bind(1, fmt::format("{:04}-W01", week.year()));
    q.bind(2, week.to_string());
    while (q.executeStep()) {
      spent[{q.getColumn(0).getString(), q.getColumn(1).getString()}] = q.getColumn(2).getInt64();
    }
  });
  return spent;
}

void delete_allocation(Store& store, Week week) {
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), "DELETE FROM allocation WHERE week = ?");
    q.bind(1, week.to_string());
    q.exec();
  });
}

int recorded_pickups(Store& store, Week week) {
  int count = 0;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), "SELECT count(*) FROM pickup WHERE week = ?");
    q.bind(1, week.to_string());
    q.executeStep();
    count = q.getColumn(0).getInt();
  });
  return count;
}

} // namespace panier::db
