// Typed, located access to TOML tables for the config and catalogue loaders. Every problem is
// collected as "FILE:LINE:COL: message" so that `panier check` can list them all at once.
// Internal to lib/: only config.cpp and catalogue.cpp include it.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "panier/core/error.hpp"
#include "panier/core/money.hpp"
#include "panier/core/vocabulary.hpp"

namespace panier {

// Nesting allowed in a TOML file (parts of dotted keys, tables, arrays), and its size.
inline constexpr int k_max_toml_depth = 64;
inline constexpr std::uintmax_t k_max_toml_bytes = std::uintmax_t{16} << 20;

struct TomlPlace {
  long line = 1;
  long column = 1;
};
// Where `text` first nests deeper than `limit` levels; nullopt when it never does. Reads TOML
// closely enough to count (strings, comments, headers, inline tables) without parsing it.
std::optional<TomlPlace> too_deep(std::string_view text, int limit);

class TomlFile {
public:
  TomlFile(std::string display_name, Diagnostics& diagnostics)
      : m_name(std::move(display_name)), m_diagnostics(diagnostics) {}

  // Parses the file; on a syntax error or a missing file records it and returns nullopt.
  std::optional<toml::table> parse(const std::string& path);

  void error(const toml::source_region& where, std::string_view message);
  const std::string& name() const noexcept { return m_name; }

private:
  std::string m_name;
  Diagnostics& m_diagnostics;
};

// Reads the keys of one table. Keys that are never asked for are reported by finish().
class TableReader {
public:
  TableReader(TomlFile& file, const toml::table& table, std::string path);
  ~TableReader() = default;
  TableReader(const TableReader&) = delete;
  TableReader& operator=(const TableReader&) = delete;

  const std::string& path() const noexcept { return m_path; }
  const toml::table& table() const noexcept { return m_table; }
  TomlFile& file() noexcept { return m_file; }

  bool has(std::string_view key) const { return m_table.contains(key); }
  // The node, marked as known; nullptr when absent.
  const toml::node* node(std::string_view key);
  // Reports "[path]: missing required key" at the table.
  void missing(std::string_view key);
  // Reports "path.key: message" at the key's value (or the table when absent).
  void error(std::string_view key, std::string_view message);

  std::optional<std::string> string(std::string_view key, bool required);
  std::optional<std::string> choice(std::string_view key, bool required,
                                    std::initializer_list<std::string_view> allowed);
  std::optional<std::string> choice(std::string_view key, bool required,
                                    std::span<const std::string_view> allowed);
  // A word of a vocabulary (core/vocabulary.hpp).
  template <typename E> std::optional<E> word(std::string_view key, bool required) {
    const auto value = choice(key, required, std::span<const std::string_view>(Vocabulary<E>::texts));
    return value ? parse_word<E>(*value) : std::nullopt;
  }
  std::optional<bool> boolean(std::string_view key);
  // A whole number in [min, max].
  std::optional<std::int64_t> integer(std::string_view key, bool required, std::int64_t min,
                                      std::int64_t max);
  // A number (integer or float) in [min, max].
  std::optional<double> number(std::string_view key, bool required, double min, double max);
  // A non-negative decimal with at most `scale` decimals, scaled by 10^scale; must be > 0 when
  // `positive` (else >= 0).
  std::optional<std::int64_t> fixed(std::string_view key, bool required, int scale, bool positive);
  // Euros as fixed(key, required, 2, positive), below k_max_amount.
  std::optional<Cents> money(std::string_view key, bool required, bool positive);
  // A fraction in [0, 1]: a number or a string "1/3".
  std::optional<Fraction> share(std::string_view key, bool required, bool allow_zero = true);
  // "HH:MM" as minutes after midnight.
  std::optional<int> time(std::string_view key, bool required);
  const toml::table* subtable(std::string_view key, bool required);
  const toml::array* array(std::string_view key, bool required);

  // Reports every key of the table that no accessor asked for.
  void finish();

private:
  template <typename T> const T* typed(std::string_view key, bool required, std::string_view what);

  TomlFile& m_file;
  const toml::table& m_table;
  std::string m_path;
  std::set<std::string, std::less<>> m_known;
};

std::string_view toml_type_name(const toml::node& node);
// "sizes.S" + "value" -> "sizes.S.value"
std::string join_path(std::string_view path, std::string_view key);
// The 1-based line of a node, to order tables as written in the file.
std::uint32_t source_line(const toml::node& node);

} // namespace panier
