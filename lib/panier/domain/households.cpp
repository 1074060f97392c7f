#include "panier/domain/households.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <unordered_map>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/identifier.hpp"
#include "panier/store/households.hpp"

namespace panier {

namespace {

using db::ChangeRow;
using db::EnrolmentRow;
using db::HouseholdRow;
using db::HouseholdTables;
using db::IdentityRow;
using db::PauseRow;

// Digits, spaces and + . - ( ), and not a date that landed in the phone column.
bool valid_phone(std::string_view phone) {
  return std::all_of(phone.begin(), phone.end(),
                     [](char c) {
                       return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '.' || c == '-' ||
                              c == '(' || c == ')';
                     }) &&
         (phone.empty() || !Date::parse_any(phone));
}

std::string qf_text(std::int64_t cents) {
  return cents % 100 == 0 ? fmt::format("{}", cents / 100) : format_money(cents);
}

const Scheme& scheme_of(const Config& config, const std::string& id) {
  const Scheme* scheme = config.find_scheme(id);
  if (scheme == nullptr) {
    throw Error(ExitCode::data,
                trf("the database names scheme \"{}\", which the configuration no longer has; "
                    "restore it or run panier check",
                    id));
  }
  return *scheme;
}

HouseholdRow find_household_or_fail(HouseholdTables& tables, const std::string& code) {
  auto row = tables.find_household(code);
  if (!row) {
    throw Error(ExitCode::data, trf("unknown household {}", quoted(code)));
  }
  return *row;
}

// Size and point of an enrolment in `week`: the latest change at or before it (the first one
// when the week is before the enrolment).
const ChangeRow* change_at(const std::vector<ChangeRow>& changes, Week week) {
  const ChangeRow* found = changes.empty() ? nullptr : &changes.front();
  for (const auto& change : changes) {
    if (change.from <= week) {
      found = &change;
    }
  }
  return found;
}

// An enrolment as seen in `week`: size and point as of the week, status "paused" or "ended" when
// the week says so.
EnrolmentView enrolment_view(const HouseholdRow& h, const EnrolmentRow& e,
                             const std::vector<ChangeRow>& changes, std::span<const WeekRange> pauses,
                             Week week) {
  EnrolmentView v;
  v.code = h.code;
  v.household_id = h.id;
  v.enrolment_id = e.id;
  v.scheme = e.scheme;
  if (const ChangeRow* c = change_at(changes, week)) {
    v.size = c->size;
    v.point = c->point;
  }
  v.start = e.start;
  v.end = e.end;
  v.tier = e.tier;
  v.renewals = e.renewals;
  v.exit_reason = e.exit_reason;
  v.adults = h.adults;
  v.children = h.children;
  v.status = week_status(e.status);
  if (e.status == EnrolmentStatus::active) {
    if (week > e.end) {
      v.status = WeekStatus::ended;
    } else if (std::any_of(pauses.begin(), pauses.end(),
                           [&](const WeekRange& p) { return p.contains(week); })) {
      v.status = WeekStatus::paused;
    }
  }
  return v;
}

// Everything about households, loaded once for listings and the due list.
struct Snapshot {
  std::vector<HouseholdRow> households;
  std::unordered_map<std::int64_t, std::size_t> household_index;
  std::vector<EnrolmentRow> enrolments;
  std::unordered_map<std::int64_t, std::vector<ChangeRow>> changes;
  std::unordered_map<std::int64_t, std::vector<WeekRange>> pauses;

  explicit Snapshot(Store& store) {
    HouseholdTables tables(store);
    households = tables.households();
    for (std::size_t i = 0; i < households.size(); ++i) {
      household_index.emplace(households[i].id, i);
    }
    enrolments = tables.enrolments();
    for (auto& change : tables.changes()) {
      changes[change.enrolment_id].push_back(std::move(change));
    }
    for (const auto& pause : tables.pauses()) {
      pauses[pause.household_id].push_back({pause.from, pause.to});
    }
  }

  const HouseholdRow& household(std::int64_t id) const { return households.at(household_index.at(id)); }
  std::span<const WeekRange> pauses_of(std::int64_t household_id) const {
    const auto it = pauses.find(household_id);
    return it == pauses.end() ? std::span<const WeekRange>() : std::span<const WeekRange>(it->second);
  }

