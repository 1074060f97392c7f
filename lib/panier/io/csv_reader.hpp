// CSV input: the contract's dialect and what French spreadsheet software writes (semicolon
// separator, decimal comma, UTF-8 byte order mark, CRLF, quoted fields spanning lines), in UTF-8
// or Windows-1252. Streaming: memory does not grow with the file.
#pragma once

#include <fstream>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "panier/io/rows.hpp"

namespace panier {

class CsvReader final : public RowReader {
public:
  // Opens `path`; Error(no_input) when it cannot be read. Messages name the file as given.
  // With Encoding::detect, a file that is valid UTF-8 is UTF-8, anything else Windows-1252.
  explicit CsvReader(const std::string& path, Encoding encoding = Encoding::detect);
  // Reads from a stream (seekable when the encoding is to be detected); `display_name` is used
  // in messages.
  CsvReader(std::istream& input, std::string display_name, Encoding encoding = Encoding::detect);
  ~CsvReader() override;

  char separator() const noexcept { return m_separator; }
  // The encoding the file is read in (detected or given).
  Encoding encoding() const noexcept { return m_encoding; }

protected:
  bool read_record() override;
  std::string location(long line, std::optional<std::size_t> field) const override;
  bool fixed_width() const override { return true; }

private:
  bool fill();
  bool parse_record();
  void start();
  void detect_encoding();
  void detect_separator();
  void decode_record();

  std::unique_ptr<std::ifstream> m_owned;
  std::istream* m_input;
  std::vector<char> m_buffer;
  std::size_t m_pos = 0;
  std::size_t m_end = 0;
  bool m_eof = false;
  bool m_started = false;
  Encoding m_encoding;
  char m_separator = ',';
  long m_line = 1;
  std::string m_decoded;
  std::vector<std::size_t> m_decoded_ends;
};

} // namespace panier
