#include "panier/io/rows.hpp"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/core/money.hpp"
#include "panier/io/csv_reader.hpp"
#include "panier/io/sheet_reader.hpp"

namespace panier {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// What separates thousands: a space, a no-break space (U+00A0) or a narrow no-break space
// (U+202F, what LibreOffice writes in French).
constexpr std::string_view k_spaces[] = {" ", "\xC2\xA0", "\xE2\x80\xAF"};

// The byte length of a thousands separator at text[i]; 0 when there is none.
std::size_t separator_at(std::string_view text, std::size_t i) {
  for (const std::string_view space : k_spaces) {
    if (text.substr(i).starts_with(space)) return space.size();
  }
  return 0;
}

std::string_view without_trailing_spaces(std::string_view text) {
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    for (const std::string_view space : k_spaces) {
      if (text.ends_with(space)) {
        text.remove_suffix(space.size());
        trimmed = true;
      }
    }
  }
  return text;
}

// `text` without the separators of its thousands ("1 234,5" -> "1234,5"); nullopt when they do
// not group the whole part by threes.
std::optional<std::string> without_thousands(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    out.push_back(text[0]);
    i = 1;
  }
  std::size_t group = 0;
  bool grouped = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      out.push_back(c);
      ++group;
      continue;
    }
    if (const std::size_t width = separator_at(text, i)) {
      if (group == 0 || group > 3 || (grouped && group != 3)) return std::nullopt;
      grouped = true;
      group = 0;
      i += width - 1;
      continue;
    }
    break;
  }
  if (grouped && group != 3) return std::nullopt;
  out.append(text.substr(i));
  return out;
}

} // namespace

std::string cell_too_long() { return trf("a cell longer than {} KiB", k_max_cell_bytes / 1024); }
std::string too_many_fields() { return trf("more than {} columns", k_max_fields); }

RowReader::RowReader(std::string display_name) : m_name(std::move(display_name)) {}

RowReader::~RowReader() = default;

std::string RowReader::record_name(long line) const { return trf("line {}", line); }

std::string_view RowReader::field(std::size_t index) const {
  if (index >= m_ends.size()) {
    return {};
  }
  const std::size_t begin = index == 0 ? 0 : m_ends[index - 1];
  return trim(std::string_view(m_record).substr(begin, m_ends[index] - begin));
}

void RowReader::check_limits() const {
  if (m_ends.size() > k_max_fields) {
    throw Error(ExitCode::data, location(m_record_line, std::nullopt) + ": " + too_many_fields());
  }
  std::size_t begin = 0;
  for (std::size_t f = 0; f < m_ends.size(); ++f) {
    if (m_ends[f] - begin > k_max_cell_bytes) {
      throw Error(ExitCode::data, location(m_record_line, f) + ": " + cell_too_long());
    }
    begin = m_ends[f];
  }
}

bool RowReader::blank_record() const {
  for (std::size_t i = 0; i < m_ends.size(); ++i) {
    if (!field(i).empty()) return false;
  }
  return true;
}

void RowReader::read_header(std::span<const InputColumn> columns) {
  do {
    if (!read_record()) {
      throw Error(ExitCode::data, location(1, std::nullopt) + ": empty file: expected a header row");
    }
    check_limits();
  } while (blank_record());
  m_names.clear();
  for (const auto& column : columns) {
    m_names.push_back(column.name);
  }
  m_map.assign(columns.size(), -1);
  m_field_count = m_ends.size();
  m_named.assign(m_field_count, false);
  Diagnostics problems;
  for (std::size_t f = 0; f < m_ends.size(); ++f) {
    std::string_view name = field(f);
    if (f == 0 && name.substr(0, 3) == "\xEF\xBB\xBF") {
      name = trim(name.substr(3));
    }
    if (name.empty()) {
      continue;
    }
    m_named[f] = true;
    const auto found =
        std::find_if(columns.begin(), columns.end(), [&](const InputColumn& c) { return c.name == name; });
    if (found == columns.end()) {
      problems.add(location(m_record_line, f) + trf(": unknown column {}", quoted(name)));
      continue;
    }
    const auto index = static_cast<std::size_t>(found - columns.begin());
    if (m_map[index] >= 0) {
      problems.add(location(m_record_line, f) + trf(": column \"{}\" appears twice", name));
      continue;
    }
    m_map[index] = static_cast<int>(f);
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].required && m_map[i] < 0) {
      problems.add(location(m_record_line, std::nullopt) + trf(": missing column \"{}\"", columns[i].name));
    }
  }
  problems.throw_if_any(ExitCode::data);
}

