#include "panier/io/sheet_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <deque>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"
#include "panier/io/xml.hpp"
#include "panier/io/zip.hpp"

namespace panier {

namespace {

constexpr std::size_t k_max_columns = 16384;             // as Excel and LibreOffice
constexpr long k_max_rows = long{1} << 24;               // more than any spreadsheet program's
constexpr std::size_t k_max_part = std::size_t{1} << 30; // the shared strings: 1 GiB at most

// ---------------------------------------------------------------------------------------------
// The rows of one sheet as they are parsed, and the reader that hands them out.

struct SheetRow {
  long number = 0;
  std::string record;
  std::vector<std::size_t> ends;
  long repeat = 1; // the same row this many times (an .ods writes identical rows once)
};

// Builds rows from cells (given in any order within a row) and queues them.
class RowQueue {
public:
  void begin_row(long number) {
    m_number = number;
    m_cells.clear();
  }
  void cell(std::size_t column, std::string value) {
    if (!value.empty()) {
      m_cells.emplace(column, std::move(value));
    }
  }
  void end_row(long repeat = 1) {
    if (m_cells.empty()) {
      return;
    }
    SheetRow row;
    row.number = m_number;
    std::size_t next = 0;
    for (auto& [column, value] : m_cells) {
      for (; next < column; ++next) {
        row.ends.push_back(row.record.size());
      }
      row.record += value;
      row.ends.push_back(row.record.size());
      next = column + 1;
    }
    row.repeat = repeat;
    m_rows.push_back(std::move(row));
  }
  bool empty() const { return m_rows.empty(); }
  SheetRow pop() {
    SheetRow& front = m_rows.front();
    if (front.repeat > 1) {
      SheetRow copy = front;
      --front.repeat;
      ++front.number;
      return copy;
    }
    SheetRow row = std::move(front);
    m_rows.pop_front();
    return row;
  }

private:
  long m_number = 0;
  std::map<std::size_t, std::string> m_cells;
  std::deque<SheetRow> m_rows;
};

class SheetReader final : public RowReader {
public:
  SheetReader(std::unique_ptr<ZipArchive> archive, std::string sheet)
      : RowReader(archive->path()), m_archive(std::move(archive)), m_sheet(std::move(sheet)) {
    m_decimal_comma = true; // a text cell holding "12,5" was typed by a French user
  }

  // Starts parsing `entry` into `handler`, which fills queue().
  void start(const std::string& entry, std::unique_ptr<XmlHandler> handler) {
    m_handler = std::move(handler);
    m_pump = std::make_unique<XmlPump>(*m_archive, entry, *m_handler);
  }
  RowQueue& queue() { return m_queue; }
  const std::string& sheet() const { return m_sheet; }
  void set_sheet(std::string name) { m_sheet = std::move(name); }
  XmlPump& pump() { return *m_pump; }
  const ZipArchive& archive() const { return *m_archive; }

  std::string record_name(long line) const override { return trf("row {}", line); }

