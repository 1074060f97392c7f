#include <doctest/doctest.h>

#include <numeric>
#include <random>

#include "panier/domain/pricing.hpp"

using namespace panier;

TEST_CASE("the worked cases of the price rule") {
  const Fraction no_cap{1, 1};
  CHECK(contribution(1000, {3, 10}, no_cap, 10) == 300);   // 10 EUR at 30 %
  CHECK(contribution(1200, {35, 100}, {1, 3}, 10) == 400); // 12 EUR at 35 %, cap 1/3: 4.20 -> 4.00
  CHECK(contribution(1000, {40, 100}, {1, 3}, 10) == 330); // 10 EUR at 40 %, cap 1/3: 3.33 -> 3.30
  CHECK(contribution(1900, {25, 100}, {1, 3}, 10) == 480); // 19 EUR at 25 %: 4.75 rounds half up to 4.80
  CHECK(contribution(1900, {20, 100}, {1, 3}, 10) == 380); // 3.80 exactly
  CHECK(contribution(1900, {1, 2}, {1, 2}, 10) == 950);    // half price
  CHECK(contribution(1500, {1, 3}, {1, 3}, 10) == 500);    // 5.00 exactly at the cap
  CHECK(contribution(1000, {1, 3}, {1, 3}, 10) == 330);    // 3.33: rounds to 3.30, below the cap 3.30
  CHECK(contribution(1050, {1, 4}, no_cap, 10) == 260);    // 2.625 -> 2.60
  CHECK(contribution(1060, {1, 4}, no_cap, 10) == 270);    // 2.65 -> half up -> 2.70
  CHECK(contribution(1000, {1, 4}, no_cap, 50) == 250);    // step 0.50
  CHECK(contribution(1000, {0, 1}, no_cap, 10) == 0);
}

TEST_CASE("the subsidy split adds up to the cent, the remainder to the last funder") {
  CHECK(split(700, {{1, 2}, {1, 2}}) == std::vector<Cents>{350, 350});
  CHECK(split(701, {{1, 2}, {1, 2}}) == std::vector<Cents>{351, 350}); // 350.5 rounds half up
  CHECK(split(1001, {{5, 10}, {3, 10}, {2, 10}}) == std::vector<Cents>{501, 300, 200});
  CHECK(split(1003, {{5, 10}, {3, 10}, {2, 10}}) == std::vector<Cents>{502, 301, 200});
  CHECK(split(1000, {{1, 3}, {1, 3}, {1, 3}}) == std::vector<Cents>{333, 333, 334});
  CHECK(split(0, {{1, 1}}) == std::vector<Cents>{0});
  // Half-up parts can give out more than there is before the last funder: it is capped, never < 0.
  CHECK(split(2, {{1, 4}, {1, 4}, {1, 4}, {1, 4}}) == std::vector<Cents>{1, 1, 0, 0});
  CHECK(split(1, {{1, 2}, {1, 4}, {1, 4}}) == std::vector<Cents>{1, 0, 0});
}

TEST_CASE("property: contribution within the cap, parts adding up to the value") {
  std::mt19937 random(42);
  for (int i = 0; i < 20000; ++i) {
    const Cents value = 100 + static_cast<Cents>(random() % 5000);
    const Fraction share{static_cast<std::int64_t>(random() % 101), 100};
    const Fraction cap{1 + static_cast<std::int64_t>(random() % 6), 6};
    const Cents step = std::vector<Cents>{1, 5, 10, 50, 100}[random() % 5];
    const Cents paid = contribution(value, share, cap, step);
    REQUIRE(paid >= 0);
    REQUIRE(paid % step == 0);
    REQUIRE(paid * cap.den <= value * cap.num); // never above the cap
    std::vector<Fraction> shares;
    std::int64_t left = 100;
    const int funders = 1 + static_cast<int>(random() % 4);
    for (int f = 0; f + 1 < funders; ++f) {
      const std::int64_t s = static_cast<std::int64_t>(random() % static_cast<unsigned>(left + 1));
      shares.push_back({s, 100});
      left -= s;
    }
    shares.push_back({left, 100});
    const auto parts = split(value - paid, shares);
    REQUIRE(paid + std::accumulate(parts.begin(), parts.end(), Cents{0}) == value);
    Cents left_to_give = value - paid;
    for (std::size_t f = 0; f < parts.size(); ++f) {
      REQUIRE(parts[f] >= 0);
      if (f + 1 < parts.size()) {
        // Half up, unless that is more than is left (then all that is left).
        REQUIRE(parts[f] == std::min(left_to_give, mul_round_half_up(value - paid, shares[f])));
      }
      left_to_give -= parts[f];
    }
  }
}
