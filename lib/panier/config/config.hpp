// The organisation's configuration (panier.toml, documented in panier.toml(5)) as plain structs,
// and its loader. Every problem is reported as "FILE:LINE:COL: message", all at once.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "panier/config/catalogue.hpp"
#include "panier/core/money.hpp"
#include "panier/core/week.hpp"
#include "panier/model/vocabulary.hpp"

namespace panier {

// The language of everything printed for people (sheets, routes, pages): French or English.
enum class Language { fr, en };

struct Organisation {
  std::string name;
  std::string database = "panier.db"; // relative to the config file
  Language language = Language::fr;
  bool language_given = false; // `language` is in the file: the terminal's messages follow it too
  int retention_years = 2;
  int busy_timeout_s = 10;
};

struct Depot {
  std::string name;
  double lat = 0;
  double lon = 0;
  int open = 0; // minutes after midnight
  int close = 24 * 60 - 1;
};

struct CalendarSettings {
  int delivery_weekday = 4; // ISO: 1 = Monday
  std::vector<Week> closed;

  bool is_closed(Week week) const;
};

struct BasketSize {
  std::string id;
  std::string label;
  Cents value = 0;
  std::int64_t target_g = 0;
  int min_items = 1;
  int max_items = 1;
  std::optional<double> weight_tolerance; // this size's own; else [plan] weight_tolerance
};

struct PlanSettings {
  int max_unfamiliar = 1;
  double max_item_share = 0.40;
  double value_tolerance = 0.10;
  double min_value_ratio = 0.60;
  double time_limit_s = 10;
  double weight_tolerance = 0.15; // a basket weighs target_kg within this share, when the harvest allows
};

struct Funder {
  std::string id;
  std::string name;
  std::string kind = "other";
};

struct Tier {
  std::string name;
  std::int64_t qf_max = 0; // euros
  Fraction share;
};

struct SchemeFunder {
  std::string id;
  Fraction share;
  std::optional<Cents> budget; // per calendar year
};

enum class Rhythm { weekly, fortnightly };
enum class PriceBasis { reference, actual };

struct Scheme {
  std::string id;
  std::string label;
  Fraction share_cap{1, 1};
  Cents rounding = 10;
  Rhythm rhythm = Rhythm::weekly;
  int weeks = 26;
  int max_renewals = 1;
  std::optional<std::int64_t> qf_ceiling;
  std::optional<int> capacity;
  PriceBasis price_basis = PriceBasis::reference;
  bool charge_missed = false;
  std::string fallback = "association";
  std::vector<Tier> tiers; // by increasing qf_max
  std::vector<SchemeFunder> funders;

  // The first tier whose qf_max >= qf; nullptr when none.
  const Tier* tier_for(std::int64_t qf) const;
  const Tier* find_tier(std::string_view name) const;
};

enum class NameDisplay { full, short_name, code };

struct Point {
  std::string id;
  std::string name;
  std::string kind = "centre_social";
  std::string commune;
  std::string address;
  double lat = 0;
  double lon = 0;
  int open = 0;
  int close = 24 * 60 - 1;
  std::optional<int> capacity;
  int service_min = 10;
  NameDisplay names = NameDisplay::short_name;

  // Whether the point has real opening hours, not the whole day it defaults to: only those are
  // worth printing.
  bool has_opening_hours() const { return !(open == 0 && close == 24 * 60 - 1); }
};

struct Van {
  std::string id;
  int capacity = 0;
  int start = 0;
  int end = 24 * 60 - 1;
};

struct PickupSettings {
  int followup_after = 3; // consecutive missed pickups that flag a household
  Outcome uncollected_outcome = Outcome::donated;
};

// What panier makes of the households' answers (panier feedback import).
struct FeedbackSettings {
  bool survey = false;         // deliver prints a survey slip per point (survey.html)
  int min_answers = 10;        // answers about a vegetable before its cooked share counts
  double familiar_share = 0.7; // an unfamiliar vegetable cooked this often counts as familiar
  double low_share = 0.5;      // below it, the leaflet gives the vegetable a stronger tip
};

struct RoutingSettings {
  double speed_kmh = 40;
  double detour_factor = 1.3;
  std::string matrix; // resolved path; empty when none
};

// The implicit fallback payer when a scheme names "association" and no such funder is declared.
inline constexpr std::string_view k_association = "association";

struct Config {
  std::string file;      // as given by the user, for messages
  std::string directory; // the config file's directory, for relative paths
  Organisation organisation;
  std::optional<Depot> depot;
  CalendarSettings calendar;
  std::vector<BasketSize> sizes;
  PlanSettings plan;
  std::vector<Funder> funders;
  std::vector<Scheme> schemes;
  std::vector<Point> points;
  std::vector<Van> vans;
  RoutingSettings routing;
  PickupSettings pickups;
  FeedbackSettings feedback;
  Catalogue catalogue;

  const BasketSize* find_size(std::string_view id) const;
  const Scheme* find_scheme(std::string_view id) const;
  const Point* find_point(std::string_view id) const;
  const Funder* find_funder(std::string_view id) const;
  // A funder as a person reads it: its name when the configuration gives one, else its id.
  std::string funder_name(std::string_view id) const;
  // Resolves a path written in the config relative to the config file's directory.
  std::string resolve(std::string_view path) const;
  // The database path from the config (resolved).
  std::string database_path() const { return resolve(organisation.database); }
};

// The position of the item with this id in configuration order (items.size() when absent): what
// lists of points, sizes and vegetables are sorted by.
template <typename T> std::size_t rank_of(const std::vector<T>& items, std::string_view id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return static_cast<std::size_t>(it - items.begin());
}

// Loads and validates `path`. Throws Error(config) listing every problem found, or
// Error(config) when the file does not exist. `datadir` holds the default catalogue.
Config load_config(const std::string& path, const std::string& datadir);

// Where the shipped catalogue lives: $PANIER_DATADIR, else PREFIX/share/panier beside an
// installed PREFIX/bin/panier, else the sources' data directory (a build tree).
std::string default_datadir();

// PREFIX/share for the running executable PREFIX/bin/panier, wherever the prefix was moved
// (empty when it cannot be known): where an installed panier finds its data and messages.
std::string installed_share_dir();

} // namespace panier
