#include "panier/core/csv.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "panier/core/error.hpp"

namespace panier {

namespace {
constexpr std::size_t k_buffer_size = 1 << 16;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}
} // namespace

CsvReader::CsvReader(const std::string& path)
    : m_owned(std::make_unique<std::ifstream>(path, std::ios::binary)), m_input(m_owned.get()), m_name(path),
      m_buffer(k_buffer_size) {
  if (!*m_owned) {
    throw Error(ExitCode::no_input, fmt::format("{}: cannot open file", path));
  }
}

CsvReader::CsvReader(std::istream& input, std::string display_name)
    : m_input(&input), m_name(std::move(display_name)), m_buffer(k_buffer_size) {}

CsvReader::~CsvReader() = default;

bool CsvReader::fill() {
  if (m_eof) {
    return false;
  }
  m_input->read(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
  m_end = static_cast<std::size_t>(m_input->gcount());
  m_pos = 0;
  if (m_input->bad()) {
    throw Error(ExitCode::io, fmt::format("{}: read error", m_name));
  }
  if (m_end == 0) {
    m_eof = true;
    return false;
  }
  return true;
}

void CsvReader::detect_separator() {
  // The header names are snake_case, so whichever of ';' and ',' is more frequent on the first
  // line (outside quotes) is the separator. The first buffer always holds a realistic header.
  int commas = 0;
  int semicolons = 0;
  bool quoted = false;
  for (std::size_t i = m_pos; i < m_end; ++i) {
    const char c = m_buffer[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == '\n' || c == '\r')) {
      break;
    } else if (!quoted && c == ',') {
      ++commas;
    } else if (!quoted && c == ';') {
      ++semicolons;
    }
  }
  m_separator = semicolons > commas ? ';' : ',';
}

// Long on purpose: one character-level state machine (quoted fields, doubled quotes, CR/LF,
// refills of the buffer mid-field), clearer whole than cut across its states.
bool CsvReader::read_record() {
  m_record.clear();
  m_ends.clear();
  if (m_pos == m_end && !fill()) {
    return false;
  }
  m_record_line = m_line;
  enum class State { field_start, unquoted, quoted, quote_in_quoted };
  State state = State::field_start;
  const char sep = m_separator;
  for (;;) {
    if (m_pos == m_end && !fill()) {
      if (state == State::quoted) {
        throw Error(ExitCode::data,
                    located(m_name, m_record_line, "quoted field is not closed before the end of the file"));
      }
      m_ends.push_back(m_record.size());
      return true;
    }
    const char* data = m_buffer.data();
    if (state == State::unquoted || state == State::field_start) {
      // Copy a run of ordinary characters at once.
      std::size_t i = m_pos;
      while (i < m_end) {
        const char c = data[i];
        if (c == sep || c == '\n' || c == '\r' || c == '"') {
          break;
        }
        ++i;
      }
      if (i > m_pos) {
        m_record.append(data + m_pos, i - m_pos);
        m_pos = i;
        state = State::unquoted;
        continue;
      }
    } else if (state == State::quoted) {
      std::size_t i = m_pos;
      while (i < m_end && data[i] != '"' && data[i] != '\n') {
        ++i;
      }
      m_record.append(data + m_pos, i - m_pos);
      m_pos = i;
      if (m_pos == m_end) {
        continue;
      }
    }
    const char c = data[m_pos++];
    switch (state) {
    case State::field_start:
    case State::unquoted:
      if (c == sep) {
        m_ends.push_back(m_record.size());
        state = State::field_start;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r') {
          if (m_pos == m_end) {
            fill();
          }
          if (m_pos < m_end && m_buffer[m_pos] == '\n') {
            ++m_pos;
          }
        }
        ++m_line;
        m_ends.push_back(m_record.size());
        return true;
      } else if (c == '"') {
        if (state == State::field_start) {
          state = State::quoted;
        } else {
          throw Error(
              ExitCode::data,
              located(m_name, m_line, "a quote '\"' inside an unquoted field; quote the whole field"));
        }
      }
      break;
    case State::quoted:
      if (c == '"') {
        state = State::quote_in_quoted;
      } else { // '\n' inside quotes: part of the field
        ++m_line;
        m_record.push_back(c);
      }
      break;
    case State::quote_in_quoted:
      if (c == '"') {
        m_record.push_back('"');
        state = State::quoted;
      } else if (c == sep) {
        m_ends.push_back(m_record.size());
        state = State::field_start;
      } else if (c == '\n' || c == '\r') {
        --m_pos; // let the unquoted branch end the record
        state = State::unquoted;
      } else {
        throw Error(ExitCode::data, located(m_name, m_line, "unexpected character after a closing quote"));
      }
      break;
    }
  }
}

