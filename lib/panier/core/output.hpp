// What every written file shares: atomic replacement (a reader never sees half a file).
#pragma once

#include <filesystem>
#include <string>

namespace panier {

// Writes `text` to `path` through a temporary file in the same directory and a rename.
// Error(cant_create) or Error(io) on failure.
void write_atomically(const std::filesystem::path& path, const std::string& text);

} // namespace panier
