#include "panier/store/plan.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace panier::db {

void replace_plan(Store& store, const Plan& plan) {
  translate_sqlite_errors(store.path(), [&] {
    auto& db = store.db();
    const std::string week = plan.week.to_string();
    SQLite::Statement remove(db, "DELETE FROM plan WHERE week = ?");
    remove.bind(1, week);
    remove.exec();
    SQLite::Statement head(db, "INSERT INTO plan (week, status, gap) VALUES (?, ?, ?)");
    head.bind(1, week);
    head.bind(2, std::string(text(plan.status)));
    head.bind(3, plan.gap);
    head.exec();
    SQLite::Statement size(
        db, "INSERT INTO plan_size (week, position, size, due, planned, reference_cents, value_mc, "
            "grams) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement item(db,
                           "INSERT INTO plan_item (week, size, position, vegetable, quantity, price_cents) "
                           "VALUES (?, ?, ?, ?, ?, ?)");
    for (std::size_t s = 0; s < plan.sizes.size(); ++s) {
      const SizePlan& sp = plan.sizes[s];
      size.bind(1, week);
      size.bind(2, static_cast<int>(s));
      size.bind(3, sp.size);
      size.bind(4, sp.due);
      size.bind(5, sp.planned);
      size.bind(6, sp.reference);
      size.bind(7, sp.value_mc);
      size.bind(8, sp.grams);
      size.exec();
      size.reset();
      for (std::size_t i = 0; i < sp.items.size(); ++i) {
        item.bind(1, week);
        item.bind(2, sp.size);
        item.bind(3, static_cast<int>(i));
        item.bind(4, sp.items[i].vegetable);
        item.bind(5, sp.items[i].quantity);
        item.bind(6, sp.items[i].price);
        item.exec();
        item.reset();
      }
    }
    SQLite::Statement stock(
        db, "INSERT INTO plan_stock (week, position, vegetable, available, used, price_cents) "
            "VALUES (?, ?, ?, ?, ?, ?)");
    for (std::size_t k = 0; k < plan.stock.size(); ++k) {
      const Leftover& l = plan.stock[k];
      stock.bind(1, week);
      stock.bind(2, static_cast<int>(k));
      stock.bind(3, l.vegetable);
      stock.bind(4, l.available);
      stock.bind(5, l.used);
      stock.bind(6, l.price);
      stock.exec();
      stock.reset();
    }
  });
}

std::optional<Plan> read_plan(Store& store, Week week) {
  std::optional<Plan> plan;
  translate_sqlite_errors(store.path(), [&] {
    auto& db = store.db();
    const std::string w = week.to_string();
    SQLite::Statement head(db, "SELECT status, gap FROM plan WHERE week = ?");
    head.bind(1, w);
    if (!head.executeStep()) {
      return;
    }
    Plan p;
    p.week = week;
    p.status = stored_word<PlanStatus>(store.path(), head.getColumn(0).getText());
    p.gap = head.getColumn(1).getDouble();
    SQLite::Statement sizes(db, "SELECT size, due, planned, reference_cents, value_mc, grams FROM plan_size "
                                "WHERE week = ? ORDER BY position");
    sizes.bind(1, w);
    while (sizes.executeStep()) {
      SizePlan sp;
      sp.size = sizes.getColumn(0).getString();
      sp.due = sizes.getColumn(1).getInt();
      sp.planned = sizes.getColumn(2).getInt();
      sp.reference = sizes.getColumn(3).getInt64();
      sp.value_mc = sizes.getColumn(4).getInt64();
      sp.grams = sizes.getColumn(5).getInt64();
      p.sizes.push_back(std::move(sp));
    }
    SQLite::Statement items(db, "SELECT size, vegetable, quantity, price_cents FROM plan_item WHERE week = ? "
                                "ORDER BY size, position");
    items.bind(1, w);
    while (items.executeStep()) {
      const std::string size = items.getColumn(0).getString();
      for (auto& sp : p.sizes) {
        if (sp.size == size) {
          const Milli quantity = items.getColumn(2).getInt64();
          const Cents price = items.getColumn(3).getInt64();
          sp.items.push_back({items.getColumn(1).getString(), quantity, price, price * quantity});
        }
      }
    }
    SQLite::Statement stock(db,
                            "SELECT vegetable, available, used, price_cents FROM plan_stock WHERE week = ? "
                            "ORDER BY position");
    stock.bind(1, w);
    while (stock.executeStep()) {
      p.stock.push_back({stock.getColumn(0).getString(), stock.getColumn(1).getInt64(),
                         stock.getColumn(2).getInt64(), stock.getColumn(3).getInt64()});
    }
    plan = std::move(p);
  });
  return plan;
}

std::optional<std::set<std::string>> previous_plan_vegetables(Store& store, Week week) {
  std::optional<std::set<std::string>> vegetables;
  translate_sqlite_errors(store.path(), [&] {
    auto& db = store.db();
    SQLite::Statement latest(db, "SELECT max(week) FROM plan WHERE week < ?");
    latest.bind(1, week.to_string());
    if (!latest.executeStep() || latest.getColumn(0).isNull()) {
      return;
    }
    const std::string previous = latest.getColumn(0).getString();
    SQLite::Statement items(db, "SELECT DISTINCT vegetable FROM plan_item WHERE week = ?");
    items.bind(1, previous);
    std::set<std::string> found;
    while (items.executeStep()) {
      found.insert(items.getColumn(0).getString());
    }
    vegetables = std::move(found);
  });
  return vegetables;
}

int allocated_baskets(Store& store, Week week) {
  int count = 0;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), "SELECT count(*) FROM allocation WHERE week = ?");
    q.bind(1, week.to_string());
    q.executeStep();
    count = q.getColumn(0).getInt();
  });
  return count;
}

} // namespace panier::db