  EnrolmentView view(const EnrolmentRow& e, Week week) const {
    static const std::vector<ChangeRow> k_none;
    const auto it = changes.find(e.id);
    return enrolment_view(household(e.household_id), e, it == changes.end() ? k_none : it->second,
                          pauses_of(e.household_id), week);
  }
};

// Households enrolled at once per scheme and week, for schemes with a capacity.
class CapacityCounter {
public:
  CapacityCounter(const Config& config, HouseholdTables& tables) : m_config(config), m_tables(tables) {}

  bool fits(const std::string& scheme_id, WeekRange range) {
    const Scheme& scheme = scheme_of(m_config, scheme_id);
    if (!scheme.capacity) {
      return true;
    }
    load();
    auto& weeks = m_counts[scheme_id];
    for (Week w = range.from; w <= range.to; w = w + 1) {
      const auto it = weeks.find(w.ordinal());
      if (it != weeks.end() && it->second >= *scheme.capacity) {
        return false;
      }
    }
    return true;
  }

  void add(const std::string& scheme_id, WeekRange range, int delta) {
    if (!m_loaded) {
      return; // counted when loaded
    }
    auto& weeks = m_counts[scheme_id];
    for (Week w = range.from; w <= range.to; w = w + 1) {
      weeks[w.ordinal()] += delta;
    }
  }

private:
  void load() {
    if (m_loaded) {
      return;
    }
    m_loaded = true;
    for (const auto& e : m_tables.enrolments()) {
      if (e.status == EnrolmentStatus::active) {
        add(e.scheme, {e.start, e.end}, 1);
      }
    }
  }

  const Config& m_config;
  HouseholdTables& m_tables;
  bool m_loaded = false;
  std::unordered_map<std::string, std::unordered_map<std::int32_t, int>> m_counts;
};

// The enrolment that a one-off command acts on: among `candidates`, the one in `scheme` when
// given; Error(data) when none or several remain.
EnrolmentRow pick_enrolment(std::vector<EnrolmentRow> candidates, const std::string& code,
                            const std::optional<std::string>& scheme, std::string_view what) {
  if (scheme) {
    std::erase_if(candidates, [&](const EnrolmentRow& e) { return e.scheme != *scheme; });
  }
  if (candidates.empty()) {
    throw Error(ExitCode::data, trf("household {} has no {}{}", quoted(code), what,
                                    scheme ? trf(" in scheme \"{}\"", *scheme) : ""));
  }
  if (candidates.size() > 1) {
    std::vector<std::string> schemes;
    for (const auto& e : candidates) {
      schemes.push_back(e.scheme);
    }
    throw Error(ExitCode::data, trf("household {} has enrolments in {}: say which with --scheme",
                                    quoted(code), fmt::join(schemes, " and ")));
  }
  return candidates.front();
}

// Rows of one household must agree with each other, and an enrolment appears once.
void check_consistency(const std::vector<HouseholdInput>& inputs, Diagnostics& problems) {
  std::unordered_map<std::string, const HouseholdInput*> first_row;
  std::map<std::tuple<std::string, std::string, Week>, const HouseholdInput*> keys;
  for (const auto& in : inputs) {
    const auto [it, inserted] = first_row.emplace(in.code, &in);
    if (!inserted) {
      const HouseholdInput& a = *it->second;
      const std::pair<const char*, bool> columns[] = {{"last_name", a.last_name != in.last_name},
                                                      {"first_name", a.first_name != in.first_name},
                                                      {"phone", a.phone != in.phone},
                                                      {"adults", a.adults != in.adults},
                                                      {"children", a.children != in.children},
                                                      {"commune", a.commune != in.commune},
                                                      {"qf", a.qf_cents != in.qf_cents},
                                                      {"qf_date", a.qf_date != in.qf_date},
                                                      {"referrer", a.referrer != in.referrer}};
      for (const auto& [name, differs] : columns) {
        if (differs) {
          problems.add(in.place.locate(
              trf("household {}: column \"{}\" differs from {}", quoted(in.code), name, a.place.name)));
          break;
        }
      }
    }
    const auto [key, fresh] = keys.emplace(std::make_tuple(in.code, in.scheme, in.start), &in);
    if (!fresh) {
      problems.add(
          in.place.locate(trf("household {}: the enrolment in \"{}\" from {} is already on {}",
                              quoted(in.code), in.scheme, in.start.to_string(), key->second->place.name)));
    }
  }
}

std::string make_token(std::mt19937_64& random) {
  return fmt::format("ANON-{:012x}", random() & 0xFFFFFFFFFFFFULL);
}

// The columns of a households file, in the order of k_household_columns.
enum HouseholdColumn {
  code,
  last_name,
  first_name,
  phone,
  adults,
  children,
  commune,
  qf,
  qf_date,
  referrer,
  scheme,
  size,
  point,
  start_week,
  end_week,
  tier
};
const InputColumn k_household_columns[] = {
    {"code", true},     {"last_name", true},  {"first_name", true}, {"phone", false},
    {"adults", true},   {"children", true},   {"commune", true},    {"qf", true},
    {"qf_date", false}, {"referrer", true},   {"scheme", true},     {"size", true},
    {"point", true},    {"start_week", true}, {"end_week", false},  {"tier", false}};

// One row of a households file as an input, with the problems of its cells (not yet validated),
// and whether its start week could be read.
struct HouseholdLine {
  HouseholdInput input;
  bool start_known = false;
};

// A phone number whose leading 0 a spreadsheet dropped (it took "0612345678" for a number):
// nine digits, the first not 0. Spaces and dots between digits are allowed.
bool lost_leading_zero(std::string_view phone) {
  std::size_t digits = 0;
  for (const char c : phone) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ' && c != '.') {
      return false;
    }
  }
  return digits == 9 && phone.front() >= '1' && phone.front() <= '9';
}

