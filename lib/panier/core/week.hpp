// Calendar core types: civil dates, ISO weeks and the injectable clock. Depends on nothing else.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace panier {

// A civil date, held as days since 1970-01-01.
class Date {
public:
  constexpr Date() = default;
  constexpr explicit Date(std::int32_t days_since_epoch) : m_days(days_since_epoch) {}

  // nullopt when the day does not exist (2026-02-30).
  static std::optional<Date> from_ymd(int year, int month, int day);
  // Parses "YYYY-MM-DD"; nullopt on anything else.
  static std::optional<Date> parse(std::string_view text);
  // Also the French way, "DD/MM/YYYY" or "D/M/YYYY"; nullopt on anything else.
  static std::optional<Date> parse_any(std::string_view text);

  std::int32_t days() const noexcept { return m_days; }
  int year() const;
  int month() const;
  int day() const;
  // ISO weekday: 1 = Monday … 7 = Sunday.
  int weekday() const;
  std::string to_string() const;

  Date operator+(int days) const { return Date(m_days + days); }
  Date operator-(int days) const { return Date(m_days - days); }
  int operator-(Date other) const { return m_days - other.m_days; }
  auto operator<=>(const Date&) const = default;

private:
  std::int32_t m_days = 0;
};

// An ISO 8601 week, "2026-W49". Weeks run Monday to Sunday; week 1 holds the year's first Thursday.
class Week {
public:
  constexpr Week() = default;

  // nullopt when the week does not exist (2026-W53: 2026 has 52 weeks).
  static std::optional<Week> from_year_week(int year, int number);
  // Parses "YYYY-Www" only.
  static std::optional<Week> parse_iso(std::string_view text);
  static Week containing(Date date);

  int year() const noexcept { return m_year; }
  int number() const noexcept { return m_number; }
  Date monday() const;
  // The given ISO weekday (1 = Monday … 7 = Sunday) of this week.
  Date day(int weekday) const;
  std::string to_string() const;

  // Weeks since the week of 1970-01-05: a dense, ordered index for arithmetic and storage.
  std::int32_t ordinal() const;
  static Week from_ordinal(std::int32_t ordinal);

  Week operator+(int weeks) const { return from_ordinal(ordinal() + weeks); }
  Week operator-(int weeks) const { return from_ordinal(ordinal() - weeks); }
  int operator-(Week other) const { return ordinal() - other.ordinal(); }
  auto operator<=>(const Week&) const = default;

private:
  constexpr Week(int year, int number) : m_year(year), m_number(number) {}
  int m_year = 1970;
  int m_number = 2;
};

// 52 or 53.
int weeks_in_year(int year);

// What a user may type where a week is expected: "2026-W49", "this", "next", "last" or a date
// "2026-12-03" or "03/12/2026" (the week containing it). nullopt when it is none of those.
std::optional<Week> parse_week_arg(std::string_view text, Date today);

// The source of "today", injected so that tests and reruns are deterministic.
class Clock {
public:
  virtual ~Clock() = default;
  virtual Date today() const = 0;
};

class SystemClock final : public Clock {
public:
  Date today() const override;
};

class FixedClock final : public Clock {
public:
  explicit FixedClock(Date today) : m_today(today) {}
  Date today() const override { return m_today; }

private:
  Date m_today;
};

} // namespace panier
