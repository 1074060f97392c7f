// Writing .xlsx workbooks through libxlsxwriter: typed cells (numbers as numbers, euros in the
// euro format, dates as dates, anything else as text, which no spreadsheet runs as a formula), a
// bold header row frozen in place, column widths fitted to their content, and optionally a page
// set up for A4. The same values give the same bytes: the document's date is given, not read.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "panier/core/output.hpp"
#include "panier/core/table.hpp"
#include "panier/core/week.hpp"

namespace panier {

enum class CellKind { text, number, money, date };

struct SheetPrint {
  bool a4 = false;    // A4, one page wide, the header row on every page
  std::string header; // printed at the top of each page (when a4)
};

struct Worksheet {
  std::string name; // at most 31 characters, without []:*?/\ (others are replaced)
  std::vector<std::string> columns;
  std::vector<CellKind> kinds; // per column
  std::vector<std::vector<std::string>> rows;
  SheetPrint print;
  // Per column (or none): the words a cell may take, offered as a drop-down list on every row
  // (other text is still accepted, with a notice: the reader checks the words).
  std::vector<std::vector<std::string>> choices;
};

// The kind of a report column: numeric ones are numbers, and money when named *_eur; "date" and
// *_date columns are dates; the rest text. A value that does not fit its kind is written as text.
CellKind cell_kind(std::string_view column, bool numeric);

// A report table as one worksheet.
Worksheet worksheet_of(const Table& table, std::string name);

// Writes the workbook to `path` through a temporary file and a rename; Error(cant_create) when it
// cannot be written. `created` is the document's creation date; a workbook with names is
// FileMode::personal (0600).
void write_xlsx(const std::filesystem::path& path, std::span<const Worksheet> sheets, Date created,
                FileMode mode = FileMode::ordinary);

} // namespace panier
