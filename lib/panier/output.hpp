// What every written file shares: atomic replacement (a reader never sees half a file), HTML
// escaping, and clock times as HH:MM.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "panier/week.hpp"

namespace panier {

// Writes `text` to `path` through a temporary file in the same directory and a rename.
// Error(cant_create) or Error(io) on failure.
void write_atomically(const std::filesystem::path& path, const std::string& text);

std::string html_escape(std::string_view text);

// Minutes after midnight as "HH:MM".
std::string time_text(int minutes);

// "jeudi 9 mars 2023" (lang "fr") or "Thursday 9 March 2023" (any other).
std::string long_date(Date date, std::string_view lang);

} // namespace panier
