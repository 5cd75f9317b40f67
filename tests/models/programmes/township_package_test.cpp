#include "models/programmes/township_package.hpp"

#include <gtest/gtest.h>

#include "../test_world.hpp"
#include "models/programmes/money_plan.hpp"

namespace fupin::models {
namespace {

using sim::Money;

TownshipPackageSpec yunnan_like() {
  TownshipPackageSpec p;
  p.cohorts = {{2013, Selection::poorest_first, 2, 0, {}},
               {2014, Selection::poorest_first, 1, 0, {}}};
  p.tranches = {{1, Money::from_yuan(10'000'000)}, {2, Money::from_yuan(10'000'000)}};
  p.top_ups = {{2013, 2014, Money::from_yuan(10'000'000)}};
  p.allocation = {{Level::household, "equal", {}}};
  return p;
}

TEST(TownshipPackage, DueCombinesTranchesAndTopUps) {
  const TownshipPackageSpec p = yunnan_like();
  EXPECT_EQ(TownshipPackage::due(p, 2013, 2013), Money::from_yuan(10'000'000));
  EXPECT_EQ(TownshipPackage::due(p, 2013, 2014), Money::from_yuan(20'000'000));
  EXPECT_EQ(TownshipPackage::due(p, 2013, 2015), Money());
  EXPECT_EQ(TownshipPackage::due(p, 2014, 2014), Money::from_yuan(10'000'000));
  EXPECT_EQ(TownshipPackage::due(p, 2014, 2015), Money::from_yuan(10'000'000));
}

TEST(MoneyPlan, CountsCohortsAndTotals) {
  Scenario s = testing::quiet_scenario(2, 3, 1, 1);
  s.start_year = 2013;
  s.end_year = 2016;
  s.programmes.push_back({"pkg", "special_fiscal_fund", IdleMoney::carry_over, {}, yunnan_like()});
  const std::vector<PlannedFlow> plan = plan_money(s);
  ASSERT_EQ(plan.size(), 3U);
  EXPECT_EQ(plan[0].year, 2013);
  EXPECT_EQ(plan[0].recipients, 2);
  EXPECT_EQ(plan[0].amount, Money::from_yuan(20'000'000));
  EXPECT_EQ(plan[1].year, 2014);
  EXPECT_EQ(plan[1].recipients, 3);
  EXPECT_EQ(plan[1].amount, Money::from_yuan(2 * 20'000'000 + 10'000'000));
  EXPECT_EQ(plan[2].year, 2015);
  EXPECT_EQ(plan[2].amount, Money::from_yuan(10'000'000));
}

TEST(MoneyPlan, ShareOfTownshipsIsRounded) {
  Scenario s = testing::quiet_scenario(25, 10, 1, 1);
  TownshipPackageSpec p = yunnan_like();
  p.cohorts = {{2020, Selection::poorest_first, 0, 0.2, {}}};
  p.top_ups.clear();
  s.programmes.push_back({"pkg", "fund", IdleMoney::carry_over, {}, p});
  const auto plan = plan_money(s);
  ASSERT_EQ(plan.size(), 1U);
  EXPECT_EQ(plan[0].recipients, 50);
  EXPECT_EQ(plan[0].amount, Money::from_yuan(500'000'000));
}

// Four townships with headcount ratios 0.5, 1.0, 0.5, 0 (households of one person): the cohort
// of two takes township 1, then township 0 (tie with 2 broken to the lower index).
TEST(TownshipPackage, PoorestFirstBreaksTiesToLowerIndex) {
  Scenario sc = testing::quiet_scenario(2, 2, 1, 2);
  TownshipPackageSpec p = yunnan_like();
  p.cohorts = {{2020, Selection::poorest_first, 2, 0, {}}};
  sc.programmes.push_back({"pkg", "fund", IdleMoney::carry_over, {}, p});
  sim::Engine engine{2, 2};
  SimulationState s{sc, build_world(sc.geography), engine, builtin_rules()};
  s.world.households.size.assign(8, 1);
  s.world.households.income = {1000, 4000, 1000, 1000, 4000, 1000, 4000, 4000};
  const auto ratios = headcount_ratios(s, Level::township, 2020);
  EXPECT_EQ(ratios, (std::vector<double>{0.5, 1.0, 0.5, 0.0}));
  auto programmes = make_programmes(sc, s);
  programmes[0]->start_year(s, 2020);
  EXPECT_EQ(s.signals.township_cohort(), (std::vector<std::int32_t>{2020, 2020, 0, 0}));
}

TEST(TownshipPackage, ListedCohortByName) {
  Scenario sc = testing::quiet_scenario(2, 2, 1, 1);
  TownshipPackageSpec p = yunnan_like();
  p.cohorts = {{2020, Selection::listed, 0, 0, {"C02-T01"}}};
  sc.programmes.push_back({"pkg", "fund", IdleMoney::carry_over, {}, p});
  sim::Engine engine{2, 1};
  SimulationState s{sc, build_world(sc.geography), engine, builtin_rules()};
  auto programmes = make_programmes(sc, s);
  programmes[0]->start_year(s, 2020);
  EXPECT_EQ(s.signals.township_cohort(), (std::vector<std::int32_t>{0, 0, 2020, 0}));
}

}  // namespace
}  // namespace fupin::models
