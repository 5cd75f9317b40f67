#include "models/state/phases.hpp"

#include <gtest/gtest.h>

namespace fupin::models {
namespace {

// The priorities the yearly loop has always used: a change here changes the order of events,
// and so the output of every run.
TEST(Phases, KeepTheEnginePrioritiesOfTheYear) {
  EXPECT_EQ(priority(Phase::year_start), 0);
  EXPECT_EQ(priority(Phase::shocks), 0);
  EXPECT_EQ(priority(Phase::disbursement), 0);
  EXPECT_EQ(priority(Phase::allocation), 1);
  EXPECT_EQ(priority(Phase::interventions), -1);
  EXPECT_EQ(priority(Phase::income_update), 0);
  EXPECT_EQ(priority(Phase::settlements), 1);
  EXPECT_EQ(priority(Phase::transfers), 2);
  EXPECT_EQ(priority(Phase::year_end), 10);
}

TEST(Phases, GlobalPhasesAreTheYearStartDisbursementsAndYearEnd) {
  EXPECT_TRUE(is_global(Phase::year_start));
  EXPECT_TRUE(is_global(Phase::disbursement));
  EXPECT_TRUE(is_global(Phase::year_end));
  EXPECT_FALSE(is_global(Phase::shocks));
  EXPECT_FALSE(is_global(Phase::allocation));
  EXPECT_FALSE(is_global(Phase::settlements));
}

TEST(Phases, YearEndRunsInPhaseOrder) {
  const sim::Date d = sim::Date::year_end(2020);
  EXPECT_LT(at(d, Phase::interventions), at(d, Phase::income_update));
  EXPECT_LT(at(d, Phase::income_update), at(d, Phase::settlements));
  EXPECT_LT(at(d, Phase::settlements), at(d, Phase::transfers));
  EXPECT_LT(at(d, Phase::transfers), at(d, Phase::year_end));
  EXPECT_LT(at(d, Phase::disbursement), at(d, Phase::allocation));
}

}  // namespace
}  // namespace fupin::models
