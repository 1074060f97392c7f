// Internal: reading catalogue entries from TOML, shared by the catalogue file and the config's
// [catalogue.override.ID] tables.
#pragma once

#include "panier/config/catalogue.hpp"
#include "panier/config/toml_reader.hpp"

namespace panier::detail {

// Reads the fields present in `table` into `vegetable`; when `complete`, required fields must be
// present. Checks the entry as a whole afterwards.
void read_vegetable(TableReader& table, Vegetable& vegetable, bool complete);

// Loads every [vegetables.ID] table of `path`.
Catalogue load_catalogue(const std::string& path, const std::string& display_name, Diagnostics& diagnostics);

} // namespace panier::detail
