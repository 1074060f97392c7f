#include "panier/domain/pickups.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/domain/allocate.hpp"
#include "panier/io/sheet_reader.hpp"
#include "panier/store/pickups.hpp"

namespace panier {

namespace {

// A column holding a vocabulary word: the value, nullopt when empty, or a problem located at the
// reader's line.
template <typename E>
std::optional<E> word_column(const RowReader& reader, std::size_t column, std::vector<std::string>& problems,
                             bool required = false) {
  const std::string_view value = reader.text(column);
  if (value.empty() && !required) {
    return std::nullopt;
  }
  const auto word = read_word<E>(value);
  if (!word) {
    problems.push_back(reader.where(column, trf("{} is not one of: {}", quoted(value), words_offered<E>())));
  }
  return word;
}

// The columns of a pickups file, then those of a sign-in sheet (panier deliver's sheets).
enum : std::size_t { household, status_column, paid, method, outcome, week_column, point, amount };
constexpr InputColumn k_columns[] = {{"household", true}, {"status", true},      {"paid_eur", false},
                                     {"method", false},   {"outcome", false},    {"week", false},
                                     {"point", false},    {"amount_eur", false}, {"name", false},
                                     {"phone", false},    {"size", false}};

// One line of the file, with the problems that are its own.
// `seen`: each household met so far, and where ("line 3", or "row 3 of sheet "ccas"").
PickupInput read_pickup_line(const RowReader& reader, const std::string& here,
                             std::map<std::string, std::string>& seen, std::vector<std::string>& problems) {
  PickupInput in;
  in.place = reader.place();
  in.household = reader.text(household);
  if (in.household.empty()) {
    problems.push_back(reader.where(household, "missing value"));
  } else if (const auto [it, fresh] = seen.emplace(in.household, here); !fresh) {
    problems.push_back(
        reader.where(household, trf("household {} is already on {}", quoted(in.household), it->second)));
  }
  const bool sheet = reader.has_column(amount);
  if (sheet && reader.text(status_column).empty() && reader.text(paid).empty() &&
      reader.text(method).empty() && reader.text(outcome).empty()) {
    in.blank = true;
    return in;
  }
  const auto status = word_column<PickupStatus>(reader, status_column, problems, true);
  in.status = status.value_or(PickupStatus::collected);
  in.paid = collect_problems(problems, Cents{0}, [&] {
    const auto given = reader.money(paid);
    if (!given && sheet && counts_as_collected(in.status)) {
      return reader.money(amount).value_or(0);
    }
    return given.value_or(0);
  });
  if (in.paid < 0) {
    problems.push_back(reader.where(paid, trf("{} is negative", reader.text(paid))));
  }
  in.method = word_column<PaymentMethod>(reader, method, problems);
  in.outcome = word_column<Outcome>(reader, outcome, problems);
  if (in.outcome && status && counts_as_collected(*status)) {
    problems.push_back(
        reader.where(outcome, "says what became of an uncollected basket, not of a collected one"));
  }
  in.week = collect_problems(problems, std::optional<Week>{}, [&] { return reader.week(week_column); });
  in.point = reader.text(point);
  return in;
}

// Writes the file's pickups; the lines whose household has no basket that week are problems.
void write_pickups(Store& store, const Config& config, Week week, const Allocation& allocation,
                   const PickupFile& pickups, std::map<std::int64_t, db::PickupRow>& existing, Date today,
                   RecordResult& result) {
  std::map<std::string, const AllocationRow*> by_code;
  for (const auto& r : allocation.rows) {
    by_code[r.household] = &r;
  }
  Diagnostics problems;
  for (const auto& message : pickups.problems) {
    problems.add(message);
  }
  for (const auto& in : pickups.inputs) {
    if (!in.valid) {
      continue;
    }
    if (in.week && *in.week != week) {
      problems.add(in.place.locate(trf("this line is for {}, not {} (a sheet of another week?)",
                                       in.week->to_string(), week.to_string())));
      continue;
    }
    if (in.blank) {
      ++result.blank;
      continue;
    }
    const auto it = by_code.find(in.household);
    if (it == by_code.end()) {
      problems.add(
          in.place.locate(trf("household {} has no basket in {}", quoted(in.household), week.to_string())));
      continue;
    }
    if (it->second->shortfall) {
      problems.add(in.place.locate(trf("household \"{}\" went without in {} (shortfall): there is "
                                       "no pickup to record",
                                       in.household, week.to_string())));
      continue;
    }
    if (!in.point.empty() && in.point != it->second->point) {
      problems.add(in.place.locate(trf("household {} collects at {} in {}, not at {}", quoted(in.household),
                                       it->second->point, week.to_string(), quoted(in.point))));
      continue;
    }
    db::PickupRow row{it->second->enrolment_id, in.status, in.paid, in.method, in.outcome};
    if (uncollected(in.status) && !row.outcome) {
      row.outcome = config.pickups.uncollected_outcome;
    }
    const auto old = existing.find(row.enrolment_id);
    if (old != existing.end() && old->second == row) {
      ++result.unchanged;
      continue;
    }
    db::put_pickup(store, week, row, old != existing.end() ? &old->second : nullptr, today.to_string());
    (old != existing.end() ? result.updated : result.added) += 1;
    existing[row.enrolment_id] = row;
  }
  problems.throw_if_any(ExitCode::data);
}

// --rest missed: every basket still unrecorded is missed.
void mark_rest_missed(Store& store, const Config& config, Week week, const Allocation& allocation,
                      std::map<std::int64_t, db::PickupRow>& existing, Date today, RecordResult& result) {
  for (const auto& r : allocation.rows) {
    if (!r.shortfall && !existing.contains(r.enrolment_id)) {
      db::PickupRow row{r.enrolment_id, PickupStatus::missed, 0, std::nullopt,
                        config.pickups.uncollected_outcome};
      db::put_pickup(store, week, row, nullptr, today.to_string());
      existing[r.enrolment_id] = row;
      ++result.rest;
    }
  }
}

// Per point, in configuration order: baskets, what was recorded, what is owed and was paid.
std::vector<PointReconciliation> reconcile(const Config& config, const Allocation& allocation,
                                           const std::map<std::int64_t, db::PickupRow>& existing) {
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
    const PickupStatus status = pickup->second.status;
    const Scheme* scheme = config.find_scheme(r.scheme);
    if (owed(status, scheme != nullptr && scheme->charge_missed)) {
      p.expected += r.contribution;
    }
    switch (status) {
    case PickupStatus::collected:
    case PickupStatus::proxy: ++p.collected; break;
    case PickupStatus::missed: ++p.missed; break;
    case PickupStatus::cancelled: ++p.cancelled; break;
    }
    p.paid += pickup->second.paid_cents;
  }
  std::vector<PointReconciliation> list;
  for (auto& [rank, p] : points) {
    list.push_back(std::move(p));
  }
  return list;
}

// Households that have now missed followup_after pickups in a row.
std::vector<std::pair<std::string, int>> to_follow_up(Store& store, const Config& config, Week week,
                                                      const Allocation& allocation,
                                                      const std::map<std::int64_t, db::PickupRow>& existing) {
  std::map<std::string, std::vector<std::optional<PickupStatus>>> statuses; // code -> oldest first
  for (const auto& h : db::basket_history(store)) {
    if (h.week <= week.to_string()) {
      statuses[h.household].push_back(h.status);
    }
  }
  std::vector<std::pair<std::string, int>> followup;
  for (const auto& r : allocation.rows) {
    const auto pickup = existing.find(r.enrolment_id);
    if (r.shortfall || pickup == existing.end() || pickup->second.status != PickupStatus::missed) {
      continue;
    }
    const int in_a_row = missed_in_a_row(statuses[r.household]);
    if (in_a_row >= config.pickups.followup_after) {
      followup.emplace_back(r.household, in_a_row);
    }
  }
  return followup;
}

} // namespace