HouseholdLine read_household_row(const RowReader& reader, std::vector<std::string>& row_problems,
                                 std::vector<std::string>& warnings) {
  HouseholdInput in;
  in.place = reader.place();
  std::vector<std::string_view> misfits; // typed columns whose value is not of their type
  auto typed = [&](std::size_t column, auto fallback, auto read) {
    const std::size_t before = row_problems.size();
    auto value = collect_problems(row_problems, fallback, read);
    if (row_problems.size() > before && !reader.text(column).empty()) {
      misfits.push_back(k_household_columns[column].name);
    }
    return value;
  };
  auto number = [&](std::size_t column, int scale, std::int64_t fallback) {
    return typed(column, fallback, [&] { return reader.required_number(column, scale); });
  };
  auto week = [&](std::size_t column, bool required) {
    const auto parsed = typed(column, std::optional<Week>(), [&] { return reader.week(column); });
    if (required && reader.text(column).empty()) {
      row_problems.push_back(reader.where(column, "missing value"));
    }
    return parsed;
  };
  in.code = reader.text(code);
  in.last_name = reader.text(last_name);
  in.first_name = reader.text(first_name);
  if (reader.has_column(phone)) {
    in.phone = reader.text(phone);
    if (lost_leading_zero(*in.phone)) {
      in.phone = "0" + *in.phone;
      warnings.push_back(reader.where(phone, "9 digits: the leading 0 a spreadsheet drops was put back"));
    }
  }
  in.adults = static_cast<int>(std::clamp<std::int64_t>(number(adults, 0, 1), -1, 1000));
  in.children = static_cast<int>(std::clamp<std::int64_t>(number(children, 0, 0), -1, 1000));
  in.commune = reader.text(commune);
  in.qf_cents = number(qf, 2, 0);
  if (reader.has_column(qf_date)) {
    const auto date = typed(qf_date, std::optional<Date>(), [&] { return reader.date(qf_date); });
    in.qf_date = date ? date->to_string() : std::string(); // a bad date is already reported
  }
  in.referrer = reader.text(referrer);
  in.scheme = reader.text(scheme);
  in.size = reader.text(size);
  in.point = reader.text(point);
  in.tier = reader.text(tier);
  const auto start = week(start_week, true);
  in.end = week(end_week, false);
  if (start) {
    in.start = *start;
  }
  if (misfits.size() >= 2) {
    // What a spreadsheet does when a column is inserted, deleted or moved.
    std::vector<std::string_view> expected;
    for (const auto& c : k_household_columns) {
      expected.push_back(c.name);
    }
    row_problems.push_back(reader.where(
        trf("the values of {} columns do not fit them ({}): the columns look shifted or swapped; the "
            "header expected is {}",
            misfits.size(), fmt::join(misfits, ", "), fmt::join(expected, ","))));
  }
  return {std::move(in), start.has_value()};
}

// A validation problem located at the cell of its field (else at the row).
std::string locate_validation(const RowReader& reader, const FieldProblem& problem) {
  for (std::size_t i = 0; i < std::size(k_household_columns); ++i) {
    if (problem.field == k_household_columns[i].name) {
      return reader.where(i, problem.message);
    }
  }
  return reader.where(problem.message);
}

} // namespace

