// Plausibility of the Yunnan scenario's dynamics against the targets of docs/parameters.md:
// rural income Gini near 0.38, illness the primary cause of about 42% of registered households in
// 2013, programme townships growing a few percentage points faster than the others, and a
// no-programme world whose incomes follow the observed trend of poor areas; and the national
// scenario's fit to the NBS headcount and poor-area income of 2013-2016.
// Bands are wide on purpose: they catch a model that has drifted, not sampling noise (the run has
// 300,000 households; the sampling sd of each figure is below 0.005).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <variant>

#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"

namespace fupin::models {
namespace {

constexpr int kFullVillage = 350;  // households per village in the shipped scenario
constexpr int kTestVillage = 100;  // here, for speed

// A Yunnan variant at kTestVillage households per village, with the package money scaled by the
// same factor so that the money per person (what drives incomes) is the scenario's.
Scenario yunnan(const std::string& variant) {
  const ScenarioSet set =
      load_scenario_file(std::string(FUPIN_SOURCE_DIR) + "/scenarios/yunnan_whole_township.yaml");
  for (Scenario s : set.variants) {
    if (s.variant != variant) continue;
    EXPECT_EQ(s.geography.households_per_village, kFullVillage);
    s.geography.households_per_village = kTestVillage;
    for (ProgrammeSpec& p : s.programmes) {
      auto& package = std::any_cast<TownshipPackageSpec&>(p.params);
      const auto scale = [](sim::Money& m) {
        m = sim::Money::from_fen(m.fen() * kTestVillage / kFullVillage);
      };
      for (Tranche& t : package.tranches) scale(t.amount);
      for (TopUp& t : package.top_ups) scale(t.amount);
    }
    return s;
  }
  ADD_FAILURE() << "no variant " << variant;
  return {};
}

VariantResult yunnan_first_variant() { return simulate(yunnan("equal_per_village"), 0); }

// The money really is scaled: per person it is the full scenario's (to the fen per township).
TEST(Calibration, TestScenarioKeepsTheMoneyPerPerson) {
  const ScenarioSet set =
      load_scenario_file(std::string(FUPIN_SOURCE_DIR) + "/scenarios/yunnan_whole_township.yaml");
  const auto& full = params_of<TownshipPackageSpec>(set.variants.front().programmes.front());
  // The scenario is kept alive: params_of returns a reference into it.
  const Scenario scaled = yunnan("equal_per_village");
  const auto& small = params_of<TownshipPackageSpec>(scaled.programmes.front());
  ASSERT_EQ(full.tranches.size(), small.tranches.size());
  for (std::size_t k = 0; k < full.tranches.size(); ++k) {
    EXPECT_NEAR(small.tranches[k].amount.yuan() / kTestVillage,
                full.tranches[k].amount.yuan() / kFullVillage, 0.01);
  }
}

// With no package money the scenario's incomes follow the NBS series of per-capita disposable
// income of rural residents in poor areas: 6,079 (2013), 6,852 (2014), 7,653 (2015) and 8,452
// (2016) yuan, nominal growth of 12.7%, 11.7% and 10.4%. The level is not the target (the scenario
// holds Yunnan's poorer townships); each year's growth of the mean is within 2 points of the
// published one, the headcount ratio falls as incomes outgrow the line, and the Gini moves by
// less than 0.03 over the period.
TEST(Calibration, NoProgrammeWorldFollowsThePoorAreaIncomeTrend) {
  const VariantResult r = simulate(yunnan("no_programme"), 0);
  ASSERT_EQ(r.years.size(), 4U);
  const double nbs[] = {6079, 6852, 7653, 8452};
  for (std::size_t k = 1; k < 4; ++k) {
    const double growth = r.years[k].mean_income / r.years[k - 1].mean_income - 1.0;
    const double observed = nbs[k] / nbs[k - 1] - 1.0;
    EXPECT_NEAR(growth, observed, 0.02) << r.years[k].year;
    EXPECT_LT(r.years[k].headcount_ratio, r.years[k - 1].headcount_ratio) << r.years[k].year;
  }
  EXPECT_LT(std::abs(r.years.back().gini - r.years.front().gini), 0.03);
  for (const YearSummary& y : r.years) EXPECT_EQ(y.mean_components.returns, 0.0) << y.year;
}

TEST(Calibration, YunnanStartsNearTheTargets) {
  const VariantResult r = yunnan_first_variant();
  const YearSummary& first = r.years.front();
  EXPECT_GT(first.gini, 0.34);
  EXPECT_LT(first.gini, 0.42);
  ASSERT_EQ(first.registered_by_cause.size(), static_cast<std::size_t>(kCauseCount));
  std::int64_t registered = 0;
  for (std::int64_t n : first.registered_by_cause) registered += n;
  const double illness =
      static_cast<double>(first.registered_by_cause[static_cast<int>(Cause::illness)]) /
      static_cast<double>(registered);
  EXPECT_GT(illness, 0.38);
  EXPECT_LT(illness, 0.47);
  // Illness is the most frequent primary cause.
  for (int c = 1; c < kCauseCount; ++c)
    EXPECT_GT(first.registered_by_cause[0], first.registered_by_cause[static_cast<std::size_t>(c)]);
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

// The national scenario's fit (docs/parameters.md, "Calibration of the national scenario"), on its
// scaled copy as the calibration ran it: its people are the poor areas' rural population in
// miniature, so its mean income is the NBS poor-area series (6,079 / 6,852 / 7,653 / 8,452 yuan)
// and its headcount ratio x 8,249 ten-thousand / 0.193 is the NBS national headcount (8,249 /
// 7,017 / 5,575 / 4,335 ten-thousand), 2013-2016. The fit is within 2.6% of every figure; a band
// of 5% catches a model or a scenario that has drifted from it (rerun bench/calibrate_national.py).
TEST(Calibration, NationalScenarioMatchesTheNbsHeadcountAndPoorAreaIncomeOf2013To2016) {
  const ScenarioSet set =
      load_scenario_file(std::string(FUPIN_SOURCE_DIR) + "/scenarios/scaled/china_2014_2020.yaml");
  ASSERT_EQ(set.variants.front().variant, "targeted");
  const VariantResult r = simulate(set.variants.front(), 0);
  ASSERT_GE(r.years.size(), 4U);
  const double national_per_ratio = 82490000.0 / 0.193;
  const double headcount[] = {82490000, 70170000, 55750000, 43350000};
  const double income[] = {6079, 6852, 7653, 8452};
  for (std::size_t k = 0; k < 4; ++k) {
    const YearSummary& y = r.years[k];
    ASSERT_EQ(y.year, 2013 + static_cast<int>(k));
    EXPECT_LT(std::abs(std::log(y.headcount_ratio * national_per_ratio / headcount[k])), 0.05)
        << y.year << ": headcount ratio " << y.headcount_ratio;
    EXPECT_LT(std::abs(std::log(y.mean_income / income[k])), 0.05)
        << y.year << ": mean income " << y.mean_income;
  }
  // A plausible rural distribution, near the Gini target of about 0.38.
  EXPECT_GT(r.years.front().gini, 0.32);
  EXPECT_LT(r.years.front().gini, 0.42);
}

}  // namespace
}  // namespace fupin::models
