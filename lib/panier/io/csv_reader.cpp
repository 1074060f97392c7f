#include "panier/io/csv_reader.hpp"

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/i18n.hpp"

namespace panier {

namespace {
constexpr std::size_t k_buffer_size = 1 << 16;
} // namespace

CsvReader::CsvReader(const std::string& path, Encoding encoding)
    : RowReader(path), m_owned(std::make_unique<std::ifstream>(path, std::ios::binary)),
      m_input(m_owned.get()), m_buffer(k_buffer_size), m_encoding(encoding) {
  if (!*m_owned) {
    throw Error(ExitCode::no_input, trf("{}: cannot open file", path));
  }
}

CsvReader::CsvReader(std::istream& input, std::string display_name, Encoding encoding)
    : RowReader(std::move(display_name)), m_input(&input), m_buffer(k_buffer_size), m_encoding(encoding) {}

CsvReader::~CsvReader() = default;

std::string CsvReader::location(long line, std::optional<std::size_t> /*field*/) const {
  return fmt::format("{}:{}", m_name, line);
}

bool CsvReader::fill() {
  if (m_eof) {
    return false;
  }
  m_input->read(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
  m_end = static_cast<std::size_t>(m_input->gcount());
  m_pos = 0;
  if (m_input->bad()) {
    throw Error(ExitCode::io, trf("{}: read error", m_name));
  }
  if (m_end == 0) {
    m_eof = true;
    return false;
  }
  return true;
}

// Reads the whole file once to see whether it is UTF-8, then goes back to its start. A
// Windows-1252 file is almost never valid UTF-8 (an accented letter alone is not).
void CsvReader::detect_encoding() {
  const auto start = m_input->tellg();
  std::string carry;
  bool valid = true;
  while (valid && fill()) {
    carry.append(m_buffer.data(), m_end);
    const auto prefix = utf8_prefix(carry);
    valid = prefix.has_value();
    if (valid) {
      carry.erase(0, *prefix);
    }
  }
  valid = valid && carry.empty();
  m_input->clear();
  m_input->seekg(start);
  if (!*m_input) {
    throw Error(ExitCode::io, trf("{}: cannot read the file twice to detect its encoding; give "
                                  "--encoding utf-8 or windows-1252",
                                  m_name));
  }
  m_eof = false;
  m_pos = m_end = 0;
  m_encoding = valid ? Encoding::utf8 : Encoding::windows1252;
}

// The first call: the encoding, a byte order mark, the separator.
void CsvReader::start() {
  m_started = true;
  if (m_encoding == Encoding::detect) {
    detect_encoding();
  }
  if (!fill()) {
    return;
  }
  const std::string_view head(m_buffer.data(), m_end);
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) {
    throw Error(ExitCode::data, trf("{}: UTF-16 text, which panier does not read: save it as CSV "
                                    "(UTF-8 or Windows-1252)",
                                    m_name));
  }
  if (head.starts_with("\xEF\xBB\xBF")) {
    if (m_encoding == Encoding::windows1252) {
      throw Error(ExitCode::data, trf("{}:1: the file starts with a UTF-8 byte order mark, but --encoding "
                                      "windows-1252 was given",
                                      m_name));
    }
    m_pos = 3;
  }
  detect_separator();
  m_decimal_comma = m_separator == ';';
}

bool CsvReader::read_record() {
  if (!m_started) {
    start();
  }
  if (!parse_record()) {
    return false;
  }
  decode_record();
  return true;
}

// Checks the record is text in its encoding and makes it UTF-8. Separators, quotes and line ends
// are ASCII in both encodings, so fields are split before they are decoded.
void CsvReader::decode_record() {
  // One pass: control characters refuse the record, bytes above 0x7F need a look.
  bool ascii = true;
  for (const char c : m_record) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
    } else if (is_control_character(c)) {
      throw Error(ExitCode::data, located(m_name, m_record_line, k_not_text));
    }
  }
  if (ascii || (m_encoding == Encoding::utf8 && is_utf8(m_record))) {
    return;
  }
  if (m_encoding == Encoding::utf8) {
    throw Error(ExitCode::data, located(m_name, m_record_line, k_not_text));
  }
  m_decoded.clear();
  m_decoded_ends.clear();
  std::size_t begin = 0;
  for (const std::size_t end : m_ends) {
    if (!append_windows1252(m_decoded, std::string_view(m_record).substr(begin, end - begin))) {
      throw Error(ExitCode::data, located(m_name, m_record_line, k_not_text));
    }
    m_decoded_ends.push_back(m_decoded.size());
    begin = end;
  }
  m_record.swap(m_decoded);
  m_ends.swap(m_decoded_ends);
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
bool CsvReader::parse_record() {
  // The limits are checked as the record grows, so a hostile file never costs more than one
  // record of k_max_fields cells of k_max_cell_bytes.
  const auto end_field = [this] {
    m_ends.push_back(m_record.size());
    if (m_ends.size() > k_max_fields) {
      throw Error(ExitCode::data, located(m_name, m_record_line, too_many_fields()));
    }
  };
  const auto check_cell = [this] {
    if (m_record.size() - (m_ends.empty() ? 0 : m_ends.back()) > k_max_cell_bytes) {
      throw Error(ExitCode::data,
                  located(m_name, m_record_line, trf("column {}: {}", m_ends.size() + 1, cell_too_long())));
    }
  };
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
      end_field();
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
        check_cell();
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
      check_cell();
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
        end_field();
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
        end_field();
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
        check_cell();
      }
      break;
    case State::quote_in_quoted:
      if (c == '"') {
        m_record.push_back('"');
        check_cell();
        state = State::quoted;
      } else if (c == sep) {
        end_field();
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

} // namespace panier