// Long on purpose: one check per field, in the order of the file's columns.
std::vector<FieldProblem> validate_household(HouseholdInput& in, const Config& config, Date today,
                                             bool start_known) {
  std::vector<FieldProblem> problems;
  auto problem = [&](std::string field, std::string message) {
    problems.push_back({std::move(field), std::move(message)});
  };
  if (in.code.empty()) {
    problem("code", "missing value");
  } else if (!is_identifier(in.code)) {
    problem("code", trf("{} is not a code ({})", quoted(in.code), k_identifier_rule));
  }
  if (in.last_name.empty()) problem("last_name", "missing value");
  if (in.first_name.empty()) problem("first_name", "missing value");
  if (!valid_phone(in.phone.value_or("")))
    problem("phone", "not a phone number (digits, spaces and + . - ( ) only)");
  if (in.adults < 1 || in.adults > 20) problem("adults", trf("{} is out of range (1 to 20)", in.adults));
  if (in.children < 0 || in.children > 20) {
    problem("children", trf("{} is out of range (0 to 20)", in.children));
  }
  if (in.commune.empty()) problem("commune", "missing value");
  if (in.referrer.empty()) problem("referrer", "missing value");
  if (in.qf_cents < 0 || in.qf_cents > 10000000) {
    problem("qf", trf("{} is out of range (0 to 100000)", qf_text(in.qf_cents)));
  }
  if (in.qf_date && !in.qf_date->empty()) {
    const auto date = Date::parse_any(*in.qf_date);
    if (!date) {
      problem("qf_date", trf("{} is not a date (DD/MM/YYYY or YYYY-MM-DD)", quoted(*in.qf_date)));
    } else if (*date > today) {
      problem("qf_date", trf("{} is in the future", date->to_string()));
    } else {
      in.qf_date = date->to_string();
    }
  }
  if (config.find_size(in.size) == nullptr) {
    problem("size", trf("unknown size {}", quoted(in.size)));
  }
  if (config.find_point(in.point) == nullptr) {
    problem("point", trf("unknown point {}", quoted(in.point)));
  }
  const Scheme* scheme = config.find_scheme(in.scheme);
  if (scheme == nullptr) {
    problem("scheme", trf("unknown scheme {}", quoted(in.scheme)));
    return problems;
  }
  if (!start_known) {
    // The checks below need the start week.
  } else if (!in.end) {
    in.end = in.start + (scheme->weeks - 1);
  } else if (*in.end < in.start) {
    problem("end_week", trf("{} is before the start week {}", in.end->to_string(), in.start.to_string()));
  }
  if (scheme->qf_ceiling && in.qf_cents > *scheme->qf_ceiling * 100) {
    problem("qf", trf("{} is above the ceiling of scheme \"{}\" ({})", qf_text(in.qf_cents), scheme->id,
                      *scheme->qf_ceiling));
  } else if (in.tier.empty()) {
    // Tiers are in whole euros: a QF of 500.40 is above a tier ending at 500.
    const auto euros_up = (in.qf_cents + 99) / 100;
    if (const Tier* tier = scheme->tier_for(euros_up)) {
      in.tier = tier->name;
    } else {
      problem("qf", trf("{} is above every tier of scheme \"{}\"", qf_text(in.qf_cents), scheme->id));
    }
  } else if (scheme->find_tier(in.tier) == nullptr) {
    problem("tier", trf("unknown tier {} in scheme \"{}\"", quoted(in.tier), scheme->id));
  }
  return problems;
}

HouseholdFile read_households(const std::string& path, const ReadOptions& options, const Config& config,
                              Date today) {
  const auto rows = open_rows(path, options);
  RowReader& reader = *rows;
  reader.read_header(k_household_columns);
  HouseholdFile file;
  Diagnostics problems;
  while (reader.next()) {
    std::vector<std::string> row_problems;
    auto [in, start_known] = read_household_row(reader, row_problems, file.warnings);
    for (const auto& problem : validate_household(in, config, today, start_known)) {
      row_problems.push_back(locate_validation(reader, problem));
    }
    for (auto& message : row_problems) {
      problems.add(std::move(message));
    }
    file.inputs.push_back(std::move(in));
  }
  check_consistency(file.inputs, problems);
  problems.throw_if_any(ExitCode::data);
  return file;
}

namespace {

// One import's work inside its transaction: households first seen on their first row, then
// each row's enrolment (identified by household, scheme and requested start week).
class Importer {
public:
  Importer(Store& store, const Config& config, Date today)
      : m_tables(store), m_capacity(config, m_tables), m_today(today.to_string()) {}

