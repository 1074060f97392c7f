#include "panier/domain/allocate.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/domain/households.hpp"
#include "panier/domain/pickups.hpp"
#include "panier/domain/plan.hpp"
#include "panier/domain/pricing.hpp"
#include "panier/store/allocation.hpp"
#include "panier/store/plan.hpp"

namespace panier {

namespace {

// Weeks without a shortfall sort before any week: the household that never went without, or
// went without longest ago, is first in line to go without now.
bool ledger_before(const LedgerEntry& a, const LedgerEntry& b) {
  if (a.recent != b.recent) {
    return a.recent < b.recent;
  }
  if (a.last.has_value() != b.last.has_value()) {
    return !a.last.has_value();
  }
  return a.last.has_value() && *a.last < *b.last;
}

std::string describe_changes(const std::vector<AllocationRow>& before,
                             const std::vector<AllocationRow>& after) {
  std::map<std::int64_t, const AllocationRow*> old_rows;
  for (const auto& r : before) {
    old_rows[r.enrolment_id] = &r;
  }
  std::vector<std::string> changes;
  std::set<std::int64_t> seen;
  for (const auto& r : after) {
    seen.insert(r.enrolment_id);
    const auto it = old_rows.find(r.enrolment_id);
    if (it == old_rows.end()) {
      changes.push_back(trf("{} newly due", r.household));
      continue;
    }
    const AllocationRow& o = *it->second;
    std::vector<std::string> what;
    if (o.size != r.size) what.push_back(trf("size {} -> {}", o.size, r.size));
    if (o.point != r.point) what.push_back(trf("point {} -> {}", o.point, r.point));
    if (o.tier != r.tier) what.push_back(trf("tier {} -> {}", o.tier, r.tier));
    if (o.shortfall != r.shortfall) what.push_back(r.shortfall ? "now short" : "no longer short");
    if (what.empty() && (o.value != r.value || o.contribution != r.contribution || o.funding != r.funding)) {
      what.push_back("price or funding");
    }
    if (!what.empty()) {
      changes.push_back(fmt::format("{} {}", r.household, fmt::join(what, ", ")));
    }
  }
  for (const auto& r : before) {
    if (!seen.contains(r.enrolment_id)) {
      changes.push_back(trf("{} no longer due", r.household));
    }
  }
  const std::size_t shown = std::min<std::size_t>(changes.size(), 5);
  std::string text =
      fmt::format("{}", fmt::join(changes.begin(), changes.begin() + static_cast<long>(shown), "; "));
  if (changes.size() > shown) {
    text += trf("; and {} more", changes.size() - shown);
  }
  return text;
}

} // namespace

std::uint64_t rotation_tie_break(Week week, const std::string& household) {
  // FNV-1a over "week/code": stable across runs and machines, different from week to week.
  std::uint64_t hash = 14695981039346656037ULL;
  auto mix = [&](std::string_view text) {
    for (char c : text) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
  };
  mix(week.to_string());
  mix("/");
  mix(household);
  return hash;
}

namespace {

// Who goes without, size by size, when the plan makes fewer baskets than are due: those first in
// the rotation (see ledger_before), ties broken by a hash of the week and the household.
std::vector<bool> who_goes_without(const AllocationInput& in) {
  std::map<std::string, std::vector<std::size_t>> by_size;
  for (std::size_t i = 0; i < in.due.size(); ++i) {
    by_size[in.due[i].size].push_back(i);
  }
  std::vector<bool> short_of(in.due.size(), false);
  for (auto& [size, indices] : by_size) {
    const auto planned = in.planned.find(size);
    const int can_make = planned == in.planned.end() ? 0 : planned->second;
    const int lacking = static_cast<int>(indices.size()) - can_make;
    if (lacking <= 0) {
      continue;
    }
    auto key = [&](std::size_t i) {
      const auto it = in.ledger.find(in.due[i].household_id);
      return it == in.ledger.end() ? LedgerEntry{} : it->second;
    };
    std::stable_sort(indices.begin(), indices.end(), [&](std::size_t a, std::size_t b) {
      const LedgerEntry ka = key(a);
      const LedgerEntry kb = key(b);
      if (ledger_before(ka, kb)) return true;
      if (ledger_before(kb, ka)) return false;
      return rotation_tie_break(in.week, in.due[a].household) <
             rotation_tie_break(in.week, in.due[b].household);
    });
    for (int k = 0; k < lacking; ++k) {
      short_of[indices[static_cast<std::size_t>(k)]] = true;
    }
  }
  return short_of;
}

// What each funder has left of this year's budget for each scheme, drawn basket by basket, and
// the budgets that ran out during the week.
struct Budgets {
  std::map<std::pair<std::string, std::string>, Cents> left; // (funder, scheme)
  std::set<std::pair<std::string, std::string>> exhausted_now;
};

Budgets budgets_left(const Config& config, const AllocationInput& in) {
  Budgets budgets;
  for (const auto& scheme : config.schemes) {
    for (const auto& f : scheme.funders) {
      if (f.budget) {
        const auto spent = in.spent.find({f.id, scheme.id});
        budgets.left[{f.id, scheme.id}] = *f.budget - (spent == in.spent.end() ? 0 : spent->second);
      }
    }
  }
  return budgets;
}

// The subsidy (value - contribution) split between the scheme's funders, each within what is left
// of its budget; what a budget cannot pay goes to the scheme's fallback payer.
void fund(AllocationRow& row, const Scheme& scheme, const AllocationInput& in, Budgets& budgets,
          Allocation& allocation) {
  std::vector<Fraction> shares;
  for (const auto& f : scheme.funders) {
    shares.push_back(f.share);
  }
  const auto parts = split(row.value - row.contribution, shares);
  for (std::size_t f = 0; f < parts.size(); ++f) {
    const SchemeFunder& funder = scheme.funders[f];
    Cents paid = parts[f];
    Cents to_fallback = 0;
    if (funder.budget) {
      Cents& remaining = budgets.left[{funder.id, scheme.id}];
      const Cents can_pay = std::max<Cents>(0, std::min(remaining, parts[f]));
      to_fallback = parts[f] - can_pay;
      paid = can_pay;
      remaining -= can_pay;
      const std::pair<std::string, std::string> key{funder.id, scheme.id};
      if (remaining <= 0 && parts[f] > 0 && !budgets.exhausted_now.contains(key)) {
        const auto before = in.spent.find(key);
        const bool earlier = before != in.spent.end() && before->second >= *funder.budget;
        budgets.exhausted_now.insert(key);
        allocation.exhausted.push_back(
            {funder.id, scheme.id, in.week.year(), *funder.budget, scheme.fallback, earlier});
      }
    }
    if (paid != 0) {
      row.funding[funder.id] += paid;
    }
    if (to_fallback != 0) {
      row.funding[scheme.fallback] += to_fallback;
    }
  }
}

// What the week's allocation is computed from: its plan, which must have been made for the
// baskets due now (else it is stale and must be planned again), the due list, the rotation
// ledger and the budgets spent before the week.
AllocationInput allocation_input(Store& store, const Config& config, Week week) {
  const auto plan = db::read_plan(store, week);
  if (!plan) {
    throw Error(ExitCode::data,
                trf("no plan for {}; run panier plan --week {}", week.to_string(), week.to_string()));
  }
  AllocationInput in;
  in.week = week;
  std::map<std::string, int> demand;
  for (const auto& e : due_baskets(store, config, week)) {
    in.due.push_back({e.enrolment_id, e.household_id, e.code, e.scheme, e.size, e.point, e.tier});
    ++demand[e.size];
  }
  std::vector<std::string> planned_for;
  std::vector<std::string> due_now;
  bool stale = false;
  for (const auto& sp : plan->sizes) {
    in.planned[sp.size] = sp.planned;
    in.plan_value[sp.size] = sp.value();
    planned_for.push_back(fmt::format("{} {}", sp.size, sp.due));
    due_now.push_back(fmt::format("{} {}", sp.size, demand[sp.size]));
    stale = stale || demand[sp.size] != sp.due;
  }
  for (const auto& [size, count] : demand) {
    stale = stale || std::none_of(plan->sizes.begin(), plan->sizes.end(),
                                  [&](const SizePlan& sp) { return sp.size == size; });
  }
  if (stale) {
    const bool allocated = db::allocated_baskets(store, week) > 0;
    const bool recorded = allocated && !week_is_open(store, week);
    throw Error(
        ExitCode::data,
        trf("the plan for {} is stale: it was made for {} baskets, and {} are due now; {}re-run panier "
            "plan --week {}{}",
            week.to_string(), fmt::join(planned_for, ", "), fmt::join(due_now, ", "),
            recorded ? "its pickups are recorded: " + undo_advice(week) + ", then " : "", week.to_string(),
            allocated ? " --replace, then panier allocate --week " + week.to_string() : std::string()));
  }
  in.ledger = db::rotation_ledger(store, week);
  in.spent = db::spent_before(store, week);
  return in;
}

} // namespace

Allocation compute_allocation(const Config& config, const AllocationInput& in) {
  Allocation allocation;
  allocation.week = in.week;
  const std::vector<bool> short_of = who_goes_without(in);
  Budgets budgets = budgets_left(config, in);
  for (std::size_t i = 0; i < in.due.size(); ++i) {
    const auto& d = in.due[i];
    AllocationRow row{d.enrolment_id, d.household_id, d.household, d.scheme, d.size, d.point,
                      d.tier,         short_of[i],    0,           0,        {}};
    if (row.shortfall) {
      allocation.rows.push_back(std::move(row));
      continue;
    }
    const Scheme* scheme = config.find_scheme(d.scheme);
    const BasketSize* size = config.find_size(d.size);
    const Tier* tier = scheme != nullptr ? scheme->find_tier(d.tier) : nullptr;
    if (scheme == nullptr || size == nullptr || tier == nullptr) {
      throw Error(ExitCode::data, trf("household \"{}\": its enrolment names scheme \"{}\", size \"{}\" and "
                                      "tier \"{}\", which the configuration does not have (see panier check)",
                                      d.household, d.scheme, d.size, d.tier));
    }
    row.value = size->value;
    if (scheme->price_basis == PriceBasis::actual) {
      const auto actual = in.plan_value.find(d.size);
      if (actual != in.plan_value.end()) {
        row.value = actual->second;
      }
    }
    row.contribution = contribution(row.value, tier->share, scheme->share_cap, scheme->rounding);
    fund(row, *scheme, in, budgets, allocation);
    allocation.rows.push_back(std::move(row));
  }
  return allocation;
}

namespace {

// What the funders pay in a week's rows, per funder.
std::map<std::string, Cents> funder_totals(const std::vector<AllocationRow>& rows) {
  std::map<std::string, Cents> totals;
  for (const auto& r : rows) {
    for (const auto& [funder, amount] : r.funding) {
      totals[funder] += amount;
    }
  }
  return totals;
}

// "etat 20.00 -> 8.00, association 0.00 -> 12.00": the funders whose total moved.
std::string moved_draws(const std::vector<AllocationRow>& before, const std::vector<AllocationRow>& after) {
  const auto old_totals = funder_totals(before);
  const auto new_totals = funder_totals(after);
  std::set<std::string> funders;
  for (const auto& [f, amount] : old_totals)
    funders.insert(f);
  for (const auto& [f, amount] : new_totals)
    funders.insert(f);
  std::vector<std::string> moved;
  for (const auto& f : funders) {
    const auto o = old_totals.find(f);
    const auto n = new_totals.find(f);
    const Cents was = o == old_totals.end() ? 0 : o->second;
    const Cents now = n == new_totals.end() ? 0 : n->second;
    if (was != now) {
      moved.push_back(fmt::format("{} {} -> {}", f, format_money(was), format_money(now)));
    }
  }
  return fmt::format("{}", fmt::join(moved, ", "));
}

// The rows without their funding: what the households see.
bool same_baskets(const std::vector<AllocationRow>& a, const std::vector<AllocationRow>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](AllocationRow x, AllocationRow y) {
    x.funding.clear();
    y.funding.clear();
    return x == y;
  });
}

