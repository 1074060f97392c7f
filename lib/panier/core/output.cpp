#include "panier/core/output.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/utf8.hpp"

namespace panier {

namespace fs = std::filesystem;

fs::path path_inside(const fs::path& dir, std::string_view relative) {
  bool ok = !relative.empty() && relative.find('\0') == std::string_view::npos;
  std::size_t begin = 0;
  while (ok && begin <= relative.size()) {
    const std::size_t end = std::min(relative.find('/', begin), relative.size());
    const std::string_view part = relative.substr(begin, end - begin);
    ok = !part.empty() && part.front() != '.';
    begin = end + 1;
  }
  if (!ok) {
    throw Error(ExitCode::cant_create, trf("{}: refusing to write \"{}\", which is not a name inside it",
                                           dir.string(), message_text(relative)));
  }
  return dir / fs::path(relative);
}

TemporaryFile create_temporary(const fs::path& target, FileMode mode) {
  std::string pattern =
      (target.parent_path() / fmt::format(".{}.XXXXXX", target.filename().string())).string();
  const int fd = ::mkstemp(pattern.data()); // O_CREAT | O_EXCL, mode 0600
  if (fd < 0) {
    throw Error(ExitCode::cant_create,
                trf("{}: cannot create file: {}", target.string(), std::strerror(errno)));
  }
  if (mode == FileMode::ordinary) {
    const ::mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
  }
  return {fd, fs::path(pattern)};
}

void replace_with(const fs::path& temporary, const fs::path& target) {
  std::error_code ec;
  fs::rename(temporary, target, ec);
  if (ec) {
    fs::remove(temporary, ec);
    throw Error(ExitCode::cant_create, trf("{}: cannot write file: {}", target.string(), ec.message()));
  }
}

void write_atomically(const fs::path& path, const std::string& text, FileMode mode) {
  const TemporaryFile temporary = create_temporary(path, mode);
  std::size_t written = 0;
  while (written < text.size()) {
    const ::ssize_t n = ::write(temporary.fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      const int error = errno;
      ::close(temporary.fd);
      std::error_code ec;
      fs::remove(temporary.path, ec);
      throw Error(ExitCode::io, trf("{}: write error: {}", path.string(), std::strerror(error)));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(temporary.fd) != 0) {
    std::error_code ec;
    fs::remove(temporary.path, ec);
    throw Error(ExitCode::io, trf("{}: write error", path.string()));
  }
  replace_with(temporary.path, path);
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
    throw Error(ExitCode::cant_create, trf("{}: cannot create directory: {}", dir.string(), ec.message()));
  }
  if (mode == FileMode::personal) {
    for (const auto& p : missing) {
      fs::permissions(p, fs::perms::owner_all, fs::perm_options::replace, ec);
      if (ec) {
        throw Error(ExitCode::cant_create, trf("{}: cannot make it private: {}", p.string(), ec.message()));
      }
    }
  }
}

} // namespace panier