  void row(const HouseholdInput& in) {
    auto known = m_ids.find(in.code);
    if (known == m_ids.end()) {
      known = m_ids.emplace(in.code, household(in)).first;
    }
    const std::int64_t household_id = known->second;
    const auto fresh = m_created.find(household_id);
    const auto enrolments = fresh != m_created.end() ? fresh->second : m_tables.enrolments_of(household_id);
    const auto same_key = std::find_if(enrolments.begin(), enrolments.end(), [&](const EnrolmentRow& e) {
      return e.scheme == in.scheme && e.requested_start == in.start;
    });
    if (same_key != enrolments.end()) {
      update_enrolment(*same_key, in);
    } else if (auto e = new_enrolment(enrolments, household_id, in)) {
      if (fresh != m_created.end()) {
        fresh->second.push_back(*e);
      }
    }
  }

  ImportSummary summary;
  Diagnostics problems;

private:
  // Adds or updates the household and its identity; returns its id.
  std::int64_t household(const HouseholdInput& in) {
    HouseholdRow row;
    row.code = in.code;
    row.adults = in.adults;
    row.children = in.children;
    row.commune = in.commune;
    row.qf_cents = in.qf_cents;
    row.qf_date = in.qf_date.value_or("");
    row.referrer = in.referrer;
    row.last_contact = m_today;
    IdentityRow identity{in.last_name, in.first_name, in.phone.value_or("")};
    const auto existing = m_tables.find_household(in.code);
    if (!existing) {
      row.id = m_tables.insert_household(row);
      m_tables.put_identity(row.id, identity);
      m_created[row.id];
      ++summary.households_new;
      return row.id;
    }
    row.id = existing->id;
    const auto known_identity = m_tables.identity(row.id);
    if (!in.qf_date) {
      row.qf_date = existing->qf_date; // not in the file: kept
    }
    if (!in.phone && known_identity) {
      identity.phone = known_identity->phone;
    }
    const bool same = existing->adults == row.adults && existing->children == row.children &&
                      existing->commune == row.commune && existing->qf_cents == row.qf_cents &&
                      existing->qf_date == row.qf_date && existing->referrer == row.referrer &&
                      known_identity == std::optional<IdentityRow>(identity);
    if (same) {
      ++summary.households_unchanged;
    } else {
      row.last_contact = std::max(existing->last_contact, m_today);
      m_tables.update_household(row);
      m_tables.put_identity(row.id, identity);
      ++summary.households_updated;
    }
    return row.id;
  }

  // The row names an enrolment already stored: its end, tier, size and point follow the file
  // (an ended enrolment stays as it is).
  void update_enrolment(EnrolmentRow e, const HouseholdInput& in) {
    const auto changes = m_tables.changes_of(e.id);
    const ChangeRow* base = changes.empty() ? nullptr : &changes.front();
    const bool same = e.end == *in.end && e.tier == in.tier && base != nullptr && base->size == in.size &&
                      base->point == in.point;
    if (same || e.status == EnrolmentStatus::ended) {
      ++summary.enrolments_unchanged;
      return;
    }
    if (e.status == EnrolmentStatus::active) {
      m_capacity.add(e.scheme, {e.start, e.end}, -1);
    }
    e.end = *in.end;
    e.tier = in.tier;
    m_tables.update_enrolment(e);
    if (e.status == EnrolmentStatus::active) {
      m_capacity.add(e.scheme, {e.start, e.end}, 1);
    }
    m_tables.put_change({e.id, base != nullptr ? base->from : e.start, in.size, in.point});
    ++summary.enrolments_updated;
  }

