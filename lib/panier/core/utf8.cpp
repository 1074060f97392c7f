#include "panier/core/utf8.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace panier {

namespace {

// The length of the well-formed sequence starting at bytes[i]: 0 when it is invalid, -1 when it
// is cut by the end of `bytes`.
int sequence_length(std::string_view bytes, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(bytes[i]);
  if (b0 < 0x80) return 1;
  int length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) low = 0xA0;  // no overlong forms
    if (b0 == 0xED) high = 0x9F; // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) low = 0x90;
    if (b0 == 0xF4) high = 0x8F; // at most U+10FFFF
  } else {
    return 0;
  }
  for (int k = 1; k < length; ++k) {
    if (i + static_cast<std::size_t>(k) >= bytes.size()) return -1;
    const auto b = static_cast<unsigned char>(bytes[i + static_cast<std::size_t>(k)]);
    if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) return 0;
  }
  return length;
}

bool is_c0_or_del(unsigned char b) { return b < 0x20 || b == 0x7F; }

// U+0080..U+009F, the C1 controls (CSI among them), as UTF-8: C2 80 .. C2 9F.
bool is_c1(std::string_view bytes, std::size_t i, int length) {
  return length == 2 && static_cast<unsigned char>(bytes[i]) == 0xC2 &&
         static_cast<unsigned char>(bytes[i + 1]) <= 0x9F;
}

// Calls `character(i, length)` for each well-formed character and `invalid(i)` for each byte
// that starts none.
template <class Character, class Invalid>
void for_each_character(std::string_view bytes, Character&& character, Invalid&& invalid) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const int length = sequence_length(bytes, i);
    if (length <= 0) {
      if (!invalid(i)) return;
      ++i;
      continue;
    }
    if (!character(i, length)) return;
    i += static_cast<std::size_t>(length);
  }
}

} // namespace

std::optional<std::size_t> utf8_prefix(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    const int length = sequence_length(bytes, i);
    if (length == 0) return std::nullopt;
    if (length < 0) return i;
    i += static_cast<std::size_t>(length);
  }
  return i;
}

bool is_utf8(std::string_view bytes) {
  const auto prefix = utf8_prefix(bytes);
  return prefix && *prefix == bytes.size();
}

std::string message_text(std::string_view value, std::size_t max_chars) {
  std::string out;
  std::size_t shown = 0;
  bool cut = false;
  const auto room = [&] {
    if (shown == max_chars) {
      cut = true;
      return false;
    }
    ++shown;
    return true;
  };
  for_each_character(
      value,
      [&](std::size_t i, int length) {
        if (!room()) return false;
        const auto b = static_cast<unsigned char>(value[i]);
        if (length == 1 && is_c0_or_del(b)) {
          out += fmt::format("\\x{:02X}", b);
        } else if (is_c1(value, i, length)) {
          out += fmt::format("\\u{:04X}", static_cast<unsigned char>(value[i + 1]));
        } else {
          out.append(value.substr(i, static_cast<std::size_t>(length)));
        }
        return true;
      },
      [&](std::size_t i) {
        if (!room()) return false;
        out += fmt::format("\\x{:02X}", static_cast<unsigned char>(value[i]));
        return true;
      });
  if (cut) out += "…";
  return out;
}

namespace {

// `value` with each well-formed character passed to `keep` (which appends what is to stay of it)
// and each byte that is not UTF-8 replaced by U+FFFD.
template <typename Keep> std::string replacing_invalid(std::string_view value, Keep keep) {
  std::string out;
  out.reserve(value.size());
  for_each_character(
      value,
      [&](std::size_t i, int length) {
        keep(out, value.substr(i, static_cast<std::size_t>(length)));
        return true;
      },
      [&](std::size_t) {
        out += "\xEF\xBF\xBD";
        return true;
      });
  return out;
}

} // namespace

std::string terminal_text(std::string_view value) {
  return replacing_invalid(value, [](std::string& out, std::string_view character) {
    const char c = character[0];
    if (c == '\t' || c == '\n' || c == '\r') {
      out.push_back(' ');
    } else if (!(character.size() == 1 && is_c0_or_del(static_cast<unsigned char>(c))) &&
               !is_c1(character, 0, static_cast<int>(character.size()))) {
      out.append(character);
    }
  });
}

std::string well_formed_text(std::string_view value) {
  if (is_utf8(value)) {
    return std::string(value);
  }
  return replacing_invalid(value,
                           [](std::string& out, std::string_view character) { out.append(character); });
}

std::string folded_word(std::string_view word) {
  // U+00C0..U+00FF (second byte 0x80..0xBF after 0xC3) without accent, lower case; '\0' keeps
  // the character (×, ÷, ß, Æ, æ, Ð, ð, Þ, þ, Ø, ø).
  static constexpr char k_latin1[] = "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0\0"
                                     "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < word.size() &&
               (static_cast<unsigned char>(word[i + 1]) & 0xC0U) == 0x80U &&
               k_latin1[static_cast<unsigned char>(word[i + 1]) - 0x80U] != '\0') {
      out += k_latin1[static_cast<unsigned char>(word[i + 1]) - 0x80U];
      ++i;
    } else if (c == 0xC5 && i + 1 < word.size() && (word[i + 1] == '\x92' || word[i + 1] == '\x93')) { // Œ œ
      out += "oe";
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::size_t utf8_characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

std::string first_characters(std::string_view text, std::size_t count) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
      if (seen == count) {
        return std::string(text.substr(0, i));
      }
      ++seen;
    }
  }
  return std::string(text);
}

} // namespace panier
