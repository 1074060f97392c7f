#include <doctest/doctest.h>

#include <map>

#include <fmt/format.h>

#include "panier/core/error.hpp"
#include "panier/core/output.hpp"
#include "panier/domain/allocate.hpp"
#include "panier/domain/deliver.hpp"
#include "panier/domain/harvest.hpp"
#include "panier/domain/households.hpp"
#include "panier/domain/pickups.hpp"
#include "panier/domain/plan.hpp"
#include "panier/render/impact_page.hpp"
#include "panier/render/leaflets.hpp"
#include "panier/render/sheets.hpp"
#include "panier/render/text.hpp"
#include "temp_dir.hpp"

using namespace panier;
using panier::test::TempDir;

namespace {

const char* const k_config = R"([organisation]
name = "Test"

[sizes.S]
value = 10
target_kg = 2.5
min_items = 3
max_items = 5

[sizes.L]
value = 19
target_kg = 5
min_items = 4
max_items = 6

[funders.f]
name = "F"

[schemes.main]
share_cap = "1/3"
tiers = [{ name = "T", qf_max = 2000, share = 0.3 }]
funders = [{ id = "f", share = 1, budget = 50 }]

[points.full]
name = "Full"
lat = 50
lon = 2
names = "full"

[points.short]
name = "Short"
lat = 50
lon = 2
names = "short"

[points.code]
name = "Code"
lat = 50
lon = 2
names = "code"
)";

const Date k_today = *Date::parse("2026-11-29");

} // namespace

