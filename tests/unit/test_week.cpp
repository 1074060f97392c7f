#include <doctest/doctest.h>

#include "panier/core/week.hpp"

using namespace panier;

TEST_CASE("dates parse, validate and format") {
  CHECK(Date::parse("2026-12-03")->to_string() == "2026-12-03");
  CHECK(Date::parse("2024-02-29").has_value());
  CHECK_FALSE(Date::parse("2026-02-29").has_value());
  CHECK_FALSE(Date::parse("2026-13-01").has_value());
  CHECK_FALSE(Date::parse("2026-1-01").has_value());
  CHECK_FALSE(Date::parse("20261201").has_value());
  CHECK(Date::parse("1970-01-01")->days() == 0);
  CHECK(Date::parse("2026-11-29")->weekday() == 7); // a Sunday
  CHECK(Date::parse("2026-11-30")->weekday() == 1);
}

TEST_CASE("ISO weeks parse and format") {
  const auto w = Week::parse_iso("2026-W49");
  REQUIRE(w);
  CHECK(w->year() == 2026);
  CHECK(w->number() == 49);
  CHECK(w->to_string() == "2026-W49");
  CHECK(w->monday().to_string() == "2026-11-30");
  CHECK(w->day(4).to_string() == "2026-12-03");
  CHECK(Week::parse_iso("2026-W53"));       // 2026 starts on a Thursday: 53 weeks
  CHECK_FALSE(Week::parse_iso("2027-W53")); // 2027 has 52
  CHECK_FALSE(Week::parse_iso("2026-W00"));
  CHECK_FALSE(Week::parse_iso("2026-W5"));
  CHECK_FALSE(Week::parse_iso("2026W49"));
  CHECK_FALSE(Week::parse_iso("2026-w49"));
  CHECK_FALSE(Week::parse_iso(""));
}

TEST_CASE("53-week years") {
  CHECK(weeks_in_year(2015) == 53); // starts on a Thursday
  CHECK(weeks_in_year(2020) == 53); // leap year starting on a Wednesday
  CHECK(weeks_in_year(2021) == 52);
  CHECK(weeks_in_year(2026) == 53);
  CHECK(weeks_in_year(2027) == 52);
  CHECK(weeks_in_year(2032) == 53);
}

TEST_CASE("the week containing a date, across year ends") {
  CHECK(Week::containing(*Date::parse("2021-01-03")).to_string() == "2020-W53");
  CHECK(Week::containing(*Date::parse("2021-01-04")).to_string() == "2021-W01");
  CHECK(Week::containing(*Date::parse("2024-12-30")).to_string() == "2025-W01");
  CHECK(Week::containing(*Date::parse("2027-01-01")).to_string() == "2026-W53");
  CHECK(Week::containing(*Date::parse("2027-01-04")).to_string() == "2027-W01");
}

TEST_CASE("week arithmetic crosses year ends, including 53-week years") {
  const Week w52 = *Week::parse_iso("2026-W52");
  CHECK((w52 + 1).to_string() == "2026-W53");
  CHECK((w52 + 2).to_string() == "2027-W01");
  CHECK((*Week::parse_iso("2027-W52") + 1).to_string() == "2028-W01");
  CHECK((*Week::parse_iso("2021-W01") - 1).to_string() == "2020-W53");
  CHECK(*Week::parse_iso("2027-W02") - *Week::parse_iso("2026-W52") == 3);
  CHECK(*Week::parse_iso("2026-W52") - *Week::parse_iso("2027-W02") == -3);
  CHECK(*Week::parse_iso("2023-W10") < *Week::parse_iso("2023-W11"));
  CHECK(*Week::parse_iso("2022-W52") < *Week::parse_iso("2023-W01"));
  // Ordinals are dense and round-trip over many years.
  Week w = *Week::parse_iso("1999-W01");
  for (int i = 0; i < 52 * 40; ++i) {
    const Week next = w + 1;
    REQUIRE(next.ordinal() == w.ordinal() + 1);
    REQUIRE(Week::from_ordinal(next.ordinal()) == next);
    REQUIRE(next.monday() - w.monday() == 7);
    w = next;
  }
  CHECK(Week::from_ordinal(0).to_string() == "1970-W02");
  CHECK(Week::from_ordinal(-1).to_string() == "1970-W01");
  CHECK(Week::from_ordinal(-2).to_string() == "1969-W52");
  CHECK(Week::from_ordinal(-2).ordinal() == -2);
}

TEST_CASE("week arguments: ISO, this, next, last, a date") {
  const Date today = *Date::parse("2026-12-31"); // Thursday of 2026-W53
  CHECK(parse_week_arg("this", today)->to_string() == "2026-W53");
  CHECK(parse_week_arg("next", today)->to_string() == "2027-W01");
  CHECK(parse_week_arg("2026-W49", today)->to_string() == "2026-W49");
  CHECK(parse_week_arg("2026-12-03", today)->to_string() == "2026-W49");
  CHECK(parse_week_arg("last", today)->to_string() == "2026-W52");
  CHECK(parse_week_arg("last", *Date::parse("2027-01-04"))->to_string() == "2026-W53"); // across a year
  CHECK(parse_week_arg("03/12/2026", today)->to_string() == "2026-W49");
  CHECK_FALSE(parse_week_arg("tomorrow", today));
  CHECK_FALSE(parse_week_arg("2026-W60", today));
}

TEST_CASE("a fixed clock is what it says") {
  const FixedClock clock(*Date::parse("2026-11-29"));
  CHECK(clock.today().to_string() == "2026-11-29");
}