PickupFile read_pickups(const std::string& path, const ReadOptions& options) {
  // A workbook of several sheets and no --sheet (sheets.xlsx as deliver wrote it, a tab per
  // point): every sheet is read, so that no point's pickups are left out unseen.
  std::vector<std::string> tabs{options.sheet};
  if (options.sheet.empty() && is_workbook(path)) {
    if (auto names = workbook_sheets(path); names.size() > 1) {
      tabs = std::move(names);
    }
  }
  PickupFile file;
  std::map<std::string, std::string> seen;
  for (const auto& tab : tabs) {
    ReadOptions one = options;
    one.sheet = tab;
    const auto rows = open_rows(path, one);
    RowReader& reader = *rows;
    reader.read_header(k_columns);
    while (reader.next()) {
      const std::string here = tabs.size() > 1
                                   ? trf("{} of sheet \"{}\"", reader.record_name(reader.line()), tab)
                                   : reader.record_name(reader.line());
      std::vector<std::string> problems;
      PickupInput in = read_pickup_line(reader, here, seen, problems);
      in.valid = problems.empty();
      for (auto& message : problems) {
        file.problems.push_back(std::move(message));
      }
      file.inputs.push_back(std::move(in));
    }
  }
  return file;
}

Date delivery_day(const Config& config, Week week) { return week.day(config.calendar.delivery_weekday); }

