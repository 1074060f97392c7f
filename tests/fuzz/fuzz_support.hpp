// What the fuzz targets share: a scratch file for the readers that take a path, and the
// one rule of every target: panier::Error (a located, documented refusal) is an answer, anything
// else that escapes — another exception, a crash, undefined behaviour, a leak — is a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#include "panier/core/error.hpp"

namespace panier::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A file of this process's own, rewritten with each input.
inline const std::string& scratch_file(const char* suffix) {
  static const std::string path = [&] {
    std::string pattern = std::string("/tmp/panier-fuzz-XXXXXX") + suffix;
    const int fd = ::mkstemps(pattern.data(), static_cast<int>(std::string_view(suffix).size()));
    if (fd < 0) std::abort();
    ::close(fd);
    return pattern;
  }();
  return path;
}

inline const std::string& write_scratch(std::string_view bytes, const char* suffix = ".csv") {
  const std::string& path = scratch_file(suffix);
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

// Runs `body`; a panier::Error must carry at least one message and a documented exit code.
template <class F> void expect_answer(F&& body) {
  try {
    body();
  } catch (const Error& e) {
    if (e.messages().empty() || e.code() == ExitCode::ok || e.code() == ExitCode::internal) std::abort();
    for (const auto& message : e.messages()) {
      if (message.find('\0') != std::string::npos) std::abort(); // never raw bytes
    }
  }
}

} // namespace panier::fuzz