  // A new enrolment, on the waiting list when its scheme is at capacity; nullopt (and a problem)
  // when it overlaps one of the household's in the same scheme.
  std::optional<EnrolmentRow> new_enrolment(const std::vector<EnrolmentRow>& enrolments,
                                            std::int64_t household_id, const HouseholdInput& in) {
    const WeekRange range{in.start, *in.end};
    const auto overlapping = std::find_if(enrolments.begin(), enrolments.end(), [&](const EnrolmentRow& e) {
      return e.scheme == in.scheme && e.status != EnrolmentStatus::ended &&
             WeekRange{e.start, e.end}.overlaps(range);
    });
    if (overlapping != enrolments.end()) {
      const std::string message =
          trf("household {}: overlaps its enrolment in \"{}\" from {} to {}", quoted(in.code), in.scheme,
              overlapping->start.to_string(), overlapping->end.to_string());
      problems.add(in.place.locate(message));
      return std::nullopt;
    }
    EnrolmentRow e;
    e.household_id = household_id;
    e.scheme = in.scheme;
    e.requested_start = in.start;
    e.start = in.start;
    e.end = *in.end;
    e.tier = in.tier;
    e.status = m_capacity.fits(in.scheme, range) ? EnrolmentStatus::active : EnrolmentStatus::waitlisted;
    e.id = m_tables.insert_enrolment(e);
    m_tables.put_change({e.id, e.start, in.size, in.point});
    if (e.status == EnrolmentStatus::active) {
      m_capacity.add(e.scheme, range, 1);
    } else {
      ++summary.waitlisted;
    }
    ++summary.enrolments_new;
    return e;
  }

  HouseholdTables m_tables;
  CapacityCounter m_capacity;
  std::string m_today;
  std::unordered_map<std::string, std::int64_t> m_ids;
  // Enrolments of the households created by this import: no need to ask the database.
  std::unordered_map<std::int64_t, std::vector<EnrolmentRow>> m_created;
};

} // namespace

ImportSummary import_households(Store& store, const Config& config, const std::vector<HouseholdInput>& inputs,
                                Date today, bool dry_run) {
  Diagnostics problems;
  check_consistency(inputs, problems);
  problems.throw_if_any(ExitCode::data);
  ImportSummary summary;
  auto work = [&] {
    Importer importer(store, config, today);
    for (const auto& in : inputs) {
      importer.row(in);
    }
    importer.problems.throw_if_any(ExitCode::data);
    summary = importer.summary;
  };
  if (dry_run) {
    store.rehearse(work);
  } else {
    store.write(work);
  }
  return summary;
}

std::vector<EnrolmentView> list_enrolments(Store& store, Week week, const ListFilter& filter) {
  const Snapshot snapshot(store);
  std::vector<EnrolmentView> views;
  for (const auto& e : snapshot.enrolments) {
    EnrolmentView v = snapshot.view(e, week);
    if ((filter.status && v.status != *filter.status) || (filter.scheme && v.scheme != *filter.scheme) ||
        (filter.point && v.point != *filter.point)) {
      continue;
    }
    views.push_back(std::move(v));
  }
  std::stable_sort(views.begin(), views.end(), [](const EnrolmentView& a, const EnrolmentView& b) {
    return std::tie(a.code, a.start, a.scheme) < std::tie(b.code, b.start, b.scheme);
  });
  return views;
}

std::vector<EnrolmentWeek> enrolment_weeks(Store& store, const Config& config, Week week) {
  const Snapshot snapshot(store);
  std::vector<EnrolmentWeek> weeks;
  for (const auto& e : snapshot.enrolments) {
    if (e.status == EnrolmentStatus::waitlisted) {
      continue;
    }
    const Scheme& scheme = scheme_of(config, e.scheme);
    // An ended enrolment keeps the weeks it had (its end week was moved); only a waiting one has none.
    const Eligibility why = eligibility(week, true, {e.start, e.end}, scheme.rhythm,
                                        snapshot.pauses_of(e.household_id), config.calendar);
    weeks.push_back({snapshot.view(e, week), why});
  }
  auto point_rank = [&](const std::string& id) {
    const Point* p = config.find_point(id);
    return p == nullptr ? config.points.size() : static_cast<std::size_t>(p - config.points.data());
  };
  std::stable_sort(weeks.begin(), weeks.end(), [&](const EnrolmentWeek& a, const EnrolmentWeek& b) {
    const auto ra = point_rank(a.view.point);
    const auto rb = point_rank(b.view.point);
    return std::tie(ra, a.view.code, a.view.scheme) < std::tie(rb, b.view.code, b.view.scheme);
  });
  return weeks;
}

std::vector<EnrolmentView> due_baskets(Store& store, const Config& config, Week week) {
  std::vector<EnrolmentView> due;
  for (auto& w : enrolment_weeks(store, config, week)) {
    if (w.eligibility == Eligibility::due) {
      w.view.status = WeekStatus::due;
      due.push_back(std::move(w.view));
    }
  }
  return due;
}

