// Calendar time for the kernel: a day count since 1970-01-01 (proleptic Gregorian)
// with year/month/day helpers. Reporting periods are calendar years.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace fupin::sim {

// True for Gregorian leap years (divisible by 4, except centuries not divisible by 400).
constexpr bool is_leap_year(int year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

// Number of days in `month` (1..12) of `year`; 0 for a month outside 1..12.
constexpr int days_in_month(int year, int month) {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// A point in simulated time, one day of resolution.
class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::int32_t days_since_epoch) : days_(days_since_epoch) {}

  static Date from_civil(int year, int month, int day);
  static Date year_start(int year) { return from_civil(year, 1, 1); }
  static Date year_end(int year) { return from_civil(year, 12, 31); }

  [[nodiscard]] constexpr std::int32_t days() const { return days_; }
  [[nodiscard]] CivilDate civil() const;
  [[nodiscard]] int year() const { return civil().year; }
  [[nodiscard]] int month() const { return civil().month; }
  [[nodiscard]] std::string iso() const;  // "YYYY-MM-DD"

  constexpr Date operator+(std::int32_t d) const { return Date(days_ + d); }
  friend constexpr auto operator<=>(Date, Date) = default;

 private:
  std::int32_t days_ = 0;
};

}  // namespace fupin::sim
