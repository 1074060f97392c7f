// A vocabulary is an enum whose every value has one text: what the store keeps, what the command
// line and the input files accept, and what messages say. Its table is written once, as a
// specialisation of Vocabulary<E> listing the texts in the enum's order:
//
//   template <> struct Vocabulary<PickupStatus> {
//     static constexpr std::array<std::string_view, 4> texts{"collected", "proxy", "missed", "cancelled"};
//   };
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace panier {

template <typename E> struct Vocabulary;

template <typename E> constexpr std::string_view text(E value) {
  return Vocabulary<E>::texts[static_cast<std::size_t>(value)];
}

// The value whose text is `word`; nullopt when none is.
template <typename E> constexpr std::optional<E> parse_word(std::string_view word) {
  const auto& texts = Vocabulary<E>::texts;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (texts[i] == word) {
      return static_cast<E>(i);
    }
  }
  return std::nullopt;
}

// Every text, in order: the choices of a command-line option.
template <typename E> std::vector<std::string> all_texts() {
  return {Vocabulary<E>::texts.begin(), Vocabulary<E>::texts.end()};
}

// "collected, proxy, missed, cancelled": the list a message offers.
template <typename E> std::string texts_joined(std::string_view separator = ", ") {
  std::string out;
  for (const auto& t : Vocabulary<E>::texts) {
    out += out.empty() ? "" : separator;
    out += t;
  }
  return out;
}

} // namespace panier
