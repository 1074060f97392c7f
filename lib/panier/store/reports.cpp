#include "panier/store/reports.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace panier::db {

namespace {

// The allocation rows a report counts: ?1 first week, ?2 last week, ?3 scheme, ?4 point.
constexpr const char* k_where =
    "a.week BETWEEN ?1 AND ?2 AND (?3 = '' OR a.scheme = ?3) AND (?4 = '' OR a.point = ?4)";

void bind(SQLite::Statement& q, const ReportFilter& f) {
  q.bind(1, f.from);
  q.bind(2, f.to);
  q.bind(3, f.scheme);
  q.bind(4, f.point);
}

// The SQL expression of a week's period over `a.week`, its values bound from ?5 on by
// bind_periods: a CASE over the week text (its order is time order).
std::string period_expression(const Periods& periods) {
  if (periods.by_week) {
    return "a.week";
  }
  if (periods.cuts.empty()) {
    return "''";
  }
  if (periods.cuts.size() == 1) {
    return "?5";
  }
  std::string sql = "CASE";
  int parameter = 5;
  for (std::size_t i = periods.cuts.size() - 1; i > 0; --i, parameter += 2) {
    sql += " WHEN a.week >= ?" + std::to_string(parameter) + " THEN ?" + std::to_string(parameter + 1);
  }
  return sql + " ELSE ?" + std::to_string(parameter) + " END";
}

void bind_periods(SQLite::Statement& q, const Periods& periods) {
  if (periods.by_week || periods.cuts.empty()) {
    return;
  }
  int parameter = 5;
  for (std::size_t i = periods.cuts.size() - 1; i > 0; --i, parameter += 2) {
    q.bind(parameter, periods.cuts[i].first);
    q.bind(parameter + 1, periods.cuts[i].second);
  }
  q.bind(parameter, periods.cuts.front().second);
}

std::string text(SQLite::Statement& q, int column) { return q.getColumn(column).getString(); }
std::int64_t number(SQLite::Statement& q, int column) { return q.getColumn(column).getInt64(); }

} // namespace

std::pair<std::string, std::string> allocation_weeks(Store& store) {
  std::pair<std::string, std::string> range;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), "SELECT coalesce((SELECT min(week) FROM allocation), ''), "
                                    "coalesce((SELECT max(week) FROM allocation), '')");
    if (q.executeStep()) {
      range = {text(q, 0), text(q, 1)};
    }
  });
  return range;
}

std::vector<BasketGroup> basket_groups(Store& store, const ReportFilter& filter, const Periods& periods,
                                       bool by_point_size) {
  std::vector<BasketGroup> rows;
  const std::string keys = by_point_size ? "a.scheme, a.point, a.size" : "a.scheme, '', ''";
  // First per household within each group, then the group: households and persons are distinct.
  const std::string sql =
      "WITH per_household AS (SELECT " + period_expression(periods) + " AS period, " + keys +
      ", a.household_id, "
      "sum(a.status = 'basket') AS baskets, "
      "sum(a.status = 'basket' AND p.status = 'collected') AS collected, "
      "sum(a.status = 'basket' AND p.status = 'proxy') AS proxy, "
      "sum(a.status = 'basket' AND p.status = 'missed') AS missed, "
      "sum(a.status = 'basket' AND p.status = 'cancelled') AS cancelled, "
      "sum(a.status = 'shortfall') AS shortfall, "
      "sum(a.status = 'basket' AND p.status IS NULL) AS unrecorded, "
      "sum(CASE WHEN a.status = 'basket' THEN a.value_cents ELSE 0 END) AS value, "
      "sum(CASE WHEN a.status = 'basket' THEN a.contribution_cents ELSE 0 END) AS contribution "
      "FROM allocation a LEFT JOIN pickup p ON p.week = a.week AND p.enrolment_id = a.enrolment_id WHERE " +
      std::string(k_where) +
      " GROUP BY 1, 2, 3, 4, 5) "
      "SELECT g.period, g.scheme, g.point, g.size, sum(g.baskets), sum(g.collected), sum(g.proxy), "
      "sum(g.missed), sum(g.cancelled), sum(g.shortfall), sum(g.unrecorded), sum(g.baskets > 0), "
      "sum(CASE WHEN g.baskets > 0 THEN h.adults + h.children ELSE 0 END), "
      "sum(CASE WHEN g.baskets > 0 THEN h.adults ELSE 0 END), "
      "sum(CASE WHEN g.baskets > 0 THEN h.children ELSE 0 END), sum(g.value), sum(g.contribution) "
      "FROM per_household g JOIN household h ON h.id = g.household_id "
      "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), sql);
    bind(q, filter);
    bind_periods(q, periods);
    while (q.executeStep()) {
      BasketGroup g;
      g.period = text(q, 0);
      g.scheme = text(q, 1);
      g.point = text(q, 2);
      g.size = text(q, 3);
      g.baskets = number(q, 4);
      g.collected = number(q, 5);
      g.proxy = number(q, 6);
      g.missed = number(q, 7);
      g.cancelled = number(q, 8);
      g.shortfall = number(q, 9);
      g.unrecorded = number(q, 10);
      g.households = number(q, 11);
      g.persons = number(q, 12);
      g.adults = number(q, 13);
      g.children = number(q, 14);
      g.value_cents = number(q, 15);
      g.contribution_cents = number(q, 16);
      rows.push_back(std::move(g));
    }
  });
  return rows;
}

