#include "panier/render/text.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace panier::render {

namespace {

struct Entry {
  Word key;
  std::string_view french;
  std::string_view english;
};

// In the order of the enum (checked below), French then English.
constexpr Entry k_words[] = {
    {Word::sheet_title, "Feuille d'émargement", "Pickup sheet"},
    {Word::opening_hours, "Ouverture", "Opening hours"},
    {Word::delivery_on, "Livraison du", "Delivery on"},
    {Word::household, "Foyer", "Household"},
    {Word::name, "Nom", "Name"},
    {Word::basket_size, "Panier", "Basket"},
    {Word::to_pay, "À régler", "To pay"},
    {Word::signature, "Signature", "Signature"},
    {Word::phone, "Téléphone", "Phone"},
    {Word::collected, "Récupéré", "Collected"},
    {Word::proxy, "Procuration", "Proxy"},
    {Word::missed, "Absent", "Missed"},
    {Word::cancelled, "Annulé", "Cancelled"},
    {Word::basket, "panier", "basket"},
    {Word::baskets, "paniers", "baskets"},
    {Word::in_your_basket, "Cette semaine dans votre panier", "This week in your basket"},
    {Word::vegetable, "Légume", "Vegetable"},
    {Word::tips, "Astuces pour les légumes moins connus", "Tips for the less familiar vegetables"},
    {Word::pieces, "pièce(s)", "piece(s)"},
    {Word::bunches, "botte(s)", "bunch(es)"},
    {Word::routes_title, "Tournées", "Routes"},
    {Word::route, "Tournée", "Route"},
    {Word::stops, "arrêts", "stops"},
    {Word::leave, "départ", "leave"},
    {Word::back, "retour", "back"},
    {Word::place, "Lieu", "Place"},
    {Word::arrive, "Arrivée", "Arrive"},
    {Word::open, "Ouverture", "Open"},
    {Word::baskets_to_drop, "Paniers à déposer", "Baskets to drop"},
    {Word::left_on_board, "Reste à bord", "Left on board"},
    {Word::garden, "Jardin", "Garden"},
    {Word::unserved_points, "Points non desservis par les camionnettes", "Points no van serves"},
    {Word::unserved_no_room, "plus de place ni de temps dans les camionnettes",
     "no room left in the vans' loads or hours"},
    {Word::unserved_out_of_reach,
     "aucune camionnette ne peut y arriver pendant l'ouverture et rentrer à temps",
     "no van can reach it within its opening hours and be back in time"},
    {Word::impact_title, "bilan", "impact report"},
    {Word::households, "foyers", "households"},
    {Word::persons, "personnes", "persons"},
    {Word::of_vegetables, "de légumes", "of vegetables"},
    {Word::cooking_workshops, "ateliers cuisine", "cooking workshops"},
    {Word::participants, "participants", "participants"},
    {Word::year_in_figures, "L'année en chiffres", "The year in figures"},
    {Word::baskets_per_week, "Paniers par semaine", "Baskets per week"},
    {Word::collected_per_point, "Paniers retirés, par lieu", "Baskets collected, per point"},
    {Word::no_pickup, "Aucun retrait enregistré.", "No pickup recorded."},
    {Word::collection_rate, "Taux de retrait par lieu", "Collection rate per point"},
    {Word::funding_per_funder_heading, "Financement, par financeur", "Funding, per funder"},
    {Word::no_funding, "Aucun financement.", "No funding."},
    {Word::funding_per_funder, "Financement par financeur", "Funding per funder"},
    {Word::leaflet_title, "Votre panier de la semaine", "Your basket this week"},
    {Word::leaflet_week, "Semaine du", "Week of"},
    {Word::pick_up, "À retirer", "Pick up"},
    {Word::next_workshop, "Prochain atelier", "Next workshop"},
    {Word::recipe_idea, "Idée recette", "Recipe idea"},
    {Word::try_it, "Peu cuisiné jusqu'ici : essayez cette recette !",
     "Seldom cooked so far: try this recipe!"},
    {Word::no_workshop, "Demandez les dates des prochains ateliers cuisine.",
     "Ask for the dates of the next cooking workshops."},
    {Word::survey_title, "Vos légumes de la semaine : les avez-vous cuisinés ?",
     "Your vegetables this week: did you cook them?"},
    {Word::cooked, "Cuisiné", "Cooked"},
    {Word::liked, "Aimé", "Liked"},
    {Word::yes, "oui", "yes"},
    {Word::no, "non", "no"},
    {Word::theme_cooking_techniques, "atelier cuisine", "cooking workshop"},
    {Word::theme_balanced_eating, "atelier bien manger", "eating well workshop"},
    {Word::theme_reading_labels, "atelier lire les étiquettes", "reading labels workshop"},
    {Word::theme_seasonality, "atelier légumes de saison", "seasonal vegetables workshop"},
    {Word::theme_preserving, "atelier conserves", "preserving workshop"},
    {Word::theme_anti_waste, "atelier anti-gaspillage", "no-waste cooking workshop"},
    {Word::theme_wild_plants, "atelier plantes sauvages", "wild plants workshop"},
    {Word::theme_farm_visit, "visite du jardin", "garden visit"},
    {Word::theme_gardening, "atelier jardinage", "gardening workshop"},
    {Word::cooked_heading, "Les légumes moins connus sont-ils cuisinés ?",
     "Are the less familiar vegetables cooked?"},
    {Word::cooked_per_month, "Part des réponses « cuisiné », par mois",
     "Share of answers \"cooked\", per month"},
    {Word::came_to_workshop, "foyers venus à un atelier", "households that came to a workshop"},
    {Word::no_workshop_attended, "foyers jamais venus à un atelier",
     "households that never came to a workshop"},
    {Word::no_answer, "Aucune réponse enregistrée (panier feedback import).",
     "No answer recorded (panier feedback import)."},
};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < std::size(k_words); ++i) {
    if (static_cast<std::size_t>(k_words[i].key) != i) {
      return false;
    }
  }
  return static_cast<std::size_t>(Word::no_answer) + 1 == std::size(k_words);
}
static_assert(in_enum_order(), "k_words must list every Word once, in the order of the enum");

