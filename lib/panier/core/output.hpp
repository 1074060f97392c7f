// What every written file shares: atomic replacement (a reader never sees half a file), and the
// mode of files that carry personal data (names, phone numbers): 0600 whatever the umask.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace panier {

// ordinary: the umask decides. personal: readable and writable by the owner only (0600; a
// directory 0700).
enum class FileMode { ordinary, personal };

// Writes `text` to `path` through a temporary file in the same directory and a rename.
// Error(cant_create) or Error(io) on failure.
void write_atomically(const std::filesystem::path& path, const std::string& text,
                      FileMode mode = FileMode::ordinary);

// `dir / relative`, once `relative` is proved to name a file inside `dir`: components separated
// by '/', each non-empty, not starting with '.' ("..", "." and hidden names refused), without a
// NUL. Every path panier writes or deletes under --out or -o goes through it. Error(cant_create)
// otherwise: the caller's identifiers should have been checked before (core/identifier.hpp).
std::filesystem::path path_inside(const std::filesystem::path& dir, std::string_view relative);

// Creates `dir` and its missing parents; those it creates get the mode (0700 when personal),
// those that exist keep theirs. Error(cant_create) on failure.
void create_directories(const std::filesystem::path& dir, FileMode mode);

// Creates a new, empty file beside `target` under a name nobody else has (".NAME.XXXXXX"),
// exclusively: whatever was planted at a predictable name, a link included, is never followed.
// Its mode is the FileMode's (ordinary: what the umask gives). Returns its open descriptor and
// path; Error(cant_create) naming `target` on failure.
struct TemporaryFile {
  int fd = -1;
  std::filesystem::path path;
};
TemporaryFile create_temporary(const std::filesystem::path& target, FileMode mode);

// Renames `temporary` over `target` (removing it on failure); Error(cant_create).
void replace_with(const std::filesystem::path& temporary, const std::filesystem::path& target);

} // namespace panier