std::vector<AppropriationGroup> appropriation_groups(Store& store, const ReportFilter& filter,
                                                     const Periods& periods, bool by_scheme) {
  std::vector<AppropriationGroup> rows;
  const std::string sql = "SELECT " + period_expression(periods) + ", " + (by_scheme ? "a.scheme" : "''") +
                          ", i.vegetable, count(*), count(f.vegetable), coalesce(sum(f.cooked), 0), "
                          "coalesce(sum(f.liked = 1), 0) FROM allocation a "
                          "JOIN plan_item i ON i.week = a.week AND i.size = a.size "
                          "LEFT JOIN feedback f ON f.week = a.week AND f.household_id = a.household_id AND "
                          "f.vegetable = i.vegetable WHERE a.status = 'basket' AND " +
                          std::string(k_where) + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), sql);
    bind(q, filter);
    bind_periods(q, periods);
    while (q.executeStep()) {
      rows.push_back(
          {text(q, 0), text(q, 1), text(q, 2), number(q, 3), number(q, 4), number(q, 5), number(q, 6)});
    }
  });
  return rows;
}

std::vector<FeedbackFacts> feedback_facts(Store& store, const ReportFilter& filter) {
  std::vector<FeedbackFacts> rows;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(),
                        "SELECT f.week, f.vegetable, EXISTS (SELECT 1 FROM workshop_attendance w WHERE "
                        "w.household_id = f.household_id), count(*), sum(f.cooked) FROM feedback f "
                        "JOIN allocation a ON a.week = f.week AND a.household_id = f.household_id "
                        "WHERE a.status = 'basket' AND " +
                            std::string(k_where) + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    bind(q, filter);
    while (q.executeStep()) {
      rows.push_back({text(q, 0), text(q, 1), number(q, 2) != 0, number(q, 3), number(q, 4)});
    }
  });
  return rows;
}

std::vector<HouseholdGroup> household_groups(Store& store, const ReportFilter& filter,
                                             const Periods& periods) {
  std::vector<HouseholdGroup> rows;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(),
                        "SELECT " + period_expression(periods) +
                            ", a.scheme, a.household_id, count(*), "
                            "sum(p.status = 'collected' OR p.status = 'proxy'), sum(a.value_cents), "
                            "sum(a.contribution_cents) FROM allocation a LEFT JOIN pickup p ON "
                            "p.week = a.week AND p.enrolment_id = a.enrolment_id "
                            "WHERE a.status = 'basket' AND " +
                            std::string(k_where) + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    bind(q, filter);
    bind_periods(q, periods);
    while (q.executeStep()) {
      rows.push_back(
          {text(q, 0), text(q, 1), number(q, 2), number(q, 3), number(q, 4), number(q, 5), number(q, 6)});
    }
  });
  return rows;
}

std::vector<FundingWeek> funding_weeks(Store& store, const ReportFilter& filter) {
  std::vector<FundingWeek> rows;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(),
                        "SELECT a.week, f.funder, a.scheme, sum(f.amount_cents <> 0), sum(f.amount_cents) "
                        "FROM allocation a JOIN allocation_funding f ON f.week = a.week AND "
                        "f.enrolment_id = a.enrolment_id WHERE a.status = 'basket' AND " +
                            std::string(k_where) + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    bind(q, filter);
    while (q.executeStep()) {
      rows.push_back({text(q, 0), text(q, 1), text(q, 2), number(q, 3), number(q, 4)});
    }
  });
  return rows;
}