constexpr NumberFormat k_french_numbers{',', "\u202f", "", " €"};
constexpr NumberFormat k_english_numbers{'.', ",", "€", ""};

std::string with_decimal_mark(std::string plain, Language language) {
  std::replace(plain.begin(), plain.end(), '.', number_format(language).decimal);
  return plain;
}

} // namespace

std::string_view word(Word key, Language language) {
  const Entry& entry = k_words[static_cast<std::size_t>(key)];
  return language == Language::fr ? entry.french : entry.english;
}

std::string_view baskets_word(std::int64_t count, Language language) {
  return word(count == 1 ? Word::basket : Word::baskets, language);
}

const NumberFormat& number_format(Language language) {
  return language == Language::fr ? k_french_numbers : k_english_numbers;
}

std::string grouped(std::int64_t value, Language language) {
  return number_text(fmt::format("{}", value), language);
}

std::string number_text(std::string_view plain, Language language) {
  const NumberFormat& f = number_format(language);
  const std::string decimal(1, f.decimal);
  return styled_number(plain, NumberStyle{decimal, f.thousands, 4});
}

std::string_view column_heading(std::string_view column, Language language) {
  struct Heading {
    std::string_view column, french, english;
  };
  static constexpr Heading k_headings[] = {
      {"households", "Foyers", "Households"},
      {"persons", "Personnes", "Persons"},
      {"adults", "Adultes", "Adults"},
      {"children", "Enfants", "Children"},
      {"baskets", "Paniers", "Baskets"},
      {"collected", "Paniers retirés", "Baskets collected"},
      {"kg", "Légumes (kg)", "Vegetables (kg)"},
      {"value_eur", "Valeur (€)", "Value (EUR)"},
      {"contribution_eur", "Participation des foyers (€)", "Households' share (EUR)"},
      {"subsidy_eur", "Financement (€)", "Funding (EUR)"},
      {"workshops", "Ateliers", "Workshops"},
      {"workshop_participants", "Participants aux ateliers", "Workshop participants"},
      {"all", "tous dispositifs", "all schemes"},
  };
  for (const auto& h : k_headings) {
    if (h.column == column) {
      return language == Language::fr ? h.french : h.english;
    }
  }
  return column;
}

std::string money_text(Cents cents, Language language) {
  const NumberFormat& f = number_format(language);
  const Cents whole = (cents < 0 ? -cents : cents) / 100;
  const std::string sign = cents < 0 ? "-" : "";
  return fmt::format("{}{}{}{}{:02}{}", sign, f.currency_before, grouped(whole, language), f.decimal,
                     (cents < 0 ? -cents : cents) % 100, f.currency_after);
}

std::string euros_text(Cents cents, Language language) {
  const NumberFormat& f = number_format(language);
  const std::int64_t whole = (cents + 50) / 100;
  return fmt::format("{}{}{}", f.currency_before, grouped(whole, language), f.currency_after);
}

