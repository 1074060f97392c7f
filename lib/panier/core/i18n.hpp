// Messages in the operator's language, through gettext (the "panier" text domain): the English
// text is the key, and a message with no translation stays English. The library only looks
// texts up; the app decides whether French is wanted, binds the catalogue and turns the lookup
// on (use_translations), so the library reads no environment.
//
//   throw Error(ExitCode::data, trf("no plan for {}; run panier plan --week {}", week, week));
//
// trf() formats the translation with the English text's arguments; a translation whose fields
// do not fit them falls back to the English text (a bad catalogue never breaks a message).
#pragma once

#include <string>

#include <fmt/format.h>

namespace panier {

inline constexpr const char* k_text_domain = "panier";

// On: tr() and trf() look texts up in the bound catalogue. Off (the default): English.
void use_translations(bool on);
bool translations_on();

// The translation of `english` (a string literal), or `english` itself.
const char* tr(const char* english);

// The translation of `singular` or `plural` for `count` (the language's own plural rule), or the
// English: `singular` for 1, else `plural`.
const char* trn(const char* singular, const char* plural, unsigned long count);

template <typename... Args> std::string trf(fmt::format_string<Args...> english, Args&&... args) {
  const fmt::string_view text = english;
  if (translations_on()) {
    const char* translated = tr(text.data());
    if (translated != text.data()) {
      try {
        return fmt::vformat(translated, fmt::make_format_args(args...));
      } catch (const fmt::format_error&) {
        // A translation that does not fit its English text: the English text, formatted.
      }
    }
  }
  return fmt::vformat(text, fmt::make_format_args(args...));
}

} // namespace panier
