#include "panier/config/toml_reader.hpp"

#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "panier/core/i18n.hpp"

namespace panier {

std::string_view toml_type_name(const toml::node& node) {
  switch (node.type()) {
  case toml::node_type::string: return "a string";
  case toml::node_type::integer: return "an integer";
  case toml::node_type::floating_point: return "a number";
  case toml::node_type::boolean: return "a boolean";
  case toml::node_type::table: return "a table";
  case toml::node_type::array: return "an array";
  case toml::node_type::date: return "a date";
  case toml::node_type::time: return "a time";
  case toml::node_type::date_time: return "a date-time";
  case toml::node_type::none: break;
  }
  return "nothing";
}

std::string join_path(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::uint32_t source_line(const toml::node& node) { return node.source().begin.line; }

std::optional<TomlPlace> too_deep(std::string_view text, int limit) {
  // One pass over the text: strings and comments skipped, the parts of the key being read (a.b.c
  // is 3) and the brackets open around it counted. The key of a [table] header counts for every
  // key below it; the key of an inline table or array counts for what is inside.
  TomlPlace place;
  std::size_t line_start = 0;
  std::vector<int> open;   // per open bracket: the parts of the key it is the value of
  std::vector<char> kinds; // '[' or '{'
  int enclosing = 0;       // key parts of the open brackets, summed
  int header = 0;          // key parts of the last [table] header
  int parts = 0;           // parts of the key being read
  bool in_key = true;      // reading a key (else a value)
  bool in_header = false;
  bool after_dot = true; // the next key character starts a new part
  const auto depth = [&] { return header + enclosing + static_cast<int>(kinds.size()) + parts; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto at = [&] {
      place.column = static_cast<long>(i - line_start) + 1;
      return place;
    };
    if (c == '\n') {
      ++place.line;
      line_start = i + 1;
      if (kinds.empty()) {
        in_key = true;
        parts = 0;
        after_dot = true;
      }
      continue;
    }
    if (c == '#') {
      while (i + 1 < text.size() && text[i + 1] != '\n')
        ++i;
      continue;
    }
    if (c == '"' || c == '\'') {
      const bool multi = text.substr(i, 3) == std::string_view(c == '"' ? "\"\"\"" : "'''");
      const std::string_view close = multi ? text.substr(i, 3) : text.substr(i, 1);
      std::size_t j = i + close.size();
      while (j < text.size() && text.substr(j, close.size()) != close) {
        if (c == '"' && text[j] == '\\') ++j;
        if (j < text.size() && text[j] == '\n') {
          ++place.line;
          line_start = j + 1;
        }
        ++j;
      }
      i = std::min(j + close.size(), text.size()) - 1;
      if (in_key && after_dot) {
        ++parts;
        after_dot = false;
      }
    } else if (in_key) {
      if (c == '[' && !in_header && parts == 0 && kinds.empty()) {
        in_header = true;
        header = 0;
      } else if (c == '.') {
        after_dot = true;
      } else if (c == '=' && !in_header) {
        in_key = false;
      } else if (c == ']' && in_header) {
        if (i + 1 < text.size() && text[i + 1] == ']') ++i;
        in_header = false;
        header = parts;
        parts = 0;
      } else if (c == '}' && !kinds.empty() && kinds.back() == '{') {
        --i; // an empty inline table: close it as a value
        in_key = false;
      } else if (c != ' ' && c != '\t' && c != '\r' && c != '[' && after_dot) {
        ++parts;
        after_dot = false;
      }
    } else if (c == '[' || c == '{') {
      kinds.push_back(c);
      open.push_back(parts);
      enclosing += parts;
      parts = 0;
      if (c == '{') {
        in_key = true;
        after_dot = true;
      }
    } else if ((c == ']' || c == '}') && !kinds.empty()) {
      kinds.pop_back();
      enclosing -= open.back();
      open.pop_back();
    } else if (c == ',' && !kinds.empty() && kinds.back() == '{') {
      in_key = true;
      parts = 0;
      after_dot = true;
    }
    if (depth() > limit) return at();
  }
  return std::nullopt;
}

std::optional<toml::table> TomlFile::parse(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    m_diagnostics.add(trf("{}: file not found", m_name));
    return std::nullopt;
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size > k_max_toml_bytes) {
    m_diagnostics.add(fmt::format(
        "{}: {}", m_name, ec ? "cannot read the file" : "larger than 16 MiB, which no configuration is"));
    return std::nullopt;
  }
  std::string text(size, '\0');
  {
    std::ifstream in(path, std::ios::binary);
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) {
      m_diagnostics.add(trf("{}: cannot read the file", m_name));
      return std::nullopt;
    }
  }
  // toml++ recurses once per part of a dotted key, without a limit: a key of 40,000 parts would
  // overflow the stack. So the nesting is bounded before toml++ reads anything.
  if (const auto place = too_deep(text, k_max_toml_depth)) {
    m_diagnostics.add(located(m_name, place->line,
                              trf("keys and tables nested more than {} levels deep", k_max_toml_depth),
                              place->column));
    return std::nullopt;
  }
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    error(e.source(), e.description());
  }
  return std::nullopt;
}