void RowReader::check_unnamed_fields() const {
  for (std::size_t f = 0; f < m_ends.size(); ++f) {
    if ((f >= m_named.size() || !m_named[f]) && !field(f).empty()) {
      throw Error(ExitCode::data, location(m_record_line, f) + ": a value under no column name");
    }
  }
}

bool RowReader::next() {
  for (;;) {
    if (!read_record()) {
      return false;
    }
    check_limits();
    if (blank_record()) {
      continue;
    }
    if (fixed_width() && m_ends.size() != m_field_count) {
      fail(trf("{} fields, expected {} as in the header", m_ends.size(), m_field_count));
    }
    check_unnamed_fields();
    return true;
  }
}

bool RowReader::has_column(std::size_t column) const { return m_map.at(column) >= 0; }

std::string_view RowReader::text(std::size_t column) const {
  const int f = m_map.at(column);
  return f < 0 ? std::string_view{} : field(static_cast<std::size_t>(f));
}

// `value` as a number scaled by 10^scale, thousands separators and decimal comma allowed.
std::optional<std::int64_t> RowReader::fixed(std::string_view value, int scale) const {
  const auto plain = without_thousands(value);
  return plain ? parse_fixed(*plain, scale, m_decimal_comma) : std::nullopt;
}

std::optional<std::int64_t> RowReader::number(std::size_t column, int scale) const {
  const std::string_view value = text(column);
  if (value.empty()) {
    return std::nullopt;
  }
  auto parsed = fixed(value, scale);
  if (!parsed) {
    if (scale > 0 && fixed(value, 7)) {
      fail(column, trf("{} has more than {} decimals", quoted(value), scale));
    }
    fail(column, trf("{} is not a number", quoted(value)));
  }
  return parsed;
}

std::int64_t RowReader::required_number(std::size_t column, int scale) const {
  auto value = number(column, scale);
  if (!value) {
    fail(column, "missing value");
  }
  return *value;
}

std::optional<std::int64_t> RowReader::money(std::size_t column) const {
  const std::string_view value = text(column);
  std::optional<std::int64_t> cents;
  bool with_sign = false;
  for (const std::string_view euro : {"€", "EUR"}) {
    if (value.size() > euro.size() && value.ends_with(euro)) {
      cents = fixed(without_trailing_spaces(value.substr(0, value.size() - euro.size())), 2);
      if (!cents) fail(column, trf("{} is not an amount in euros", quoted(value)));
      with_sign = true;
      break;
    }
  }
  if (!with_sign) cents = number(column, 2);
  if (cents && (*cents >= k_max_amount || *cents <= -k_max_amount)) {
    fail(column, trf("{} is not below {} EUR", quoted(value), format_money(k_max_amount)));
  }
  return cents;
}

std::optional<Date> RowReader::date(std::size_t column) const {
  const std::string_view value = text(column);
  if (value.empty()) {
    return std::nullopt;
  }
  auto parsed = Date::parse_any(value);
  if (!parsed) {
    fail(column, trf("{} is not a date (DD/MM/YYYY or YYYY-MM-DD)", quoted(value)));
  }
  return parsed;
}

