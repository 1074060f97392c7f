#include "panier/config/catalogue.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "panier/config/catalogue_toml.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/identifier.hpp"

namespace panier {

std::string_view unit_name(Unit unit) {
  switch (unit) {
  case Unit::kg: return "kg";
  case Unit::piece: return "piece";
  case Unit::bunch: return "bunch";
  }
  return "kg";
}

const Vegetable* Catalogue::find(std::string_view id) const {
  const auto it =
      std::find_if(vegetables.begin(), vegetables.end(), [&](const Vegetable& v) { return v.id == id; });
  return it == vegetables.end() ? nullptr : &*it;
}

namespace detail {

// Long on purpose: one block per key of a vegetable, in the order of panier.toml(5).
void read_vegetable(TableReader& table, Vegetable& vegetable, bool complete) {
  if (auto name = table.string("name", complete)) {
    vegetable.name = *name;
  }
  if (auto unit = table.choice("unit", complete, {"kg", "piece", "bunch"})) {
    vegetable.unit = *unit == "kg" ? Unit::kg : *unit == "piece" ? Unit::piece : Unit::bunch;
  }
  if (auto price = table.money("price", complete, true)) {
    vegetable.price = *price;
  }
  if (auto step = table.fixed("step", complete, 3, true)) {
    vegetable.step = *step;
  }
  const bool has_min = table.has("min");
  if (auto min = table.fixed("min", false, 3, true)) {
    vegetable.min = *min;
  }
  if (const auto* months = table.array("months", complete)) {
    std::uint16_t mask = 0;
    bool ok = !months->empty();
    for (const auto& month : *months) {
      const auto m = month.value<std::int64_t>();
      if (!month.is_integer() || !m || *m < 1 || *m > 12) {
        ok = false;
        break;
      }
      mask = static_cast<std::uint16_t>(mask | (1U << (*m - 1)));
    }
    if (ok) {
      vegetable.months = mask;
    } else {
      table.error("months", "expected a non-empty list of month numbers 1 to 12");
    }
  }
  if (auto unfamiliar = table.boolean("unfamiliar")) {
    vegetable.unfamiliar = *unfamiliar;
  }
  const bool has_weight = table.has("kg_per_unit");
  if (auto weight = table.fixed("kg_per_unit", false, 3, true)) {
    vegetable.grams_per_unit = *weight;
  }
  if (auto tip = table.string("tip", false)) {
    vegetable.tip = *tip;
  }
  if (auto plural = table.string("plural", false)) {
    vegetable.plural = *plural;
  }
  if (auto recipe = table.string("recipe", false)) {
    vegetable.recipe = *recipe;
  }

  // Checks on the entry as a whole.
  if (complete && !has_min) {
    vegetable.min = vegetable.step;
  }
  if (vegetable.step > 0 && vegetable.min > 0 && vegetable.min < vegetable.step) {
    table.error("min", "must be at least one portion step");
  }
  if (vegetable.unit == Unit::kg && has_weight && vegetable.grams_per_unit != 1000) {
    table.error("kg_per_unit", "must be 1 for a vegetable sold by the kg");
  }
  if (vegetable.unit != Unit::kg && complete && !has_weight) {
    table.missing("kg_per_unit");
  }
  if (vegetable.unfamiliar && vegetable.tip.empty()) {
    table.error("tip", "an unfamiliar vegetable needs a tip");
  }
  table.finish();
}

Catalogue load_catalogue(const std::string& path, const std::string& display_name, Diagnostics& diagnostics) {
  Catalogue catalogue;
  catalogue.file = display_name;
  TomlFile file(display_name, diagnostics);
  auto root = file.parse(path);
  if (!root) {
    return catalogue;
  }
  TableReader top(file, *root, "");
  const toml::table* vegetables = top.subtable("vegetables", true);
  top.finish();
  if (vegetables == nullptr) {
    return catalogue;
  }
  for (auto&& [key, node] : *vegetables) {
    const std::string path_name = join_path("vegetables", key.str());
    const auto* entry = node.as_table();
    if (entry == nullptr) {
      file.error(node.source(), trf("{}: expected a table, not {}", path_name, toml_type_name(node)));
      continue;
    }
    if (!is_identifier(key.str())) {
      file.error(node.source(), trf("vegetables.\"{}\": not an identifier ({})", key.str().substr(0, 80),
                                    k_identifier_rule));
      continue;
    }
    Vegetable vegetable;
    vegetable.id = std::string(key.str());
    TableReader reader(file, *entry, path_name);
    read_vegetable(reader, vegetable, true);
    catalogue.vegetables.push_back(std::move(vegetable));
  }
  return catalogue;
}

} // namespace detail
} // namespace panier
