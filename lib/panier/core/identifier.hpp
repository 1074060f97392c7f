// The one rule for identifiers (points, vans, sizes, schemes, funders, vegetables): they name
// files (a point's sheet is sheets/POINT.csv), so they are letters, digits, '-', '_' and '.', not
// starting with '.', at most 64 characters. Nothing like "../x", "/etc" or "a/b" is one.
#pragma once

#include <string_view>

namespace panier {

inline constexpr std::size_t k_max_identifier = 64;

constexpr bool is_identifier(std::string_view id) {
  if (id.empty() || id.size() > k_max_identifier || id.front() == '.') {
    return false;
  }
  for (const char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    if (!ok) {
      return false;
    }
  }
  return true;
}

// How a message describes the rule.
inline constexpr std::string_view k_identifier_rule =
    "letters, digits, '-', '_' and '.', not first, at most 64 characters";

} // namespace panier
