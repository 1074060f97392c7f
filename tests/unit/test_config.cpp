#include <doctest/doctest.h>

#include "panier/config/config.hpp"
#include "panier/config/toml_reader.hpp"
#include "panier/core/error.hpp"
#include "panier/core/identifier.hpp"
#include "temp_dir.hpp"

using namespace panier;
using panier::test::TempDir;

namespace {

const char* const k_catalogue = R"(
[vegetables.carotte]
name = "Carotte"
unit = "kg"
price = 2.60
step = 0.05
min = 0.30
months = [1, 2, 3, 7, 8, 9, 10, 11, 12]

[vegetables.panais]
name = "Panais"
unit = "kg"
price = 3.20
step = 0.05
min = 0.30
months = [1, 2, 3, 10, 11, 12]
unfamiliar = true
tip = "Comme la carotte."

[vegetables.salade]
name = "Laitue"
unit = "piece"
price = 1.20
step = 1
months = [4, 5, 6, 7, 8, 9]
kg_per_unit = 0.35
)";

// A valid configuration; tests replace pieces of it.
const char* const k_valid = R"([organisation]
name = "Jardin test"

[depot]
name = "Jardin"
lat = 50.45
lon = 2.79
open = "07:30"
close = "14:00"

[calendar]
closed = ["2026-W52", "2026-W33"]

[catalogue]
file = "veg.toml"

[sizes.S]
value = 10.00
target_kg = 2.5
min_items = 3
max_items = 5

[sizes.L]
value = 19
target_kg = 5
min_items = 4
max_items = 7

[funders.dgcs]
name = "État"
kind = "state"

[funders.dep]
name = "Département"
kind = "departement"

[schemes.cocagne]
share_cap = "1/3"
tiers = [
  { name = "T1", qf_max = 500, share = 0.20 },
  { name = "T2", qf_max = 1200, share = 0.30 },
]
funders = [
  { id = "dgcs", share = 0.5, budget = 8000.00 },
  { id = "dep", share = 0.5 },
]

[points.cs-a]
name = "Centre social A"
lat = 50.43
lon = 2.83
open = "14:00"
close = "17:30"

[vans.van1]
capacity = 60
)";

struct Loaded {
  std::optional<Config> config;
  std::vector<std::string> messages;
  ExitCode code = ExitCode::ok;
};

Loaded load(const std::string& text, const std::string& catalogue = k_catalogue) {
  TempDir dir;
  dir.write("veg.toml", catalogue);
  const std::string path = dir.write("panier.toml", text);
  Loaded result;
  try {
    result.config = load_config(path, dir.path("."));
  } catch (const Error& e) {
    result.code = e.code();
    for (const auto& m : e.messages()) {
      // Messages name the file as given; keep only its base name for the assertions.
      const auto at = m.find(dir.path(""));
      result.messages.push_back(at == 0 ? m.substr(dir.path("").size()) : m);
    }
  }
  return result;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("a valid configuration loads into plain structs with defaults") {
  const auto r = load(k_valid);
  REQUIRE(r.messages.empty());
  const Config& c = *r.config;
  CHECK(c.organisation.name == "Jardin test");
  CHECK(c.organisation.database == "panier.db");
  CHECK(c.organisation.busy_timeout_s == 10);
  CHECK(c.organisation.retention_years == 2);
  CHECK(c.depot->open == 7 * 60 + 30);
  CHECK(c.calendar.delivery_weekday == 4);
  CHECK(c.calendar.is_closed(*Week::parse_iso("2026-W33")));
  CHECK_FALSE(c.calendar.is_closed(*Week::parse_iso("2026-W34")));
  REQUIRE(c.sizes.size() == 2);
  CHECK(c.sizes[0].id == "S"); // file order, not alphabetical
  CHECK(c.sizes[1].id == "L");
  CHECK(c.sizes[1].value == 1900);
  CHECK(c.sizes[0].target_g == 2500);
  const Scheme& s = c.schemes.at(0);
  CHECK(s.share_cap == Fraction{1, 3});
  CHECK(s.rounding == 10);
  CHECK(s.weeks == 26);
  CHECK(s.fallback == "association");
  CHECK(s.tier_for(450)->name == "T1");
  CHECK(s.tier_for(500)->name == "T1");
  CHECK(s.tier_for(501)->name == "T2");
  CHECK(s.tier_for(1300) == nullptr);
  CHECK(s.funders[0].budget == 800000);
  CHECK_FALSE(s.funders[1].budget.has_value());
  CHECK(c.points[0].names == NameDisplay::short_name);
  CHECK(c.points[0].service_min == 10);
  CHECK(c.vans[0].start == 7 * 60 + 30); // from the depot's hours
  CHECK(c.catalogue.vegetables.size() == 3);
  const Vegetable* panais = c.catalogue.find("panais");
  REQUIRE(panais);
  CHECK(panais->price == 320);
  CHECK(panais->step == 50);
  CHECK(panais->min == 300);
  CHECK(panais->unfamiliar);
  CHECK(panais->in_season(11));
  CHECK_FALSE(panais->in_season(6));
  CHECK(c.catalogue.find("salade")->min == 1000); // defaults to one step
  CHECK(c.catalogue.find("salade")->grams_per_unit == 350);
}

TEST_CASE("catalogue overrides replace single fields") {
  const auto r =
      load(replace(k_valid, "file = \"veg.toml\"\n",
                   "file = \"veg.toml\"\n[catalogue.override.panais]\nprice = 3.50\nunfamiliar = false\n"));
  REQUIRE(r.messages.empty());
  CHECK(r.config->catalogue.find("panais")->price == 350);
  CHECK_FALSE(r.config->catalogue.find("panais")->unfamiliar);
  CHECK(r.config->catalogue.find("panais")->step == 50);
}

TEST_CASE("syntax errors are located") {
  const auto r = load("[organisation]\nname = \"x\n");
  CHECK(r.code == ExitCode::config);
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0].rfind("panier.toml:2:", 0) == 0);
}

