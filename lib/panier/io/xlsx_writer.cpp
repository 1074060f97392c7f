#include "panier/io/xlsx_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <set>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/money.hpp"
#include "panier/core/output.hpp"
#include "panier/core/table.hpp"

namespace panier {

namespace fs = std::filesystem;

namespace {

constexpr double k_min_width = 6;
constexpr double k_max_width = 60;

// Excel's rules for a sheet name, unique in its workbook.
std::string sheet_name(std::string name, std::set<std::string>& taken) {
  for (char& c : name) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  }
  if (name.empty()) name = "sheet";
  std::string base = name.substr(0, 31);
  std::string unique = base;
  for (int k = 2; taken.contains(unique); ++k) {
    const std::string suffix = fmt::format("~{}", k);
    unique = base.substr(0, 31 - suffix.size()) + suffix;
  }
  taken.insert(unique);
  return unique;
}

std::optional<double> number_of(std::string_view text) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

class Book {
public:
  Book(const std::string& path, Date created) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    m_book = workbook_new_opt(path.c_str(), &options);
    if (m_book == nullptr) {
      throw Error(ExitCode::cant_create, fmt::format("{}: cannot create the workbook", path));
    }
    lxw_doc_properties properties{};
    properties.created = static_cast<time_t>(created.days()) * 86400;
    workbook_set_properties(m_book, &properties);
    m_bold = workbook_add_format(m_book);
    format_set_bold(m_bold);
    m_money = workbook_add_format(m_book);
    format_set_num_format(m_money, "#,##0.00\\ \"€\"");
    m_date = workbook_add_format(m_book);
    format_set_num_format(m_date, "dd/mm/yyyy");
  }
  ~Book() {
    if (m_book != nullptr) {
      workbook_close(m_book); // only after a failure: the temporary file is removed
    }
  }
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;

  void add(const Worksheet& sheet) {
    lxw_worksheet* ws = workbook_add_worksheet(m_book, sheet_name(sheet.name, m_names).c_str());
    std::vector<double> widths(sheet.columns.size(), k_min_width);
    for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.columns[c].c_str(), m_bold);
      widths[c] = std::max(widths[c], static_cast<double>(display_width(sheet.columns[c])) + 2);
    }
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      const auto& row = sheet.rows[r];
      for (std::size_t c = 0; c < row.size() && c < sheet.columns.size(); ++c) {
        cell(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), sheet.kinds[c], row[c]);
        widths[c] = std::max(widths[c], static_cast<double>(display_width(row[c])) + 2);
      }
    }
    for (std::size_t c = 0; c < widths.size(); ++c) {
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           std::min(widths[c], k_max_width), nullptr);
    }
    for (std::size_t c = 0; c < sheet.choices.size() && c < sheet.columns.size(); ++c) {
      if (sheet.choices[c].empty() || sheet.rows.empty()) {
        continue;
      }
      std::vector<std::string> words = sheet.choices[c]; // libxlsxwriter takes them as char**
      std::vector<char*> list;
      for (auto& word : words) {
        list.push_back(word.data());
      }
      list.push_back(nullptr);
      lxw_data_validation validation{};
      validation.validate = LXW_VALIDATION_TYPE_LIST;
      validation.value_list = list.data();
      validation.error_type = LXW_VALIDATION_ERROR_TYPE_INFORMATION; // a notice, not a refusal
      worksheet_data_validation_range(ws, 1, static_cast<lxw_col_t>(c),
                                      static_cast<lxw_row_t>(sheet.rows.size()), static_cast<lxw_col_t>(c),
                                      &validation);
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (sheet.print.a4) {
      worksheet_set_paper(ws, 9); // A4
      worksheet_fit_to_pages(ws, 1, 0);
      worksheet_repeat_rows(ws, 0, 0);
      if (!sheet.print.header.empty()) {
        std::string header = "&C";
        for (const char ch : sheet.print.header) {
          header += ch;
          if (ch == '&') header += '&';
        }
        worksheet_set_header(ws, header.c_str());
      }
    }
  }

  void close(const std::string& path) {
    const lxw_error error = workbook_close(m_book);
    m_book = nullptr;
    if (error != LXW_NO_ERROR) {
      throw Error(ExitCode::cant_create,
                  fmt::format("{}: cannot write the workbook: {}", path, lxw_strerror(error)));
    }
  }

private:
  void cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, CellKind kind, const std::string& value) {
    if (value.empty()) return;
    if (kind == CellKind::number || kind == CellKind::money) {
      if (const auto number = number_of(value)) {
        worksheet_write_number(ws, row, col, *number, kind == CellKind::money ? m_money : nullptr);
        return;
      }
    } else if (kind == CellKind::date) {
      if (const auto date = Date::parse(value)) {
        lxw_datetime when{date->year(), date->month(), date->day(), 0, 0, 0};
        worksheet_write_datetime(ws, row, col, &when, m_date);
        return;
      }
    }
    worksheet_write_string(ws, row, col, value.c_str(), nullptr);
  }

  lxw_workbook* m_book = nullptr;
  lxw_format* m_bold = nullptr;
  lxw_format* m_money = nullptr;
  lxw_format* m_date = nullptr;
  std::set<std::string> m_names;
};

} // namespace

CellKind cell_kind(std::string_view column, bool numeric) {
  if (numeric) return column.ends_with("_eur") ? CellKind::money : CellKind::number;
  if (column == "date" || column.ends_with("_date")) return CellKind::date;
  return CellKind::text;
}

Worksheet worksheet_of(const Table& table, std::string name) {
  Worksheet sheet;
  sheet.name = std::move(name);
  sheet.columns = table.columns;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    sheet.kinds.push_back(cell_kind(table.columns[c], c < table.numeric.size() && table.numeric[c]));
  }
  sheet.rows = table.rows;
  return sheet;
}

void write_xlsx(const fs::path& path, std::span<const Worksheet> sheets, Date created, FileMode mode) {
  const TemporaryFile created_file = create_temporary(path, mode);
  ::close(created_file.fd); // libxlsxwriter opens it by name and writes into it, keeping its mode
  const fs::path& temporary = created_file.path;
  try {
    Book book(temporary.string(), created);
    for (const auto& sheet : sheets) {
      book.add(sheet);
    }
    if (sheets.empty()) {
      book.add(Worksheet{"sheet", {}, {}, {}, {}, {}});
    }
    book.close(path.string());
  } catch (...) {
    std::error_code ec;
    fs::remove(temporary, ec);
    throw;
  }
  replace_with(temporary, path);
}

} // namespace panier
