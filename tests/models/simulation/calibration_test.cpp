// Plausibility of the Yunnan scenario's dynamics against the targets of docs/parameters.md:
// rural income Gini near 0.38, illness the primary cause of about 42% of registered households in
// 2013, and programme townships growing a few percentage points faster than the others.
// Bands are wide on purpose: they catch a model that has drifted, not sampling noise (the run has
// 300,000 households; the sampling sd of each figure is below 0.005).
#include <gtest/gtest.h>

#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"

namespace fupin::models {
namespace {

VariantResult yunnan_first_variant() {
  const ScenarioSet set = load_scenario_file(std::string(FUPIN_SOURCE_DIR) + "/scenarios/yunnan_whole_township.yaml");
  Scenario s = set.variants.front();
  s.geography.households_per_village = 100;  // per-township money per person scaled below
  return simulate(s, 0);
}

TEST(Calibration, YunnanStartsNearTheTargets) {
  const VariantResult r = yunnan_first_variant();
  const YearSummary& first = r.years.front();
  EXPECT_GT(first.gini, 0.34);
  EXPECT_LT(first.gini, 0.42);
  ASSERT_EQ(first.registered_by_cause.size(), static_cast<std::size_t>(kCauseCount));
  std::int64_t registered = 0;
  for (std::int64_t n : first.registered_by_cause) registered += n;
  const double illness = static_cast<double>(first.registered_by_cause[static_cast<int>(Cause::illness)]) /
                         static_cast<double>(registered);
  EXPECT_GT(illness, 0.38);
  EXPECT_LT(illness, 0.47);
  // Illness is the most frequent primary cause.
  for (int c = 1; c < kCauseCount; ++c) EXPECT_GT(first.registered_by_cause[0], first.registered_by_cause[static_cast<std::size_t>(c)]);
}

TEST(Calibration, ProgrammeTownshipsGrowFaster) {
  const VariantResult r = yunnan_first_variant();
  const ProgrammeSeries& p = r.programmes.front();
  const ProgrammeSeries::Values* gap = nullptr;
  for (const auto& m : p.measures) {
    if (m.name == "growth_gap") gap = &m;
  }
  ASSERT_NE(gap, nullptr);
  // Money arrives from 2013 and returns from the year after: by 2015 the selected townships grow
  // faster than the others.
  ASSERT_GE(gap->values.size(), 3U);
  EXPECT_GT(gap->values[2], 0.01);
}

}  // namespace
}  // namespace fupin::models
