// Reading ZIP archives (the container of .xlsx and .ods files) through libzip: an entry whole
// or a chunk at a time. Errors are Error(data) naming the file, in one line.
#pragma once

#include <cstddef>
#include <string>

struct zip;
struct zip_file;

namespace panier {

class ZipArchive {
public:
  explicit ZipArchive(const std::string& path);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  const std::string& path() const noexcept { return m_path; }
  bool has(const std::string& name) const;
  // The whole entry; Error(data) when it is missing, damaged or larger than `limit` bytes.
  std::string read(const std::string& name, std::size_t limit) const;

  // One entry read in chunks.
  class Entry {
  public:
    Entry(const ZipArchive& archive, const std::string& name);
    ~Entry();
    Entry(const Entry&) = delete;
    Entry& operator=(const Entry&) = delete;
    // Up to `size` bytes into `buffer`; 0 at the end.
    std::size_t read(char* buffer, std::size_t size);
    const std::string& name() const noexcept { return m_name; }

  private:
    const ZipArchive& m_archive;
    std::string m_name;
    zip_file* m_file = nullptr;
  };

  // "FILE: damaged workbook (what)".
  [[noreturn]] void damaged(const std::string& what) const;

private:
  std::string m_path;
  zip* m_zip = nullptr;
};

} // namespace panier
