// A result as a value (columns and rows of text) and its renderers: CSV as the contract says, an
// aligned table for the terminal, or JSON. Commands compute a Table, then pick a renderer.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace panier {

enum class Format { table, csv, json };

// "table", "csv" or "json"; Error(usage) otherwise.
Format parse_format(std::string_view text);

struct Table {
  std::vector<std::string> columns;
  std::vector<bool> numeric; // per column: right-aligned in tables, a number in JSON
  std::vector<std::vector<std::string>> rows;

  Table() = default;
  // Columns whose name is listed in `numeric_columns` are numeric.
  Table(std::vector<std::string> names, const std::vector<std::string>& numeric_columns = {});
  void add(std::vector<std::string> row) { rows.push_back(std::move(row)); }
};

void render_table(const Table& table, Format format, std::ostream& out);

// "1 scheme", "2 schemes": a count and its noun, for the lines people read.
std::string counted(std::size_t count, std::string_view singular, std::string_view plural);

// Display width of UTF-8 text (code points; panier's text has no wide characters).
std::size_t display_width(std::string_view text);

} // namespace panier
