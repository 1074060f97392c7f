// Rows of an input file, whatever the file: CSV (either dialect, UTF-8 or Windows-1252), .xlsx
// or .ods. Every import reads through a RowReader: the header is matched by column name, and
// values are read as text, numbers, dates or weeks the way French offices write them. Typed
// spreadsheet cells arrive as canonical text (dates ISO, numbers with a '.'), so one parser
// serves all. Messages are located as "FILE:LINE: …" for CSV and "FILE:SHEET!C12: …" for a
// sheet. Depends on core only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "panier/core/error.hpp"
#include "panier/core/week.hpp"
#include "panier/io/encoding.hpp"

namespace panier {

// What one record of an input may hold: a longer cell or a wider row is a located error, so a
// hostile file costs bounded memory whatever its size.
constexpr std::size_t k_max_cell_bytes = std::size_t{64} * 1024;
constexpr std::size_t k_max_fields = 1000;
// The messages of both limits, for the readers that check them while reading.
std::string cell_too_long();
std::string too_many_fields();

struct InputColumn {
  std::string_view name;
  bool required = true;
};

// How to read an input file: its encoding when CSV, its sheet when a workbook (empty: the first).
struct ReadOptions {
  Encoding encoding = Encoding::detect;
  std::string sheet;
};

// Where a record is, kept to locate a message once the file has been read.
struct RecordPlace {
  std::string at;   // "FILE:12" or "FILE:Sheet1!A12"; empty when not from a file
  std::string name; // "line 12" or "row 12"
  std::string locate(std::string_view message) const {
    return at.empty() ? std::string(message) : at + ": " + std::string(message);
  }
};

class RowReader {
public:
  virtual ~RowReader();
  RowReader(const RowReader&) = delete;
  RowReader& operator=(const RowReader&) = delete;

  // Reads the header (the first non-blank record) and matches it against `columns` (order
  // free). Unknown, duplicate or missing required columns are Error(data) naming each of them.
  // Columns with an empty header are ignored, but a value under one is an error.
  void read_header(std::span<const InputColumn> columns);

  // Advances to the next record, skipping blank ones; false at the end.
  bool next();

  const std::string& file() const noexcept { return m_name; }
  // The line (CSV) or row (sheet) on which the current record starts; the header is usually 1.
  long line() const noexcept { return m_record_line; }
  // "line 12" or "row 12", to refer to another record in a message.
  virtual std::string record_name(long line) const;
  // The current record's place.
  RecordPlace place() const { return {location(m_record_line, std::nullopt), record_name(m_record_line)}; }

  // By index into the `columns` given to read_header.
  bool has_column(std::size_t column) const;
  std::string_view column_name(std::size_t column) const { return m_names.at(column); }
  // The trimmed field; empty when the column is absent from the file.
  std::string_view text(std::size_t column) const;
  // Integer or fixed-point (scaled by 10^scale) value; nullopt when empty. Accepts a decimal
  // comma (in a semicolon CSV or a sheet) and thousands separated by spaces or no-break spaces.
  // Error(data) `FILE:LINE: column "qf": "12a" is not a number` when malformed.
  std::optional<std::int64_t> number(std::size_t column, int scale = 0) const;
  // As number(), but an empty field is Error(data) "column "x": missing value".
  std::int64_t required_number(std::size_t column, int scale = 0) const;
  // Euros in cents, as number(column, 2), also with a trailing "€".
  std::optional<std::int64_t> money(std::size_t column) const;
  // DD/MM/YYYY, D/M/YYYY or YYYY-MM-DD; nullopt when empty; Error(data) when not a date.
  std::optional<Date> date(std::size_t column) const;
  // YYYY-Www, or a date (the ISO week holding it); nullopt when empty; Error(data) otherwise.
  std::optional<Week> week(std::size_t column) const;

  // A message located at the current record, or at its cell in `column` (and naming it).
  std::string where(std::string_view message) const;
  std::string where(std::size_t column, std::string_view message) const;
  [[noreturn]] void fail(std::string_view message) const;
  [[noreturn]] void fail(std::size_t column, std::string_view message) const;

protected:
  explicit RowReader(std::string display_name);

  // Reads the next record into m_record / m_ends and sets m_record_line; false at the end.
  virtual bool read_record() = 0;
  // "FILE:LINE" or "FILE:SHEET!C12" for a record's line and one of its fields (nullopt: the
  // record as a whole).
  virtual std::string location(long line, std::optional<std::size_t> field) const = 0;
  // CSV: every record has as many fields as the header. A sheet's rows end at their last value.
  virtual bool fixed_width() const = 0;

  std::string_view field(std::size_t index) const;
  // Error(data) when the record just read breaks k_max_cell_bytes or k_max_fields.
  void check_limits() const;

  std::string m_name;
  bool m_decimal_comma = false;
  long m_record_line = 0;
  std::string m_record;            // the current record's characters, field after field
  std::vector<std::size_t> m_ends; // end offset of each field in m_record

private:
  std::optional<std::int64_t> fixed(std::string_view value, int scale) const;
  bool blank_record() const;
  void check_unnamed_fields() const;

  std::vector<int> m_map; // column index -> field index, -1 when absent
  std::vector<std::string_view> m_names;
  std::vector<bool> m_named; // per header field: has a name
  std::size_t m_field_count = 0;
};

// Runs `read` and returns its value; the messages of an Error it throws are added to
// `problems` instead and `fallback` is returned, so that a row's every problem is listed.
template <class T, class F> T collect_problems(std::vector<std::string>& problems, T fallback, F&& read) {
  try {
    return read();
  } catch (const Error& e) {
    problems.insert(problems.end(), e.messages().begin(), e.messages().end());
    return fallback;
  }
}

// Opens `path` as what its content is (a .xlsx or .ods workbook, else CSV text). Error(no_input)
// when it cannot be read; Error(data) in one line for a file that is no spreadsheet.
std::unique_ptr<RowReader> open_rows(const std::string& path, const ReadOptions& options = {});

// True when `path` is a ZIP file (an .xlsx or .ods workbook, or some other archive).
bool is_workbook(const std::string& path);

// Column letters of a 0-based index: 0 -> "A", 27 -> "AB".
std::string column_letters(std::size_t index);

} // namespace panier
