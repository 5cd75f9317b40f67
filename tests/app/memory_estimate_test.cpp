// Tests for the memory estimate's arithmetic (app/memory_estimate.hpp): how many runs of a sweep
// fit at once, and that the estimate grows with each of its terms. How close it lies to a real
// run's peak is checked on the shipped scenarios by check_memory_estimate.py.
#include "app/memory_estimate.hpp"

#include <gtest/gtest.h>

#include <cstdint>

#include "models/scenario/scenario_loader.hpp"

namespace fupin::app {
namespace {

constexpr std::uint64_t kGB = 1'000'000'000;

TEST(RunsThatFit, AsManyAsAskedForWhenTheyFit) {
  EXPECT_EQ(runs_that_fit(kGB, 8 * kGB, 4), 4U);
  EXPECT_EQ(runs_that_fit(2 * kGB, 8 * kGB, 4), 4U);  // exactly fills the limit
}

TEST(RunsThatFit, FewerWhenTheAskedForWouldNotFitTogether) {
  EXPECT_EQ(runs_that_fit(3 * kGB, 8 * kGB, 4), 2U);
  EXPECT_EQ(runs_that_fit(5 * kGB, 8 * kGB, 4), 1U);
}

TEST(RunsThatFit, NoneWhenOneRunAloneDoesNotFit) {
  EXPECT_EQ(runs_that_fit(9 * kGB, 8 * kGB, 4), 0U);
  EXPECT_EQ(runs_that_fit(UINT64_MAX, 8 * kGB, 1), 0U);
}

TEST(RunsThatFit, AnUnknownLimitCapsNothing) { EXPECT_EQ(runs_that_fit(UINT64_MAX, 0, 3), 3U); }

models::ScenarioSet scenario(int households_per_village, int programmes,
                             const std::string& extra = "") {
  std::string text = "name: sizes\nperiod: {start: 2014, end: 2016}\n" + extra +
                     "poverty_line: {base: 2800, base_year: 2014, growth: 0}\n"
                     "geography: {counties: 4, townships_per_county: 2, villages_per_township: 3, "
                     "households_per_village: " +
                     std::to_string(households_per_village) + "}\n";
  if (programmes > 0) {
    text += "programmes:\n";
    for (int p = 0; p < programmes; ++p) {
      text += "  - name: fund" + std::to_string(p) +
              "\n    kind: special_fund\n    stream: special_fiscal_fund\n    appropriations: "
              "{2014: 1000000}\n"
              "    allocation:\n      - {level: county, rule: equal}\n"
              "      - {level: household, rule: poverty_gap}\n";
    }
  }
  return models::load_scenario_text(text, "sizes.yaml", {});
}

TEST(MemoryEstimate, GrowsWithHouseholdsAndWithProgrammes) {
  const MemoryEstimate small = estimate_memory(scenario(100, 0));
  const MemoryEstimate large = estimate_memory(scenario(1000, 0));
  EXPECT_EQ(small.households, 2400U);
  EXPECT_EQ(large.households, 24000U);
  // 21,600 more households at 100 bytes each at least (128 less the wages, remittances,
  // transfers, insured_until and covered a scenario without programmes or dibao cannot write).
  EXPECT_GE(large.bytes - small.bytes, 21'600U * 100U);
  const MemoryEstimate funded = estimate_memory(scenario(1000, 2));
  // 8 bytes a household for each programme's money, and more accounts and series.
  EXPECT_GE(funded.bytes - large.bytes, 2U * 24'000U * 8U);
}

// A store the scenario can write is counted, one it cannot write is not: the minimum living
// guarantee's transfers are 8 bytes a household.
TEST(MemoryEstimate, CountsTheStoresTheScenarioCanWrite) {
  const MemoryEstimate without = estimate_memory(scenario(1000, 0));
  const MemoryEstimate with =
      estimate_memory(scenario(1000, 0, "management: {dibao_line: 2000}\n"));
  EXPECT_EQ(with.bytes - without.bytes, 24'000U * 8U);
}

}  // namespace
}  // namespace fupin::app
