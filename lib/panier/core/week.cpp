#include "panier/core/week.hpp"

#include <charconv>
#include <chrono>
#include <ctime>

#include <fmt/format.h>

namespace panier {

namespace chr = std::chrono;

namespace {

chr::year_month_day to_ymd(Date date) { return chr::year_month_day{chr::sys_days{chr::days{date.days()}}}; }

// Parses exactly `width` ASCII digits.
std::optional<int> parse_digits(std::string_view text, std::size_t width) {
  if (text.size() != width) {
    return std::nullopt;
  }
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

Date monday_of_week_one(int year) {
  const Date jan4 = *Date::from_ymd(year, 1, 4);
  return jan4 - (jan4.weekday() - 1);
}

// Monday 1970-01-05 is the start of ordinal week 0.
constexpr std::int32_t k_epoch_monday = 4;

} // namespace

std::optional<Date> Date::from_ymd(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  const chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                                chr::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return Date(static_cast<std::int32_t>(chr::sys_days{ymd}.time_since_epoch().count()));
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const auto year = parse_digits(text.substr(0, 4), 4);
  const auto month = parse_digits(text.substr(5, 2), 2);
  const auto day = parse_digits(text.substr(8, 2), 2);
  if (!year || !month || !day) {
    return std::nullopt;
  }
  return from_ymd(*year, *month, *day);
}

std::optional<Date> Date::parse_any(std::string_view text) {
  if (auto iso = parse(text)) {
    return iso;
  }
  const auto first = text.find('/');
  const auto second = first == std::string_view::npos ? first : text.find('/', first + 1);
  if (second == std::string_view::npos || second - first < 2 || second - first > 3 || first < 1 ||
      first > 2 || text.size() - second != 5) {
    return std::nullopt;
  }
  const auto day = parse_digits(text.substr(0, first), first);
  const auto month = parse_digits(text.substr(first + 1, second - first - 1), second - first - 1);
  const auto year = parse_digits(text.substr(second + 1), 4);
  if (!year || !month || !day) {
    return std::nullopt;
  }
  return from_ymd(*year, *month, *day);
}

int Date::year() const { return static_cast<int>(to_ymd(*this).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(to_ymd(*this).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(to_ymd(*this).day())); }

int Date::weekday() const {
  const chr::weekday wd{chr::sys_days{chr::days{m_days}}};
  return static_cast<int>(wd.iso_encoding());
}

std::string Date::to_string() const { return fmt::format("{:04}-{:02}-{:02}", year(), month(), day()); }

int weeks_in_year(int year) { return Week::containing(*Date::from_ymd(year, 12, 28)).number(); }

std::optional<Week> Week::from_year_week(int year, int number) {
  if (year < 1 || year > 9999 || number < 1 || number > weeks_in_year(year)) {
    return std::nullopt;
  }
  return Week(year, number);
}

std::optional<Week> Week::parse_iso(std::string_view text) {
  if (text.size() != 8 || text[4] != '-' || (text[5] != 'W')) {
    return std::nullopt;
  }
  const auto year = parse_digits(text.substr(0, 4), 4);
  const auto number = parse_digits(text.substr(6, 2), 2);
  if (!year || !number) {
    return std::nullopt;
  }
  return from_year_week(*year, *number);
}

Week Week::containing(Date date) {
  const Date thursday = date + (4 - date.weekday());
  const int year = thursday.year();
  const Date jan1 = *Date::from_ymd(year, 1, 1);
  return Week(year, (thursday - jan1) / 7 + 1);
}

Date Week::monday() const { return monday_of_week_one(m_year) + 7 * (m_number - 1); }

Date Week::day(int weekday) const { return monday() + (weekday - 1); }

std::string Week::to_string() const { return fmt::format("{:04}-W{:02}", m_year, m_number); }

std::int32_t Week::ordinal() const {
  const std::int32_t offset = monday().days() - k_epoch_monday;
  // Floor division so weeks before 1970 stay ordered.
  return offset >= 0 ? offset / 7 : -((-offset + 6) / 7);
}

Week Week::from_ordinal(std::int32_t ordinal) { return containing(Date(k_epoch_monday + ordinal * 7)); }

std::optional<Week> parse_week_arg(std::string_view text, Date today) {
  if (text == "this") {
    return Week::containing(today);
  }
  if (text == "next") {
    return Week::containing(today) + 1;
  }
  if (text == "last") {
    return Week::containing(today) + (-1);
  }
  if (auto week = Week::parse_iso(text)) {
    return week;
  }
  if (auto date = Date::parse_any(text)) {
    return Week::containing(*date);
  }
  return std::nullopt;
}

Date SystemClock::today() const {
  // The operator's local calendar day (TZ applies), not UTC's.
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return *Date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

} // namespace panier
