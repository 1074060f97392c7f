#include "panier/domain/pickups.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "panier/core/csv.hpp"
#include "panier/core/error.hpp"
#include "panier/domain/allocate.hpp"
#include "panier/store/pickups.hpp"

namespace panier {

PickupFile read_pickups_csv(const std::string& path) {
  static const CsvColumn k_columns[] = {
      {"household", true}, {"status", true}, {"paid_eur", false}, {"method", false}, {"outcome", false}};
  CsvReader reader(path);
  reader.read_header(k_columns);
  PickupFile file;
  file.path = path;
  std::map<std::string, long> seen;
  auto one_of = [](std::string_view value, const auto& list) {
    return std::find(std::begin(list), std::end(list), value) != std::end(list);
  };
  while (reader.next()) {
    PickupInput in;
    in.line = reader.line();
    in.household = reader.text(0);
    in.status = reader.text(1);
    in.method = reader.text(3);
    in.outcome = reader.text(4);
    std::vector<std::string> row;
    if (in.household.empty()) {
      row.push_back(reader.where("column \"household\": missing value"));
    } else if (const auto [it, fresh] = seen.emplace(in.household, in.line); !fresh) {
      row.push_back(
          reader.where(fmt::format("household \"{}\" is already on line {}", in.household, it->second)));
    }
    if (!one_of(in.status, k_pickup_statuses)) {
      row.push_back(reader.where(fmt::format("column \"status\": \"{}\" is not one of: {}", in.status,
                                             fmt::join(k_pickup_statuses, ", "))));
    }
    try {
      in.paid = reader.number(2, 2).value_or(0);
      if (in.paid < 0) {
        row.push_back(reader.where(fmt::format("column \"paid_eur\": {} is negative", reader.text(2))));
      }
    } catch (const Error& e) {
      row.push_back(e.messages().front());
    }
    if (!in.method.empty() && !one_of(in.method, k_payment_methods)) {
      row.push_back(reader.where(fmt::format("column \"method\": \"{}\" is not one of: {}", in.method,
                                             fmt::join(k_payment_methods, ", "))));
    }
    if (!in.outcome.empty()) {
      if (!one_of(in.outcome, k_outcomes)) {
        row.push_back(reader.where(fmt::format("column \"outcome\": \"{}\" is not one of: {}", in.outcome,
                                               fmt::join(k_outcomes, ", "))));
      } else if (in.status == "collected" || in.status == "proxy") {
        row.push_back(reader.where(
            "column \"outcome\": says what became of an uncollected basket, not of a collected one"));
      }
    }
    in.valid = row.empty();
    for (auto& message : row) {
      file.problems.push_back(std::move(message));
    }
    file.inputs.push_back(std::move(in));
  }
  return file;
}

RecordResult record_pickups(Store& store, const Config& config, Week week, const PickupFile& pickups,
                            bool rest_missed, Date today) {
  RecordResult result;
  store.write([&] {
    const Allocation allocation = load_allocation(store, week);
    if (allocation.rows.empty()) {
      throw Error(ExitCode::data, fmt::format("no allocation for {}; run panier allocate --week {}",
                                              week.to_string(), week.to_string()));
    }
    std::map<std::string, const AllocationRow*> by_code;
    for (const auto& r : allocation.rows) {
      by_code[r.household] = &r;
    }
    auto existing = db::pickups_of(store, week);
    Diagnostics problems;
    for (const auto& message : pickups.problems) {
      problems.add(message);
    }
    const std::string& file = pickups.path;
    const std::string on = today.to_string();
    for (const auto& in : pickups.inputs) {
      if (!in.valid) {
        continue;
      }
      const auto it = by_code.find(in.household);
      if (it == by_code.end()) {
        problems.add(
            located(file, in.line,
                    fmt::format("household \"{}\" has no basket in {}", in.household, week.to_string())));
        continue;
      }
      if (it->second->shortfall) {
        problems.add(located(file, in.line,
                             fmt::format("household \"{}\" went without in {} (shortfall): there is "
                                         "no pickup to record",
                                         in.household, week.to_string())));
        continue;
      }
      db::PickupRow row{it->second->enrolment_id, in.status, in.paid, in.method, in.outcome};
      if ((in.status == "missed" || in.status == "cancelled") && row.outcome.empty()) {
        row.outcome = config.pickups.uncollected_outcome;
      }
      const auto old = existing.find(row.enrolment_id);
      if (old != existing.end() && old->second == row) {
        ++result.unchanged;
        continue;
      }
      db::put_pickup(store, week, row, old != existing.end() ? &old->second : nullptr, on);
      (old != existing.end() ? result.updated : result.added) += 1;
      existing[row.enrolment_id] = row;
    }
    problems.throw_if_any(ExitCode::data);
    if (rest_missed) {
      for (const auto& r : allocation.rows) {
        if (!r.shortfall && !existing.contains(r.enrolment_id)) {
          db::PickupRow row{r.enrolment_id, "missed", 0, "", config.pickups.uncollected_outcome};
          db::put_pickup(store, week, row, nullptr, on);
          existing[r.enrolment_id] = row;
          ++result.rest;
        }
      }
    }
    // Reconciliation per point, in configuration order.
    std::map<std::size_t, PointReconciliation> points;
    for (const auto& r : allocation.rows) {
      if (r.shortfall) {
        continue;
      }
      PointReconciliation& p = points[rank_of(config.points, r.point)];
      p.point = r.point;
      ++p.baskets;
      const auto pickup = existing.find(r.enrolment_id);
      if (pickup == existing.end()) {
        ++p.unrecorded;
        continue;
      }
      const std::string& status = pickup->second.status;
      const Scheme* scheme = config.find_scheme(r.scheme);
      if (status == "collected" || status == "proxy") {
        ++p.collected;
        p.expected += r.contribution;
      } else if (status == "missed") {
        ++p.missed;
        if (scheme != nullptr && scheme->charge_missed) {
          p.expected += r.contribution;
        }
      } else {
        ++p.cancelled;
      }
      p.paid += pickup->second.paid_cents;
    }
    for (auto& [rank, p] : points) {
      result.points.push_back(std::move(p));
    }
    // Households that have now missed N pickups in a row.
    std::map<std::string, std::vector<std::string>> statuses; // code -> statuses, oldest first
    for (const auto& h : db::basket_history(store)) {
      if (h.week <= week.to_string()) {
        statuses[h.household].push_back(h.status);
      }
    }
    for (const auto& r : allocation.rows) {
      const auto pickup = existing.find(r.enrolment_id);
      if (r.shortfall || pickup == existing.end() || pickup->second.status != "missed") {
        continue;
      }
      const int in_a_row = missed_in_a_row(statuses[r.household]);
      if (in_a_row >= config.pickups.followup_after) {
        result.followup.emplace_back(r.household, in_a_row);
      }
    }
  });
  return result;
}

int missed_in_a_row(const std::vector<std::string>& statuses) {
  int missed = 0;
  for (auto it = statuses.rbegin(); it != statuses.rend(); ++it) {
    if (it->empty()) {
      continue;
    }
    if (*it != "missed") {
      break;
    }
    ++missed;
  }
  return missed;
}

std::vector<Balance> balances(Store& store, const Config& config) {
  std::map<std::string, Balance> by_code;
  for (const auto& h : db::basket_history(store)) {
    if (h.status.empty()) {
      continue;
    }
    Balance& b = by_code[h.household];
    b.household = h.household;
    const Scheme* scheme = config.find_scheme(h.scheme);
    if (h.status == "collected" || h.status == "proxy" ||
        (h.status == "missed" && scheme != nullptr && scheme->charge_missed)) {
      b.owed += h.contribution_cents;
    }
    b.paid += h.paid_cents;
  }
  std::vector<Balance> list;
  for (auto& [code, b] : by_code) {
    list.push_back(std::move(b));
  }
  return list;
}

} // namespace panier
