// CSV in and out. The writer follows the contract (UTF-8, comma, "\n", RFC 4180 quoting, header);
// the reader also accepts what French spreadsheet software writes (semicolon separator, decimal
// comma, UTF-8 BOM, CRLF) and quoted fields spanning lines. Streaming: memory does not grow with
// the file. Depends on error and money only.
#pragma once

#include <cstdint>
#include <fstream>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "panier/core/money.hpp"

namespace panier {

struct CsvColumn {
  std::string_view name;
  bool required = true;
};

class CsvReader {
public:
  // Opens `path`; Error(no_input) when it cannot be read. Messages name the file as given.
  explicit CsvReader(const std::string& path);
  // Reads from a stream; `display_name` is used in messages.
  CsvReader(std::istream& input, std::string display_name);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the header and matches it against `columns` (order free). Unknown, duplicate or missing
  // required columns are Error(data) naming each of them.
  void read_header(std::span<const CsvColumn> columns);

  // Advances to the next record, skipping blank lines; false at the end of the file.
  // A record with the wrong number of fields is Error(data) with its line.
  bool next();

  const std::string& file() const noexcept { return m_name; }
  // The line on which the current record starts (the header is line 1).
  long line() const noexcept { return m_record_line; }
  char separator() const noexcept { return m_separator; }

  // By index into the `columns` given to read_header.
  bool has_column(std::size_t column) const;
  // The trimmed field; empty when the column is absent from the file.
  std::string_view text(std::size_t column) const;
  // Integer or fixed-point (scaled by 10^scale) value; nullopt when empty; Error(data)
  // "FILE:LINE: column "qf": "12a" is not a number" when malformed.
  std::optional<std::int64_t> number(std::size_t column, int scale = 0) const;
  // As number(), but an empty field is Error(data) "column "x": missing value".
  std::int64_t required_number(std::size_t column, int scale = 0) const;
  // Error(data) located at the current record.
  [[noreturn]] void fail(std::string_view message) const;
  std::string where(std::string_view message) const;

private:
  bool fill();
  bool read_record();
  void detect_separator();

  std::unique_ptr<std::ifstream> m_owned;
  std::istream* m_input;
  std::string m_name;
  std::vector<char> m_buffer;
  std::size_t m_pos = 0;
  std::size_t m_end = 0;
  bool m_eof = false;
  char m_separator = ',';
  long m_line = 1;
  long m_record_line = 0;
  std::string m_record;            // the current record's unescaped characters
  std::vector<std::size_t> m_ends; // end offset of each field in m_record
  std::vector<int> m_map;          // column index -> field index, -1 when absent
  std::vector<std::string_view> m_names;
  std::size_t m_field_count = 0;
};

// Writes CSV as the contract says. Fields are quoted only when they need it.
class CsvWriter {
public:
  explicit CsvWriter(std::ostream& out) : m_out(out) {}
  void field(std::string_view value);
  void end_row();
  void row(std::span<const std::string> fields);
  void row(std::initializer_list<std::string_view> fields);

private:
  std::ostream& m_out;
  bool m_first = true;
};

} // namespace panier
