#include "panier/core/csv.hpp"

#include <algorithm>

namespace panier {

bool looks_like_formula(std::string_view value) {
  if (value.empty() || std::string_view("=+-@\t\r").find(value.front()) == std::string_view::npos) {
    return false;
  }
  const std::string_view digits = value.substr(1);
  const auto point = digits.find('.');
  const auto is_digits = [](std::string_view part) {
    return !part.empty() &&
           std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const bool number = (value.front() == '-' || value.front() == '+') &&
                      (point == std::string_view::npos
                           ? is_digits(digits)
                           : is_digits(digits.substr(0, point)) && is_digits(digits.substr(point + 1)));
  return !number;
}

void CsvWriter::field(std::string_view value) {
  if (!m_first) {
    m_out.put(',');
  }
  m_first = false;
  std::string guarded;
  if (looks_like_formula(value)) {
    guarded = "'";
    guarded += value;
    value = guarded;
  }
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