RecordResult record_pickups(Store& store, const Config& config, Week week, const PickupFile& pickups,
                            bool rest_missed, Date today, bool force) {
  const Date delivered = delivery_day(config, week);
  if (today < delivered && !force) {
    throw Error(ExitCode::data,
                trf("{} is delivered on {}, after today ({}): its pickups are recorded once the "
                    "baskets have reached the points (--force records them anyway)",
                    week.to_string(), delivered.to_string(), today.to_string()));
  }
  RecordResult result;
  store.write([&] {
    if (today < delivered) {
      db::log_operation(
          store, week, today.to_string(),
          fmt::format("pickups recorded before the delivery day ({}) with --force", delivered.to_string()));
    }
    const Allocation allocation = allocated_week(store, week);
    auto existing = db::pickups_of(store, week);
    write_pickups(store, config, week, allocation, pickups, existing, today, result);
    if (rest_missed) {
      mark_rest_missed(store, config, week, allocation, existing, today, result);
    }
    result.points = reconcile(config, allocation, existing);
    result.followup = to_follow_up(store, config, week, allocation, existing);
  });
  return result;
}

int undo_pickups(Store& store, Week week, const std::vector<std::string>& households, Date today) {
  int removed = 0;
  store.write([&] {
    const Allocation allocation = allocated_week(store, week);
    std::vector<std::int64_t> enrolments;
    Diagnostics problems;
    for (const auto& code : households) {
      const auto it = std::find_if(allocation.rows.begin(), allocation.rows.end(),
                                   [&](const AllocationRow& r) { return r.household == code; });
      if (it == allocation.rows.end()) {
        problems.add(trf("household {} has no basket in {}", quoted(code), week.to_string()));
      } else {
        enrolments.push_back(it->enrolment_id);
      }
    }
    problems.throw_if_any(ExitCode::data);
    removed = db::undo_pickups(store, week, enrolments, today.to_string());
    if (removed > 0) {
      db::log_operation(
          store, week, today.to_string(),
          fmt::format("{} pickup record{} undone (kept in pickup_audit)", removed, removed == 1 ? "" : "s"));
    }
  });
  return removed;
}

std::string undo_advice(Week week) {
  return trf("if they were recorded by mistake, undo them with panier deliver record --week {} --undo",
             week.to_string());
}

int missed_in_a_row(const std::vector<std::optional<PickupStatus>>& statuses) {
  int missed = 0;
  for (auto it = statuses.rbegin(); it != statuses.rend(); ++it) {
    if (!*it) {
      continue;
    }
    if (**it != PickupStatus::missed) {
      break;
    }
    ++missed;
  }
  return missed;
}

std::vector<Balance> balances(Store& store, const Config& config) {
  std::map<std::string, Balance> by_code;
  for (const auto& h : db::basket_history(store)) {
    if (!h.status) {
      continue;
    }
    Balance& b = by_code[h.household];
    b.household = h.household;
    const Scheme* scheme = config.find_scheme(h.scheme);
    if (owed(*h.status, scheme != nullptr && scheme->charge_missed)) {
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
