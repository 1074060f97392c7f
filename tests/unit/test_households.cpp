#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include <SQLiteCpp/SQLiteCpp.h>

#include "panier/core/error.hpp"
#include "panier/domain/households.hpp"
#include "temp_dir.hpp"

using namespace panier;
using panier::test::TempDir;

namespace {

const char* const k_config = R"([organisation]
name = "Test"

[calendar]
closed = ["2026-W52"]

[sizes.S]
value = 10
target_kg = 2.5
min_items = 3
max_items = 5

[sizes.L]
value = 19
target_kg = 5
min_items = 4
max_items = 7

[funders.f]
name = "F"

[schemes.full]
capacity = 2
weeks = 10
max_renewals = 1
qf_ceiling = 1200
tiers = [{ name = "T1", qf_max = 500, share = 0.2 }, { name = "T2", qf_max = 1200, share = 0.3 }]
funders = [{ id = "f", share = 1 }]

[schemes.fortnight]
rhythm = "fortnightly"
tiers = [{ name = "U", qf_max = 5000, share = 0.5 }]
funders = [{ id = "f", share = 1 }]

[points.a]
name = "A"
lat = 50
lon = 2

[points.b]
name = "B"
lat = 50
lon = 2
)";

Week w(const char* text) { return *Week::parse_iso(text); }
const Date k_today = *Date::parse("2026-11-29");

struct Fixture {
  TempDir dir;
  Config config;
  Store store;

  Fixture()
      : config(load_config(dir.write("panier.toml", k_config), PANIER_SOURCE_DATA)),
        store((Store::init(dir.path("p.db"), 1), Store::open(dir.path("p.db"), OpenMode::read_write, 1))) {}

  HouseholdInput input(const std::string& code, const std::string& scheme, const char* start) {
    HouseholdInput in;
    in.code = code;
    in.last_name = "Nom";
    in.first_name = "Prénom";
    in.adults = 1;
    in.commune = "Lens";
    in.qf_cents = 40000;
    in.referrer = "ccas";
    in.scheme = scheme;
    in.size = "S";
    in.point = "a";
    in.start = w(start);
    return in;
  }

  ImportSummary add(HouseholdInput in) {
    const auto problems = validate_household(in, config, k_today);
    REQUIRE(problems.empty());
    return import_households(store, config, {in}, k_today, false);
  }

  std::vector<std::string> due(const char* week) {
    std::vector<std::string> codes;
    for (const auto& v : due_baskets(store, config, w(week))) {
      codes.push_back(v.code + "/" + v.size + "/" + v.point);
    }
    return codes;
  }
};

} // namespace

TEST_CASE("validation derives the tier and the end week") {
  Fixture f;
  HouseholdInput in = f.input("H-1", "full", "2026-W48");
  in.qf_cents = 50000;
  CHECK(validate_household(in, f.config, k_today).empty());
  CHECK(in.tier == "T1");
  CHECK(in.end == w("2027-W04")); // 10 weeks across 2026's 53rd week
  HouseholdInput above = f.input("H-2", "full", "2026-W48");
  above.qf_cents = 50040; // 500.40 is above a tier ending at 500
  CHECK(validate_household(above, f.config, k_today).empty());
  CHECK(above.tier == "T2");
  HouseholdInput ceiling = f.input("H-3", "full", "2026-W48");
  ceiling.qf_cents = 120001;
  CHECK(validate_household(ceiling, f.config, k_today) ==
        std::vector<FieldProblem>{{"qf", "1200.01 is above the ceiling of scheme \"full\" (1200)"}});
}

TEST_CASE("a scheme at capacity waitlists, and an exit promotes the longest-waiting household") {
  Fixture f;
  CHECK(f.add(f.input("H-1", "full", "2026-W48")).waitlisted == 0);
  CHECK(f.add(f.input("H-2", "full", "2026-W48")).waitlisted == 0);
  CHECK(f.add(f.input("H-3", "full", "2026-W49")).waitlisted == 1);
  CHECK(f.add(f.input("H-4", "full", "2026-W48")).waitlisted == 1);
  // A later enrolment after the others end fits.
  CHECK(f.add(f.input("H-5", "full", "2027-W10")).waitlisted == 0);
  const ExitResult r =
      exit_household(f.store, f.config, "H-1", w("2026-W50"), "moved", std::nullopt, k_today);
  CHECK(r.last_week == w("2026-W49"));
  REQUIRE(r.promoted);
  CHECK(*r.promoted == "H-3"); // waiting longer than H-4, whatever their codes or start weeks
  CHECK(f.due("2026-W50") == std::vector<std::string>{"H-2/S/a", "H-3/S/a"});
  CHECK(f.due("2026-W49") == std::vector<std::string>{"H-1/S/a", "H-2/S/a"});
}

TEST_CASE("the due list follows the one eligibility rule") {
  Fixture f;
  f.add(f.input("H-1", "fortnight", "2026-W48"));
  auto l = f.input("H-2", "full", "2026-W48");
  l.point = "b";
  f.add(l);
  CHECK(f.due("2026-W48") == std::vector<std::string>{"H-1/S/a", "H-2/S/b"});
  CHECK(f.due("2026-W49") == std::vector<std::string>{"H-2/S/b"});
  CHECK(f.due("2026-W52").empty()); // closure
  pause_household(f.store, "H-2", {w("2026-W50"), w("2026-W51")}, k_today);
  CHECK(f.due("2026-W50") == std::vector<std::string>{"H-1/S/a"});
  CHECK(f.due("2026-W51").empty());
  CHECK_THROWS_AS(pause_household(f.store, "H-2", {w("2026-W51"), w("2026-W53")}, k_today), Error);
}

