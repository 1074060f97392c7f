// The words and numbers of every printed page, in the organisation's language: one word table
// (French and English side by side), one number and money format per language, dates and clock
// times, and HTML escaping. Every renderer writes its text through these.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "panier/config/catalogue.hpp"
#include "panier/config/config.hpp"
#include "panier/core/money.hpp"
#include "panier/core/table.hpp"
#include "panier/core/week.hpp"

namespace panier::render {

// Every word or phrase a page prints. The table in text.cpp gives each its French and English.
enum class Word {
  // sign-in sheets
  sheet_title,
  opening_hours,
  delivery_on,
  household,
  name,
  basket_size,
  to_pay,
  signature,
  phone,
  collected,
  proxy,
  missed,
  cancelled,
  basket,
  baskets,
  in_your_basket,
  vegetable,
  tips,
  pieces,
  bunches,
  // drivers' sheets
  routes_title,
  route,
  stops,
  leave,
  back,
  place,
  arrive,
  open,
  baskets_to_drop,
  left_on_board,
  garden,
  unserved_points,
  unserved_no_room,
  unserved_out_of_reach,
  // impact page
  impact_title,
  households,
  persons,
  of_vegetables,
  cooking_workshops,
  participants,
  year_in_figures,
  baskets_per_week,
  collected_per_point,
  no_pickup,
  collection_rate,
  funding_per_funder_heading,
  no_funding,
  funding_per_funder,
  // households' leaflets and survey slips
  leaflet_title,
  leaflet_week,
  pick_up,
  next_workshop,
  recipe_idea,
  try_it,
  no_workshop,
  survey_title,
  cooked,
  liked,
  yes,
  no,
  // workshop themes, in the order of k_workshop_themes
  theme_cooking_techniques,
  theme_balanced_eating,
  theme_reading_labels,
  theme_seasonality,
  theme_preserving,
  theme_anti_waste,
  theme_wild_plants,
  theme_farm_visit,
  theme_gardening,
  // impact page: what households cook
  cooked_heading,
  cooked_per_month,
  came_to_workshop,
  no_workshop_attended,
  no_answer,
};

std::string_view word(Word word, Language language);

// "panier" or "paniers" ("basket" or "baskets") after a count.
std::string_view baskets_word(std::int64_t count, Language language);

// How a language writes numbers: the decimal mark, the thousands separator and where the euro
// sign goes. French: 2 600,50 € (narrow no-break space); English: €2,600.50.
struct NumberFormat {
  char decimal;
  std::string_view thousands;
  std::string_view currency_before;
  std::string_view currency_after;
};
const NumberFormat& number_format(Language language);

// An integer with thousands separated: "2 600" or "2,600".
std::string grouped(std::int64_t value, Language language);

// A number as panier writes it ("13210.500") as a person reads it in `language` ("13 210,500").
std::string number_text(std::string_view plain, Language language);

// A report's column as a heading a person reads ("value_eur" -> "Valeur (€)"); the column's
// own name when it has no heading of its own.
std::string_view column_heading(std::string_view column, Language language);
// Cents with their decimals: "12,50 €" or "€12.50".
std::string money_text(Cents cents, Language language);
// Cents rounded to whole euros: "2 600 €" or "€2,600".
std::string euros_text(Cents cents, Language language);
// A quantity in thousandths of its unit, with the unit: "1,5 kg", "2 pièce(s)".
std::string quantity_text(Milli quantity, Unit unit, Language language);
// A portion as a kitchen says it: "2 poireaux", "½ chou rouge", "1 kg de pommes de terre",
// "500 g d'oignons", "1 botte de radis roses" (English: "500 g of Carotte", "2 × Céleri-rave"),
// from the vegetable's `plural` (else its name).
std::string kitchen_quantity(Milli quantity, const Vegetable& vegetable, Language language);
// A workshop theme (an id of k_workshop_themes) in words; the id itself when unknown.
std::string theme_text(std::string_view theme, Language language);
// "jeudi 9 mars" or "Thursday 9 March".
std::string short_date(Date date, Language language);
// "jeudi 9 mars 2023" or "Thursday 9 March 2023".
std::string long_date(Date date, Language language);
// Minutes after midnight as "HH:MM".
std::string time_text(int minutes);

std::string html_escape(std::string_view text);

} // namespace panier::render
