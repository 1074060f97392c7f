// A report table as a self-contained printable page (every report kind but impact, which has its
// own page).
#pragma once

#include <string>

#include "panier/config/config.hpp"
#include "panier/core/table.hpp"

namespace panier::render {

std::string table_html(const Table& table, const std::string& title, Language language);

} // namespace panier::render
