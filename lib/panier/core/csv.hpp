// CSV out, as the contract says: UTF-8, comma, "\n", RFC 4180 quoting, a header row. Reading
// CSV is the io layer's (io/csv_reader.hpp).
#pragma once

#include <initializer_list>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace panier {

// True when a spreadsheet would run `value` as a formula: it starts with '=', '+', '-', '@', a
// tab or a carriage return, and is not a plain number ("-12.50" is one).
bool looks_like_formula(std::string_view value);

// Writes CSV as the contract says. Fields are quoted only when they need it. A value that
// looks like a formula is written with a leading apostrophe, so that no spreadsheet runs it.
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
