#include "panier/config/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "panier/config/catalogue_toml.hpp"
#include "panier/config/toml_reader.hpp"
#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/identifier.hpp"

namespace panier {

namespace fs = std::filesystem;

namespace {

template <typename T> const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}

// The sub-tables of `parent`, in the order they are written in the file.
std::vector<std::pair<std::string, const toml::table*>> tables_in_file_order(TableReader& parent,
                                                                             std::string_view key) {
  std::vector<std::pair<std::string, const toml::table*>> result;
  const toml::table* section = parent.subtable(key, false);
  if (section == nullptr) {
    return result;
  }
  std::vector<std::tuple<std::uint32_t, std::string, const toml::node*>> entries;
  for (auto&& [name, node] : *section) {
    entries.emplace_back(source_line(node), std::string(name.str()), &node);
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  for (const auto& [line, name, node] : entries) {
    if (!is_identifier(name)) {
      parent.file().error(node->source(), trf("{}.\"{}\": not an identifier ({})", key, name.substr(0, 80),
                                              k_identifier_rule));
    } else if (const auto* table = node->as_table()) {
      result.emplace_back(name, table);
    } else {
      parent.file().error(node->source(),
                          trf("{}.{}: expected a table, not {}", key, name, toml_type_name(*node)));
    }
  }
  return result;
}

std::optional<double> latitude(TableReader& t, bool required) { return t.number("lat", required, -90, 90); }
std::optional<double> longitude(TableReader& t, bool required) {
  return t.number("lon", required, -180, 180);
}

void check_window(TableReader& t, int open, int close, std::string_view close_key) {
  if (close <= open) {
    t.error(close_key, "must be later than the opening time");
  }
}

class Loader {
public:
  Loader(Config& config, TomlFile& file, Diagnostics& diagnostics)
      : m_config(config), m_file(file), m_diagnostics(diagnostics) {}

  void load(const toml::table& root, const std::string& datadir) {
    TableReader top(m_file, root, "");
    organisation(top);
    depot(top);
    calendar(top);
    sizes(top);
    plan(top);
    funders(top);
    schemes(top);
    points(top);
    vans(top);
    routing(top);
    pickups(top);
    feedback(top);
    catalogue(top, datadir);
    top.finish();
  }

private:
  void organisation(TableReader& top) {
    const toml::table* table = top.subtable("organisation", true);
    if (table == nullptr) {
      return;
    }
    TableReader t(m_file, *table, "organisation");
    auto& o = m_config.organisation;
    if (auto v = t.string("name", true)) o.name = *v;
    if (auto v = t.string("database", false)) {
      if (v->empty()) {
        t.error("database", "must not be empty");
      } else {
        o.database = *v;
      }
    }
    if (auto v = t.choice("language", false, {"fr", "en"})) {
      o.language = *v == "en" ? Language::en : Language::fr;
      o.language_given = true;
    }
    if (auto v = t.integer("retention_years", false, 1, 30)) o.retention_years = static_cast<int>(*v);
    if (auto v = t.integer("busy_timeout_s", false, 0, 3600)) o.busy_timeout_s = static_cast<int>(*v);
    t.finish();
  }

  void depot(TableReader& top) {
    const toml::table* table = top.subtable("depot", false);
    if (table == nullptr) {
      return;
    }
    TableReader t(m_file, *table, "depot");
    Depot d;
    if (auto v = t.string("name", true)) d.name = *v;
    if (auto v = latitude(t, true)) d.lat = *v;
    if (auto v = longitude(t, true)) d.lon = *v;
    if (auto v = t.time("open", false)) d.open = *v;
    if (auto v = t.time("close", false)) d.close = *v;
    check_window(t, d.open, d.close, "close");
    t.finish();
    m_config.depot = d;
  }

  void calendar(TableReader& top) {
    const toml::table* table = top.subtable("calendar", false);
    if (table == nullptr) {
      return;
    }
    TableReader t(m_file, *table, "calendar");
    static constexpr std::string_view k_days[] = {"monday", "tuesday",  "wednesday", "thursday",
                                                  "friday", "saturday", "sunday"};
    if (auto v = t.choice("delivery_weekday", false,
                          {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})) {
      m_config.calendar.delivery_weekday =
          static_cast<int>(std::find(std::begin(k_days), std::end(k_days), *v) - std::begin(k_days)) + 1;
    }
    if (const auto* closed = t.array("closed", false)) {
      for (const auto& node : *closed) {
        const auto* text = node.as_string();
        const auto week = text != nullptr ? Week::parse_iso(text->get()) : std::nullopt;
        if (!week) {
          m_file.error(node.source(), "calendar.closed: expected weeks written \"2026-W52\"");
          continue;
        }
        m_config.calendar.closed.push_back(*week);
      }
      std::sort(m_config.calendar.closed.begin(), m_config.calendar.closed.end());
    }
    t.finish();
  }

  void sizes(TableReader& top) {
    if (!top.has("sizes")) {
      top.missing("sizes");
    }
    for (const auto& [id, table] : tables_in_file_order(top, "sizes")) {
      TableReader t(m_file, *table, join_path("sizes", id));
      BasketSize s;
      s.id = id;
      s.label = id;
      if (auto v = t.string("label", false)) s.label = *v;
      if (auto v = t.money("value", true, true)) s.value = *v;
      if (auto v = t.fixed("target_kg", true, 3, true)) s.target_g = *v;
      if (auto v = t.number("weight_tolerance", false, 0, 1)) s.weight_tolerance = *v;
      const auto min_items = t.integer("min_items", true, 1, 40);
      const auto max_items = t.integer("max_items", true, 1, 40);
      if (min_items) s.min_items = static_cast<int>(*min_items);
      if (max_items) s.max_items = static_cast<int>(*max_items);
      if (min_items && max_items && s.max_items < s.min_items) {
        t.error("max_items", trf("{} is below min_items ({})", s.max_items, s.min_items));
      }
      t.finish();
      m_config.sizes.push_back(std::move(s));
    }
    if (top.has("sizes") && m_config.sizes.empty()) {
      top.error("sizes", "declare at least one basket size, e.g. [sizes.S]");
    }
  }

  void plan(TableReader& top) {
    const toml::table* table = top.subtable("plan", false);
    if (table == nullptr) {
      return;
    }
    TableReader t(m_file, *table, "plan");
    auto& p = m_config.plan;
    if (auto v = t.integer("max_unfamiliar", false, 0, 40)) p.max_unfamiliar = static_cast<int>(*v);
    if (auto v = t.number("max_item_share", false, 0.01, 1)) p.max_item_share = *v;
    if (auto v = t.number("value_tolerance", false, 0, 1)) p.value_tolerance = *v;
    if (auto v = t.number("min_value_ratio", false, 0, 1)) p.min_value_ratio = *v;
    if (auto v = t.number("time_limit_s", false, 0.1, 3600)) p.time_limit_s = *v;
    if (auto v = t.number("weight_tolerance", false, 0, 1)) p.weight_tolerance = *v;
    t.finish();
  }

  void funders(TableReader& top) {
    for (const auto& [id, table] : tables_in_file_order(top, "funders")) {
      TableReader t(m_file, *table, join_path("funders", id));
      Funder f;
      f.id = id;
      if (auto v = t.string("name", true)) f.name = *v;
      if (auto v = t.choice("kind", false,
                            {"state", "departement", "region", "agglomeration", "city", "caf", "msa", "fund",
                             "association", "other"})) {
        f.kind = *v;
      }
      t.finish();
      m_config.funders.push_back(std::move(f));
    }
  }

  void tiers(TableReader& t, Scheme& s) {
    const toml::array* list = t.array("tiers", true);
    if (list == nullptr) {
      return;
    }
    if (list->empty()) {
      t.error("tiers", "declare at least one tier");
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      const toml::node& node = *list->get(i);
      const auto* table = node.as_table();
      const std::string where = fmt::format("{}.tiers[{}]", t.path(), i);
      if (table == nullptr) {
        m_file.error(node.source(), trf("{}: expected a table {{ name, qf_max, share }}", where));
        continue;
      }
      TableReader tr(m_file, *table, where);
      Tier tier;
      if (auto v = tr.string("name", true)) tier.name = *v;
      if (auto v = tr.integer("qf_max", true, 0, 100000)) tier.qf_max = *v;
      if (auto v = tr.share("share", true)) tier.share = *v;
      if (!s.tiers.empty() && tier.qf_max <= s.tiers.back().qf_max) {
        tr.error("qf_max", "tiers must be listed by increasing qf_max");
      }
      if (s.find_tier(tier.name) != nullptr) {
        tr.error("name", trf("tier \"{}\" appears twice", tier.name));
      }
      tr.finish();
      s.tiers.push_back(std::move(tier));
    }
  }

  void scheme_funders(TableReader& t, Scheme& s) {
    const toml::array* list = t.array("funders", true);
    if (list == nullptr) {
      return;
    }
    Fraction total{0, 1};
    bool complete = true;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const toml::node& node = *list->get(i);
      const auto* table = node.as_table();
      const std::string where = fmt::format("{}.funders[{}]", t.path(), i);
      if (table == nullptr) {
        m_file.error(node.source(), trf("{}: expected a table {{ id, share, budget }}", where));
        complete = false;
        continue;
      }
      TableReader tr(m_file, *table, where);
      SchemeFunder f;
      if (auto v = tr.string("id", true)) {
        f.id = *v;
        if (find_by_id(m_config.funders, f.id) == nullptr) {
          tr.error("id", trf("unknown funder \"{}\" (declare it as [funders.{}])", f.id, f.id));
        }
        if (std::any_of(s.funders.begin(), s.funders.end(), [&](const auto& o) { return o.id == f.id; })) {
          tr.error("id", trf("funder \"{}\" appears twice", f.id));
        }
      }
      if (auto v = tr.share("share", true, false)) {
        f.share = *v;
        total = total + *v;
      } else {
        complete = false;
      }
      if (tr.has("budget")) {
        if (auto v = tr.money("budget", false, false)) f.budget = *v;
      }
      tr.finish();
      s.funders.push_back(std::move(f));
    }
    if (list->empty()) {
      t.error("funders", "declare at least one funder");
    } else if (complete && total != Fraction{1, 1}) {
      t.error("funders", trf("shares add up to {}, not 1", total.to_string()));
    }
  }

  void schemes(TableReader& top) {
    if (!top.has("schemes")) {
      top.missing("schemes");
    }
    for (const auto& [id, table] : tables_in_file_order(top, "schemes")) {
      TableReader t(m_file, *table, join_path("schemes", id));
      Scheme s;
      s.id = id;
      s.label = id;
      if (auto v = t.string("label", false)) s.label = *v;
      if (auto v = t.share("share_cap", false, false)) s.share_cap = *v;
      if (auto v = t.money("rounding", false, true)) s.rounding = *v;
      if (auto v = t.choice("rhythm", false, {"weekly", "fortnightly"})) {
        s.rhythm = *v == "weekly" ? Rhythm::weekly : Rhythm::fortnightly;
      }
      if (auto v = t.integer("weeks", false, 1, 520)) s.weeks = static_cast<int>(*v);
      if (auto v = t.integer("max_renewals", false, 0, 100)) s.max_renewals = static_cast<int>(*v);
      if (t.has("qf_ceiling")) {
        if (auto v = t.integer("qf_ceiling", false, 0, 100000)) s.qf_ceiling = *v;
      }
      if (t.has("capacity")) {
        if (auto v = t.integer("capacity", false, 1, 1000000)) s.capacity = static_cast<int>(*v);
      }
      if (auto v = t.choice("price_basis", false, {"reference", "actual"})) {
        s.price_basis = *v == "reference" ? PriceBasis::reference : PriceBasis::actual;
      }
      if (auto v = t.boolean("charge_missed")) s.charge_missed = *v;
      if (auto v = t.string("fallback", false)) {
        s.fallback = *v;
        if (s.fallback != k_association && find_by_id(m_config.funders, s.fallback) == nullptr) {
          t.error("fallback", trf("unknown funder \"{}\"", s.fallback));
        }
      }
      tiers(t, s);
      scheme_funders(t, s);
      if (s.qf_ceiling && !s.tiers.empty() && s.tiers.back().qf_max < *s.qf_ceiling) {
        t.error("tiers", trf("the last tier ends at qf_max {}, below qf_ceiling {}: households "
                             "between them would have no tier",
                             s.tiers.back().qf_max, *s.qf_ceiling));
      }
      t.finish();
      m_config.schemes.push_back(std::move(s));
    }
    if (top.has("schemes") && m_config.schemes.empty()) {
      top.error("schemes", "declare at least one scheme, e.g. [schemes.cocagne]");
    }
  }

  void points(TableReader& top) {
    if (!top.has("points")) {
      top.missing("points");
    }
    for (const auto& [id, table] : tables_in_file_order(top, "points")) {
      TableReader t(m_file, *table, join_path("points", id));
      Point p;
      p.id = id;
      if (auto v = t.string("name", true)) p.name = *v;
      if (auto v = t.choice("kind", false, {"centre_social", "ccas", "garden", "relay"})) p.kind = *v;
      if (auto v = t.string("commune", false)) p.commune = *v;
      if (auto v = t.string("address", false)) p.address = *v;
      if (auto v = latitude(t, true)) p.lat = *v;
      if (auto v = longitude(t, true)) p.lon = *v;
      if (auto v = t.time("open", false)) p.open = *v;
      if (auto v = t.time("close", false)) p.close = *v;
      check_window(t, p.open, p.close, "close");
      if (t.has("capacity")) {
        if (auto v = t.integer("capacity", false, 1, 100000)) p.capacity = static_cast<int>(*v);
      }
      if (auto v = t.integer("service_min", false, 0, 240)) p.service_min = static_cast<int>(*v);
      if (auto v = t.choice("names", false, {"full", "short", "code"})) {
        p.names = *v == "full"    ? NameDisplay::full
                  : *v == "short" ? NameDisplay::short_name
                                  : NameDisplay::code;
      }
      t.finish();
      m_config.points.push_back(std::move(p));
    }
    if (top.has("points") && m_config.points.empty()) {
      top.error("points", "declare at least one distribution point, e.g. [points.cs-centre]");
    }
  }

  void vans(TableReader& top) {
    for (const auto& [id, table] : tables_in_file_order(top, "vans")) {
      TableReader t(m_file, *table, join_path("vans", id));
      Van v;
      v.id = id;
      if (m_config.depot) {
        v.start = m_config.depot->open;
        v.end = m_config.depot->close;
      }
      if (auto x = t.integer("capacity", true, 1, 100000)) v.capacity = static_cast<int>(*x);
      if (auto x = t.time("start", false)) v.start = *x;
      if (auto x = t.time("end", false)) v.end = *x;
      check_window(t, v.start, v.end, "end");
      t.finish();
      m_config.vans.push_back(std::move(v));
    }
    if (!m_config.vans.empty() && !m_config.depot && top.has("organisation")) {
      top.error("vans", "vans need a [depot] to start from");
    }
  }

  void routing(TableReader& top) {
    const toml::table* table = top.subtable("routing", false);
    if (table == nullptr) {
      return;
    }
    TableReader t(m_file, *table, "routing");
    auto& r = m_config.routing;
    if (auto v = t.number("speed_kmh", false, 1, 200)) r.speed_kmh = *v;
    if (auto v = t.number("detour_factor", false, 1, 5)) r.detour_factor = *v;
    if (auto v = t.string("matrix", false)) {
      r.matrix = m_config.resolve(*v);
      std::error_code ec;
      if (!fs::is_regular_file(r.matrix, ec)) {
        t.error("matrix", trf("file not found: {}", r.matrix));
      }
    }
    t.finish();
  }

  void pickups(TableReader& top) {
    const toml::table* table = top.subtable("pickups", false);
    if (table == nullptr) {
      return;
    }
    TableReader t(m_file, *table, "pickups");
    auto& p = m_config.pickups;
    if (auto v = t.integer("followup_after", false, 1, 52)) p.followup_after = static_cast<int>(*v);
    if (auto v = t.word<Outcome>("uncollected_outcome", false)) {
      p.uncollected_outcome = *v;
    }
    t.finish();
  }

  void feedback(TableReader& top) {
    const toml::table* table = top.subtable("feedback", false);
    if (table == nullptr) {
      return;
    }
    TableReader t(m_file, *table, "feedback");
    auto& f = m_config.feedback;
    if (auto v = t.boolean("survey")) f.survey = *v;
    if (auto v = t.integer("min_answers", false, 1, 100000)) f.min_answers = static_cast<int>(*v);
    if (auto v = t.number("familiar_share", false, 0, 1)) f.familiar_share = *v;
    if (auto v = t.number("low_share", false, 0, 1)) f.low_share = *v;
    t.finish();
  }

  void catalogue(TableReader& top, const std::string& datadir) {
    const toml::table* table = top.subtable("catalogue", false);
    std::string path = (fs::path(datadir) / "vegetables.toml").lexically_normal().string();
    std::optional<TableReader> t;
    if (table != nullptr) {
      t.emplace(m_file, *table, "catalogue");
      if (auto v = t->string("file", false)) {
        path = m_config.resolve(*v);
      }
    }
    m_config.catalogue = detail::load_catalogue(path, path, m_diagnostics);
    if (!t) {
      return;
    }
    if (const toml::table* overrides = t->subtable("override", false)) {
      for (auto&& [id, node] : *overrides) {
        const std::string where = join_path("catalogue.override", id.str());
        const auto* entry = node.as_table();
        if (entry == nullptr) {
          m_file.error(node.source(), trf("{}: expected a table, not {}", where, toml_type_name(node)));
          continue;
        }
        auto& vegetables = m_config.catalogue.vegetables;
        const auto it = std::find_if(vegetables.begin(), vegetables.end(),
                                     [&](const Vegetable& v) { return v.id == id.str(); });
        if (it == vegetables.end()) {
          m_file.error(id.source(),
                       trf("{}: no vegetable \"{}\" in the catalogue {}", where, id.str(), path));
          continue;
        }
        TableReader reader(m_file, *entry, where);
        detail::read_vegetable(reader, *it, false);
      }
    }
    t->finish();
  }

  Config& m_config;
  TomlFile& m_file;
  Diagnostics& m_diagnostics;
};

} // namespace

