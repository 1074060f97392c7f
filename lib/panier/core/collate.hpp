// French collation (ICU's rules for "fr"): names, points and vegetables are sorted as a French
// reader expects them (accents and case second: "Élodie" between "Eliane" and "Emma", "de" before
// "Dupont"), never by bytes (which put É after Z). The one place that includes ICU.
#pragma once

#include <string>
#include <string_view>

namespace panier {

// <0, 0 or >0 as `a` sorts before, with or after `b` in French; ties broken by bytes, so that
// distinct texts never compare equal and every order is total and the same on every machine.
int collate(std::string_view a, std::string_view b);

inline bool collated_less(std::string_view a, std::string_view b) { return collate(a, b) < 0; }

// A byte string whose byte order is the French order of `text` (then its bytes): to sort many
// texts, or to compare tuples with std::tie.
std::string collation_key(std::string_view text);

} // namespace panier