TEST_CASE("a change applies from its week on; earlier weeks keep what they had") {
  Fixture f;
  f.add(f.input("H-1", "full", "2026-W48"));
  change_enrolment(f.store, f.config, "H-1", w("2026-W50"), std::string("L"), std::nullopt, std::nullopt,
                   k_today);
  change_enrolment(f.store, f.config, "H-1", w("2027-W01"), std::nullopt, std::string("b"), std::nullopt,
                   k_today);
  CHECK(f.due("2026-W49") == std::vector<std::string>{"H-1/S/a"});
  CHECK(f.due("2026-W50") == std::vector<std::string>{"H-1/L/a"});
  CHECK(f.due("2027-W01") == std::vector<std::string>{"H-1/L/b"});
  CHECK_THROWS_AS(change_enrolment(f.store, f.config, "H-1", w("2027-W20"), std::string("L"), std::nullopt,
                                   std::nullopt, k_today),
                  Error);
}

TEST_CASE("renewals stop at max_renewals") {
  Fixture f;
  f.add(f.input("H-1", "full", "2026-W48"));
  const RenewResult r = renew_household(f.store, f.config, "H-1", std::nullopt, k_today);
  CHECK(r.end == w("2027-W14"));
  CHECK(r.renewals == 1);
  try {
    renew_household(f.store, f.config, "H-1", std::nullopt, k_today);
    FAIL("renewed twice");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::data);
  }
}

TEST_CASE("purge anonymises only households past retention and keeps their counts") {
  Fixture f;
  f.add(f.input("H-old", "full", "2023-W10"));
  f.add(f.input("H-new", "full", "2026-W10"));
  const Date later = *Date::parse("2026-11-29");
  // H-old's enrolment ended in 2023-W19; its last contact (k_today) is recent, so it stays.
  CHECK(purge_households(f.store, f.config, later, true).codes.empty());
  const Date much_later = *Date::parse("2029-01-10");
  CHECK(purge_households(f.store, f.config, much_later, true).codes ==
        std::vector<std::string>{"H-new", "H-old"});
  CHECK(purge_households(f.store, f.config, much_later, false).codes.size() == 2);
  const auto all = list_enrolments(f.store, w("2023-W10"), {});
  CHECK(all.size() == 2);
  for (const auto& e : all) {
    CHECK(e.code.rfind("ANON-", 0) == 0);
  }
  CHECK(purge_households(f.store, f.config, much_later, false).codes.empty());
}

namespace {
// The bytes of the database and of its -wal file, where a deleted row could linger.
std::string database_bytes(const std::string& path) {
  std::string bytes;
  for (const std::string& file : {path, path + "-wal"}) {
    std::ifstream in(file, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return bytes;
}
} // namespace

TEST_CASE("purge removes the old households' names from the file and keeps the others'") {
  Fixture f;
  // panier turns secure_delete on itself, whatever SQLite's compiled default.
  CHECK(f.store.db().execAndGet("PRAGMA secure_delete").getInt() == 1);
  HouseholdInput old_one = f.input("H-old", "full", "2023-W10");
  old_one.last_name = "Zyxwvutsrqold";
  old_one.first_name = "Oldfirstnamexq";
  const Date long_ago = *Date::parse("2023-03-06");
  REQUIRE(validate_household(old_one, f.config, long_ago).empty());
  import_households(f.store, f.config, {old_one}, long_ago, false);
  HouseholdInput recent = f.input("H-new", "full", "2026-W40");
  recent.last_name = "Qponmlkjikept";
  f.add(recent);
  REQUIRE(database_bytes(f.dir.path("p.db")).find("Zyxwvutsrqold") != std::string::npos);

  // Retention 2 years: H-old (last week 2023-W19) goes, H-new (enrolled this autumn) stays.
  const PurgeResult result = purge_households(f.store, f.config, k_today, false);
  CHECK(result.codes == std::vector<std::string>{"H-old"});
  CHECK(result.log_emptied);
  SQLite::Statement names(
      f.store.db(), "SELECT h.code, i.last_name FROM identity i JOIN household h ON h.id = i.household_id");
  REQUIRE(names.executeStep());
  CHECK(names.getColumn(0).getString() == "H-new");
  CHECK(names.getColumn(1).getString() == "Qponmlkjikept");
  CHECK_FALSE(names.executeStep());
  const std::string bytes = database_bytes(f.dir.path("p.db"));
  CHECK(bytes.find("Zyxwvutsrqold") == std::string::npos);
  CHECK(bytes.find("Oldfirstnamexq") == std::string::npos);
  CHECK(bytes.find("H-old") == std::string::npos);
  CHECK(bytes.find("Qponmlkjikept") != std::string::npos);
  // Its enrolment is kept for the counts, under a token.
  const auto enrolments = list_enrolments(f.store, w("2023-W10"), {});
  std::vector<std::string> codes;
  for (const auto& e : enrolments) {
    codes.push_back(e.code.rfind("ANON-", 0) == 0 ? "ANON-" : e.code);
  }
  std::sort(codes.begin(), codes.end());
  CHECK(codes == std::vector<std::string>{"ANON-", "H-new"});
}
