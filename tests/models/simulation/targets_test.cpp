// Scoring targets on hand-made worlds: every value below is worked by hand from the households'
// sizes, incomes, registration and money received.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "../test_world.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"
#include "models/simulation/targets.hpp"

namespace fupin::models {
namespace {

// 2 counties × 1 township × 2 villages × 2 households: county 0 = township 0 = villages 0, 1 =
// households 0–3; county 1 = township 1 = villages 2, 3 = households 4–7.
struct Fixture {
  Scenario s = testing::quiet_scenario(2, 1, 2, 2);
  World w = build_world(s.geography);
  std::vector<std::int32_t> cohort = {0, 0};

  Fixture() {
    s.end_year = 2021;
    s.poverty_line.by_year[2021] = 3000;
    s.programmes.resize(2);
    s.programmes[0].name = "helpers";
    s.programmes[1].name = "villages";
    w.households.track_programmes(2);
    const std::vector<int> sizes{1, 2, 3, 4, 1, 2, 3, 4};
    for (std::size_t i = 0; i < sizes.size(); ++i)
      w.households.size[i] = static_cast<std::uint8_t>(sizes[i]);
    testing::set_incomes(w.households, {3000, 2000, 2600, 1000, 2500, 2400, 5000, 100});
    for (std::size_t i : {0U, 1U, 3U, 4U, 6U}) w.households.receive(i, 0, 100);
    w.households.receive(7, 1, 100);
    w.village_state.priority = {kBorder, 0, kEthnicMinority, kBorder | kEthnicMinority};
  }

  TargetSpec& add(TargetSpec t) {
    s.targets.push_back(std::move(t));
    return s.targets.back();
  }

