#include "panier/io/zip.hpp"

#include <zip.h>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"

namespace panier {

ZipArchive::ZipArchive(const std::string& path) : m_path(path) {
  int code = 0;
  m_zip = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (m_zip == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw Error(ExitCode::data, trf("{}: not a readable .xlsx or .ods file (ZIP archive: {})", path, why));
  }
}

ZipArchive::~ZipArchive() { zip_discard(m_zip); }

void ZipArchive::damaged(const std::string& what) const {
  throw Error(ExitCode::data, trf("{}: damaged workbook ({})", m_path, what));
}

bool ZipArchive::has(const std::string& name) const { return zip_name_locate(m_zip, name.c_str(), 0) >= 0; }

std::string ZipArchive::read(const std::string& name, std::size_t limit) const {
  Entry entry(*this, name);
  std::string out;
  char buffer[1 << 16];
  while (const std::size_t n = entry.read(buffer, sizeof buffer)) {
    out.append(buffer, n);
    if (out.size() > limit) {
      damaged(trf("{} is larger than {} MiB", name, limit >> 20));
    }
  }
  return out;
}

ZipArchive::Entry::Entry(const ZipArchive& archive, const std::string& name)
    : m_archive(archive), m_name(name) {
  m_file = zip_fopen(archive.m_zip, name.c_str(), 0);
  if (m_file == nullptr) {
    archive.damaged(fmt::format("{}: {}", name, zip_strerror(archive.m_zip)));
  }
}

ZipArchive::Entry::~Entry() { zip_fclose(m_file); }

std::size_t ZipArchive::Entry::read(char* buffer, std::size_t size) {
  const zip_int64_t n = zip_fread(m_file, buffer, size);
  if (n < 0) {
    m_archive.damaged(fmt::format("{}: {}", m_name, zip_file_strerror(m_file)));
  }
  return static_cast<std::size_t>(n);
}

} // namespace panier
