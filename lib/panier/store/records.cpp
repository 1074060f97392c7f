#include "panier/store/records.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace panier::db {

int delete_harvest(Store& store, Week week) {
  int removed = 0;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), "DELETE FROM harvest WHERE week = ?");
    q.bind(1, week.to_string());
    removed = q.exec();
  });
  return removed;
}

void insert_harvest(Store& store, Week week, const HarvestRow& row) {
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(),
                        "INSERT INTO harvest (week, vegetable, grade, quantity) VALUES (?, ?, ?, ?)");
    q.bind(1, week.to_string());
    q.bind(2, row.vegetable);
    q.bind(3, std::string(text(row.grade)));
    q.bind(4, row.quantity);
    q.exec();
  });
}

std::vector<HarvestRow> harvest_rows(Store& store, Week week) {
  std::vector<HarvestRow> rows;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(
        store.db(),
        "SELECT vegetable, grade, quantity FROM harvest WHERE week = ? ORDER BY vegetable, grade");
    q.bind(1, week.to_string());
    while (q.executeStep()) {
      rows.push_back({q.getColumn(0).getString(), stored_word<Grade>(store.path(), q.getColumn(1).getText()),
                      q.getColumn(2).getInt64()});
    }
  });
  return rows;
}

std::int64_t insert_workshop(Store& store, const WorkshopRow& row) {
  std::int64_t id = 0;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(
        store.db(), "INSERT INTO workshop (date, theme, place, capacity, vegetables) VALUES (?, ?, ?, ?, ?)");
    q.bind(1, row.date);
    q.bind(2, row.theme);
    q.bind(3, row.place);
    if (row.capacity) {
      q.bind(4, *row.capacity);
    } else {
      q.bind(4);
    }
    q.bind(5, row.vegetables);
    q.exec();
    id = store.db().getLastInsertRowid();
  });
  return id;
}

namespace {
constexpr const char* k_workshop_query =
    "SELECT w.id, w.date, w.theme, w.place, w.capacity, w.vegetables, count(a.household_id), "
    "coalesce(sum(a.adults), 0), coalesce(sum(a.children), 0) "
    "FROM workshop w LEFT JOIN workshop_attendance a ON a.workshop_id = w.id ";

WorkshopRow workshop_from(SQLite::Statement& q) {
  WorkshopRow row;
  row.id = q.getColumn(0).getInt64();
  row.date = q.getColumn(1).getString();
  row.theme = q.getColumn(2).getString();
  row.place = q.getColumn(3).getString();
  if (!q.getColumn(4).isNull()) {
    row.capacity = q.getColumn(4).getInt();
  }
  row.vegetables = q.getColumn(5).getString();
  row.households = q.getColumn(6).getInt();
  row.adults = q.getColumn(7).getInt();
  row.children = q.getColumn(8).getInt();
  return row;
}
} // namespace

std::optional<WorkshopRow> find_workshop(Store& store, std::int64_t id) {
  std::optional<WorkshopRow> row;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), std::string(k_workshop_query) + "WHERE w.id = ? GROUP BY w.id");
    q.bind(1, id);
    if (q.executeStep()) {
      row = workshop_from(q);
    }
  });
  return row;
}

std::vector<WorkshopRow> workshops(Store& store) {
  std::vector<WorkshopRow> rows;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), std::string(k_workshop_query) + "GROUP BY w.id ORDER BY w.date, w.id");
    while (q.executeStep()) {
      rows.push_back(workshop_from(q));
    }
  });
  return rows;
}

bool put_attendance(Store& store, std::int64_t workshop_id, std::int64_t household_id, int adults,
                    int children) {
  bool existed = false;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement find(store.db(),
                           "SELECT 1 FROM workshop_attendance WHERE workshop_id = ? AND household_id = ?");
    find.bind(1, workshop_id);
    find.bind(2, household_id);
    existed = find.executeStep();
    SQLite::Statement q(store.db(),
                        "INSERT INTO workshop_attendance (workshop_id, household_id, adults, children) "
                        "VALUES (?, ?, ?, ?) ON CONFLICT (workshop_id, household_id) DO UPDATE SET "
                        "adults = excluded.adults, children = excluded.children");
    q.bind(1, workshop_id);
    q.bind(2, household_id);
    q.bind(3, adults);
    q.bind(4, children);
    q.exec();
  });
  return existed;
}

} // namespace panier::db
