// UTF-8, the one encoding of everything panier keeps and prints: whether bytes are well formed,
// and how a value from a file or a database is shown safely in a message or a terminal table
// (no control sequence reaches the terminal, no raw byte, no value of unbounded length).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace panier {

// True when `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool is_utf8(std::string_view bytes);

// Length of the longest prefix of `bytes` that may be the start of well-formed UTF-8: all of it
// when valid, or up to a sequence cut at the end (for text read in chunks). nullopt when the
// bytes are invalid before the end.
std::optional<std::size_t> utf8_prefix(std::string_view bytes);

// Characters, not bytes, of UTF-8 text (the bytes that do not continue a sequence).
std::size_t utf8_characters(std::string_view text);

// The first `count` characters of UTF-8 text (all of it when shorter), never cut inside one.
std::string first_characters(std::string_view text, std::size_t count);

// Most characters a message shows of one value; longer values end in "…".
inline constexpr std::size_t k_message_chars = 80;

// `value` as a message may show it: control characters (C0, DEL, C1) and bytes that are not
// UTF-8 written as \xNN (\u0085 for a C1 character), and cut after `max_chars` characters.
std::string message_text(std::string_view value, std::size_t max_chars = k_message_chars);

// `value` as a terminal table shows it: tabs and line ends become spaces, other control
// characters (C0, DEL, C1, so no escape sequence) are dropped, bytes that are not UTF-8 become
// U+FFFD.
std::string terminal_text(std::string_view value);

// `value` with every byte that is not UTF-8 replaced by U+FFFD and nothing else changed: what a
// JSON string may hold (JSON must be UTF-8; its writer escapes the control characters).
std::string well_formed_text(std::string_view value);

// `word` as people's words are compared: ASCII letters in lower case, the accented Latin letters
// of French (À-ÿ, Œ œ) without their accents, and nothing else changed ("Récupéré" -> "recupere",
// "ESPÈCES" -> "especes").
std::string folded_word(std::string_view word);

} // namespace panier
