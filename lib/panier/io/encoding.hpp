// Text encodings of the files people send: UTF-8 (with or without a byte order mark) and
// Windows-1252, what Excel writes on a French Windows. Everything panier keeps is valid UTF-8.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "panier/core/utf8.hpp" // is_utf8, utf8_prefix

namespace panier {

enum class Encoding { detect, utf8, windows1252 };

// "utf-8" or "windows-1252" (also "utf8", "cp1252"); Error(usage) otherwise.
Encoding parse_encoding(std::string_view text);

// Appends `bytes` read as Windows-1252 to `out` as UTF-8; false (and `out` unspecified) when a
// byte has no character in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D).
bool append_windows1252(std::string& out, std::string_view bytes);

// A control character other than tab, line feed and carriage return: in a text file it means
// the file is not text.
constexpr bool is_control_character(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F;
}

// The message for text that is neither encoding.
inline constexpr std::string_view k_not_text = "not UTF-8 or Windows-1252 text";

} // namespace panier
