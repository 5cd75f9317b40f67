#include "models/state/region_signals.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace fupin::models {
namespace {

TEST(RegionSignals, StartUnselectedUnassessedAndNotExited) {
  const RegionSignals s(3, 2);
  EXPECT_EQ(s.township_cohort(), (std::vector<std::int32_t>{0, 0, 0}));
  EXPECT_EQ(s.assessment(0), 0.5);
  EXPECT_EQ(s.assessment(1), 0.5);
  EXPECT_EQ(s.county_exit_years(), (std::vector<std::int32_t>{0, 0}));
}

TEST(RegionSignals, TheFirstCohortOfATownshipStands) {
  RegionSignals s(2, 1);
  s.select_township(1, 2016);
  s.select_township(1, 2018);
  EXPECT_EQ(s.township_cohort(), (std::vector<std::int32_t>{0, 2016}));
}

TEST(RegionSignals, AssessmentAndExitAreRecordedPerCounty) {
  RegionSignals s(1, 2);
  s.assess_county(1, 0.25);
  s.exit_county(0, 2019);
  EXPECT_EQ(s.assessment(0), 0.5);
  EXPECT_EQ(s.assessment(1), 0.25);
  EXPECT_EQ(s.exit_year(0), 2019);
  EXPECT_EQ(s.exit_year(1), 0);
}

}  // namespace
}  // namespace fupin::models