std::string quantity_text(Milli quantity, Unit unit, Language language) {
  const std::string number = with_decimal_mark(format_quantity(quantity), language);
  switch (unit) {
  case Unit::kg: return number + " kg";
  case Unit::piece: return fmt::format("{} {}", number, word(Word::pieces, language));
  case Unit::bunch: return fmt::format("{} {}", number, word(Word::bunches, language));
  }
  return number;
}

namespace {

// The name with its first letter in lower case ("Céleri-rave" -> "céleri-rave"): the capitals of
// the catalogue's names are ASCII or one of the French accented ones.
std::string lower_first(const std::string& name) {
  if (name.empty()) {
    return name;
  }
  if (name[0] >= 'A' && name[0] <= 'Z') {
    return static_cast<char>(name[0] - 'A' + 'a') + name.substr(1);
  }
  static constexpr std::pair<std::string_view, std::string_view> k_accented[] = {
      {"É", "é"}, {"È", "è"}, {"Ê", "ê"}, {"À", "à"}, {"Â", "â"},
      {"Î", "î"}, {"Ô", "ô"}, {"Û", "û"}, {"Ç", "ç"}};
  for (const auto& [upper, lower] : k_accented) {
    if (name.starts_with(upper)) {
      return std::string(lower) + name.substr(upper.size());
    }
  }
  return name;
}

// "de carottes" or "d'oignons": French elides "de" before a vowel (h is left alone: most
// vegetables' h is aspirated, "de haricots").
std::string french_of(const std::string& noun) {
  static constexpr std::string_view k_vowels[] = {"a", "e", "i", "o", "u", "y", "é",
                                                  "è", "ê", "à", "â", "î", "ô", "û"};
  for (std::string_view v : k_vowels) {
    if (noun.starts_with(v)) {
      return "d'" + noun;
    }
  }
  return "de " + noun;
}

} // namespace

std::string kitchen_quantity(Milli quantity, const Vegetable& v, Language language) {
  const bool french = language == Language::fr;
  const std::string singular = french ? lower_first(v.name) : v.name;
  const std::string plural = french && !v.plural.empty() ? v.plural : singular;
  const std::string number = with_decimal_mark(format_quantity(quantity), language);
  const bool whole = quantity % 1000 == 0;
  switch (v.unit) {
  case Unit::kg: {
    const std::string amount = quantity < 1000 ? fmt::format("{} g", quantity) : number + " kg";
    return french ? amount + " " + french_of(plural) : amount + " of " + plural;
  }
  case Unit::piece:
    if (quantity == 500) {
      return "½ " + singular;
    }
    if (!french) {
      return number + " × " + singular;
    }
    return number + " " + (whole && quantity == 1000 ? singular : plural);
  case Unit::bunch:
    if (!french) {
      return number + (quantity == 1000 ? " bunch of " : " bunches of ") + singular;
    }
    return number + (quantity <= 1000 ? " botte " : " bottes ") + french_of(plural);
  }
  return number + " " + singular;
}

std::string theme_text(std::string_view theme, Language language) {
  static constexpr std::pair<std::string_view, Word> k_themes[] = {
      {"cooking-techniques", Word::theme_cooking_techniques},
      {"balanced-eating", Word::theme_balanced_eating},
      {"reading-labels", Word::theme_reading_labels},
      {"seasonality", Word::theme_seasonality},
      {"preserving", Word::theme_preserving},
      {"anti-waste", Word::theme_anti_waste},
      {"wild-plants", Word::theme_wild_plants},
      {"farm-visit", Word::theme_farm_visit},
      {"gardening", Word::theme_gardening}};
  for (const auto& [id, key] : k_themes) {
    if (id == theme) {
      return std::string(word(key, language));
    }
  }
  return std::string(theme);
}

std::string long_date(Date date, Language language) {
  static constexpr std::array<std::string_view, 7> french_days = {"lundi",    "mardi",  "mercredi", "jeudi",
                                                                  "vendredi", "samedi", "dimanche"};
  static constexpr std::array<std::string_view, 12> french_months = {
      "janvier", "février", "mars",      "avril",   "mai",      "juin",
      "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  static constexpr std::array<std::string_view, 7> english_days = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  static constexpr std::array<std::string_view, 12> english_months = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const bool french = language == Language::fr;
  const auto day = static_cast<std::size_t>(date.weekday() - 1);
  const auto month = static_cast<std::size_t>(date.month() - 1);
  return fmt::format("{} {} {} {}", french ? french_days[day] : english_days[day], date.day(),
                     french ? french_months[month] : english_months[month], date.year());
}

std::string short_date(Date date, Language language) {
  const std::string text = long_date(date, language);
  return text.substr(0, text.rfind(' '));
}

std::string time_text(int minutes) { return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60); }

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    default: out += c;
    }
  }
  return out;
}

} // namespace panier::render