bool CalendarSettings::is_closed(Week week) const {
  return std::binary_search(closed.begin(), closed.end(), week);
}

const Tier* Scheme::tier_for(std::int64_t qf) const {
  const auto it = std::find_if(tiers.begin(), tiers.end(), [&](const Tier& t) { return qf <= t.qf_max; });
  return it == tiers.end() ? nullptr : &*it;
}

const Tier* Scheme::find_tier(std::string_view name) const {
  const auto it = std::find_if(tiers.begin(), tiers.end(), [&](const Tier& t) { return t.name == name; });
  return it == tiers.end() ? nullptr : &*it;
}

const BasketSize* Config::find_size(std::string_view id) const { return find_by_id(sizes, id); }
const Scheme* Config::find_scheme(std::string_view id) const { return find_by_id(schemes, id); }
const Point* Config::find_point(std::string_view id) const { return find_by_id(points, id); }
const Funder* Config::find_funder(std::string_view id) const { return find_by_id(funders, id); }

std::string Config::funder_name(std::string_view id) const {
  const Funder* funder = find_funder(id);
  return funder != nullptr && !funder->name.empty() ? funder->name : std::string(id);
}

std::string Config::resolve(std::string_view path) const {
  const fs::path p(path);
  if (p.is_absolute() || directory.empty()) {
    return p.lexically_normal().string();
  }
  return (fs::path(directory) / p).lexically_normal().string();
}

