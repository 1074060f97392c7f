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

// How a person reads numbers: the decimal mark, the thousands separator, and from how many
// digits of the whole part thousands are separated.
struct NumberStyle {
  std::string_view decimal = ".";
  std::string_view thousands;
  std::size_t group_from = 5;
};
// The French style: "12 345,50" (a narrow no-break space between thousands).
inline constexpr NumberStyle k_french_style{",", "\u202f", 5};

// `plain` ("-12345.50", as panier writes numbers) in `style`; any other text as it is ("<5", "*",
// "2026-W49").
std::string styled_number(std::string_view plain, const NumberStyle& style);

// CSV and JSON are for machines and never change. The aligned table is for a person: when the
// messages are French (core/i18n), its numbers are in the French style.
void render_table(const Table& table, Format format, std::ostream& out);

// "1 scheme", "2 schemes": a count and its noun, for the lines people read.
// The noun in the messages' language (its plural rule too: "0 panier", "0 baskets").
std::string counted(std::size_t count, const char* singular, const char* plural);

// Display width of UTF-8 text (code points; panier's text has no wide characters).
std::size_t display_width(std::string_view text);

} // namespace panier