TEST_CASE("nesting beyond 64 levels is refused before toml++ reads the file") {
  const auto dotted = [](int parts) {
    std::string key = "a";
    for (int i = 1; i < parts; ++i)
      key += ".a";
    return key;
  };
  CHECK_FALSE(too_deep(dotted(64) + " = 1\n", 64));
  const auto place = too_deep("# a comment. with. dots\nx = 1.5\n" + dotted(65) + " = 1\n", 64);
  REQUIRE(place);
  CHECK(place->line == 3);
  CHECK(place->column == 129);
  CHECK(too_deep("[" + dotted(65) + "]\n", 64));
  CHECK(too_deep("[" + dotted(63) + "]\nb.c = 1\n", 64));
  CHECK_FALSE(too_deep("[" + dotted(62) + "]\nb.c = 1\n", 64));
  CHECK(too_deep("x = " + std::string(64, '[') + std::string(64, ']') + "\n", 64));
  CHECK_FALSE(too_deep("x = " + std::string(63, '[') + std::string(63, ']') + "\n", 64));
  std::string inline_tables = "x = ";
  for (int i = 0; i < 40; ++i)
    inline_tables += "{ a = ";
  CHECK(too_deep(inline_tables + "1" + std::string(40, '}') + "\n", 64));
  // Dots and brackets inside strings, literal strings, multi-line strings and comments, and
  // arrays of tables over many lines, count for nothing.
  const std::string text = "[[vans]]\nname = \"a.b.c.d [[[[ \\\" ]]\" # x.y.z\nnote = 'a.b.c.d.e'\n"
                           "doc = \"\"\"\n" +
                           dotted(100) +
                           "\n[[[[\n\"\"\"\n"
                           "tiers = [\n  { name = \"T1\", qf_max = 600, share = 0.2 },\n  {},\n]\n";
  CHECK_FALSE(too_deep(text, 5)); // vans.tiers[{name}]
  REQUIRE(too_deep(text, 4));
  CHECK(too_deep(text, 4)->line == 9);
  const auto r = load(dotted(40000) + " = 1\n");
  CHECK(r.code == ExitCode::config);
  REQUIRE(r.messages.size() == 1);
  CHECK(r.messages[0] == "panier.toml:1:129: keys and tables nested more than 64 levels deep");
}

TEST_CASE("a missing file is a configuration error") {
  try {
    load_config("/nonexistent/panier.toml", ".");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::config);
    CHECK(e.messages().at(0) ==
          "/nonexistent/panier.toml: configuration file not found (give one with -c FILE or $PANIER_CONFIG)");
  }
}