Config load_config(const std::string& path, const std::string& datadir) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    throw Error(ExitCode::config,
                trf("{}: configuration file not found (give one with -c FILE or $PANIER_CONFIG)", path));
  }
  Config config;
  config.file = path;
  config.directory = fs::path(path).parent_path().string();
  Diagnostics diagnostics;
  TomlFile file(path, diagnostics);
  if (auto root = file.parse(path)) {
    Loader(config, file, diagnostics).load(*root, datadir);
  }
  diagnostics.throw_if_any(ExitCode::config);
  return config;
}

std::string default_datadir() {
  if (const char* env = std::getenv("PANIER_DATADIR"); env != nullptr && *env != '\0') {
    return env;
  }
  // Installed: the catalogue is under the same prefix as the executable (PREFIX/bin/panier and
  // PREFIX/share/panier), wherever that prefix was moved; the build tree reads the sources' data/.
  const fs::path installed = fs::path(installed_share_dir()) / "panier";
  std::error_code error;
  if (!installed_share_dir().empty() && fs::is_regular_file(installed / "vegetables.toml", error)) {
    return installed.string();
  }
  return PANIER_DATADIR;
}

std::string installed_share_dir() {
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  return error ? std::string() : (executable.parent_path().parent_path() / "share").string();
}

} // namespace panier