std::optional<Week> RowReader::week(std::size_t column) const {
  const std::string_view value = text(column);
  if (value.empty()) {
    return std::nullopt;
  }
  if (auto week = Week::parse_iso(value)) {
    return week;
  }
  if (auto day = Date::parse_any(value)) {
    return Week::containing(*day);
  }
  fail(column, trf("{} is not a week (YYYY-Www, or a date DD/MM/YYYY)", quoted(value)));
}

std::string RowReader::where(std::string_view message) const {
  return fmt::format("{}: {}", location(m_record_line, std::nullopt), message);
}

std::string RowReader::where(std::size_t column, std::string_view message) const {
  const int f = m_map.at(column);
  const auto at = f < 0 ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(f));
  return trf("{}: column \"{}\": {}", location(m_record_line, at), m_names.at(column), message);
}

void RowReader::fail(std::string_view message) const { throw Error(ExitCode::data, where(message)); }

void RowReader::fail(std::size_t column, std::string_view message) const {
  throw Error(ExitCode::data, where(column, message));
}

std::string column_letters(std::size_t index) {
  std::string letters;
  ++index;
  while (index > 0) {
    letters.insert(letters.begin(), static_cast<char>('A' + (index - 1) % 26));
    index = (index - 1) / 26;
  }
  return letters;
}

namespace {

// What a file that is not text looks like, from its first bytes; empty when it may be text.
std::string binary_kind(std::string_view head) {
  struct Magic {
    std::string_view bytes;
    std::string_view kind;
  };
  static constexpr Magic k_magics[] = {
      {"\xD0\xCF\x11\xE0", "an old Excel (.xls) or Office 97 file: save it as .xlsx, .ods or CSV"},
      {"%PDF", "a PDF document"},
      {"\x89PNG", "a PNG image"},
      {"\xFF\xD8\xFF", "a JPEG image"},
      {"GIF8", "a GIF image"},
      {"\x1F\x8B", "a gzip archive"},
      {"7z\xBC\xAF", "a 7-Zip archive"},
      {"Rar!", "a RAR archive"},
      {"\x7F"
       "ELF",
       "a program"},
      {"MZ", "a Windows program"},
      {std::string_view("SQLite format 3\0", 16), "an SQLite database"},
      {"{\\rtf", "an RTF document"},
  };
  for (const auto& magic : k_magics) {
    if (head.starts_with(magic.bytes)) return std::string(magic.kind);
  }
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) {
    return {}; // UTF-16 with a byte order mark: the CSV reader says what to do
  }
  const auto nul = head.find('\0');
  if (nul == std::string_view::npos) return {};
  // Text in UTF-16 without a byte order mark has a NUL beside every ASCII letter.
  std::size_t even = 0;
  std::size_t odd = 0;
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '\0') (i % 2 == 0 ? even : odd) += 1;
  }
  if (std::max(even, odd) * 3 >= head.size() && std::min(even, odd) * 8 < std::max(even, odd)) {
    return "UTF-16 text: save it as CSV (UTF-8 or Windows-1252)";
  }
  return "binary data";
}

// What every ZIP file (an .xlsx or .ods workbook) starts with.
constexpr std::string_view k_zip_signature = "PK\x03\x04";

} // namespace

bool is_workbook(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(k_zip_signature.size(), '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  return head == k_zip_signature;
}

std::unique_ptr<RowReader> open_rows(const std::string& path, const ReadOptions& options) {
  std::string head(4096, '\0');
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      throw Error(ExitCode::no_input, trf("{}: cannot open file", path));
    }
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
  }
  if (head.starts_with(k_zip_signature)) {
    return open_workbook(path, options.sheet);
  }
  if (const std::string kind = binary_kind(head); !kind.empty()) {
    throw Error(ExitCode::data, trf("{}: not a CSV file (looks like {})", path, kind));
  }
  if (!options.sheet.empty()) {
    throw Error(ExitCode::usage,
                trf("{}: --sheet is for .xlsx and .ods workbooks, and this is a CSV file", path));
  }
  return std::make_unique<CsvReader>(path, options.encoding);
}

} // namespace panier