// Re-derives the weeks allocated after `week` (see allocate_week).
std::vector<CarriedWeek> carry_forward(Store& store, const Config& config, Week week, bool replace) {
  std::vector<CarriedWeek> carried;
  std::vector<std::string> blocked;
  bool blocked_funding_only = true;
  for (const Week later : db::allocated_weeks_after(store, week)) {
    std::optional<AllocationInput> in;
    try {
      in = allocation_input(store, config, later);
    } catch (const Error&) {
      continue; // a stale plan: the week's own rerun says so
    }
    const auto now = compute_allocation(config, *in).rows;
    const auto stored = db::read_allocation(store, later);
    if (now == stored) {
      continue;
    }
    CarriedWeek c{later, moved_draws(stored, now), same_baskets(stored, now)};
    if (!c.funding_only) {
      c.moved += (c.moved.empty() ? "" : "; ") + describe_changes(stored, now);
    }
    if (week_is_open(store, later)) {
      db::replace_allocation(store, later, now);
    } else if (c.funding_only && replace) {
      db::replace_funding(store, later, now);
    } else {
      blocked.push_back(fmt::format("{} ({})", later.to_string(), c.moved));
      blocked_funding_only = blocked_funding_only && c.funding_only;
      continue;
    }
    carried.push_back(std::move(c));
  }
  if (!blocked.empty()) {
    throw Error(
        ExitCode::data,
        blocked_funding_only
            ? trf("budgets are drawn in week order, and allocating {} moves the draws of later weeks "
                  "whose pickups are recorded: {}; run it with --replace to carry the draws into them",
                  week.to_string(), fmt::join(blocked, "; "))
            : trf("budgets and the rotation of shortfalls are drawn in week order, and allocating {} "
                  "changes later weeks whose pickups are recorded: {}; their baskets are history "
                  "(if their pickups were recorded by mistake, undo them with panier deliver record "
                  "--undo first)",
                  week.to_string(), fmt::join(blocked, "; ")));
  }
  return carried;
}

} // namespace

