// A vocabulary is an enum whose every value has one text: what the store keeps, what the command
// line and the input files accept, and what messages say. Its table is written once, as a
// specialisation of Vocabulary<E> listing the texts in the enum's order:
//
//   template <> struct Vocabulary<PickupStatus> {
//     static constexpr std::array<std::string_view, 4> texts{"collected", "proxy", "missed", "cancelled"};
//   };
//
// A vocabulary people fill in by hand may also list `aliases`, other words for its values (the
// French words of a sign-in sheet), as {word, value} pairs; read_word() accepts them.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "panier/core/utf8.hpp"

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

template <typename E>
concept HasAliases = requires {
  Vocabulary<E>::aliases;
};

// The value a person meant by `word`: a text or an alias, compared without case or accents
// ("Récupéré", "RECUPERE" and "récupéré" are one word). nullopt when none matches.
template <typename E> std::optional<E> read_word(std::string_view word) {
  if (const auto exact = parse_word<E>(word)) {
    return exact;
  }
  const std::string folded = folded_word(word);
  for (std::size_t i = 0; i < Vocabulary<E>::texts.size(); ++i) {
    if (folded_word(Vocabulary<E>::texts[i]) == folded) {
      return static_cast<E>(i);
    }
  }
  if constexpr (HasAliases<E>) {
    for (const auto& [alias, value] : Vocabulary<E>::aliases) {
      if (folded_word(alias) == folded) {
        return value;
      }
    }
  }
  return std::nullopt;
}

// "collected (récupéré), proxy (procuration), …": the words read_word() takes, for a message.
template <typename E> std::string words_offered() {
  std::string out;
  for (std::size_t i = 0; i < Vocabulary<E>::texts.size(); ++i) {
    out += out.empty() ? "" : ", ";
    out += Vocabulary<E>::texts[i];
    if constexpr (HasAliases<E>) {
      std::string others;
      for (const auto& [alias, value] : Vocabulary<E>::aliases) {
        if (static_cast<std::size_t>(value) == i) {
          others += (others.empty() ? "" : ", ") + std::string(alias);
        }
      }
      out += others.empty() ? "" : " (" + others + ")";
    }
  }
  return out;
}

// Per value in order, the first alias it has (the French word of a sheet), else its text.
template <typename E> std::vector<std::string> alias_texts() {
  std::vector<std::string> words(Vocabulary<E>::texts.begin(), Vocabulary<E>::texts.end());
  if constexpr (HasAliases<E>) {
    std::vector<bool> taken(words.size(), false);
    for (const auto& [alias, value] : Vocabulary<E>::aliases) {
      const auto i = static_cast<std::size_t>(value);
      if (!taken[i]) {
        words[i] = alias;
        taken[i] = true;
      }
    }
  }
  return words;
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