void TomlFile::error(const toml::source_region& where, std::string_view message) {
  m_diagnostics.add(
      located(m_name, static_cast<long>(where.begin.line), message, static_cast<long>(where.begin.column)));
}

TableReader::TableReader(TomlFile& file, const toml::table& table, std::string path)
    : m_file(file), m_table(table), m_path(std::move(path)) {}

const toml::node* TableReader::node(std::string_view key) {
  const toml::node* found = m_table.get(key);
  if (found != nullptr) {
    m_known.emplace(key);
  }
  return found;
}

void TableReader::missing(std::string_view key) {
  m_file.error(m_table.source(), m_path.empty() ? trf("missing required table [{}]", key)
                                                : trf("[{}]: missing required key \"{}\"", m_path, key));
}

void TableReader::error(std::string_view key, std::string_view message) {
  const toml::node* found = m_table.get(key);
  m_file.error(found != nullptr ? found->source() : m_table.source(),
               fmt::format("{}: {}", join_path(m_path, key), message));
}

template <typename T>
const T* TableReader::typed(std::string_view key, bool required, std::string_view what) {
  const toml::node* found = node(key);
  if (found == nullptr) {
    if (required) {
      missing(key);
    }
    return nullptr;
  }
  if (const T* value = found->as<T>()) {
    return value;
  }
  error(key, trf("expected {}, not {}", what, toml_type_name(*found)));
  return nullptr;
}

std::optional<std::string> TableReader::string(std::string_view key, bool required) {
  if (const auto* value = typed<toml::value<std::string>>(key, required, "a string")) {
    return value->get();
  }
  return std::nullopt;
}

std::optional<std::string> TableReader::choice(std::string_view key, bool required,
                                               std::initializer_list<std::string_view> allowed) {
  return choice(key, required, std::span<const std::string_view>(allowed.begin(), allowed.size()));
}

std::optional<std::string> TableReader::choice(std::string_view key, bool required,
                                               std::span<const std::string_view> allowed) {
  auto value = string(key, required);
  if (!value) {
    return std::nullopt;
  }
  for (auto option : allowed) {
    if (*value == option) {
      return value;
    }
  }
  error(key, trf("\"{}\" is not one of: {}", *value, fmt::join(allowed, ", ")));
  return std::nullopt;
}

std::optional<bool> TableReader::boolean(std::string_view key) {
  if (const auto* value = typed<toml::value<bool>>(key, false, "true or false")) {
    return value->get();
  }
  return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, bool required, std::int64_t min,
                                                 std::int64_t max) {
  const auto* value = typed<toml::value<std::int64_t>>(key, required, "a whole number");
  if (value == nullptr) {
    return std::nullopt;
  }
  const std::int64_t v = value->get();
  if (v < min || v > max) {
    error(key, trf("{} is out of range ({} to {})", v, min, max));
    return std::nullopt;
  }
  return v;
}

std::optional<double> TableReader::number(std::string_view key, bool required, double min, double max) {
  const toml::node* found = node(key);
  if (found == nullptr) {
    if (required) {
      missing(key);
    }
    return std::nullopt;
  }
  const auto v = found->value<double>();
  if (!found->is_number() || !v) {
    error(key, trf("expected a number, not {}", toml_type_name(*found)));
    return std::nullopt;
  }
  if (!std::isfinite(*v) || *v < min || *v > max) {
    error(key, trf("{} is out of range ({} to {})", *v, min, max));
    return std::nullopt;
  }
  return v;
}

