#include "models/simulation/replicates.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <set>

#include "models/scenario/scenario_loader.hpp"

namespace fupin::models {
namespace {

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

TEST(ReplicateSeed, ReplicateZeroIsTheVariantsSeed) {
  EXPECT_EQ(replicate_seed(20090601, 0), 20090601U);
  EXPECT_EQ(replicate_seed(0, 0), 0U);
}

TEST(ReplicateSeed, DeterministicAndDistinct) {
  std::set<std::uint64_t> seen;
  for (int r = 0; r < 200; ++r) {
    EXPECT_EQ(replicate_seed(7, r), replicate_seed(7, r));
    seen.insert(replicate_seed(7, r));
  }
  EXPECT_EQ(seen.size(), 200U);
  EXPECT_NE(replicate_seed(7, 1), replicate_seed(8, 1));
  EXPECT_THROW(replicate_seed(7, -1), std::invalid_argument);
}

// Replicates of the Guangdong scenario: replicate 0 is the variant's own run, the others differ
// from it, every variant's replicate r has the same seed (common random numbers), and the thread
// count changes nothing.
TEST(RunReplicates, ReplicateZeroIsTheRunAndThreadsChangeNothing) {
  ScenarioSet set = load_scenario_file(std::string(FUPIN_SOURCE_DIR) +
                                       "/scenarios/guangdong_plan_to_household.yaml");
  set.variants.resize(2);
  for (Scenario& v : set.variants) v.output.replicates = 3;
  RunResult one = run_scenarios(set, 1);
  run_replicates(set, 1, one);
  RunResult two = run_scenarios(set, 2);
  run_replicates(set, 2, two);
  for (std::size_t i = 0; i < set.variants.size(); ++i) {
    const ReplicateResults& a = one.variants[i].replicates;
    const ReplicateResults& b = two.variants[i].replicates;
    ASSERT_EQ(a.seeds.size(), 3U);
    EXPECT_EQ(a.seeds, b.seeds);
    EXPECT_EQ(a.seeds, one.variants[0].replicates.seeds);  // the variants share their seed
    EXPECT_EQ(a.seeds[0], set.variants[i].seed);
    for (std::size_t r = 0; r < 3; ++r) {
      ASSERT_EQ(a.years[r].size(), b.years[r].size());
      for (std::size_t y = 0; y < a.years[r].size(); ++y) {
        EXPECT_TRUE(same_bits(a.years[r][y].headcount_ratio, b.years[r][y].headcount_ratio));
        EXPECT_TRUE(same_bits(a.years[r][y].gini, b.years[r][y].gini));
        EXPECT_EQ(a.years[r][y].spent, b.years[r][y].spent);
      }
    }
    const auto& first = a.years[0].back();
    EXPECT_TRUE(same_bits(first.poor_people, one.variants[i].years.back().poor_people));
    EXPECT_NE(a.years[1].back().poor_people, first.poor_people);
    EXPECT_NE(a.years[2].back().poor_people, a.years[1].back().poor_people);
  }
}

// Replicate r of the variants that share a world starts from one generated population: the second
// variant's replicate equals that variant run alone with the replicate's seed.
TEST(RunReplicates, ReplicateOfASharedWorldEqualsItsRunAlone) {
  ScenarioSet set = load_scenario_file(std::string(FUPIN_SOURCE_DIR) +
                                       "/scenarios/guangdong_plan_to_household.yaml");
  set.variants.resize(2);
  for (Scenario& v : set.variants) v.output.replicates = 2;
  RunResult run = run_scenarios(set, 2);
  run_replicates(set, 2, run);
  Scenario alone = set.variants[1];
  alone.seed = replicate_seed(alone.seed, 1);
  const VariantResult r = simulate(alone, 2);
  const std::vector<YearSummary>& shared = run.variants[1].replicates.years[1];
  ASSERT_EQ(shared.size(), r.years.size());
  for (std::size_t y = 0; y < r.years.size(); ++y) {
    EXPECT_TRUE(same_bits(shared[y].headcount_ratio, r.years[y].headcount_ratio));
    EXPECT_TRUE(same_bits(shared[y].gini, r.years[y].gini));
    EXPECT_TRUE(same_bits(shared[y].mean_income, r.years[y].mean_income));
    EXPECT_TRUE(same_bits(shared[y].fgt2, r.years[y].fgt2));
    EXPECT_EQ(shared[y].spent, r.years[y].spent);
    EXPECT_EQ(shared[y].exits, r.years[y].exits);
  }
  EXPECT_NE(run.variants[1].replicates.years[1].back().mean_income,
            run.variants[1].years.back().mean_income);
}

}  // namespace
}  // namespace fupin::models