HouseholdDetails show_household(Store& store, const std::string& code, Week week) {
  HouseholdTables tables(store);
  const HouseholdRow h = find_household_or_fail(tables, code);
  HouseholdDetails d;
  d.code = h.code;
  d.adults = h.adults;
  d.children = h.children;
  d.commune = h.commune;
  d.qf_cents = h.qf_cents;
  d.qf_date = h.qf_date;
  d.referrer = h.referrer;
  d.last_contact = h.last_contact;
  for (const auto& p : tables.pauses_of(h.id)) {
    d.pauses.push_back({p.from, p.to});
  }
  for (const auto& e : tables.enrolments_of(h.id)) {
    const auto changes = tables.changes_of(e.id);
    const EnrolmentView v = enrolment_view(h, e, changes, d.pauses, week);
    d.enrolments.push_back(v);
    for (const auto& c : changes) {
      d.changes.push_back({e.scheme, c.from, c.size, c.point});
    }
  }
  return d;
}

void pause_household(Store& store, const std::string& code, WeekRange range, Date today) {
  if (range.to < range.from) {
    throw Error(ExitCode::usage,
                trf("--to {} is before --from {}", range.to.to_string(), range.from.to_string()));
  }
  store.write([&] {
    HouseholdTables tables(store);
    const HouseholdRow h = find_household_or_fail(tables, code);
    for (const auto& p : tables.pauses_of(h.id)) {
      if (WeekRange{p.from, p.to}.overlaps(range)) {
        throw Error(ExitCode::data, trf("household {} is already paused from {} to {}", quoted(code),
                                        p.from.to_string(), p.to.to_string()));
      }
    }
    const auto enrolments = tables.enrolments_of(h.id);
    if (std::none_of(enrolments.begin(), enrolments.end(), [&](const EnrolmentRow& e) {
          return e.status != EnrolmentStatus::ended && WeekRange{e.start, e.end}.overlaps(range);
        })) {
      throw Error(ExitCode::data, trf("household {} has no enrolment between {} and {}", quoted(code),
                                      range.from.to_string(), range.to.to_string()));
    }
    tables.insert_pause({0, h.id, range.from, range.to});
    tables.touch(h.id, today.to_string());
  });
}

ExitResult exit_household(Store& store, const Config& config, const std::string& code, Week week,
                          const std::string& reason, const std::optional<std::string>& scheme, Date today) {
  if (!parse_word<ExitReason>(reason)) {
    throw Error(ExitCode::usage,
                trf("unknown reason \"{}\" (one of: {})", reason, texts_joined<ExitReason>()));
  }
  ExitResult result;
  store.write([&] {
    HouseholdTables tables(store);
    const HouseholdRow h = find_household_or_fail(tables, code);
    auto candidates = tables.enrolments_of(h.id);
    std::erase_if(candidates,
                  [&](const EnrolmentRow& e) { return e.status == EnrolmentStatus::ended || e.end < week; });
    EnrolmentRow e =
        pick_enrolment(candidates, code, scheme, "enrolment running in or after " + week.to_string());
    const bool was_active = e.status == EnrolmentStatus::active;
    e.end = week - 1;
    e.status = EnrolmentStatus::ended;
    e.exit_week = week;
    e.exit_reason = reason;
    tables.update_enrolment(e);
    tables.touch(h.id, today.to_string());
    result.scheme = e.scheme;
    result.last_week = e.end;
    if (!was_active) {
      return;
    }
    // The freed place goes to the longest-waiting household, from the exit week on.
    CapacityCounter capacity(config, tables);
    for (auto waiting : tables.enrolments()) {
      if (waiting.scheme != e.scheme || waiting.status != EnrolmentStatus::waitlisted) {
        continue;
      }
      const int length = waiting.end - waiting.start;
      const Week start = std::max(waiting.start, week);
      if (!capacity.fits(waiting.scheme, {start, start + length})) {
        break; // first come, first served: nobody overtakes the head of the list
      }
      const auto changes = tables.changes_of(waiting.id);
      waiting.start = start;
      waiting.end = start + length;
      waiting.status = EnrolmentStatus::active;
      tables.update_enrolment(waiting);
      if (!changes.empty() && changes.front().from < start) {
        tables.put_change({waiting.id, start, changes.front().size, changes.front().point});
      }
      for (const auto& other : tables.households()) {
        if (other.id == waiting.household_id) {
          result.promoted = other.code;
        }
      }
      break;
    }
  });
  return result;
}

