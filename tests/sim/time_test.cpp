#include "sim/time.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace fupin::sim {
namespace {

TEST(Date, RoundTripsEveryDayFrom1900To2100) {
  Date expected = Date::from_civil(1900, 1, 1);
  int checked = 0;
  for (int y = 1900; y <= 2100; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= days_in_month(y, m); ++d) {
        const Date date = Date::from_civil(y, m, d);
        // Consecutive civil days are consecutive day counts.
        ASSERT_EQ(date, expected) << y << "-" << m << "-" << d;
        const CivilDate c = date.civil();
        ASSERT_EQ(c, (CivilDate{y, m, d})) << "day count " << date.days();
        ASSERT_EQ(date.year(), y);
        ASSERT_EQ(date.month(), m);
        expected = date + 1;
        ++checked;
      }
    }
  }
  // 201 years of which 49 are leap years (1900 and 2100 are not).
  EXPECT_EQ(checked, 201 * 365 + 49);
}

TEST(Date, KnownDayCounts) {
  EXPECT_EQ(Date::from_civil(1970, 1, 1).days(), 0);
  EXPECT_EQ(Date::from_civil(1969, 12, 31).days(), -1);
  EXPECT_EQ(Date::from_civil(2000, 2, 29).days(), 11016);
  EXPECT_EQ(Date::from_civil(2000, 3, 1).days(), 11017);
  EXPECT_EQ(Date::from_civil(1900, 1, 1).days(), -25567);
  EXPECT_EQ(Date::from_civil(2100, 12, 31).days(), 47846);
  EXPECT_EQ(Date::from_civil(2020, 1, 1).days(), 18262);
  EXPECT_EQ(Date::from_civil(1, 1, 1).days(), -719162);
  EXPECT_EQ(Date(16865).civil(), (CivilDate{2016, 3, 5}));
}

TEST(Date, LeapYearRule) {
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_TRUE(is_leap_year(2016));
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_FALSE(is_leap_year(2100));
  EXPECT_FALSE(is_leap_year(2019));
  EXPECT_EQ(days_in_month(2000, 2), 29);
  EXPECT_EQ(days_in_month(1900, 2), 28);
  EXPECT_EQ(days_in_month(2019, 4), 30);
  EXPECT_EQ(days_in_month(2019, 13), 0);
  EXPECT_NO_THROW(Date::from_civil(2000, 2, 29));
  EXPECT_NO_THROW(Date::from_civil(2016, 2, 29));
  EXPECT_THROW(Date::from_civil(1900, 2, 29), std::invalid_argument);
  EXPECT_THROW(Date::from_civil(2019, 2, 29), std::invalid_argument);
  EXPECT_EQ(Date::year_end(2016).days() - Date::year_start(2016).days(), 365);
  EXPECT_EQ(Date::year_end(2015).days() - Date::year_start(2015).days(), 364);
}

TEST(Date, FromCivilRejectsInvalidMonthAndDay) {
  EXPECT_THROW(Date::from_civil(2016, 0, 1), std::invalid_argument);
  EXPECT_THROW(Date::from_civil(2016, 13, 1), std::invalid_argument);
  EXPECT_THROW(Date::from_civil(2016, 1, 0), std::invalid_argument);
  EXPECT_THROW(Date::from_civil(2016, 1, 32), std::invalid_argument);
  EXPECT_THROW(Date::from_civil(2016, 4, 31), std::invalid_argument);
  EXPECT_THROW(Date::from_civil(2016, -1, 1), std::invalid_argument);
  EXPECT_THROW(Date::from_civil(100'000'000, 1, 1), std::invalid_argument);
}

TEST(Date, IsoFormatsYearMonthDay) {
  EXPECT_EQ(Date().iso(), "1970-01-01");
  EXPECT_EQ(Date::from_civil(2016, 3, 5).iso(), "2016-03-05");
  EXPECT_EQ(Date::from_civil(2020, 12, 31).iso(), "2020-12-31");
  EXPECT_EQ(Date::from_civil(999, 1, 9).iso(), "0999-01-09");
}

TEST(Date, YearHelpersAndOrdering) {
  EXPECT_EQ(Date::year_start(2016).iso(), "2016-01-01");
  EXPECT_EQ(Date::year_end(2016).iso(), "2016-12-31");
  EXPECT_EQ((Date::year_end(2016) + 1).iso(), "2017-01-01");
  EXPECT_LT(Date::from_civil(2016, 12, 31), Date::from_civil(2017, 1, 1));
  EXPECT_EQ(Date::from_civil(2016, 7, 15).year(), 2016);
  EXPECT_EQ(Date::from_civil(2016, 7, 15).month(), 7);
}

}  // namespace
}  // namespace fupin::sim