  // The limits of rows.hpp, checked as a cell is read so that memory stays bounded: a value in
  // column `column` (0-based) of `row`, `size` bytes long so far.
  void check_cell(long row, std::size_t column, std::size_t size) const {
    if (column >= k_max_fields) {
      throw Error(ExitCode::data, location(row, std::nullopt) + ": " + too_many_fields());
    }
    if (size > k_max_cell_bytes) {
      throw Error(ExitCode::data, location(row, column) + ": " + cell_too_long());
    }
  }

protected:
  bool read_record() override {
    while (m_queue.empty()) {
      if (!m_pump->pump() && m_queue.empty()) {
        return false;
      }
    }
    SheetRow row = m_queue.pop();
    m_record_line = row.number;
    m_record.swap(row.record);
    m_ends.swap(row.ends);
    return true;
  }
  std::string location(long line, std::optional<std::size_t> field) const override {
    return fmt::format("{}:{}!{}{}", m_name, m_sheet, column_letters(field.value_or(0)), line);
  }
  bool fixed_width() const override { return false; }

private:
  std::unique_ptr<ZipArchive> m_archive;
  std::string m_sheet;
  std::unique_ptr<XmlHandler> m_handler;
  std::unique_ptr<XmlPump> m_pump;
  RowQueue m_queue;
};

std::size_t column_of_reference(std::string_view reference) {
  std::size_t column = 0;
  std::size_t i = 0;
  for (; i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z'; ++i) {
    column = column * 26 + static_cast<std::size_t>(reference[i] - 'A' + 1);
    if (column > k_max_columns) break;
  }
  return column == 0 ? k_max_columns + 1 : column - 1;
}

long parse_long(const char* text, long fallback) {
  if (text == nullptr) return fallback;
  long value = 0;
  const auto end = text + std::char_traits<char>::length(text);
  const auto [ptr, ec] = std::from_chars(text, end, value);
  return ec == std::errc() && ptr == end ? value : fallback;
}

// ---------------------------------------------------------------------------------------------
// .xlsx (Office Open XML)

// xl/workbook.xml: the sheets and their relationship ids, the date system.
struct XlsxWorkbook final : XmlHandler {
  struct Sheet {
    std::string name, id;
  };
  std::vector<Sheet> sheets;
  bool date1904 = false;
  void start(std::string_view name, const char** a) override {
    if (name == "sheet") {
      const char* n = attribute(a, "name");
      const char* id = attribute(a, "id");
      sheets.push_back({n ? n : "", id ? id : ""});
    } else if (name == "workbookPr") {
      const char* d = attribute(a, "date1904");
      date1904 = d != nullptr && (std::string_view(d) == "1" || std::string_view(d) == "true");
    }
  }
  void end(std::string_view) override {}
};

// A part's path from a relationship target, relative to the folder of the part that names it.
std::string resolve(const std::string& folder, const std::string& target) {
  if (!target.empty() && target.front() == '/') return target.substr(1);
  return folder + target;
}

// A .rels part: relationship id -> target, and type suffix -> target.
struct Relationships final : XmlHandler {
  std::map<std::string, std::string> by_id;
  std::map<std::string, std::string> by_type; // the type's last path segment
  void start(std::string_view name, const char** a) override {
    if (name != "Relationship") return;
    const char* id = attribute(a, "Id");
    const char* target = attribute(a, "Target");
    const char* type = attribute(a, "Type");
    if (id == nullptr || target == nullptr) return;
    by_id[id] = target;
    if (type != nullptr) {
      const std::string_view t(type);
      by_type.emplace(std::string(t.substr(t.rfind('/') + 1)), target);
    }
  }
  void end(std::string_view) override {}
  // The part of the relationship of this type (the last segment of its type URI), else
  // `folder + fallback`, where such writers put it.
  std::string part(std::string_view type, const std::string& folder, const std::string& fallback) const {
    const auto found = by_type.find(std::string(type));
    return found != by_type.end() ? resolve(folder, found->second) : folder + fallback;
  }
};

// Parses `part` into `handler` when the archive has it (optional parts).
void parse_if_present(const ZipArchive& zip, const std::string& part, XmlHandler& handler) {
  if (zip.has(part)) parse_entry(zip, part, handler);
}

[[noreturn]] void no_sheet(const std::string& path, const std::string& wanted, const std::string& names) {
  throw Error(ExitCode::data, trf("{}: no sheet \"{}\" (its sheets: {})", path, wanted, names));
}

// xl/sharedStrings.xml: every <si>'s text (its runs' <t>, not the phonetic <rPh>), end to end in
// one buffer: the table grows with the workbook's distinct texts, so it is kept compact.
struct SharedStrings final : XmlHandler {
  std::string data;
  std::vector<std::size_t> ends;
  bool in_item = false;
  bool in_text = false;
  int phonetic = 0;
  void start(std::string_view name, const char**) override {
    if (name == "si")
      in_item = true;
    else if (name == "rPh")
      ++phonetic;
    else if (name == "t")
      in_text = in_item && phonetic == 0;
  }
  void end(std::string_view name) override {
    if (name == "si") {
      ends.push_back(data.size());
      in_item = false;
    } else if (name == "rPh") {
      --phonetic;
    } else if (name == "t") {
      in_text = false;
    }
  }
  void text(std::string_view chunk) override {
    if (!in_text) return;
    data.append(chunk);
    if (data.size() > k_max_part) {
      throw Error(ExitCode::data, tr("the workbook's shared strings are larger than 1 GiB"));
    }
  }
  std::size_t size() const { return ends.size(); }
  std::string_view operator[](std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(data).substr(begin, ends[i] - begin);
  }
};

// A number format shows a date when it has a day or a year outside quotes, escapes and brackets.
bool is_date_format(std::string_view code) {
  bool quoted = false;
  int bracket = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"')
      quoted = !quoted;
    else if (quoted)
      continue;
    else if (c == '\\' || c == '_' || c == '*')
      ++i;
    else if (c == '[')
      ++bracket;
    else if (c == ']')
      --bracket;
    else if (bracket == 0 && (c == 'd' || c == 'D' || c == 'y' || c == 'Y'))
      return true;
  }
  return false;
}

bool is_date_format_id(long id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

// xl/styles.xml: which cell styles (the `s` of a cell) show dates.
struct Styles final : XmlHandler {
  std::map<long, bool> custom_is_date;
  std::vector<bool> style_is_date;
  bool in_cell_xfs = false;
  void start(std::string_view name, const char** a) override {
    if (name == "numFmt") {
      const char* code = attribute(a, "formatCode");
      custom_is_date[parse_long(attribute(a, "numFmtId"), -1)] = code != nullptr && is_date_format(code);
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      const long id = parse_long(attribute(a, "numFmtId"), 0);
      const auto custom = custom_is_date.find(id);
      style_is_date.push_back(custom != custom_is_date.end() ? custom->second : is_date_format_id(id));
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs = false;
  }
};

// A worksheet's <sheetData>, row after row into the queue.
class XlsxSheet final : public XmlHandler {
public:
  XlsxSheet(SheetReader& reader, SharedStrings strings, std::vector<bool> date_styles, bool date1904)
      : m_reader(reader), m_strings(std::move(strings)), m_date_styles(std::move(date_styles)),
        m_date1904(date1904) {}

  void start(std::string_view name, const char** a) override {
    if (name == "row") {
      m_row = parse_long(attribute(a, "r"), m_row + 1);
      if (m_row < 1 || m_row > k_max_rows) {
        m_reader.archive().damaged(trf("a row number beyond {}", k_max_rows));
      }
      m_column = 0;
      m_reader.queue().begin_row(m_row);
    } else if (name == "c") {
      const char* r = attribute(a, "r");
      m_column = r != nullptr ? column_of_reference(r) : m_column;
      if (m_column >= k_max_columns) {
        m_reader.archive().damaged(trf("row {}: a cell beyond column {}", m_row, k_max_columns));
      }
      const char* t = attribute(a, "t");
      m_type = t != nullptr ? t : "n";
      m_style = static_cast<std::size_t>(parse_long(attribute(a, "s"), 0));
      m_value.clear();
    } else if (name == "v" || (name == "t" && m_type == "inlineStr")) {
      m_capture = true;
    }
  }
  void end(std::string_view name) override {
    if (name == "v" || name == "t") {
      m_capture = false;
    } else if (name == "c") {
      std::string cell = value();
      if (!cell.empty()) m_reader.check_cell(m_row, m_column, cell.size());
      m_reader.queue().cell(m_column, std::move(cell));
      ++m_column;
    } else if (name == "row") {
      m_reader.queue().end_row();
    } else if (name == "sheetData") {
      m_reader.pump().stop();
    }
  }
  void text(std::string_view data) override {
    if (m_capture) {
      m_value.append(data);
      m_reader.check_cell(m_row, m_column, m_value.size());
    }
  }

private:
  std::string value() const {
    if (m_type == "s") {
      const long index = parse_long(m_value.c_str(), -1);
      if (index < 0 || static_cast<std::size_t>(index) >= m_strings.size()) {
        m_reader.archive().damaged(trf("row {}: a shared string that does not exist", m_row));
      }
      return std::string(m_strings[static_cast<std::size_t>(index)]);
    }
    if (m_type == "n" && !m_value.empty()) {
      if (m_style < m_date_styles.size() && m_date_styles[m_style]) {
        double serial = 0;
        const auto [ptr, ec] = std::from_chars(m_value.data(), m_value.data() + m_value.size(), serial);
        if (ec == std::errc() && serial >= 1 && serial < 2958466) {
          return date_of_serial(serial, m_date1904).to_string();
        }
      }
      return canonical_number(m_value);
    }
    if (m_type == "d") return m_value.substr(0, 10);
    if (m_type == "b") return m_value == "1" ? "true" : "false";
    return m_value; // str (a formula's text), inlineStr, e (an error such as #N/A)
  }

  SheetReader& m_reader;
  SharedStrings m_strings;
  std::vector<bool> m_date_styles;
  bool m_date1904;
  long m_row = 0;
  std::size_t m_column = 0;
  std::string m_type;
  std::size_t m_style = 0;
  std::string m_value;
  bool m_capture = false;
};

std::unique_ptr<RowReader> open_xlsx(std::unique_ptr<ZipArchive> archive, const std::string& wanted) {
  const ZipArchive& zip = *archive;
  Relationships root;
  parse_if_present(zip, "_rels/.rels", root);
  const std::string workbook_part = root.part("officeDocument", "", "xl/workbook.xml");
  if (!workbook_part.ends_with("workbook.xml") || !zip.has(workbook_part)) {
    throw Error(ExitCode::data,
                trf("{}: an Office file that is not a spreadsheet (no workbook in it)", zip.path()));
  }
  const std::string folder = workbook_part.substr(0, workbook_part.rfind('/') + 1);
  const std::string rels_part = folder + "_rels/" + workbook_part.substr(folder.size()) + ".rels";
  XlsxWorkbook workbook;
  parse_entry(zip, workbook_part, workbook);
  Relationships rels;
  parse_if_present(zip, rels_part, rels);
  if (workbook.sheets.empty()) zip.damaged("the workbook has no sheet");
  const XlsxWorkbook::Sheet* sheet = &workbook.sheets.front();
  if (!wanted.empty()) {
    sheet = nullptr;
    std::string names;
    for (const auto& s : workbook.sheets) {
      if (s.name == wanted) sheet = &s;
      names += (names.empty() ? "" : ", ") + s.name;
    }
    if (sheet == nullptr) no_sheet(zip.path(), wanted, names);
  }
  const auto target = rels.by_id.find(sheet->id);
  const std::string sheet_part = target != rels.by_id.end() ? resolve(folder, target->second) : "";
  if (sheet_part.empty() || !zip.has(sheet_part)) zip.damaged(trf("sheet \"{}\" has no part", sheet->name));

  SharedStrings strings;
  parse_if_present(zip, rels.part("sharedStrings", folder, "sharedStrings.xml"), strings);
  Styles styles;
  parse_if_present(zip, rels.part("styles", folder, "styles.xml"), styles);

  auto reader = std::make_unique<SheetReader>(std::move(archive), sheet->name);
  auto handler = std::make_unique<XlsxSheet>(*reader, std::move(strings), std::move(styles.style_is_date),
                                             workbook.date1904);
  reader->start(sheet_part, std::move(handler));
  return reader;
}

// ---------------------------------------------------------------------------------------------
// .ods (OpenDocument spreadsheet)

class OdsContent final : public XmlHandler {
public:
  OdsContent(SheetReader& reader, std::string wanted) : m_reader(reader), m_wanted(std::move(wanted)) {}

  void start(std::string_view name, const char** a) override {
    if (name == "table" && m_depth == 0) {
      const char* n = attribute(a, "name");
      const std::string table = n != nullptr ? n : "";
      m_names += (m_names.empty() ? "" : ", ") + table;
      m_active = !m_found && (m_wanted.empty() || table == m_wanted);
      if (m_active) {
        m_found = true;
        m_reader.set_sheet(table);
        m_row = 0;
      }
      m_depth = 1;
      return;
    }
    if (m_depth > 0) ++m_depth;
    if (!m_active) return;
    if (name == "annotation") {
      ++m_annotation;
    } else if (m_annotation > 0) {
      return;
    } else if (name == "table-row") {
      m_row_repeat = std::clamp(parse_long(attribute(a, "number-rows-repeated"), 1), 1L, k_max_rows);
      m_column = 0;
      m_reader.queue().begin_row(m_row + 1);
    } else if (name == "table-cell" || name == "covered-table-cell") {
      start_cell(a);
    } else if (name == "p") {
      if (m_paragraphs++ > 0) m_text.push_back('\n');
      m_in_text = true;
    } else if (name == "s" && m_in_text) {
      m_text.append(static_cast<std::size_t>(std::clamp(parse_long(attribute(a, "c"), 1), 1L, 1000L)), ' ');
      m_reader.check_cell(m_row + 1, m_column, m_text.size());
    } else if (name == "tab" && m_in_text) {
      m_text.push_back('\t');
    } else if (name == "line-break" && m_in_text) {
      m_text.push_back('\n');
    }
  }

  void end(std::string_view name) override {
    if (m_depth > 0) --m_depth;
    if (!m_active) return;
    if (name == "annotation") {
      --m_annotation;
    } else if (m_annotation > 0) {
      return;
    } else if (name == "p") {
      m_in_text = false;
    } else if (name == "table-cell" || name == "covered-table-cell") {
      end_cell();
    } else if (name == "table-row") {
      m_reader.queue().end_row(std::min(m_row_repeat, 1000000L));
      m_row += m_row_repeat;
    } else if (name == "table" && m_depth == 0) {
      m_active = false;
      m_reader.pump().stop();
    }
  }

  void text(std::string_view data) override {
    if (m_active && m_in_text && m_annotation == 0) {
      m_text.append(data);
      m_reader.check_cell(m_row + 1, m_column, m_text.size());
    }
  }

  bool found() const { return m_found; }
  const std::string& names() const { return m_names; }

private:
  void start_cell(const char** a) {
    m_column_repeat = std::max(1L, parse_long(attribute(a, "number-columns-repeated"), 1));
    const char* type = attribute(a, "value-type");
    m_type = type != nullptr ? type : "";
    const char* value = attribute(a, m_type == "date"      ? "date-value"
                                     : m_type == "boolean" ? "boolean-value"
                                                           : "value");
    m_value = value != nullptr ? value : "";
    m_text.clear();
    m_paragraphs = 0;
  }

  void end_cell() {
    std::string value;
    if (m_type == "float" || m_type == "percentage" || m_type == "currency")
      value = canonical_number(m_value);
    else if (m_type == "date")
      value = m_value.substr(0, 10);
    else if (m_type == "boolean")
      value = m_value;
    else
      value = m_text;
    if (!value.empty()) {
      m_reader.check_cell(m_row + 1,
                          std::min(m_column + static_cast<std::size_t>(m_column_repeat) - 1, k_max_columns),
                          value.size());
      for (long k = 0; k < m_column_repeat; ++k) {
        m_reader.queue().cell(m_column + static_cast<std::size_t>(k), value);
      }
    }
    m_column += static_cast<std::size_t>(std::min<long>(m_column_repeat, static_cast<long>(k_max_columns)));
  }

  SheetReader& m_reader;
  std::string m_wanted;
  std::string m_names;
  bool m_found = false;
  bool m_active = false;
  int m_depth = 0;
  int m_annotation = 0;
  long m_row = 0;
  long m_row_repeat = 1;
  std::size_t m_column = 0;
  long m_column_repeat = 1;
  std::string m_type, m_value, m_text;
  int m_paragraphs = 0;
  bool m_in_text = false;
};

// Reads the content up to the wanted sheet's first row, so that a missing sheet is known at once.
std::unique_ptr<RowReader> open_ods(std::unique_ptr<ZipArchive> archive, const std::string& wanted) {
  if (!archive->has("content.xml")) archive->damaged("no content.xml");
  auto reader = std::make_unique<SheetReader>(std::move(archive), wanted);
  auto handler = std::make_unique<OdsContent>(*reader, wanted);
  OdsContent& content = *handler;
  reader->start("content.xml", std::move(handler));
  while (!content.found() && reader->pump().pump()) {
  }
  if (!content.found()) {
    if (wanted.empty()) reader->archive().damaged("the workbook has no sheet");
    no_sheet(reader->file(), wanted, content.names());
  }
  return reader;
}

} // namespace

std::string canonical_number(std::string_view stored) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(stored.data(), stored.data() + stored.size(), value);
  if (ec != std::errc() || ptr != stored.data() + stored.size() || !std::isfinite(value)) {
    return std::string(stored);
  }
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return fmt::format("{}", static_cast<long long>(value));
  }
  std::string text = fmt::format("{:.15g}", value);
  return text.find('e') == std::string::npos ? text : std::string(stored);
}

