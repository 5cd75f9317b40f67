#include "models/simulation/household_dynamics.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "../test_world.hpp"
#include "sim/random.hpp"

namespace fupin::models {
namespace {

struct Fixture {
  Scenario scenario = testing::quiet_scenario(1, 1, 1, 4);
  sim::Engine engine{1, 1};
  SimulationState state{scenario, build_world(scenario.geography), engine, builtin_rules()};
  Households& h = state.world.households;
  Fixture() {
    for (std::size_t i = 0; i < h.count(); ++i) {
      h.size[i] = 2;
      testing::set_income(
          h, i, 1000.0 * static_cast<double>(i + 1));  // 1000, 2000, 3000, 4000; line 3000
    }
  }
};

TEST(IncomeUpdate, NoGrowthNoNoiseKeepsIncome) {
  Fixture f;
  const auto before = f.h.income;
  update_incomes(f.state, f.state.county(0), 2020);
  EXPECT_EQ(f.h.income, before);
}

// Illness is a dated shock now (models/dynamics/shocks.hpp, tested there): the income update
// ignores the illness probability.
TEST(IncomeUpdate, NoIllnessInTheIncomeUpdate) {
  Fixture f;
  f.scenario.dynamics.illness_probability = 1.0;
  f.scenario.dynamics.illness_income_loss = 0.25;
  const auto before = f.h.income;
  update_incomes(f.state, f.state.county(0), 2020);
  EXPECT_EQ(f.h.income, before);
}

// The noise is the one normal of ("dynamics.income", household, year): the household's word of
// its block of four.
TEST(IncomeUpdate, NoiseIsTheHouseholdsNormalOfTheIncomePurpose) {
  Fixture f;
  f.scenario.dynamics.noise_sd = 0.2;
  f.scenario.dynamics.illness_probability = 0.5;  // no influence
  update_incomes(f.state, f.state.county(0), 2020);
  for (std::uint32_t i = 0; i < 4; ++i) {
    const double e = sim::EntityDraws(f.scenario.seed, "dynamics.income").normal(i, 2020);
    EXPECT_DOUBLE_EQ(f.h.income[i], 1000.0 * (i + 1) * std::exp(0.2 * e - 0.02)) << i;
  }
}

TEST(IncomeUpdate, GrowthWithoutNoiseIsExact) {
  Fixture f;
  f.scenario.dynamics.growth = 0.1;
  update_incomes(f.state, f.state.county(0), 2020);
  EXPECT_DOUBLE_EQ(f.h.income[0], 1100.0);
}

TEST(IncomeUpdate, ZeroLagProjectRaisesIncomeByItsReturn) {
  Fixture f;
  f.state.lp[0].pending.push_back({1, 2020, 150.0});
  f.state.lp[0].pending.push_back({2, 2021, 999.0});  // not yet
  update_incomes(f.state, f.state.county(0), 2020);
  EXPECT_DOUBLE_EQ(f.h.income[1], 2150.0);
  EXPECT_DOUBLE_EQ(f.h.income[2], 3000.0);
  ASSERT_EQ(f.state.lp[0].pending.size(), 1U);
  EXPECT_EQ(f.state.lp[0].pending[0].household, 2U);
  // The return is a recurring flow: counted again the next year, once, not compounded.
  f.scenario.poverty_line.by_year[2021] = 3000;
  update_incomes(f.state, f.state.county(0), 2021);
  EXPECT_DOUBLE_EQ(f.h.income[1], 2150.0);
  EXPECT_DOUBLE_EQ(f.h.income[2], 3999.0);
  EXPECT_DOUBLE_EQ(f.h.earned[1], 2000.0);
  EXPECT_DOUBLE_EQ(f.h.returns[1], 150.0);
}

// Only earned income compounds: with 10% growth a return of 150 stays 150 while earned income
// grows, year after year.
TEST(IncomeUpdate, GrowthCompoundsEarnedIncomeOnly) {
  Fixture f;
  f.scenario.dynamics.growth = 0.1;
  f.scenario.poverty_line.by_year[2021] = 3000;
  f.scenario.poverty_line.by_year[2022] = 3000;
  f.state.lp[0].pending.push_back({0, 2020, 150.0});
  for (int year = 2020; year <= 2022; ++year) update_incomes(f.state, f.state.county(0), year);
  EXPECT_NEAR(f.h.earned[0], 1331.0, 1e-9);
  EXPECT_DOUBLE_EQ(f.h.returns[0], 150.0);
  EXPECT_NEAR(f.h.income[0], 1481.0, 1e-9);
}

// Jobs and eastern placements pay into their own components, once a year.
TEST(IncomeUpdate, WagesAndRemittancesAreTheirOwnComponents) {
  Fixture f;
  f.scenario.poverty_line.by_year[2021] = 3000;
  f.state.lp[0].pending.push_back({0, 2020, 400.0, 0.0F, -1, IncomeSource::job_wage});
  f.state.lp[0].pending.push_back({1, 2020, 700.0, 0.0F, -1, IncomeSource::away_remittance});
  update_incomes(f.state, f.state.county(0), 2020);
  update_incomes(f.state, f.state.county(0), 2021);
  EXPECT_DOUBLE_EQ(f.h.wages[0], 400.0);
  EXPECT_DOUBLE_EQ(f.h.remittances[1], 700.0);
  EXPECT_DOUBLE_EQ(f.h.returns[0], 0.0);
  EXPECT_DOUBLE_EQ(f.h.income[0], 1400.0);
  EXPECT_DOUBLE_EQ(f.h.income[1], 2700.0);
}

// A project and the year it was funded (it matures the same year: first_return_year).
struct FundedProject {
  int year;
  PendingProject p;
};

// Runs the income update of county 0 over `years` with `items` pending and checks, every year,
// the returns and remittances against the stores per household that the county's lists replace,
// used in the order the income update used them.
void expect_sources_as_stores(Fixture& f, const std::vector<FundedProject>& items, int first,
                              int last) {
  for (int year = first + 1; year <= last; ++year) f.scenario.poverty_line.by_year[year] = 3000;
  std::vector<double> plain(4, 0.0), away(4, 0.0);
  std::vector<ActiveProject> active;
  for (const FundedProject& it : items) f.state.lp[0].pending.push_back(it.p);
  for (int year = first; year <= last; ++year) {
    for (const FundedProject& it : items) {
      if (it.year != year) continue;
      const PendingProject& p = it.p;
      if (p.source == IncomeSource::away_remittance) {
        away[p.household] += p.return_per_capita;
      } else if (p.depreciation != 0) {
        active.push_back({p.household, p.return_per_capita, p.depreciation, p.industry});
      } else {
        plain[p.household] += p.return_per_capita;
      }
    }
    std::vector<double> returns = plain;
    for (ActiveProject& a : active) {
      returns[a.household] += a.return_per_capita * 1.0;
      a.return_per_capita *= 1.0 - static_cast<double>(a.depreciation);
    }
    update_incomes(f.state, f.state.county(0), year);
    for (std::uint32_t i = 0; i < 4; ++i) {
      EXPECT_EQ(f.h.returns[i], returns[i]) << year << " household " << i;
      EXPECT_EQ(std::signbit(f.h.returns[i]), std::signbit(returns[i])) << year << " " << i;
      EXPECT_EQ(f.h.remittances[i], away[i] + 0.0) << year << " household " << i;
    }
  }
}

// The sources the county keeps by household (the plain projects of households that also have an
// individually kept one, eastern placements) give the flows a store per household gives, bit for
// bit: amounts added in activation order, whatever order the households come in, with a kept
// project arriving between two plain ones of the same household.
TEST(IncomeUpdate, SourcesKeptByCountyAddInActivationOrder) {
  Fixture f;
  const float dep = 0.1F;
  expect_sources_as_stores(
      f,
      {
          {2020, {3, 2020, 0.1, 0.0F, -1, IncomeSource::project_return}},
          {2020, {1, 2020, 0.7, 0.0F, -1, IncomeSource::away_remittance}},
          {2020, {3, 2020, 0.2, dep, -1, IncomeSource::project_return}},  // kept: 3 is split
          {2020, {3, 2020, 1e16, 0.0F, -1, IncomeSource::project_return}},
          {2020, {0, 2020, 0.3, 0.0F, -1, IncomeSource::project_return}},
          {2020, {1, 2020, 1e-3, 0.0F, -1, IncomeSource::away_remittance}},
          {2021, {2, 2021, 0.1, 0.0F, -1, IncomeSource::away_remittance}},
          {2021, {0, 2021, 0.2, dep, -1, IncomeSource::project_return}},  // 0 is split, later
          {2021, {1, 2021, 3e15, 0.0F, -1, IncomeSource::away_remittance}},
          {2022, {0, 2022, 0.7, 0.0F, -1, IncomeSource::project_return}},
          {2022, {3, 2022, 0.3, 0.0F, -1, IncomeSource::project_return}},
          {2022, {2, 2022, 1.1, 0.0F, -1, IncomeSource::away_remittance}},
      },
      2020, 2023);
  // Households 0 and 3 have kept projects; 1 and 2 placements.
  ASSERT_EQ(f.state.lp[0].split_return.size(), 2U);
  EXPECT_EQ(f.state.lp[0].split_return[0].household, 0U);
  EXPECT_EQ(f.state.lp[0].split_return[1].household, 3U);
  ASSERT_EQ(f.state.lp[0].away_remittance.size(), 2U);
  EXPECT_EQ(f.state.lp[0].away_remittance[0].household, 1U);
  EXPECT_EQ(f.state.lp[0].away_remittance[1].household, 2U);
}

// A household whose first project is a kept one has no plain-project sum to keep apart: the
// county keeps none for it until a plain project of its own activates (then from that project on,
// in activation order, also when that project activates in the same year as a kept one, before
// or after it). Its returns are those of the stores per household either way.
TEST(IncomeUpdate, AHouseholdWithOnlyKeptProjectsHasNoSplitReturn) {
  Fixture f;
  const float dep = 0.1F;
  expect_sources_as_stores(
      f,
      {
          {2020, {2, 2020, 0.5, dep, -1, IncomeSource::project_return}},  // only kept projects
          {2020, {0, 2020, 0.25, dep, -1, IncomeSource::project_return}},
          {2021, {2, 2021, 0.125, dep, -1, IncomeSource::project_return}},
          {2022, {0, 2022, 0.3, 0.0F, -1, IncomeSource::project_return}},  // 0's first plain one
          {2022, {0, 2022, 0.4, 0.0F, -1, IncomeSource::project_return}},
          {2022, {3, 2022, 0.6, 0.0F, -1, IncomeSource::project_return}},  // 3: plain, kept, plain
          {2022, {3, 2022, 0.2, dep, -1, IncomeSource::project_return}},
          {2022, {1, 2022, 0.2, dep, -1, IncomeSource::project_return}},  // 1: kept, then plain
          {2022, {1, 2022, 0.7, 0.0F, -1, IncomeSource::project_return}},
          {2022, {3, 2022, 1e16, 0.0F, -1, IncomeSource::project_return}},
      },
      2020, 2023);
  // Household 2 has only kept projects: no entry. 0 and 1 joined with their first plain project,
  // 3 with its plain sum when its kept project came.
  const auto& split = f.state.lp[0].split_return;
  ASSERT_EQ(split.size(), 3U);
  EXPECT_EQ(split[0].household, 0U);
  EXPECT_EQ(split[0].yuan, 0.0 + 0.3 + 0.4);
  EXPECT_EQ(split[1].household, 1U);
  EXPECT_EQ(split[1].yuan, 0.0 + 0.7);
  EXPECT_EQ(split[2].household, 3U);
  EXPECT_EQ(split[2].yuan, 0.6 + 1e16);
}

// This year's costs are subtracted from this year's income; the next year clears them.
TEST(IncomeUpdate, CostsLastOneYear) {
  Fixture f;
  f.scenario.poverty_line.by_year[2021] = 3000;
  f.h.costs[0] = 250.0;
  update_incomes(f.state, f.state.county(0), 2020);
  EXPECT_DOUBLE_EQ(f.h.income[0], 750.0);
  begin_income_year(f.state.county(0));
  update_incomes(f.state, f.state.county(0), 2021);
  EXPECT_DOUBLE_EQ(f.h.income[0], 1000.0);
}

// A non-finite component is a run failure naming the county and year.
TEST(IncomeUpdate, NonFiniteIncomeIsARunFailure) {
  Fixture f;
  f.h.earned[2] = std::numeric_limits<double>::infinity();
  try {
    update_incomes(f.state, f.state.county(0), 2020);
    FAIL() << "no IncomeError";
  } catch (const IncomeError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("earned income of household 2"), std::string::npos) << what;
    EXPECT_NE(what.find("county C01"), std::string::npos) << what;
    EXPECT_NE(what.find("2020"), std::string::npos) << what;
    EXPECT_NE(what.find("the income update"), std::string::npos) << what;
  }
}

// With noise, the mean-one multiplicative shock keeps the mean income: over n households the
// mean of y1/y0 is within 5 standard errors of 1 (sd of the lognormal factor / sqrt(n)).
TEST(IncomeUpdate, NoiseIsMeanPreserving) {
  Scenario sc = testing::quiet_scenario(1, 1, 1, 20000);
  sc.dynamics.noise_sd = 0.2;
  sim::Engine engine{1, 1};
  SimulationState s{sc, build_world(sc.geography), engine, builtin_rules()};
  testing::set_all_incomes(s.world.households, 100.0);
  update_incomes(s, s.county(0), 2020);
  double sum = 0;
  for (double y : s.world.households.income) sum += y / 100.0;
  const double n = 20000.0;
  const double factor_sd = std::sqrt(std::exp(0.04) - 1.0);
  EXPECT_NEAR(sum / n, 1.0, 5 * factor_sd / std::sqrt(n));
}

}  // namespace
}  // namespace fupin::models
