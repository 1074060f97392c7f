#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "panier/core/collate.hpp"
#include "panier/core/error.hpp"
#include "panier/core/table.hpp"

using namespace panier;

namespace {
Table sample() {
  Table t({"point", "baskets", "note"}, {"baskets"});
  t.add({"Liévin", "12", "a, \"b\""});
  t.add({"Lens", "7", ""});
  return t;
}
std::string rendered(Format f) {
  std::ostringstream out;
  render_table(sample(), f, out);
  return out.str();
}
} // namespace

TEST_CASE("CSV follows the contract") {
  CHECK(rendered(Format::csv) == "point,baskets,note\nLiévin,12,\"a, \"\"b\"\"\"\nLens,7,\n");
}

TEST_CASE("tables align by display width, numbers to the right") {
  CHECK(rendered(Format::table) == "point   baskets  note\nLiévin       12  a, \"b\"\nLens          7\n");
}

TEST_CASE("JSON: numbers as numbers, text escaped") {
  CHECK(rendered(Format::json) ==
        "[\n  {\"point\": \"Liévin\", \"baskets\": 12, \"note\": \"a, \\\"b\\\"\"},\n"
        "  {\"point\": \"Lens\", \"baskets\": 7, \"note\": \"\"}\n]\n");
  std::ostringstream out;
  render_table(Table({"x"}), Format::json, out);
  CHECK(out.str() == "[]\n");
}

TEST_CASE("formats by name") {
  CHECK(parse_format("csv") == Format::csv);
  CHECK_THROWS_AS(parse_format("xml"), Error);
  CHECK(display_width("Liévin") == 6);
}

TEST_CASE("counted: a count with its noun, singular for one") {
  CHECK(panier::counted(0, "van", "vans") == "0 vans");
  CHECK(panier::counted(1, "scheme", "schemes") == "1 scheme");
  CHECK(panier::counted(2, "person", "persons") == "2 persons");
}

TEST_CASE("numbers in the French style: decimal comma, thin space between thousands from five digits") {
  CHECK(styled_number("12345.50", k_french_style) == "12\u202f345,50");
  CHECK(styled_number("-1234567", k_french_style) == "-1\u202f234\u202f567");
  CHECK(styled_number("2026", k_french_style) == "2026"); // a year or a four-digit count stays whole
  CHECK(styled_number("341.700", k_french_style) == "341,700");
  CHECK(styled_number("0.5", NumberStyle{",", "\u202f", 4}) == "0,5");
  CHECK(styled_number("1234", NumberStyle{",", " ", 4}) == "1 234");
  // Anything that is not a plain number is left as it is.
  for (const char* text : {"<5", "*", "", "2026-W49", "1.", ".5", "1e5", "12,5", "-", "1.2.3"}) {
    CHECK(styled_number(text, k_french_style) == text);
  }
}

TEST_CASE("French collation: accents and case after the letters, never bytes") {
  CHECK(collate("Élodie", "Emma") < 0); // bytes put É after every ASCII letter
  CHECK(collate("Zoé", "Élodie") > 0);
  CHECK(collate("de Gaulle", "Durand") < 0);
  CHECK(collate("abbaye", "Zenith") < 0);
  CHECK(collate("cote", "côte") < 0);
  CHECK(collate("Emma", "Emma") == 0);
  CHECK(collate("e", "E") != 0); // distinct texts never tie
  std::vector<std::string> names{"Zola", "Émile", "Durand", "de Gaulle", "Eliane", "Ève"};
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return collation_key(a) < collation_key(b); });
  CHECK(names == std::vector<std::string>{"de Gaulle", "Durand", "Eliane", "Émile", "Ève", "Zola"});
}