std::vector<BasketCount> basket_counts(Store& store, const ReportFilter& filter) {
  std::vector<BasketCount> rows;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), "SELECT a.week, a.scheme, a.size, count(*) FROM allocation a "
                                    "WHERE a.status = 'basket' AND " +
                                        std::string(k_where) + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    bind(q, filter);
    while (q.executeStep()) {
      rows.push_back({text(q, 0), text(q, 1), text(q, 2), number(q, 3)});
    }
  });
  return rows;
}

std::vector<PlanItem> plan_items(Store& store, const std::string& from, const std::string& to) {
  std::vector<PlanItem> rows;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), "SELECT week, size, vegetable, quantity, price_cents FROM plan_item "
                                    "WHERE week BETWEEN ? AND ? ORDER BY week, size, position");
    q.bind(1, from);
    q.bind(2, to);
    while (q.executeStep()) {
      rows.push_back({text(q, 0), text(q, 1), text(q, 2), number(q, 3), number(q, 4)});
    }
  });
  return rows;
}

std::vector<PickupGroup> pickup_groups(Store& store, const ReportFilter& filter, const Periods& periods) {
  std::vector<PickupGroup> rows;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(
        store.db(),
        "SELECT " + period_expression(periods) +
            ", a.point, a.scheme, count(*), sum(p.status = 'collected'), sum(p.status = 'proxy'), "
            "sum(p.status = 'missed'), sum(p.status = 'cancelled'), sum(p.status IS NULL), "
            "sum(CASE WHEN p.status = 'collected' OR p.status = 'proxy' THEN a.contribution_cents ELSE 0 "
            "END), "
            "sum(CASE WHEN p.status = 'missed' THEN a.contribution_cents ELSE 0 END), "
            "coalesce(sum(p.paid_cents), 0) "
            "FROM allocation a LEFT JOIN pickup p ON p.week = a.week AND p.enrolment_id = a.enrolment_id "
            "WHERE a.status = 'basket' AND " +
            std::string(k_where) + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    bind(q, filter);
    bind_periods(q, periods);
    while (q.executeStep()) {
      PickupGroup g;
      g.period = text(q, 0);
      g.point = text(q, 1);
      g.scheme = text(q, 2);
      g.baskets = number(q, 3);
      g.collected = number(q, 4);
      g.proxy = number(q, 5);
      g.missed = number(q, 6);
      g.cancelled = number(q, 7);
      g.unrecorded = number(q, 8);
      g.contribution_collected = number(q, 9);
      g.contribution_missed = number(q, 10);
      g.paid_cents = number(q, 11);
      rows.push_back(std::move(g));
    }
  });
  return rows;
}

std::vector<EnrolmentGroup> enrolment_groups(Store& store, const ReportFilter& filter,
                                             const Periods& periods) {
  std::vector<EnrolmentGroup> rows;
  translate_sqlite_errors(store.path(), [&] {
    // With one max() in the query, SQLite takes the bare size and point from the row of the last week.
    SQLite::Statement q(
        store.db(),
        "SELECT " + period_expression(periods) +
            ", a.enrolment_id, max(a.week), a.size, a.point, sum(a.status = 'basket'), "
            "sum(a.status = 'basket' AND (p.status = 'collected' OR p.status = 'proxy')), "
            "sum(a.status = 'basket' AND p.status = 'missed'), "
            "sum(CASE WHEN a.status = 'basket' THEN a.contribution_cents ELSE 0 END), "
            "coalesce(sum(p.paid_cents), 0), "
            "sum(CASE WHEN p.status = 'collected' OR p.status = 'proxy' THEN a.contribution_cents ELSE 0 "
            "END), "
            "sum(CASE WHEN p.status = 'missed' THEN a.contribution_cents ELSE 0 END) "
            "FROM allocation a LEFT JOIN pickup p ON p.week = a.week AND p.enrolment_id = a.enrolment_id "
            "WHERE " +
            std::string(k_where) + " GROUP BY 1, 2 ORDER BY 1, 2");
    bind(q, filter);
    bind_periods(q, periods);
    while (q.executeStep()) {
      EnrolmentGroup g;
      g.period = text(q, 0);
      g.enrolment_id = number(q, 1);
      g.size = text(q, 3);
      g.point = text(q, 4);
      g.baskets = number(q, 5);
      g.collected = number(q, 6);
      g.missed = number(q, 7);
      g.contribution_cents = number(q, 8);
      g.paid_cents = number(q, 9);
      g.contribution_collected = number(q, 10);
      g.contribution_missed = number(q, 11);
      rows.push_back(std::move(g));
    }
  });
  return rows;
}

