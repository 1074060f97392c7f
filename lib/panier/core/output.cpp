#include "panier/core/output.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include <fmt/format.h>

#include "panier/core/error.hpp"

namespace panier {

namespace fs = std::filesystem;

namespace {
constexpr auto k_owner_only = fs::perms::owner_read | fs::perms::owner_write;
} // namespace

void create_file(const fs::path& path, FileMode mode, const fs::path& shown) {
  const std::string name = (shown.empty() ? path : shown).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    throw Error(ExitCode::cant_create, fmt::format("{}: cannot create file: {}", name, std::strerror(errno)));
  }
  if (mode == FileMode::personal) {
    // Before anything is written to it: an empty file under a loose umask holds nothing.
    std::error_code ec;
    fs::permissions(path, k_owner_only, fs::perm_options::replace, ec);
    if (ec) {
      throw Error(ExitCode::cant_create, fmt::format("{}: cannot make it private: {}", name, ec.message()));
    }
  }
}

void write_atomically(const fs::path& path, const std::string& text, FileMode mode) {
  const fs::path temporary = path.parent_path() / fmt::format(".{}.tmp", path.filename().string());
  create_file(temporary, mode, path);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      throw Error(ExitCode::io, fmt::format("{}: write error", path.string()));
    }
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) {
    throw Error(ExitCode::cant_create, fmt::format("{}: cannot write file: {}", path.string(), ec.message()));
  }
}

void create_directories(const fs::path& dir, FileMode mode) {
  std::vector<fs::path> missing;
  for (fs::path p = dir; !p.empty() && !fs::exists(p); p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    throw Error(ExitCode::cant_create,
                fmt::format("{}: cannot create directory: {}", dir.string(), ec.message()));
  }
  if (mode == FileMode::personal) {
    for (const auto& p : missing) {
      fs::permissions(p, fs::perms::owner_all, fs::perm_options::replace, ec);
      if (ec) {
        throw Error(ExitCode::cant_create,
                    fmt::format("{}: cannot make it private: {}", p.string(), ec.message()));
      }
    }
  }
}

} // namespace panier