std::optional<std::int64_t> TableReader::fixed(std::string_view key, bool required, int scale,
                                               bool positive) {
  const auto v = number(key, required, -1e9, 1e9);
  if (!v) {
    return std::nullopt;
  }
  if (*v < 0 || (positive && *v == 0)) {
    error(key, positive ? "must be greater than 0" : "must not be negative");
    return std::nullopt;
  }
  const std::int64_t scaled = scaled_from_double(*v, scale);
  if (std::fabs(static_cast<double>(scaled) - *v * std::pow(10.0, scale)) > 1e-6 * std::pow(10.0, scale)) {
    error(key, trf("{} has more than {} decimals", *v, scale));
    return std::nullopt;
  }
  if (positive && scaled <= 0) {
    error(key, "must be greater than 0");
    return std::nullopt;
  }
  return scaled;
}

std::optional<Cents> TableReader::money(std::string_view key, bool required, bool positive) {
  auto cents = fixed(key, required, 2, positive);
  if (cents && *cents >= k_max_amount) {
    error(key, trf("{} EUR is not below {} EUR", format_money(*cents), format_money(k_max_amount)));
    return std::nullopt;
  }
  return cents;
}

std::optional<Fraction> TableReader::share(std::string_view key, bool required, bool allow_zero) {
  const toml::node* found = node(key);
  if (found == nullptr) {
    if (required) {
      missing(key);
    }
    return std::nullopt;
  }
  std::optional<Fraction> fraction;
  if (const auto* text = found->as_string()) {
    fraction = Fraction::parse(text->get());
    if (!fraction) {
      error(key, trf("\"{}\" is not a share (write 0.25 or \"1/4\")", text->get()));
      return std::nullopt;
    }
  } else if (found->is_number()) {
    const double v = *found->value<double>();
    if (!std::isfinite(v) || v < 0 || v > 1) {
      error(key, trf("{} is out of range (0 to 1)", v));
      return std::nullopt;
    }
    fraction = Fraction::from_double(v);
  } else {
    error(key, trf("expected a share (0.25 or \"1/4\"), not {}", toml_type_name(*found)));
    return std::nullopt;
  }
  if (!fraction->representable()) {
    error(key, trf("{} cannot be applied exactly to amounts: reduced, its denominator is above {} "
                   "(write at most 6 decimals, or a fraction such as \"1/3\")",
                   fraction->to_string(), Fraction::k_max_denominator));
    return std::nullopt;
  }
  if (*fraction > Fraction{1, 1} || (!allow_zero && fraction->num == 0)) {
    error(key, trf("{} is out of range ({} to 1)", fraction->to_string(), allow_zero ? "0" : "above 0"));
    return std::nullopt;
  }
  return fraction;
}

std::optional<int> TableReader::time(std::string_view key, bool required) {
  auto text = string(key, required);
  if (!text) {
    return std::nullopt;
  }
  const std::string& t = *text;
  const bool shaped = t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
                      std::isdigit(static_cast<unsigned char>(t[1])) &&
                      std::isdigit(static_cast<unsigned char>(t[3])) &&
                      std::isdigit(static_cast<unsigned char>(t[4]));
  if (shaped) {
    const int hours = (t[0] - '0') * 10 + (t[1] - '0');
    const int minutes = (t[3] - '0') * 10 + (t[4] - '0');
    if (hours < 24 && minutes < 60) {
      return hours * 60 + minutes;
    }
  }
  error(key, trf("\"{}\" is not a time (HH:MM)", t));
  return std::nullopt;
}

const toml::table* TableReader::subtable(std::string_view key, bool required) {
  return typed<toml::table>(key, required, "a table");
}

const toml::array* TableReader::array(std::string_view key, bool required) {
  return typed<toml::array>(key, required, "an array");
}

void TableReader::finish() {
  for (auto&& [key, value] : m_table) {
    if (!m_known.contains(key.str())) {
      m_file.error(key.source(), m_path.empty() ? trf("unknown key \"{}\"", key.str())
                                                : trf("unknown key \"{}\" in [{}]", key.str(), m_path));
    }
  }
}

} // namespace panier
