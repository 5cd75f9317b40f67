#include "sim/time.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>

namespace fupin::sim {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days
// (https://howardhinnant.github.io/date_algorithms.html), in 64-bit arithmetic so that the
// range check below happens before anything can overflow.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);                 // [0, 399]
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

constexpr CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);                    // [0, 146096]
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);  // [0, 365]
  const unsigned mp = (5 * doy + 2) / 153;                       // [0, 11]
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;               // [1, 31]
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;                  // [1, 12]
  return CivilDate{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m),
                   static_cast<int>(d)};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(civil_from_days(11017) == CivilDate{2000, 3, 1});

// Years whose every day fits in the int32 day count (about +-5.8 million years), with margin.
constexpr int kMaxAbsYear = 5'000'000;

}  // namespace

Date Date::from_civil(int year, int month, int day) {
  if (year < -kMaxAbsYear || year > kMaxAbsYear) {
    throw std::invalid_argument("date year " + std::to_string(year) + " is out of range");
  }
  if (month < 1 || month > 12) {
    throw std::invalid_argument("date " + std::to_string(year) + "-" + std::to_string(month) + "-" +
                                std::to_string(day) + ": month must be 1..12");
  }
  if (day < 1 || day > days_in_month(year, month)) {
    throw std::invalid_argument("date " + std::to_string(year) + "-" + std::to_string(month) + "-" +
                                std::to_string(day) + ": day must be 1.." +
                                std::to_string(days_in_month(year, month)));
  }
  return Date(static_cast<std::int32_t>(
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))));
}

CivilDate Date::civil() const { return civil_from_days(days_); }

std::string Date::iso() const {
  const CivilDate c = civil();
  char buf[32];
  if (c.year < 0) {
    std::snprintf(buf, sizeof buf, "-%04d-%02d-%02d", -c.year, c.month, c.day);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  }
  return buf;
}

}  // namespace fupin::sim
