// Invariants of the measures over every shipped scenario, every variant and every year:
// P2 <= P1 <= P0 <= 1, nothing NaN, every income component's mean finite, and the components
// adding up to the mean income. New scenarios in scenarios/ are picked up automatically.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"

namespace fupin::models {
namespace {

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(FUPIN_SOURCE_DIR) + "/scenarios")) {
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class ShippedScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(ShippedScenario, MeasuresKeepTheirInvariantsInEveryVariantAndYear) {
  const ScenarioSet set = load_scenario_file(GetParam());
  const RunResult run = run_scenarios(set, 0);
  ASSERT_FALSE(run.variants.empty());
  for (const VariantResult& v : run.variants) {
    ASSERT_FALSE(v.years.empty()) << v.name;
    for (const YearSummary& y : v.years) {
      SCOPED_TRACE(v.name + " " + std::to_string(y.year));
      for (double x : {y.headcount_ratio, y.fgt1, y.fgt2, y.gini, y.mean_income, y.median_income}) {
        EXPECT_TRUE(std::isfinite(x));
      }
      EXPECT_GE(y.fgt2, 0.0);
      EXPECT_LE(y.fgt2, y.fgt1);
      EXPECT_LE(y.fgt1, y.headcount_ratio);
      EXPECT_LE(y.headcount_ratio, 1.0);
      EXPECT_GE(y.gini, 0.0);
      EXPECT_LE(y.gini, 1.0);
      const IncomeComponents& c = y.mean_components;
      for (double x : {c.earned, c.returns, c.wages, c.remittances, c.transfers, c.costs}) {
        EXPECT_TRUE(std::isfinite(x));
        EXPECT_GE(x, 0.0);
      }
      const double sum = c.earned + c.returns + c.wages + c.remittances + c.transfers - c.costs;
      EXPECT_NEAR(sum, y.mean_income, 1e-9 * std::abs(y.mean_income) + 1e-9);
    }
  }
}

std::string scenario_name(const ::testing::TestParamInfo<std::string>& info) {
  return std::filesystem::path(info.param).stem().string();
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ShippedScenario, ::testing::ValuesIn(shipped_scenarios()), scenario_name);

}  // namespace
}  // namespace fupin::models
