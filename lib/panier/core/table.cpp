#include "panier/core/table.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "panier/core/csv.hpp"
#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/utf8.hpp"

namespace panier {

Format parse_format(std::string_view text) {
  if (text == "table") return Format::table;
  if (text == "csv") return Format::csv;
  if (text == "json") return Format::json;
  throw Error(ExitCode::usage, fmt::format("unknown format \"{}\" (table, csv or json)", text));
}

Table::Table(std::vector<std::string> names, const std::vector<std::string>& numeric_columns)
    : columns(std::move(names)) {
  for (const auto& name : columns) {
    numeric.push_back(std::find(numeric_columns.begin(), numeric_columns.end(), name) !=
                      numeric_columns.end());
  }
}

std::size_t display_width(std::string_view text) { return utf8_characters(text); }

namespace {

// A JSON string: UTF-8 (a byte that is not becomes U+FFFD), control characters escaped.
void json_string(std::ostream& out, std::string_view raw) {
  const std::string text = well_formed_text(raw);
  out << '"';
  for (char c : text) {
    switch (c) {
    case '"': out << "\\\""; break;
    case '\\': out << "\\\\"; break;
    case '\n': out << "\\n"; break;
    case '\r': out << "\\r"; break;
    case '\t': out << "\\t"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        out << fmt::format("\\u{:04x}", static_cast<unsigned>(c));
      } else {
        out << c;
      }
    }
  }
  out << '"';
}

// Aligned columns for a terminal. Cells come from files and databases others wrote, so each is
// shown through terminal_text: no escape sequence reaches the terminal.
void render_table(const Table& raw, std::ostream& out) {
  Table table = raw;
  for (auto& name : table.columns) {
    name = terminal_text(name);
  }
  const bool french = translations_on();
  for (auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      row[i] = terminal_text(row[i]);
      if (french && i < table.numeric.size() && table.numeric[i]) {
        row[i] = styled_number(row[i], k_french_style);
      }
    }
  }
  std::vector<std::size_t> widths;
  for (const auto& name : table.columns) {
    widths.push_back(display_width(name));
  }
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::size_t pad = widths[i] - display_width(cells[i]);
      const bool last = i + 1 == cells.size();
      if (table.numeric[i]) {
        text.append(pad, ' ');
        text += cells[i];
      } else {
        text += cells[i];
        if (!last) {
          text.append(pad, ' ');
        }
      }
      if (!last) {
        text += "  ";
      }
    }
    while (!text.empty() && text.back() == ' ') {
      text.pop_back();
    }
    out << text << '\n';
  };
  line(table.columns);
  for (const auto& row : table.rows) {
    line(row);
  }
}

void render_json(const Table& table, std::ostream& out) {
  out << "[";
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    out << (r == 0 ? "\n  {" : ",\n  {");
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      if (i > 0) {
        out << ", ";
      }
      json_string(out, table.columns[i]);
      out << ": ";
      const std::string& cell = table.rows[r][i];
      // A numeric column's cell is a JSON number, unless it is not one ("<5" from --min-cell).
      if (table.numeric[i] && !cell.empty() &&
          (std::isdigit(static_cast<unsigned char>(cell[0])) != 0 || cell[0] == '-')) {
        out << cell;
      } else {
        json_string(out, cell);
      }
    }
    out << "}";
  }
  out << (table.rows.empty() ? "]\n" : "\n]\n");
}

} // namespace

void render_table(const Table& table, Format format, std::ostream& out) {
  switch (format) {
  case Format::csv: {
    CsvWriter writer(out);
    writer.row(table.columns);
    for (const auto& row : table.rows) {
      writer.row(row);
    }
    return;
  }
  case Format::table: render_table(table, out); return;
  case Format::json: render_json(table, out); return;
  }
}

std::string styled_number(std::string_view plain, const NumberStyle& style) {
  const bool negative = plain.starts_with('-');
  const std::string_view number = plain.substr(negative ? 1 : 0);
  const std::size_t point = number.find('.');
  const std::string_view whole = number.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? "" : number.substr(point + 1);
  const auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || !digits(whole) || !digits(fraction) ||
      (point != std::string_view::npos && fraction.empty())) {
    return std::string(plain);
  }
  std::string out = negative ? "-" : "";
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && whole.size() >= style.group_from && (whole.size() - i) % 3 == 0) {
      out += style.thousands;
    }
    out += whole[i];
  }
  if (point != std::string_view::npos) {
    out += style.decimal;
    out += fraction;
  }
  return out;
}

std::string counted(std::size_t count, const char* singular, const char* plural) {
  return fmt::format("{} {}", count, trn(singular, plural, count));
}

} // namespace panier