Date date_of_serial(double serial, bool date1904) {
  // 1900 system: day 1 is 1900-01-01 and day 60 the 29 February 1900 that never was (as in
  // Lotus 1-2-3), so from day 61 on, day 0 is 1899-12-30. 1904 system: day 0 is 1904-01-01.
  const auto day = static_cast<std::int32_t>(std::floor(serial));
  if (date1904) return Date(day - 24107);
  return Date(day < 61 ? day - 25568 : day - 25569);
}

namespace {

// The top-level tables of an .ods content part, by name.
struct OdsTableNames final : XmlHandler {
  std::vector<std::string> names;
  int depth = 0; // inside a table: its element depth
  void start(std::string_view name, const char** a) override {
    if (depth > 0) {
      ++depth;
    } else if (name == "table") {
      const char* n = attribute(a, "name");
      names.emplace_back(n != nullptr ? n : "");
      depth = 1;
    }
  }
  void end(std::string_view /*name*/) override {
    if (depth > 0) --depth;
  }
};

} // namespace

std::vector<std::string> workbook_sheets(const std::string& path) {
  const ZipArchive zip(path);
  std::vector<std::string> names;
  if (zip.has("mimetype")) {
    OdsTableNames tables;
    if (!zip.has("content.xml")) zip.damaged("no content.xml");
    parse_entry(zip, "content.xml", tables);
    return tables.names;
  }
  Relationships root;
  parse_if_present(zip, "_rels/.rels", root);
  const std::string workbook_part = root.part("officeDocument", "", "xl/workbook.xml");
  if (!zip.has(workbook_part)) {
    throw Error(ExitCode::data,
                trf("{}: an Office file that is not a spreadsheet (no workbook in it)", zip.path()));
  }
  XlsxWorkbook workbook;
  parse_entry(zip, workbook_part, workbook);
  for (const auto& s : workbook.sheets) {
    names.push_back(s.name);
  }
  return names;
}

std::unique_ptr<RowReader> open_workbook(const std::string& path, const std::string& sheet) {
  auto archive = std::make_unique<ZipArchive>(path);
  if (archive->has("mimetype")) {
    const std::string mimetype = archive->read("mimetype", 4096);
    if (mimetype.rfind("application/vnd.oasis.opendocument.spreadsheet", 0) == 0) {
      return open_ods(std::move(archive), sheet);
    }
    throw Error(ExitCode::data,
                trf("{}: an OpenDocument file that is not a spreadsheet ({})", path, mimetype));
  }
  if (archive->has("xl/workbook.xml") || archive->has("_rels/.rels")) {
    return open_xlsx(std::move(archive), sheet);
  }
  throw Error(ExitCode::data,
              trf("{}: a ZIP archive that is neither an .xlsx nor an .ods spreadsheet", path));
}

} // namespace panier