  std::vector<TargetResult> score(int year) {
    TargetScorer scorer(s, w);
    for (std::size_t c = 0; c < 2; ++c) scorer.add_county(w, cohort, c, year, 3000);
    scorer.finish_year(cohort, year);
    return scorer.take();
  }
};

TargetSpec target(TargetMetric metric, TargetLevel level, double threshold, bool at_least = true) {
  TargetSpec t;
  t.name = "t";
  t.metric = metric;
  t.level = level;
  t.year = 2020;
  t.threshold = threshold;
  t.at_least = at_least;
  t.weight_people = true;
  return t;
}

TEST(TargetScores, AssistedShareAboveAnIncomeByPeopleAndByHouseholds) {
  Fixture f;
  TargetSpec t = target(TargetMetric::share_income_at_least, TargetLevel::scenario, 0.8);
  t.income = 2500;
  t.assisted_by = 0;
  f.add(t);
  t.weight_people = false;
  f.add(t);
  const auto r = f.score(2020);
  // Assisted: households 0 (1 person, 3000), 1 (2, 2000), 3 (4, 1000), 4 (1, 2500), 6 (3, 5000).
  // At or above 2,500 yuan: 1 + 1 + 3 = 5 people of 11; 3 households of 5.
  ASSERT_EQ(r[0].value.size(), 1U);
  EXPECT_DOUBLE_EQ(r[0].value[0], 5.0 / 11.0);
  EXPECT_DOUBLE_EQ(r[0].margin[0], 5.0 / 11.0 - 0.8);
  EXPECT_EQ(r[0].met[0], 0);
  EXPECT_EQ(r[0].applicable[0], 1);
  EXPECT_EQ(r[0].population_size[0], 5);
  EXPECT_EQ(r[0].year_scored[0], 2020);
  EXPECT_EQ(r[0].population, "assisted_by: helpers");
  EXPECT_DOUBLE_EQ(r[1].value[0], 0.6);
}

TEST(TargetScores, HeadcountRatioPerCountyAtMost) {
  Fixture f;
  f.add(target(TargetMetric::headcount_ratio, TargetLevel::county, 0.75, false));
  const auto r = f.score(2020);
  // Line 3,000. County 0: poor 2 + 3 + 4 = 9 of 10 people; county 1: 1 + 2 + 4 = 7 of 10.
  ASSERT_EQ(r[0].value.size(), 2U);
  EXPECT_DOUBLE_EQ(r[0].value[0], 0.9);
  EXPECT_DOUBLE_EQ(r[0].value[1], 0.7);
  EXPECT_NEAR(r[0].margin[0], -0.15, 1e-12);
  EXPECT_NEAR(r[0].margin[1], 0.05, 1e-12);
  EXPECT_EQ(r[0].met[0], 0);
  EXPECT_EQ(r[0].met[1], 1);
  EXPECT_EQ(r[0].population_size[0], 4);
}

TEST(TargetScores, VillagesReachedInACategoryAndEmptyPopulationsAreNotApplicable) {
  Fixture f;
  TargetSpec t = target(TargetMetric::villages_reached, TargetLevel::scenario, 1.0);
  t.programme = 1;
  t.village_categories = kBorder;
  f.add(t);
  t.level = TargetLevel::village;
  f.add(t);
  const auto r = f.score(2020);
  // Border villages: 0 (not reached) and 3 (household 7 received money): one of two.
  EXPECT_DOUBLE_EQ(r[0].value[0], 0.5);
  EXPECT_EQ(r[0].population_size[0], 2);
  EXPECT_EQ(r[0].population_units, "villages");
  EXPECT_EQ(r[0].met[0], 0);
  const TargetResult& v = r[1];
  ASSERT_EQ(v.value.size(), 4U);
  EXPECT_EQ(v.value[0], 0.0);
  EXPECT_EQ(v.met[0], 0);
  EXPECT_TRUE(std::isnan(v.value[1]));
  EXPECT_TRUE(std::isnan(v.margin[1]));
  EXPECT_EQ(v.applicable[1], 0);
  EXPECT_EQ(v.population_size[1], 0);
  EXPECT_EQ(v.year_scored[1], 2020);
  EXPECT_EQ(v.value[3], 1.0);
  EXPECT_EQ(v.met[3], 1);
  EXPECT_EQ(v.margin[3], 0.0);
}

TEST(TargetScores, NotDueInTheYearIsNotScored) {
  Fixture f;
  f.add(target(TargetMetric::insured_share, TargetLevel::scenario, 0.9));
  f.s.targets[0].year = 2021;
  const auto r = f.score(2020);
  EXPECT_EQ(r[0].year_scored[0], 0);
  EXPECT_EQ(r[0].applicable[0], 0);
  EXPECT_TRUE(std::isnan(r[0].value[0]));
}

TEST(TargetScores, RegisteredInTheSelectionYearScoredYearsAfter) {
  Fixture f;
  TargetSpec t = target(TargetMetric::headcount_ratio, TargetLevel::township, 0.1, false);
  t.year = 0;
  t.years_after_selection = 1;
  t.registered_in_selection = true;
  f.add(t);
  f.cohort = {2020, 0};  // township 0 selected in 2020, township 1 never
  Households& h = f.w.households;
  TargetScorer scorer(f.s, f.w);
  // 2020: households 1 and 2 registered at year end; 3 exited at the review; 5 registered in the
  // unselected township.
  h.flags[1] = h.flags[2] = h.flags[5] = kRegistered;
  h.flags[3] = kExited;
  h.events[3] = kExitedThisYear;
  for (std::size_t c = 0; c < 2; ++c) scorer.add_county(f.w, f.cohort, c, 2020, 3000);
  scorer.finish_year(f.cohort, 2020);
  // 2021: incomes move; registration no longer matters.
  h.flags = std::vector<std::uint8_t>(h.count(), 0);
  h.events = std::vector<std::uint8_t>(h.count(), 0);
  testing::set_incomes(h, {1000, 3500, 2000, 1000, 100, 100, 100, 100});
  for (std::size_t c = 0; c < 2; ++c) scorer.add_county(f.w, f.cohort, c, 2021, 3000);
  scorer.finish_year(f.cohort, 2021);
  const auto r = scorer.take();
  // Township 0's registered of 2020: households 1 (2 people, 3,500), 2 (3, 2,000), 3 (4, 1,000):
  // 7 of 9 people still poor in 2021. Household 0 (never registered) does not count.
  EXPECT_EQ(r[0].year_scored[0], 2021);
  EXPECT_EQ(r[0].population_size[0], 3);
  EXPECT_DOUBLE_EQ(r[0].value[0], 7.0 / 9.0);
  EXPECT_DOUBLE_EQ(r[0].margin[0], 0.1 - 7.0 / 9.0);
  EXPECT_EQ(r[0].met[0], 0);
  EXPECT_EQ(r[0].year_scored[1], 0);
  EXPECT_EQ(r[0].applicable[1], 0);
}

TEST(TargetScores, CoverageOfHouseholdsAndVillages) {
  Fixture f;
  TargetSpec hh = target(TargetMetric::household_coverage, TargetLevel::scenario, 1.0);
  hh.channel = Channel::electricity;
  hh.weight_people = false;
  f.add(hh);
  TargetSpec vv = target(TargetMetric::village_coverage, TargetLevel::county, 0.5);
  vv.channel = Channel::roads;
  f.add(vv);
  const auto bit = [](Channel c) {
    return static_cast<std::uint16_t>(1U << static_cast<unsigned>(c));
  };
  for (std::size_t i = 0; i < 6; ++i) f.w.households.covered[i] = bit(Channel::electricity);
  f.w.households.covered[6] = bit(Channel::housing);
  f.w.village_state.covered = {bit(Channel::roads), 0, 0, 0};
  const auto r = f.score(2020);
  EXPECT_DOUBLE_EQ(r[0].value[0], 6.0 / 8.0);
  EXPECT_EQ(r[1].value[0], 0.5);
  EXPECT_EQ(r[1].met[0], 1);
  EXPECT_EQ(r[1].value[1], 0.0);
}

// Every target of the shipped policy scenarios is scored in some region (fewer households per
// village, first variant), with the same bits for one and three threads.
TEST(TargetScores, ShippedScenariosScoreEveryTargetForAnyThreadCount) {
  for (const char* file : {"guangdong_plan_to_household.yaml", "three_ensures_villages.yaml",
                           "yunnan_whole_township.yaml"}) {
    ScenarioSet set = load_scenario_file(std::string(FUPIN_SOURCE_DIR) + "/scenarios/" + file);
    Scenario s = set.variants.at(0);
    s.geography.households_per_village = 12;
    ASSERT_FALSE(s.targets.empty()) << file;
    const VariantResult one = simulate(s, 1);
    const VariantResult three = simulate(s, 3);
    ASSERT_EQ(one.targets.size(), s.targets.size()) << file;
    for (std::size_t k = 0; k < one.targets.size(); ++k) {
      const TargetResult& a = one.targets[k];
      const TargetResult& b = three.targets[k];
      std::size_t scored = 0;
      for (std::size_t r = 0; r < a.value.size(); ++r) {
        scored += a.applicable[r];
        EXPECT_EQ(std::bit_cast<std::uint64_t>(a.value[r]),
                  std::bit_cast<std::uint64_t>(b.value[r]))
            << file << " " << a.name << " " << r;
        EXPECT_EQ(a.met[r], b.met[r]);
        EXPECT_EQ(a.population_size[r], b.population_size[r]);
      }
      EXPECT_GT(scored, 0U) << file << ": target " << a.name << " is scored nowhere";
    }
  }
}

}  // namespace
}  // namespace fupin::models