TEST_CASE("the delivery matches the allocation: packing, sheets and names as each point says") {
  TempDir dir;
  const Config config = load_config(dir.write("panier.toml", k_config), PANIER_SOURCE_DATA);
  Store::init(dir.path("p.db"), 1);
  Store store = Store::open(dir.path("p.db"), OpenMode::read_write, 1);
  const Week week = *Week::parse_iso("2026-W49");
  std::vector<HouseholdInput> inputs;
  const char* points[] = {"full", "short", "code"};
  for (int i = 0; i < 40; ++i) {
    HouseholdInput in;
    in.code = fmt::format("H-{:03}", i);
    in.last_name = i % 2 == 0 ? "Émile" : "Zola";
    in.first_name = i % 3 == 0 ? "Élodie" : "Jean";
    in.adults = 1;
    in.commune = "Lens";
    in.qf_cents = 50000;
    in.referrer = "ccas";
    in.scheme = "main";
    in.size = i % 4 == 0 ? "L" : "S";
    in.point = points[i % 3];
    in.start = week;
    REQUIRE(validate_household(in, config, k_today).empty());
    inputs.push_back(in);
  }
  import_households(store, config, inputs, k_today, false);
  std::vector<HarvestLine> harvest;
  for (const char* v : {"carotte", "poireau", "pomme-de-terre", "navet", "oignon", "chou-fleur"}) {
    harvest.push_back({0, week, v, 60000, Grade::standard});
  }
  import_harvest(store, harvest, false);
  save_plan(store, compose_plan(plan_input(store, config, week)), false);
  const AllocateOutcome allocated = allocate_week(store, config, week, false, false);
  int baskets = 0;
  for (const auto& r : allocated.allocation.rows) {
    baskets += r.shortfall ? 0 : 1;
  }
  REQUIRE(baskets > 0);

  const DeliveryWeek d = compute_delivery(store, config, week);
  CHECK(d.baskets() == baskets);
  int on_sheets = 0;
  std::map<std::string, int> packed;
  for (const auto& p : d.packing) {
    packed[p.point] += p.baskets;
  }
  for (const auto& sheet : d.sheets) {
    on_sheets += static_cast<int>(sheet.lines.size());
    CHECK(packed[sheet.point] == static_cast<int>(sheet.lines.size()));
    for (const auto& line : sheet.lines) {
      const auto it = std::find_if(allocated.allocation.rows.begin(), allocated.allocation.rows.end(),
                                   [&](const AllocationRow& r) { return r.household == line.household; });
      REQUIRE(it != allocated.allocation.rows.end());
      CHECK(line.amount == it->contribution);
      if (sheet.point == "code") {
        CHECK(line.name.empty());
      } else if (sheet.point == "short") {
        CHECK((line.name == "Émile É." || line.name == "Émile J." || line.name == "Zola É." ||
               line.name == "Zola J."));
      } else {
        CHECK((line.name == "Élodie Émile" || line.name == "Jean Émile" || line.name == "Élodie Zola" ||
               line.name == "Jean Zola"));
      }
    }
  }
  CHECK(on_sheets == baskets);
  // The composition's baskets per size are the allocation's.
  for (const auto& c : d.composition) {
    int of_size = 0;
    for (const auto& r : allocated.allocation.rows) {
      of_size += (!r.shortfall && r.size == c.size) ? 1 : 0;
    }
    CHECK(c.baskets == of_size);
  }
  // The HTML shows amounts, never funders.
  const std::string html = render::sheets_html(d, config);
  CHECK(html.find("\"F\"") == std::string::npos);
  CHECK(html.find("budget") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http") == std::string::npos);
}

TEST_CASE("no allocation, no delivery") {
  TempDir dir;
  const Config config = load_config(dir.write("panier.toml", k_config), PANIER_SOURCE_DATA);
  Store::init(dir.path("p.db"), 1);
  Store store = Store::open(dir.path("p.db"), OpenMode::read_only, 1);
  CHECK_THROWS_WITH_AS(compute_delivery(store, config, *Week::parse_iso("2026-W49")),
                       "no allocation for 2026-W49; run panier allocate --week 2026-W49", Error);
}

TEST_CASE("the impact page escapes every text that comes from a database, chart labels included") {
  TempDir dir;
  const Config config = load_config(dir.write("panier.toml", k_config), PANIER_SOURCE_DATA);
  ImpactPage page;
  page.years = "2026";
  page.baskets = {{"<i>scheme</i>", "<b>site</b>", 3}};
  page.table = Table({"year", "scheme", "baskets"}, {"baskets"});
  page.table.add({"2026", "<img src=x>", "3"});
  page.weeks = {"2026-W01<script>alert(1)</script>"};
  page.weekly = {{"<svg onload=x>", {3}}};
  page.collection = {{"<u>point</u>", 0.5}};
  page.funding = {{"<s>funder</s>", 300}};
  const std::string html = render::impact_html(page, config);
  for (const std::string_view raw :
       {"<script>", "<img", "<svg onload", "<i>scheme", "<b>site", "<u>point", "<s>funder"}) {
    CAPTURE(raw);
    CHECK(html.find(raw) == std::string::npos);
  }
  CHECK(html.find("&lt;script&gt;") != std::string::npos);
}

TEST_CASE("every path written under --out is proved to stay inside it") {
  CHECK(path_inside("out", "sheets/centre.csv") == std::filesystem::path("out/sheets/centre.csv"));
  CHECK(path_inside("/tmp/x", "packing.csv") == std::filesystem::path("/tmp/x/packing.csv"));
  for (const std::string& bad :
       std::vector<std::string>{"../x.csv", "sheets/../../x.csv", "/etc/passwd", "sheets//x", "", "sheets/",
                                ".hidden", "sheets/.", std::string("a\0b", 3)}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(path_inside("out", bad), Error);
  }
}

namespace {
Vegetable vegetable(const char* name, Unit unit, const char* plural = "") {
  Vegetable v;
  v.id = name;
  v.name = name;
  v.unit = unit;
  v.plural = plural;
  return v;
}

std::size_t utf8_characters(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}
} // namespace

TEST_CASE("leaflets speak in kitchen quantities") {
  using render::kitchen_quantity;
  const Language fr = Language::fr;
  CHECK(kitchen_quantity(1000, vegetable("Pomme de terre", Unit::kg, "pommes de terre"), fr) ==
        "1 kg de pommes de terre");
  CHECK(kitchen_quantity(1500, vegetable("Carotte", Unit::kg, "carottes"), fr) == "1,5 kg de carottes");
  CHECK(kitchen_quantity(500, vegetable("Oignon jaune", Unit::kg, "oignons jaunes"), fr) ==
        "500 g d'oignons jaunes");
  CHECK(kitchen_quantity(300, vegetable("Épinard", Unit::kg, "épinards"), fr) == "300 g d'épinards");
  CHECK(kitchen_quantity(250, vegetable("Haricot vert", Unit::kg, "haricots verts"), fr) ==
        "250 g de haricots verts");
  CHECK(kitchen_quantity(2000, vegetable("Chou-fleur", Unit::piece, "choux-fleurs"), fr) == "2 choux-fleurs");
  CHECK(kitchen_quantity(1000, vegetable("Chou-fleur", Unit::piece, "choux-fleurs"), fr) == "1 chou-fleur");
  CHECK(kitchen_quantity(1000, vegetable("Échalote", Unit::piece), fr) == "1 échalote");
  CHECK(kitchen_quantity(500, vegetable("Chou rouge", Unit::piece, "choux rouges"), fr) == "½ chou rouge");
  CHECK(kitchen_quantity(1000, vegetable("Radis rose", Unit::bunch, "radis roses"), fr) ==
        "1 botte de radis roses");
  CHECK(kitchen_quantity(2000, vegetable("Oignon botte", Unit::bunch, "oignons botte"), fr) ==
        "2 bottes d'oignons botte");
  CHECK(kitchen_quantity(750, vegetable("Carotte", Unit::kg, "carottes"), Language::en) ==
        "750 g of Carotte");
  CHECK(render::theme_text("cooking-techniques", fr) == "atelier cuisine");
  CHECK(render::theme_text("unknown-theme", fr) == "unknown-theme");
}

TEST_CASE("a leaflet's text stays within 480 characters whatever the basket, and carries no name") {
  TempDir dir;
  const Config config = load_config(dir.write("panier.toml", k_config), PANIER_SOURCE_DATA);
  DeliveryWeek d;
  d.week = *Week::parse_iso("2026-W49");
  d.date = d.week.day(4);
  d.sheets = {{"full", {{"H-001", "Marie Dupont", "S", 300, "Dupont", ""}}, false}};
  // Every vegetable of the catalogue in the basket, each with its long tip.
  for (const auto& v : config.catalogue.vegetables) {
    d.composition.push_back({"S", v.id, v.step, 1});
  }
  d.next_workshop["full"] = {*Date::parse("2026-12-10"), "preserving", "full"};
  const std::string text = render::leaflets_txt(d, config);
  const std::string body = text.substr(text.find('\n') + 1, text.find("\n\n") - text.find('\n') - 1);
  CHECK(utf8_characters(body) <= render::k_leaflet_text_chars);
  CHECK(body.ends_with("…"));
  CHECK(text.find("Dupont") == std::string::npos);
  CHECK(text.find("H-001") == std::string::npos);
  // A basket of eight: each tip is there whole, or left out; only an unfamiliar one may be cut, and then
  // between words.
  d.composition.resize(8);
  const std::string eight = render::leaflets_txt(d, config);
  const std::string shown_body =
      eight.substr(eight.find('\n') + 1, eight.find("\n\n") - eight.find('\n') - 1);
  CHECK(utf8_characters(shown_body) <= render::k_leaflet_text_chars);
  int tips_shown = 0;
  for (const auto& v : config.catalogue.vegetables) {
    const auto at = shown_body.find(v.name + " : ");
    if (v.tip.empty() || at == std::string::npos) {
      continue;
    }
    ++tips_shown;
    const std::string shown = shown_body.substr(at + v.name.size() + 3);
    if (!shown.starts_with(v.tip)) {
      CHECK(v.unfamiliar);
      const std::string start = shown.substr(0, shown.find("…"));
      REQUIRE(start.size() < v.tip.size());
      CHECK(v.tip.starts_with(start));
      CHECK(std::string(" ,;:").find(v.tip[start.size()]) != std::string::npos);
    }
  }
  CHECK(tips_shown >= 2);
  // A short basket keeps everything: the pickup and the workshop (its place a point's name).
  d.composition.resize(2);
  const std::string brief = render::leaflets_txt(d, config);
  CHECK(brief.find("atelier conserves, jeudi 10 décembre, Full.") != std::string::npos);
  const std::string html = render::leaflets_html(d, config);
  CHECK(html.find("Dupont") == std::string::npos);
  CHECK(html.find("H-001") == std::string::npos);
  // In English: the frame's words and English typography; the catalogue's names as they are.
  Config english = config;
  english.organisation.language = Language::en;
  const std::string en = render::leaflets_txt(d, english);
  CHECK(en.find("Your basket this week (S): ") != std::string::npos);
  CHECK(en.find("Next workshop: preserving workshop, Thursday 10 December, Full.") != std::string::npos);
  CHECK(en.find(" : ") == std::string::npos);
}
