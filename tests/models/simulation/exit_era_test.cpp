// Policies in their own era: the verified exit against the non-income guarantees (两不愁三保障)
// applies from management.guarantees_from (2016, the year of the exit rules, by default); before
// it households exit on income. Probes that differ only in the era or only in the key, and the
// share of the register above the line in every shipped scenario.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "../test_world.hpp"
#include "models/dynamics/management.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"
#include "shipped_scenarios.hpp"

namespace fupin::models {
namespace {

// One county of 100 households, half below the line at the start, incomes growing 10% a year
// with no noise and no shocks, and no household holding safe housing: only the exit rule
// decides whether the households that cross the line leave the register.
Scenario era(int start) {
  Scenario s = testing::quiet_scenario(1, 1, 2, 50);
  s.start_year = start;
  s.end_year = start + 2;
  s.poverty_line.by_year.clear();
  for (int y = s.start_year; y <= s.end_year; ++y) s.poverty_line.by_year[y] = 3000;
  s.population.income = {3000, 0.5};
  s.population.safe_housing_share = 0;
  s.dynamics = {0.10, 0.0, 0.0, 0.3};
  s.shocks.disability_probability = 0;
  s.shocks.disaster_probability = 0;
  return s;
}

std::vector<std::int64_t> exits(const VariantResult& r) {
  std::vector<std::int64_t> out;
  for (const YearSummary& y : r.years) out.push_back(y.exits);
  return out;
}

TEST(ExitEra, ProgrammeOf2008ExitsOnIncomeOneOf2016VerifiesTheGuarantees) {
  const VariantResult old_era = simulate(era(2008), 1);
  const VariantResult new_era = simulate(era(2016), 1);
  std::int64_t exited = 0;
  for (const YearSummary& y : old_era.years) {
    exited += y.exits;
    EXPECT_EQ(y.registered_not_poor, 0)
        << y.year;  // every registered household above the line exits
  }
  EXPECT_GT(exited, 0);
  for (const YearSummary& y : new_era.years)
    EXPECT_EQ(y.exits, 0) << y.year;  // no one holds a safe house
  EXPECT_GT(new_era.years.back().registered_not_poor, 0);
  // Same households and incomes in both eras: the rule alone differs.
  EXPECT_EQ(old_era.years.back().mean_income, new_era.years.back().mean_income);
}

TEST(ExitEra, GuaranteesFromMovesTheEraOfAScenario) {
  Scenario later = era(2016);
  later.management.guarantees_from = 2019;  // after the period: exit on income throughout
  EXPECT_EQ(exits(simulate(later, 1)), exits(simulate(era(2008), 1)));
  Scenario earlier = era(2008);
  earlier.management.guarantees_from = 2008;  // verified from the start
  EXPECT_EQ(exits(simulate(earlier, 1)), exits(simulate(era(2016), 1)));
  Scenario unverified = era(2016);
  unverified.management.verify_guarantees = false;
  EXPECT_EQ(exits(simulate(unverified, 1)), exits(simulate(era(2008), 1)));
}

// Registered households at or above the line at year end (after the exit review), as a share of
// the register, in every variant and year of every shipped scenario. Bounds:
// - when exit is on income alone with one review, exactly 0: the review exits every registered
//   household at or above the line;
// - when the guarantees are verified, a household above the line stays only when it lacks one.
//   The guarantees are drawn independently of income and programmes only add them, so at most
//   1 − (safe housing × insurance × schooling shares) of the registered households above the
//   line lack one (0.316 at the defaults), and those are a part of the register. This holds
//   in the first verified year; over many verified years such households accumulate (the
//   national scenario verifies 2016–2020, and its register above the line passes the bound from
//   2018), so the bound is asserted for each variant's first verified year.
TEST(ExitEra, ShippedScenariosKeepAPlausibleShareOfTheRegisterAboveTheLine) {
  int files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(FUPIN_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    const ScenarioSet set = load_scenario_file(shipped::runnable_scenario(entry.path().string()));
    const RunResult run = run_scenarios(set, 0);
    for (std::size_t k = 0; k < set.variants.size(); ++k) {
      const Scenario& v = set.variants[k];
      const PopulationSpec& p = v.population;
      const double bound = 1.0 - p.safe_housing_share * p.insurance_share * p.schooling_share;
      bool verified_before = false;
      for (const YearSummary& y : run.variants[k].years) {
        const std::string where =
            entry.path().filename().string() + " " + v.variant + " " + std::to_string(y.year);
        ASSERT_GT(y.registered_households, 0) << where;
        const double share = static_cast<double>(y.registered_not_poor) /
                             static_cast<double>(y.registered_households);
        if (!guarantees_verified(v.management, y.year)) {
          if (v.management.exit_reviews == 1) {
            EXPECT_EQ(y.registered_not_poor, 0) << where;
          }
        } else if (!verified_before) {
          EXPECT_LE(share, bound) << where;
          verified_before = true;
        }
      }
    }
  }
  EXPECT_GE(files, 4);
}

}  // namespace
}  // namespace fupin::models
