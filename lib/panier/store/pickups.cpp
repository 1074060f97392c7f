#include "panier/store/pickups.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace panier::db {

std::map<std::int64_t, PickupRow> pickups_of(Store& store, Week week) {
  std::map<std::int64_t, PickupRow> rows;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(
        store.db(), "SELECT enrolment_id, status, paid_cents, method, outcome FROM pickup WHERE week = ?");
    q.bind(1, week.to_string());
    while (q.executeStep()) {
      const std::string& path = store.path();
      PickupRow r{q.getColumn(0).getInt64(), stored_word<PickupStatus>(path, q.getColumn(1).getText()),
                  q.getColumn(2).getInt64(),
                  stored_optional_word<PaymentMethod>(path, q.getColumn(3).getText()),
                  stored_optional_word<Outcome>(path, q.getColumn(4).getText())};
      rows.emplace(r.enrolment_id, std::move(r));
    }
  });
  return rows;
}

void put_pickup(Store& store, Week week, const PickupRow& row, const PickupRow* earlier,
                const std::string& today) {
  translate_sqlite_errors(store.path(), [&] {
    auto& db = store.db();
    const std::string w = week.to_string();
    if (earlier != nullptr) {
      SQLite::Statement audit(
          db, "INSERT INTO pickup_audit (week, enrolment_id, status, paid_cents, method, outcome, "
              "replaced_on) VALUES (?, ?, ?, ?, ?, ?, ?)");
      audit.bind(1, w);
      audit.bind(2, earlier->enrolment_id);
      audit.bind(3, std::string(text(earlier->status)));
      audit.bind(4, earlier->paid_cents);
      audit.bind(5, std::string(optional_text(earlier->method)));
      audit.bind(6, std::string(optional_text(earlier->outcome)));
      audit.bind(7, today);
      audit.exec();
    }
    SQLite::Statement q(
        db, "INSERT INTO pickup (week, enrolment_id, status, paid_cents, method, outcome) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (week, enrolment_id) DO UPDATE SET "
            "status = excluded.status, paid_cents = excluded.paid_cents, method = excluded.method, "
            "outcome = excluded.outcome");
    q.bind(1, w);
    q.bind(2, row.enrolment_id);
    q.bind(3, std::string(text(row.status)));
    q.bind(4, row.paid_cents);
    q.bind(5, std::string(optional_text(row.method)));
    q.bind(6, std::string(optional_text(row.outcome)));
    q.exec();
  });
}

int undo_pickups(Store& store, Week week, const std::vector<std::int64_t>& enrolments,
                 const std::string& today) {
  int removed = 0;
  translate_sqlite_errors(store.path(), [&] {
    auto& db = store.db();
    auto undo = [&](const std::optional<std::int64_t> enrolment) {
      const std::string which = enrolment ? " AND enrolment_id = ?" : "";
      SQLite::Statement audit(db,
                              "INSERT INTO pickup_audit (week, enrolment_id, status, paid_cents, method, "
                              "outcome, replaced_on, action) SELECT week, enrolment_id, status, paid_cents, "
                              "method, outcome, ?, 'undone' FROM pickup WHERE week = ?" +
                                  which + " ORDER BY enrolment_id");
      audit.bind(1, today);
      audit.bind(2, week.to_string());
      SQLite::Statement remove(db, "DELETE FROM pickup WHERE week = ?" + which);
      remove.bind(1, week.to_string());
      if (enrolment) {
        audit.bind(3, *enrolment);
        remove.bind(2, *enrolment);
      }
      audit.exec();
      removed += remove.exec();
    };
    if (enrolments.empty()) {
      undo(std::nullopt);
    }
    for (const std::int64_t id : enrolments) {
      undo(id);
    }
  });
  return removed;
}

void log_operation(Store& store, Week week, const std::string& today, const std::string& what) {
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), "INSERT INTO operation_log (on_date, week, what) VALUES (?, ?, ?)");
    q.bind(1, today);
    q.bind(2, week.to_string());
    q.bind(3, what);
    q.exec();
  });
}

std::vector<BasketHistory> basket_history(Store& store) {
  std::vector<BasketHistory> rows;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(),
                        "SELECT a.household_id, h.code, a.scheme, a.week, a.contribution_cents, "
                        "coalesce(p.status, ''), coalesce(p.paid_cents, 0) FROM allocation a "
                        "JOIN household h ON h.id = a.household_id "
                        "LEFT JOIN pickup p ON p.week = a.week AND p.enrolment_id = a.enrolment_id "
                        "WHERE a.status = 'basket' ORDER BY a.week, h.code");
    while (q.executeStep()) {
      rows.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                      q.getColumn(3).getString(), q.getColumn(4).getInt64(),
                      stored_optional_word<PickupStatus>(store.path(), q.getColumn(5).getText()),
                      q.getColumn(6).getInt64()});
    }
  });
  return rows;
}

} // namespace panier::db
