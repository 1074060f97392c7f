// What every written file shares: atomic replacement (a reader never sees half a file), and the
// mode of files that carry personal data (names, phone numbers): 0600 whatever the umask.
#pragma once

#include <filesystem>
#include <string>

namespace panier {

// ordinary: the umask decides. personal: readable and writable by the owner only (0600; a
// directory 0700).
enum class FileMode { ordinary, personal };

// Writes `text` to `path` through a temporary file in the same directory and a rename.
// Error(cant_create) or Error(io) on failure.
void write_atomically(const std::filesystem::path& path, const std::string& text,
                      FileMode mode = FileMode::ordinary);

// Creates `dir` and its missing parents; those it creates get the mode (0700 when personal),
// those that exist keep theirs. Error(cant_create) on failure.
void create_directories(const std::filesystem::path& dir, FileMode mode);

// Creates (or empties) `path` with the mode, for a writer that then opens it by name and so
// keeps the mode.
// `shown` names the file in messages (the final name of a temporary file); empty: `path`.
void create_file(const std::filesystem::path& path, FileMode mode, const std::filesystem::path& shown = {});

} // namespace panier