TEST_CASE("every error class, with its exact message and location, all at once") {
  std::string text = k_valid;
  text = replace(text, "name = \"Jardin test\"\n",
                 "name = \"Jardin test\"\ncolour = \"green\"\n");                           // unknown key
  text = replace(text, "value = 10.00\n", "value = \"ten\"\n");                             // wrong type
  text = replace(text, "target_kg = 5\n", "");                                              // missing
  text = replace(text, "max_items = 7\n", "max_items = 70\n");                              // out of range
  text = replace(text, "{ id = \"dep\", share = 0.5 }", "{ id = \"dep62\", share = 0.4 }"); // dangling, sum
  text = replace(text, "close = \"17:30\"", "close = \"5pm\"");                             // bad time
  const auto r = load(text);
  CHECK(r.code == ExitCode::config);
  CHECK(r.messages == std::vector<std::string>{
                          "panier.toml:3:1: unknown key \"colour\" in [organisation]",
                          "panier.toml:19:9: sizes.S.value: expected a number, not a string",
                          "panier.toml:24:1: [sizes.L]: missing required key \"target_kg\"",
                          "panier.toml:27:13: sizes.L.max_items: 70 is out of range (1 to 40)",
                          "panier.toml:45:10: schemes.cocagne.funders[1].id: unknown funder \"dep62\" "
                          "(declare it as [funders.dep62])",
                          "panier.toml:43:11: schemes.cocagne.funders: shares add up to 0.9, not 1",
                          "panier.toml:53:9: points.cs-a.close: \"5pm\" is not a time (HH:MM)",
                      });
}