RenewResult renew_household(Store& store, const Config& config, const std::string& code,
                            const std::optional<std::string>& scheme, Date today) {
  RenewResult result;
  store.write([&] {
    HouseholdTables tables(store);
    const HouseholdRow h = find_household_or_fail(tables, code);
    auto candidates = tables.enrolments_of(h.id);
    std::erase_if(candidates, [](const EnrolmentRow& e) { return e.status != EnrolmentStatus::active; });
    // Of several enrolments in one scheme, the latest is the one to extend.
    std::map<std::string, EnrolmentRow> latest;
    for (const auto& e : candidates) {
      auto [it, inserted] = latest.emplace(e.scheme, e);
      if (!inserted && it->second.end < e.end) {
        it->second = e;
      }
    }
    std::vector<EnrolmentRow> per_scheme;
    for (auto& [id, e] : latest) {
      per_scheme.push_back(e);
    }
    EnrolmentRow e = pick_enrolment(per_scheme, code, scheme, "active enrolment");
    const Scheme& s = scheme_of(config, e.scheme);
    if (e.renewals >= s.max_renewals) {
      throw Error(ExitCode::data,
                  trf("household {}: its enrolment in \"{}\" was renewed {} time{}, the most the scheme "
                      "allows (max_renewals = {})",
                      quoted(code), e.scheme, e.renewals, e.renewals == 1 ? "" : "s", s.max_renewals));
    }
    e.end = e.end + s.weeks;
    e.renewals += 1;
    tables.update_enrolment(e);
    tables.touch(h.id, today.to_string());
    result = {e.scheme, e.end, e.renewals};
  });
  return result;
}

void change_enrolment(Store& store, const Config& config, const std::string& code, Week week,
                      const std::optional<std::string>& size, const std::optional<std::string>& point,
                      const std::optional<std::string>& scheme, Date today) {
  if (!size && !point) {
    throw Error(ExitCode::usage, tr("say what changes: --size, --point or both"));
  }
  if (size && config.find_size(*size) == nullptr) {
    throw Error(ExitCode::data, trf("unknown size \"{}\"", *size));
  }
  if (point && config.find_point(*point) == nullptr) {
    throw Error(ExitCode::data, trf("unknown point \"{}\"", *point));
  }
  store.write([&] {
    HouseholdTables tables(store);
    const HouseholdRow h = find_household_or_fail(tables, code);
    auto candidates = tables.enrolments_of(h.id);
    std::erase_if(candidates, [&](const EnrolmentRow& e) {
      return e.status != EnrolmentStatus::active || !WeekRange{e.start, e.end}.contains(week);
    });
    const EnrolmentRow e =
        pick_enrolment(candidates, code, scheme, "active enrolment in " + week.to_string());
    const auto changes = tables.changes_of(e.id);
    const ChangeRow* current = change_at(changes, week);
    tables.put_change({e.id, week, size.value_or(current != nullptr ? current->size : ""),
                       point.value_or(current != nullptr ? current->point : "")});
    tables.touch(h.id, today.to_string());
  });
}

PurgeResult purge_households(Store& store, const Config& config, Date today, bool dry_run) {
  PurgeResult result;
  std::vector<std::string>& codes = result.codes;
  auto work = [&] {
    HouseholdTables tables(store);
    std::unordered_map<std::int64_t, Date> last_week_end;
    for (const auto& e : tables.enrolments()) {
      const Date sunday = e.end.day(7);
      auto [it, inserted] = last_week_end.emplace(e.household_id, sunday);
      if (!inserted && it->second < sunday) {
        it->second = sunday;
      }
    }
    const int years = config.organisation.retention_years;
    const Date limit = Date::from_ymd(today.year() - years, today.month(), std::min(today.day(), 28)).value();
    std::random_device seed;
    std::mt19937_64 random(seed());
    for (const auto& h : tables.households()) {
      if (h.anonymised) {
        continue;
      }
      Date last = Date::parse(h.last_contact).value_or(today);
      if (const auto it = last_week_end.find(h.id); it != last_week_end.end() && last < it->second) {
        last = it->second;
      }
      if (!(last < limit)) {
        continue;
      }
      codes.push_back(h.code);
      tables.delete_identity(h.id);
      std::string token = make_token(random);
      while (tables.find_household(token)) {
        token = make_token(random);
      }
      tables.anonymise(h.id, token);
    }
  };
  if (dry_run) {
    store.rehearse(work);
  } else {
    store.write(work);
    // The write-ahead log still holds the pages as they were before the purge.
    result.log_emptied = store.truncate_log();
  }
  return result;
}

} // namespace panier