void CsvReader::read_header(std::span<const CsvColumn> columns) {
  if (!fill()) {
    throw Error(ExitCode::data, located(m_name, 1, "empty file: expected a header row"));
  }
  if (m_end >= 3 && static_cast<unsigned char>(m_buffer[0]) == 0xEF &&
      static_cast<unsigned char>(m_buffer[1]) == 0xBB && static_cast<unsigned char>(m_buffer[2]) == 0xBF) {
    m_pos = 3;
  }
  detect_separator();
  if (!read_record()) {
    throw Error(ExitCode::data, located(m_name, 1, "empty file: expected a header row"));
  }
  m_names.clear();
  for (const auto& column : columns) {
    m_names.push_back(column.name);
  }
  m_map.assign(columns.size(), -1);
  m_field_count = m_ends.size();
  Diagnostics problems;
  std::size_t begin = 0;
  for (std::size_t field = 0; field < m_ends.size(); ++field) {
    const std::string_view name = trim(std::string_view(m_record).substr(begin, m_ends[field] - begin));
    begin = m_ends[field];
    const auto found =
        std::find_if(columns.begin(), columns.end(), [&](const CsvColumn& c) { return c.name == name; });
    if (found == columns.end()) {
      problems.add(located(m_name, 1, fmt::format("unknown column \"{}\"", name)));
      continue;
    }
    const auto index = static_cast<std::size_t>(found - columns.begin());
    if (m_map[index] >= 0) {
      problems.add(located(m_name, 1, fmt::format("column \"{}\" appears twice", name)));
      continue;
    }
    m_map[index] = static_cast<int>(field);
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].required && m_map[i] < 0) {
      problems.add(located(m_name, 1, fmt::format("missing column \"{}\"", columns[i].name)));
    }
  }
  problems.throw_if_any(ExitCode::data);
}

bool CsvReader::next() {
  for (;;) {
    if (!read_record()) {
      return false;
    }
    if (m_ends.size() == 1 && m_ends[0] == 0) {
      continue; // blank line
    }
    if (m_ends.size() != m_field_count) {
      fail(fmt::format("{} fields, expected {} as in the header", m_ends.size(), m_field_count));
    }
    return true;
  }
}

bool CsvReader::has_column(std::size_t column) const { return m_map.at(column) >= 0; }

std::string_view CsvReader::text(std::size_t column) const {
  const int field = m_map.at(column);
  if (field < 0) {
    return {};
  }
  const auto index = static_cast<std::size_t>(field);
  const std::size_t begin = index == 0 ? 0 : m_ends[index - 1];
  return trim(std::string_view(m_record).substr(begin, m_ends[index] - begin));
}

std::optional<std::int64_t> CsvReader::number(std::size_t column, int scale) const {
  const std::string_view value = text(column);
  if (value.empty()) {
    return std::nullopt;
  }
  auto parsed = parse_fixed(value, scale, m_separator == ';');
  if (!parsed) {
    if (scale > 0 && parse_fixed(value, 7, m_separator == ';')) {
      fail(fmt::format("column \"{}\": \"{}\" has more than {} decimals", m_names[column], value, scale));
    }
    fail(fmt::format("column \"{}\": \"{}\" is not a number", m_names[column], value));
  }
  return parsed;
}

std::int64_t CsvReader::required_number(std::size_t column, int scale) const {
  auto value = number(column, scale);
  if (!value) {
    fail(fmt::format("column \"{}\": missing value", m_names[column]));
  }
  return *value;
}

std::string CsvReader::where(std::string_view message) const {
  return located(m_name, m_record_line, message);
}

void CsvReader::fail(std::string_view message) const { throw Error(ExitCode::data, where(message)); }

void CsvWriter::field(std::string_view value) {
  if (!m_first) {
    m_out.put(',');
  }
  m_first = false;
  if (value.find_first_of(",\"\n\r") == std::string_view::npos) {
    m_out.write(value.data(), static_cast<std::streamsize>(value.size()));
    return;
  }
  m_out.put('"');
  for (char c : value) {
    if (c == '"') {
      m_out.put('"');
    }
    m_out.put(c);
  }
  m_out.put('"');
}

void CsvWriter::end_row() {
  m_out.put('\n');
  m_first = true;
}

void CsvWriter::row(std::span<const std::string> fields) {
  for (const auto& f : fields) {
    field(f);
  }
  end_row();
}

void CsvWriter::row(std::initializer_list<std::string_view> fields) {
  for (const auto& f : fields) {
    field(f);
  }
  end_row();
}

} // namespace panier