TEST_CASE("cross-field rules") {
  SUBCASE("min above max items") {
    const auto r = load(replace(k_valid, "max_items = 5", "max_items = 2"));
    CHECK(r.messages ==
          std::vector<std::string>{"panier.toml:21:13: sizes.S.max_items: 2 is below min_items (3)"});
  }
  SUBCASE("tiers out of order") {
    const auto r = load(replace(k_valid, "qf_max = 1200, share = 0.30", "qf_max = 400, share = 0.30"));
    CHECK(
        r.messages ==
        std::vector<std::string>{
            "panier.toml:41:27: schemes.cocagne.tiers[1].qf_max: tiers must be listed by increasing qf_max"});
  }
  SUBCASE("ceiling above the last tier") {
    const auto r = load(replace(k_valid, "share_cap = \"1/3\"", "share_cap = \"1/3\"\nqf_ceiling = 1500"));
    CHECK(r.messages ==
          std::vector<std::string>{
              "panier.toml:40:9: schemes.cocagne.tiers: the last tier ends at qf_max 1200, below "
              "qf_ceiling 1500: households between them would have no tier"});
  }
  SUBCASE("unknown fallback payer") {
    const auto r =
        load(replace(k_valid, "share_cap = \"1/3\"", "share_cap = \"1/3\"\nfallback = \"mairie\""));
    CHECK(r.messages ==
          std::vector<std::string>{"panier.toml:39:12: schemes.cocagne.fallback: unknown funder \"mairie\""});
  }
  SUBCASE("a share above 1 and a bad share string") {
    const auto r = load(replace(k_valid, "share_cap = \"1/3\"", "share_cap = \"4/3\""));
    CHECK(r.messages ==
          std::vector<std::string>{
              "panier.toml:38:13: schemes.cocagne.share_cap: 4/3 is out of range (above 0 to 1)"});
    const auto r2 = load(replace(k_valid, "share_cap = \"1/3\"", "share_cap = \"un tiers\""));
    CHECK(r2.messages == std::vector<std::string>{"panier.toml:38:13: schemes.cocagne.share_cap: \"un "
                                                  "tiers\" is not a share (write 0.25 or \"1/4\")"});
  }
  SUBCASE("ids name files: a point id that is a path is refused") {
    for (const std::string& bad :
         std::vector<std::string>{"\"../../x\"", "\"/etc/passwd\"", "\"a/b\"", "\".hidden\"", "\"\"",
                                  "\"" + std::string(65, 'p') + "\""}) {
      CAPTURE(bad);
      const auto r = load(replace(k_valid, "[points.cs-a]", "[points." + bad + "]"));
      REQUIRE_FALSE(r.messages.empty());
      CHECK(
          r.messages[0].find("not an identifier (letters, digits, '-', '_' and '.', not first, at most 64") !=
          std::string::npos);
      CHECK(r.messages[0].starts_with("panier.toml:"));
    }
    CHECK(is_identifier("ccas-lens.2"));
    CHECK_FALSE(is_identifier("a b"));
  }
  SUBCASE("a share whose reduced denominator is too large to apply exactly") {
    const auto r =
        load(replace(k_valid, "share_cap = \"1/3\"", "share_cap = \"46116860184273878/92233720368547757\""));
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].starts_with("panier.toml:38:13: schemes.cocagne.share_cap: "
                                    "46116860184273878/92233720368547757 cannot be applied exactly"));
    const auto r2 = load(replace(k_valid, "share_cap = \"1/3\"", "share_cap = 1e300"));
    CHECK(r2.messages ==
          std::vector<std::string>{
              "panier.toml:38:13: schemes.cocagne.share_cap: 1e+300 is out of range (0 to 1)"});
    // Reduced as read: 2/6 is 1/3, and 500000/1000000 is one half.
    CHECK(load(replace(k_valid, "share_cap = \"1/3\"", "share_cap = \"2000000/6000000\"")).messages.empty());
  }
  SUBCASE("amounts below one million euros") {
    const auto r = load(replace(k_valid, "value = 10.00", "value = 1000000"));
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].ends_with("value: 1000000.00 EUR is not below 1000000.00 EUR"));
    CHECK(load(replace(k_valid, "value = 10.00", "value = 999999.99")).messages.empty());
    CHECK(load(replace(k_valid, "budget = 8000.00", "budget = 5e6")).messages.size() == 1);
  }
  SUBCASE("closing before opening") {
    const auto r = load(replace(k_valid, "open = \"14:00\"", "open = \"18:00\""));
    CHECK(r.messages == std::vector<std::string>{
                            "panier.toml:53:9: points.cs-a.close: must be later than the opening time"});
  }
  SUBCASE("a bad choice") {
    const auto r = load(replace(k_valid, "kind = \"state\"", "kind = \"bank\""));
    CHECK(r.messages.size() == 1);
    CHECK(r.messages[0] == "panier.toml:31:8: funders.dgcs.kind: \"bank\" is not one of: state, departement, "
                           "region, agglomeration, city, caf, msa, fund, association, other");
  }
  SUBCASE("closure weeks must be weeks") {
    const auto r = load(replace(k_valid, "\"2026-W33\"", "\"2026-08-15\""));
    CHECK(r.messages == std::vector<std::string>{
                            "panier.toml:12:23: calendar.closed: expected weeks written \"2026-W52\""});
  }
  SUBCASE("an override of a vegetable not in the catalogue") {
    const auto r = load(replace(k_valid, "file = \"veg.toml\"\n",
                                "file = \"veg.toml\"\n[catalogue.override.chou]\nprice = 3\n"));
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].rfind(
              "panier.toml:16:21: catalogue.override.chou: no vegetable \"chou\" in the catalogue", 0) == 0);
  }
  SUBCASE("required sections") {
    const auto r = load("[organisation]\nname = \"x\"\n");
    CHECK(r.messages == std::vector<std::string>{
                            "panier.toml:1:1: missing required table [sizes]",
                            "panier.toml:1:1: missing required table [schemes]",
                            "panier.toml:1:1: missing required table [points]",
                            "vegetables.toml: file not found",
                        });
  }
}

TEST_CASE("catalogue errors are located in the catalogue file") {
  const std::string bad = std::string(k_catalogue) + R"(
[vegetables.crosne]
name = "Crosne"
unit = "kg"
price = 0
step = 0.05
months = [13]
unfamiliar = true
)";
  const auto r = load(k_valid, bad);
  CHECK(r.messages ==
        std::vector<std::string>{
            "veg.toml:31:9: vegetables.crosne.price: must be greater than 0",
            "veg.toml:33:10: vegetables.crosne.months: expected a non-empty list of month numbers 1 to 12",
            "veg.toml:28:1: vegetables.crosne.tip: an unfamiliar vegetable needs a tip",
        });
}