AllocateOutcome allocate_week(Store& store, const Config& config, Week week, bool dry_run, bool replace) {
  AllocateOutcome outcome;
  auto work = [&] {
    const AllocationInput in = allocation_input(store, config, week);
    outcome.allocation = compute_allocation(config, in);

    const auto existing = db::read_allocation(store, week);
    if (!existing.empty()) {
      if (existing == outcome.allocation.rows) {
        outcome.kind = AllocateOutcome::Kind::up_to_date;
        return;
      }
      if (!replace) {
        const std::string changes = describe_changes(existing, outcome.allocation.rows);
        if (!week_is_open(store, week)) {
          throw Error(ExitCode::data,
                      trf("the inputs of {} changed since it was allocated ({}), but its pickups are "
                          "recorded, so its allocation stays as it is; {}, then run panier allocate "
                          "--week {} --replace",
                          week.to_string(), changes, undo_advice(week), week.to_string()));
        }
        throw Error(ExitCode::data,
                    trf("the inputs of {} changed since it was allocated ({}); run panier allocate --week {} "
                        "--replace to allocate it again",
                        week.to_string(), changes, week.to_string()));
      }
      if (!week_is_open(store, week)) {
        throw Error(ExitCode::data, trf("pickups of {} are already recorded: its allocation can no longer be "
                                        "replaced ({})",
                                        week.to_string(), undo_advice(week)));
      }
      outcome.kind = AllocateOutcome::Kind::replaced;
    }
    db::replace_allocation(store, week, outcome.allocation.rows);
    outcome.carried = carry_forward(store, config, week, replace);
    if (dry_run) {
      outcome.kind = AllocateOutcome::Kind::dry_run;
    }
  };
  if (dry_run) {
    store.rehearse(work);
  } else {
    store.write(work);
  }
  return outcome;
}

