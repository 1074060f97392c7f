#include "panier/domain/deliver.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "panier/core/collate.hpp"
#include "panier/core/error.hpp"
#include "panier/core/utf8.hpp"
#include "panier/domain/allocate.hpp"
#include "panier/domain/feedback.hpp"
#include "panier/domain/households.hpp"
#include "panier/domain/plan.hpp"
#include "panier/domain/routes.hpp"
#include "panier/store/households.hpp"
#include "panier/store/records.hpp"

namespace panier {

namespace {

// The first character of a UTF-8 name ("Élodie" -> "É").
std::string initial(const std::string& name) { return first_characters(name, 1); }

std::string display_name(NameDisplay how, const db::IdentityRow& who) {
  switch (how) {
  case NameDisplay::full: return fmt::format("{} {}", who.first_name, who.last_name);
  case NameDisplay::short_name: return fmt::format("{} {}.", who.last_name, initial(who.first_name));
  case NameDisplay::code: return {};
  }
  return {};
}

// The sheets and the packing list, from the baskets (a shortfall is not a basket). Returns the
// baskets of each size.
std::map<std::string, int> add_sheets_and_packing(DeliveryWeek& d, Store& store, const Config& config,
                                                  const Allocation& allocation) {
  db::HouseholdTables tables(store);
  std::map<std::size_t, PointSheet> sheets;
  std::map<std::pair<std::size_t, std::size_t>, PackingRow> packing;
  std::map<std::string, int> per_size;
  for (const auto& row : allocation.rows) {
    if (row.shortfall) {
      continue;
    }
    const std::size_t point_rank = rank_of(config.points, row.point);
    const Point* point = config.find_point(row.point);
    PointSheet& sheet = sheets[point_rank];
    sheet.point = row.point;
    sheet.phones = point != nullptr && point->names == NameDisplay::full;
    std::string name;
    std::string sort_key;
    std::string phone;
    if (point != nullptr && point->names != NameDisplay::code) {
      if (const auto who = tables.identity(row.household_id)) {
        name = display_name(point->names, *who);
        sort_key = collation_key(who->last_name + ' ' + who->first_name); // French order, not bytes
        phone = sheet.phones ? who->phone : std::string();
      }
    }
    sheet.lines.push_back({row.household, name, row.size, row.contribution, sort_key, phone});
    PackingRow& pack = packing[{point_rank, rank_of(config.sizes, row.size)}];
    pack.point = row.point;
    pack.size = row.size;
    ++pack.baskets;
    ++per_size[row.size];
  }
  for (auto& [rank, sheet] : sheets) {
    std::stable_sort(sheet.lines.begin(), sheet.lines.end(), [](const SheetLine& a, const SheetLine& b) {
      return std::tie(a.sort_key, a.household) < std::tie(b.sort_key, b.household);
    });
    d.sheets.push_back(std::move(sheet));
  }
  for (auto& [key, row] : packing) {
    d.packing.push_back(std::move(row));
  }
  return per_size;
}

// What goes into each size's baskets, for the sizes delivered.
void add_composition(DeliveryWeek& d, const std::optional<Plan>& plan, std::map<std::string, int>& per_size) {
  if (plan) {
    for (const auto& sp : plan->sizes) {
      const int baskets = per_size[sp.size];
      if (baskets == 0) {
        continue;
      }
      for (const auto& item : sp.items) {
        d.composition.push_back({sp.size, item.vegetable, item.quantity, baskets});
      }
    }
  }
}

// What changed at each point since the previous delivery week, by point, household and change.
void add_changes(DeliveryWeek& d, Store& store, const Config& config) {
  const auto now = enrolment_weeks(store, config, d.week);
  const auto before = enrolment_weeks(store, config, d.previous);
  std::map<std::int64_t, const EnrolmentWeek*> earlier;
  for (const auto& e : before) {
    earlier[e.view.enrolment_id] = &e;
  }
  for (const auto& e : now) {
    const auto it = earlier.find(e.view.enrolment_id);
    const EnrolmentWeek* p = it == earlier.end() ? nullptr : it->second;
    const bool due_now = e.eligibility == Eligibility::due;
    const bool due_before = p != nullptr && p->eligibility == Eligibility::due;
    const std::string& code = e.view.code;
    if (due_now) {
      if (p == nullptr || (p->eligibility == Eligibility::outside_range && p->view.start > d.previous)) {
        d.changes.push_back(
            {e.view.point, code, ChangeKind::added, fmt::format("{} {}", e.view.scheme, e.view.size)});
      } else if (p->eligibility == Eligibility::paused) {
        d.changes.push_back({e.view.point, code, ChangeKind::returning, e.view.size});
      } else if (due_before) {
        if (p->view.point != e.view.point) {
          d.changes.push_back(
              {e.view.point, code, ChangeKind::moved_in, fmt::format("from {}", p->view.point)});
          d.changes.push_back(
              {p->view.point, code, ChangeKind::moved_out, fmt::format("to {}", e.view.point)});
        }
        if (p->view.size != e.view.size) {
          d.changes.push_back(
              {e.view.point, code, ChangeKind::size, fmt::format("{} -> {}", p->view.size, e.view.size)});
        }
      }
    } else if (due_before) {
      if (e.eligibility == Eligibility::outside_range) {
        d.changes.push_back({p->view.point, code, ChangeKind::ended, e.view.exit_reason});
      } else if (e.eligibility == Eligibility::paused) {
        d.changes.push_back({p->view.point, code, ChangeKind::paused, ""});
      }
    }
  }
  std::stable_sort(d.changes.begin(), d.changes.end(), [&](const ChangeRow& a, const ChangeRow& b) {
    const auto ra = rank_of(config.points, a.point);
    const auto rb = rank_of(config.points, b.point);
    // By the change's text, as changes.csv is read.
    const std::string_view ca = text(a.change);
    const std::string_view cb = text(b.change);
    return std::tie(ra, a.household, ca) < std::tie(rb, b.household, cb);
  });
}

// Workshops this close to a point are near enough to announce on its leaflets.
constexpr double k_near_km = 10.0;

// The workshop each point's leaflets announce, from the delivery day on: the next one held
// within k_near_km of the point (at a point: its place is a point's id or name); else the next
// one at the nearest point that holds one; else, when none is held at a point, the next one.
void add_workshops(DeliveryWeek& d, Store& store, const Config& config) {
  std::vector<std::pair<const Point*, UpcomingWorkshop>> upcoming; // by date, as the store gives them
  const std::string from = d.date.to_string();
  for (const auto& w : db::workshops(store)) {
    const auto date = Date::parse(w.date);
    if (!date || w.date < from) {
      continue;
    }
    const auto at = std::find_if(config.points.begin(), config.points.end(),
                                 [&](const Point& p) { return w.place == p.id || w.place == p.name; });
    upcoming.emplace_back(at == config.points.end() ? nullptr : &*at,
                          UpcomingWorkshop{*date, w.theme, w.place});
  }
  if (upcoming.empty()) {
    return;
  }
  const bool any_at_point =
      std::any_of(upcoming.begin(), upcoming.end(), [](const auto& u) { return u.first != nullptr; });
  for (const auto& sheet : d.sheets) {
    const Point* here = config.find_point(sheet.point);
    if (here == nullptr) {
      continue;
    }
    const std::pair<const Point*, UpcomingWorkshop>* best = nullptr;
    double best_km = 0;
    for (const auto& u : upcoming) { // by date: the first near one wins, else the nearest
      if (any_at_point && u.first == nullptr) {
        continue;
      }
      const double km =
          u.first == nullptr ? 0.0 : great_circle_km(here->lat, here->lon, u.first->lat, u.first->lon);
      const double rank = std::max(km, k_near_km);
      if (best == nullptr || rank < best_km - 1e-9) {
        best = &u;
        best_km = rank;
      }
    }
    d.next_workshop[sheet.point] = best->second;
  }
}

} // namespace

DeliveryWeek compute_delivery(Store& store, const Config& config, Week week) {
  const Allocation allocation = allocated_week(store, week);
  DeliveryWeek d;
  d.week = week;
  d.date = week.day(config.calendar.delivery_weekday);
  d.previous = week - 1;
  for (int guard = 0; guard < 60 && config.calendar.is_closed(d.previous); ++guard) {
    d.previous = d.previous - 1;
  }

  std::map<std::string, int> per_size = add_sheets_and_packing(d, store, config, allocation);
  add_composition(d, load_plan(store, week), per_size);
  add_changes(d, store, config);
  add_workshops(d, store, config);
  d.cooked_share = cooked_shares(store, week, config.feedback.min_answers);
  return d;
}

} // namespace panier