void expiring_enrolments(Store& store, const std::string& from, const std::string& to,
                         const std::function<void(Expiring&)>& visit) {
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), "SELECT e.id, e.renewals, h.code, e.scheme, e.end_week, h.referrer "
                                    "FROM enrolment e JOIN household h ON h.id = e.household_id "
                                    "WHERE e.status = 'active' AND e.end_week BETWEEN ? AND ? "
                                    "ORDER BY e.end_week, h.code, e.scheme");
    q.bind(1, from);
    q.bind(2, to);
    Expiring row;
    while (q.executeStep()) {
      row.enrolment_id = number(q, 0);
      row.renewals = number(q, 1);
      row.household = q.getColumn(2).getText();
      row.scheme = q.getColumn(3).getText();
      row.end_week = q.getColumn(4).getText();
      row.referrer = q.getColumn(5).getText();
      visit(row);
    }
  });
}

std::vector<EnrolmentFacts> enrolment_facts(Store& store) {
  std::vector<EnrolmentFacts> rows;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(),
                        "SELECT e.id, e.household_id, h.code, e.scheme, e.start_week, e.end_week, e.status, "
                        "h.commune, h.referrer, e.renewals, h.adults, h.children FROM enrolment e "
                        "JOIN household h ON h.id = e.household_id ORDER BY h.code, e.scheme, e.start_week");
    while (q.executeStep()) {
      EnrolmentFacts e;
      e.id = number(q, 0);
      e.household_id = number(q, 1);
      e.household = text(q, 2);
      e.scheme = text(q, 3);
      e.start_week = text(q, 4);
      e.end_week = text(q, 5);
      e.status = stored_word<EnrolmentStatus>(store.path(), text(q, 6));
      e.commune = text(q, 7);
      e.referrer = text(q, 8);
      e.renewals = number(q, 9);
      e.adults = number(q, 10);
      e.children = number(q, 11);
      rows.push_back(std::move(e));
    }
  });
  return rows;
}

std::vector<EnrolmentPlace> enrolment_places(Store& store) {
  std::vector<EnrolmentPlace> rows;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), "SELECT enrolment_id, from_week, size, point FROM enrolment_change "
                                    "ORDER BY enrolment_id, from_week");
    while (q.executeStep()) {
      rows.push_back({number(q, 0), text(q, 1), text(q, 2), text(q, 3)});
    }
  });
  return rows;
}

std::vector<WorkshopFacts> workshop_facts(Store& store) {
  std::vector<WorkshopFacts> rows;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(), "SELECT id, date, theme, place, coalesce(capacity, -1), vegetables "
                                    "FROM workshop ORDER BY date, id");
    while (q.executeStep()) {
      rows.push_back({number(q, 0), text(q, 1), text(q, 2), text(q, 3), text(q, 5), number(q, 4)});
    }
  });
  return rows;
}

std::vector<AttendanceFacts> attendance_facts(Store& store) {
  std::vector<AttendanceFacts> rows;
  translate_sqlite_errors(store.path(), [&] {
    SQLite::Statement q(store.db(),
                        "SELECT workshop_id, household_id, adults, children FROM workshop_attendance "
                        "ORDER BY workshop_id, household_id");
    while (q.executeStep()) {
      rows.push_back({number(q, 0), number(q, 1), number(q, 2), number(q, 3)});
    }
  });
  return rows;
}

void pickup_history(Store& store, const std::string& to,
                    const std::function<void(const PickupHistory&)>& visit) {
  translate_sqlite_errors(store.path(), [&] {
    // In the order of the (household_id, week) index: no sort of the whole history.
    SQLite::Statement q(store.db(),
                        "SELECT a.enrolment_id, a.week, a.point, p.status FROM allocation a "
                        "JOIN pickup p ON p.week = a.week AND p.enrolment_id = a.enrolment_id "
                        "WHERE a.status = 'basket' AND a.week <= ? ORDER BY a.household_id, a.week");
    q.bind(1, to);
    PickupHistory row;
    while (q.executeStep()) {
      row.enrolment_id = number(q, 0);
      row.week = q.getColumn(1).getText();
      row.point = q.getColumn(2).getText();
      row.status = stored_word<PickupStatus>(store.path(), q.getColumn(3).getText());
      visit(row);
    }
  });
}

} // namespace panier::db
