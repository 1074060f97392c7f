#include "panier/core/output.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "panier/core/error.hpp"

namespace panier {

namespace fs = std::filesystem;

void write_atomically(const fs::path& path, const std::string& text) {
  const fs::path temporary = path.parent_path() / fmt::format(".{}.tmp", path.filename().string());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw Error(ExitCode::cant_create,
                  fmt::format("{}: cannot create file: {}", path.string(), std::strerror(errno)));
    }
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

} // namespace panier