std::vector<PointSizeTotals> totals_by_point(const Allocation& a, const Config& config) {
  auto rank = [](const auto& items, const std::string& id) {
    const auto it = std::find_if(items.begin(), items.end(), [&](const auto& x) { return x.id == id; });
    return static_cast<std::size_t>(it - items.begin());
  };
  std::map<std::pair<std::size_t, std::size_t>, PointSizeTotals> cells;
  for (const auto& r : a.rows) {
    PointSizeTotals& t = cells[{rank(config.points, r.point), rank(config.sizes, r.size)}];
    t.point = r.point;
    t.size = r.size;
    (r.shortfall ? t.shortfall : t.baskets) += 1;
    t.value += r.value;
    t.contribution += r.contribution;
  }
  std::vector<PointSizeTotals> totals;
  for (auto& [key, t] : cells) {
    totals.push_back(std::move(t));
  }
  return totals;
}

std::vector<FunderTotals> totals_by_funder(const Allocation& a, const Config& config) {
  std::map<std::pair<std::string, std::string>, Cents> paid;
  for (const auto& r : a.rows) {
    for (const auto& [funder, amount] : r.funding) {
      paid[{funder, r.scheme}] += amount;
    }
  }
  std::vector<FunderTotals> totals;
  for (const auto& scheme : config.schemes) {
    std::vector<std::string> ids;
    for (const auto& f : scheme.funders) {
      ids.push_back(f.id);
    }
    if (std::find(ids.begin(), ids.end(), scheme.fallback) == ids.end()) {
      ids.push_back(scheme.fallback);
    }
    for (const auto& id : ids) {
      const auto it = paid.find({id, scheme.id});
      if (it != paid.end()) {
        totals.push_back({id, scheme.id, it->second, id == scheme.fallback});
      }
    }
  }
  return totals;
}

std::optional<std::string> stale_allocation(Store& store, const Config& config, Week week) {
  const auto existing = db::read_allocation(store, week);
  try {
    const auto now = compute_allocation(config, allocation_input(store, config, week)).rows;
    if (existing == now) {
      return std::nullopt;
    }
    return trf("the inputs of {} changed since it was allocated ({}); run panier allocate --week {} "
               "--replace to allocate it again",
               week.to_string(), describe_changes(existing, now), week.to_string());
  } catch (const Error& e) {
    return e.messages().empty() ? std::string("its inputs changed") : e.messages().front();
  }
}

bool week_is_open(Store& store, Week week) { return db::recorded_pickups(store, week) == 0; }

Allocation load_allocation(Store& store, Week week) {
  Allocation a;
  a.week = week;
  a.rows = db::read_allocation(store, week);
  return a;
}

Allocation allocated_week(Store& store, Week week) {
  Allocation allocation = load_allocation(store, week);
  if (allocation.rows.empty()) {
    throw Error(ExitCode::data, trf("no allocation for {}; run panier allocate --week {}", week.to_string(),
                                    week.to_string()));
  }
  return allocation;
}

} // namespace panier
