#include "panier/domain/workshops.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/io/rows.hpp"
#include "panier/store/households.hpp"
#include "panier/store/records.hpp"

namespace panier {

std::int64_t add_workshop(Store& store, const Config& config, const WorkshopInput& input) {
  Diagnostics problems;
  if (std::find(std::begin(k_workshop_themes), std::end(k_workshop_themes), input.theme) ==
      std::end(k_workshop_themes)) {
    problems.add(trf("unknown theme \"{}\" (one of: {})", input.theme, fmt::join(k_workshop_themes, ", ")));
  }
  for (const auto& id : input.vegetables) {
    if (config.catalogue.find(id) == nullptr) {
      problems.add(trf("unknown vegetable \"{}\"", id));
    }
  }
  if (input.capacity && *input.capacity <= 0) {
    problems.add(trf("capacity {} must be greater than 0", *input.capacity));
  }
  problems.throw_if_any(ExitCode::usage);
  std::int64_t id = 0;
  store.write([&] {
    id = db::insert_workshop(store, {0, input.date.to_string(), input.theme, input.place, input.capacity,
                                     fmt::format("{}", fmt::join(input.vegetables, ",")), 0, 0, 0});
  });
  return id;
}

namespace {

// A line of an attendance file; `valid` is false when it has a problem of its own.
struct AttendanceLine {
  RecordPlace place;
  std::string code;
  int adults;
  int children;
  bool valid;
};

// Every line of an attendance file, its problems added to `problems`.
std::vector<AttendanceLine> read_attendance(const std::string& path, const ReadOptions& options,
                                            Diagnostics& problems) {
  static const InputColumn k_columns[] = {{"household", true}, {"adults", true}, {"children", true}};
  const auto rows = open_rows(path, options);
  RowReader& reader = *rows;
  reader.read_header(k_columns);
  std::vector<AttendanceLine> lines;
  std::map<std::string, long> seen;
  while (reader.next()) {
    AttendanceLine l{reader.place(), std::string(reader.text(0)), 0, 0, false};
    try {
      const auto adults = reader.required_number(1);
      const auto children = reader.required_number(2);
      if (adults < 0 || adults > 20 || children < 0 || children > 20 || adults + children == 0) {
        reader.fail("adults and children must be 0 to 20, and at least one person");
      }
      l.adults = static_cast<int>(adults);
      l.children = static_cast<int>(children);
      const auto [it, fresh] = seen.emplace(l.code, reader.line());
      if (!fresh) {
        reader.fail(0, trf("household {} is already on {}", quoted(l.code), reader.record_name(it->second)));
      }
      l.valid = true;
    } catch (const Error& e) {
      problems.add(e.messages().front());
    }
    lines.push_back(std::move(l));
  }
  return lines;
}

} // namespace

AttendResult attend_workshop(Store& store, std::int64_t id, const std::string& path,
                             const ReadOptions& options) {
  Diagnostics problems;
  const std::vector<AttendanceLine> lines = read_attendance(path, options, problems);

  // Unknown codes are listed with the other bad lines, so the file is checked in one go.
  AttendResult result;
  store.write([&] {
    const auto workshop = db::find_workshop(store, id);
    if (!workshop) {
      throw Error(ExitCode::data, trf("no workshop {} (see panier workshop list)", id));
    }
    db::HouseholdTables tables(store);
    for (const auto& l : lines) {
      if (!l.valid) {
        continue;
      }
      const auto household = tables.find_household(l.code);
      if (!household) {
        problems.add(l.place.locate(trf("unknown household {}", quoted(l.code))));
        continue;
      }
      if (db::put_attendance(store, id, household->id, l.adults, l.children)) {
        ++result.updated;
      } else {
        ++result.added;
      }
      tables.touch(household->id, workshop->date);
    }
    problems.throw_if_any(ExitCode::data);
    const auto after = db::find_workshop(store, id);
    result.households = after->households;
    result.persons = after->adults + after->children;
    result.capacity = after->capacity;
  });
  return result;
}

std::vector<WorkshopSummary> list_workshops(Store& store) {
  std::vector<WorkshopSummary> list;
  for (const auto& w : db::workshops(store)) {
    list.push_back(
        {w.id, w.date, w.theme, w.place, w.capacity, w.households, w.adults, w.children, w.vegetables});
  }
  return list;
}

} // namespace panier
