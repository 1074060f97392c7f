#include "panier/store/feedback.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace panier::db {

std::set<std::string> basket_vegetables(Store& store, const std::string& week, std::int64_t household_id) {
  std::set<std::string> vegetables;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), "SELECT DISTINCT i.vegetable FROM allocation a JOIN plan_item i "
                                    "ON i.week = a.week AND i.size = a.size "
                                    "WHERE a.week = ? AND a.household_id = ? AND a.status = 'basket'");
    q.bind(1, week);
    q.bind(2, household_id);
    while (q.executeStep()) {
      vegetables.insert(q.getColumn(0).getString());
    }
  });
  return vegetables;
}

Put put_feedback(Store& store, const FeedbackRow& row) {
  Put result = Put::added;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement existing(store.db(), "SELECT cooked, liked FROM feedback "
                                           "WHERE week = ? AND household_id = ? AND vegetable = ?");
    existing.bind(1, row.week);
    existing.bind(2, row.household_id);
    existing.bind(3, row.vegetable);
    if (existing.executeStep()) {
      const bool cooked = existing.getColumn(0).getInt() != 0;
      const std::optional<bool> liked = existing.getColumn(1).isNull()
                                            ? std::nullopt
                                            : std::optional<bool>(existing.getColumn(1).getInt() != 0);
      if (cooked == row.cooked && liked == row.liked) {
        result = Put::unchanged;
        return;
      }
      result = Put::updated;
    }
    SQLite::Statement put(store.db(), "INSERT INTO feedback (week, household_id, vegetable, cooked, liked) "
                                      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (week, household_id, vegetable) "
                                      "DO UPDATE SET cooked = excluded.cooked, liked = excluded.liked");
    put.bind(1, row.week);
    put.bind(2, row.household_id);
    put.bind(3, row.vegetable);
    put.bind(4, row.cooked ? 1 : 0);
    if (row.liked) {
      put.bind(5, *row.liked ? 1 : 0);
    } else {
      put.bind(5);
    }
    put.exec();
  });
  return result;
}

std::map<std::string, FeedbackTally> feedback_tallies(Store& store, const std::string& before_week) {
  std::map<std::string, FeedbackTally> tallies;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), "SELECT vegetable, count(*), sum(cooked) FROM feedback WHERE week < ? "
                                    "GROUP BY vegetable");
    q.bind(1, before_week);
    while (q.executeStep()) {
      tallies[q.getColumn(0).getString()] = {q.getColumn(1).getInt64(), q.getColumn(2).getInt64()};
    }
  });
  return tallies;
}

} // namespace panier::db
