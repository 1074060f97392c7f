// The parsers of single values (dates, weeks, fixed-point numbers, fractions) and the text
// shown in messages and terminal tables.
#include "fuzz_support.hpp"
#include "panier/core/money.hpp"
#include "panier/core/utf8.hpp"
#include "panier/core/week.hpp"

using namespace panier;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  if (const auto date = Date::parse_any(text)) {
    // What parses prints back as a date that parses to the same day.
    if (Date::parse(date->to_string()) != date) std::abort();
    (void)Week::containing(*date).to_string();
  }
  if (const auto week = Week::parse_iso(text)) {
    if (Week::parse_iso(week->to_string()) != week) std::abort();
    if (Week::from_ordinal(week->ordinal()) != *week) std::abort();
  }
  for (int scale = 0; scale <= 7; ++scale) {
    (void)parse_fixed(text, scale, scale % 2 == 0);
  }
  if (const auto fraction = Fraction::parse(text)) {
    (void)fraction->to_string();
    // Shares are at most 1 (the config refuses more), so a product never leaves 64 bits.
    if (fraction->representable() && *fraction <= Fraction{1, 1}) {
      if (mul_floor(k_max_amount, *fraction) > k_max_amount) std::abort();
      (void)mul_round_half_up(k_max_amount - 1, *fraction);
    }
  }
  const std::string shown = message_text(text);
  if (!is_utf8(shown)) std::abort();
  if (!is_utf8(terminal_text(text))) std::abort();
  (void)quoted(text);
  return 0;
}
