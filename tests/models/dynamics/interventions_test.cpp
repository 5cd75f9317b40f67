#include "models/dynamics/interventions.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "../test_world.hpp"
#include "models/simulation/household_dynamics.hpp"
#include "sim/random.hpp"

namespace fupin::models {
namespace {

using sim::Money;

Money yuan(std::int64_t y) { return Money::from_yuan(y); }

// A quiet one-county world; every household has `size` people, `labourers` labourers and `income`.
struct Fixture {
  Scenario scenario;
  std::unique_ptr<sim::Engine> engine;
  std::unique_ptr<SimulationState> state;

  explicit Fixture(int villages = 1, int households = 4, int counties = 1, std::uint8_t size = 4,
                   std::uint8_t labourers = 2, double income = 2000.0)
      : scenario(testing::quiet_scenario(counties, 1, villages, households)) {
    scenario.seed = 20240611;
    engine = std::make_unique<sim::Engine>(static_cast<std::size_t>(counties), 1U);
    state = std::make_unique<SimulationState>(scenario, build_world(scenario.geography), *engine,
                                              builtin_rules());
    Households& hh = h();
    for (std::size_t i = 0; i < hh.count(); ++i) {
      hh.size[i] = size;
      hh.labourers[i] = labourers;
      testing::set_income(hh, i, income);
    }
  }
  Households& h() { return state->world.households; }
  LpState& lp(std::size_t county = 0) { return state->lp[county]; }
  void deliver_to(std::uint32_t i, Money amount, const ProjectSpec& p, int year = 2020,
                  int industry = -1) {
    deliver(*state, state->world, lp(state->world.county_of(i)), i, amount, p, year, industry);
  }
};

ProjectSpec spec(ProjectType type, double return_rate = 0.1, int lag = 0) {
  ProjectSpec p;
  p.type = type;
  p.return_rate = return_rate;
  p.lag_years = lag;
  p.success_probability = 1.0;
  return p;
}

// Statistical tolerance: the count of successes in n independent trials of probability p has
// standard deviation sqrt(n p (1 − p)), so the share p̂ has sd sqrt(p (1 − p) / n); a correct
// implementation fails |p̂ − p| ≤ 5 sd with probability below 1e-6 (and the seeds are fixed).
double tolerance(double p, double n) { return 5.0 * std::sqrt(p * (1.0 - p) / n); }

// ---------------------------------------------------------------- matched_type

TEST(MatchedType, TruthTableForEveryCause) {
  EXPECT_EQ(matched_type(Cause::illness), ProjectType::health_insurance);
  EXPECT_EQ(matched_type(Cause::disability), ProjectType::income);
  EXPECT_EQ(matched_type(Cause::schooling), ProjectType::education);
  EXPECT_EQ(matched_type(Cause::disaster), ProjectType::housing);
  EXPECT_EQ(matched_type(Cause::lack_of_land), ProjectType::relocation);
  EXPECT_EQ(matched_type(Cause::lack_of_water), ProjectType::relocation);
  EXPECT_EQ(matched_type(Cause::lack_of_skills), ProjectType::skills);
  EXPECT_EQ(matched_type(Cause::lack_of_labour), ProjectType::skills);
  EXPECT_EQ(matched_type(Cause::lack_of_capital), ProjectType::income);
  EXPECT_EQ(matched_type(Cause::remoteness), ProjectType::relocation);
  EXPECT_EQ(matched_type(Cause::other), ProjectType::income);
  static_assert(kCauseCount == 11, "a new cause needs a row in this table");
}

TEST(MatchedType, DeliverResolvesMatchedByTheHouseholdsCause) {
  Fixture f(1, 3);
  f.h().cause = {Cause::disaster, Cause::schooling, Cause::other};
  const ProjectSpec p = spec(ProjectType::matched);
  f.deliver_to(0, yuan(20000), p);  // housing at the cost
  f.deliver_to(1, yuan(1000), p);   // education at the cost
  f.deliver_to(2, yuan(1000), p);   // income
  EXPECT_EQ(f.h().status[0], kSafeHouse);
  EXPECT_EQ(f.h().status[1], kSchooling);
  EXPECT_EQ(f.h().status[2], 0);
  ASSERT_EQ(f.lp().pending.size(), 1U);
  EXPECT_EQ(f.lp().pending[0].household, 2U);
}

// ---------------------------------------------------------------- income

TEST(Deliver, IncomeProjectWithCertainSuccessAndNoLagAddsExactlyItsReturn) {
  Fixture f;
  ProjectSpec p = spec(ProjectType::income, 0.2, 0);
  p.depreciation = 0.05;
  f.deliver_to(1, yuan(10000), p, 2020, 3);
  ASSERT_EQ(f.lp().pending.size(), 1U);
  const PendingProject& pp = f.lp().pending[0];
  EXPECT_EQ(pp.household, 1U);
  EXPECT_EQ(pp.first_return_year, 2020);
  EXPECT_DOUBLE_EQ(pp.return_per_capita, 0.2 * 10000.0 / 4.0);  // 500 yuan per person
  EXPECT_FLOAT_EQ(pp.depreciation, 0.05F);
  EXPECT_EQ(pp.industry, 3);
  EXPECT_EQ(f.h().status[1], 0);
  EXPECT_DOUBLE_EQ(f.h().income[1], 2000.0);  // only the pending return changes
}

TEST(Deliver, IncomeProjectStartsAfterItsLag) {
  Fixture f;
  f.deliver_to(0, yuan(1000), spec(ProjectType::income, 0.15, 2), 2020);
  ASSERT_EQ(f.lp().pending.size(), 1U);
  EXPECT_EQ(f.lp().pending[0].first_return_year, 2022);
}

TEST(Deliver, FailedProjectLosesTheCapital) {
  Fixture f;
  ProjectSpec p = spec(ProjectType::income);
  p.success_probability = 0.0;
  for (std::uint32_t i = 0; i < 4; ++i) f.deliver_to(i, yuan(5000), p);
  EXPECT_TRUE(f.lp().pending.empty());
}

TEST(Deliver, NothingForAZeroAmount) {
  Fixture f;
  f.deliver_to(0, Money{}, spec(ProjectType::income));
  f.deliver_to(0, Money{}, spec(ProjectType::housing));
  EXPECT_TRUE(f.lp().pending.empty());
  EXPECT_EQ(f.h().status[0], 0);
}

// ---------------------------------------------------------------- village_industry

TEST(Deliver, VillageIndustryCreatesWholeJobsAndTheRestIsAnIncomeProject) {
  Fixture f(1, 2, 1, 4, 3);  // size 4, 3 labourers
  ProjectSpec p = spec(ProjectType::village_industry, 0.1, 1);
  p.depreciation = 0.1;
  f.deliver_to(0, yuan(120000), p, 2020, 2);  // 2 jobs of 50,000, rest 20,000
  ASSERT_EQ(f.lp().pending.size(), 3U);
  for (int k = 0; k < 2; ++k) {
    const PendingProject& job = f.lp().pending[static_cast<std::size_t>(k)];
    EXPECT_EQ(job.household, 0U);
    EXPECT_EQ(job.first_return_year, 2021);
    EXPECT_DOUBLE_EQ(job.return_per_capita, 8000.0 / 4.0);
    EXPECT_EQ(job.depreciation, 0.0F);
    EXPECT_EQ(job.industry, -1);
  }
  const PendingProject& rest = f.lp().pending[2];
  EXPECT_DOUBLE_EQ(rest.return_per_capita, 0.1 * 20000.0 / 4.0);
  EXPECT_FLOAT_EQ(rest.depreciation, 0.1F);
  EXPECT_EQ(rest.industry, 2);
}

TEST(Deliver, VillageIndustryJobsAreLimitedByLabourers) {
  Fixture f(1, 2, 1, 2, 1);  // size 2, one labourer
  f.deliver_to(0, yuan(150000), spec(ProjectType::village_industry, 0.1, 0));
  ASSERT_EQ(f.lp().pending.size(), 2U);
  EXPECT_DOUBLE_EQ(f.lp().pending[0].return_per_capita, 8000.0 / 2.0);
  EXPECT_DOUBLE_EQ(f.lp().pending[1].return_per_capita, 0.1 * 100000.0 / 2.0);
}

TEST(Deliver, VillageIndustryExactlyAtTheJobCostLeavesNoRest) {
  Fixture f;
  f.deliver_to(0, yuan(50000), spec(ProjectType::village_industry));
  ASSERT_EQ(f.lp().pending.size(), 1U);
  EXPECT_DOUBLE_EQ(f.lp().pending[0].return_per_capita, 2000.0);
}

// ---------------------------------------------------------------- housing

TEST(Deliver, HousingExactlyAtTheCostGivesSafeHousingAndNoIncomeProject) {
  Fixture f;
  f.deliver_to(0, yuan(20000), spec(ProjectType::housing));
  EXPECT_EQ(f.h().status[0], kSafeHouse);
  EXPECT_TRUE(f.lp().pending.empty());
}

TEST(Deliver, HousingAboveTheCostTurnsTheRestIntoOneIncomeProject) {
  Fixture f;
  f.deliver_to(0, Money::from_fen(2000000 + 500050),
               spec(ProjectType::housing, 0.2));  // 5,000.50 above
  EXPECT_EQ(f.h().status[0], kSafeHouse);
  ASSERT_EQ(f.lp().pending.size(), 1U);
  EXPECT_DOUBLE_EQ(f.lp().pending[0].return_per_capita, 0.2 * 5000.5 / 4.0);
}

TEST(Deliver, HousingOneFenShortOrAlreadySafeIsAllIncome) {
  Fixture f;
  f.deliver_to(0, Money::from_fen(1999999), spec(ProjectType::housing, 0.2));
  EXPECT_EQ(f.h().status[0], 0);
  f.h().status[1] = kSafeHouse;
  f.deliver_to(1, yuan(30000), spec(ProjectType::housing, 0.2));
  EXPECT_EQ(f.h().status[1], kSafeHouse);
  ASSERT_EQ(f.lp().pending.size(), 2U);
  EXPECT_DOUBLE_EQ(f.lp().pending[0].return_per_capita, 0.2 * 19999.99 / 4.0);
  EXPECT_DOUBLE_EQ(f.lp().pending[1].return_per_capita, 0.2 * 30000.0 / 4.0);
}

// ---------------------------------------------------------------- skills

TEST(Deliver, SkillsTrainsAHouseholdWithALabourer) {
  Fixture f;
  f.deliver_to(0, yuan(2000), spec(ProjectType::skills));
  EXPECT_EQ(f.h().status[0], kTrained);
  EXPECT_TRUE(f.lp().pending.empty());
  f.deliver_to(1, yuan(2500), spec(ProjectType::skills, 0.4));
  EXPECT_EQ(f.h().status[1], kTrained);
  ASSERT_EQ(f.lp().pending.size(), 1U);
  EXPECT_DOUBLE_EQ(f.lp().pending[0].return_per_capita, 0.4 * 500.0 / 4.0);
}

TEST(Deliver, SkillsWithoutALabourerIsAllIncome) {
  Fixture f;
  f.h().labourers[0] = 0;
  f.deliver_to(0, yuan(2000), spec(ProjectType::skills, 0.4));
  EXPECT_EQ(f.h().status[0], 0);
  ASSERT_EQ(f.lp().pending.size(), 1U);
  EXPECT_DOUBLE_EQ(f.lp().pending[0].return_per_capita, 0.4 * 2000.0 / 4.0);
}

// ---------------------------------------------------------------- relocation

TEST(Deliver, RelocationDipIsExactAndImmediate) {
  Fixture f(1, 2, 1, 3, 1, 5000.0);  // 3 people: cost 180,000
  f.deliver_to(0, yuan(180000), spec(ProjectType::relocation));
  EXPECT_EQ(f.h().status[0], kRelocated);
  EXPECT_DOUBLE_EQ(f.h().income[0], 5000.0 * (1.0 - 0.2));
  EXPECT_TRUE(f.lp().pending.empty());
  // The dip is this year's cost; earning capacity is unchanged and grows faster from now on.
  EXPECT_DOUBLE_EQ(f.h().earned[0], 5000.0);
  EXPECT_DOUBLE_EQ(f.h().costs[0], 1000.0);
  begin_income_year(f.state->county(0));
  update_incomes(*f.state, f.state->county(0), 2020);
  EXPECT_DOUBLE_EQ(f.h().income[0], 5000.0 * 1.02);
}

TEST(Deliver, RelocationShortOfTheCostOrAlreadyRelocatedHasNoDip) {
  Fixture f(1, 2, 1, 3, 1, 5000.0);
  f.deliver_to(0, Money::from_fen(18000000 - 1), spec(ProjectType::relocation, 0.1));
  EXPECT_EQ(f.h().status[0], 0);
  EXPECT_DOUBLE_EQ(f.h().income[0], 5000.0);
  f.h().status[1] = kRelocated;
  f.deliver_to(1, yuan(200000), spec(ProjectType::relocation, 0.1));
  EXPECT_DOUBLE_EQ(f.h().income[1], 5000.0);
  ASSERT_EQ(f.lp().pending.size(), 2U);
  EXPECT_DOUBLE_EQ(f.lp().pending[1].return_per_capita, 0.1 * 200000.0 / 3.0);
}

TEST(Deliver, RelocationAboveTheCostTurnsTheRestIntoAnIncomeProject) {
  Fixture f(1, 2, 1, 2, 1, 5000.0);  // 2 people: cost 120,000
  f.deliver_to(0, yuan(130000), spec(ProjectType::relocation, 0.1));
  EXPECT_EQ(f.h().status[0], kRelocated);
  ASSERT_EQ(f.lp().pending.size(), 1U);
  EXPECT_DOUBLE_EQ(f.lp().pending[0].return_per_capita, 0.1 * 10000.0 / 2.0);
}

// ---------------------------------------------------------------- education

TEST(Deliver, EducationAtTheCostGivesSchooling) {
  Fixture f;
  f.deliver_to(0, yuan(1000), spec(ProjectType::education));
  EXPECT_EQ(f.h().status[0], kSchooling);
  EXPECT_TRUE(f.lp().pending.empty());
  f.deliver_to(1, Money::from_fen(99999), spec(ProjectType::education));
  EXPECT_EQ(f.h().status[1], 0);
  EXPECT_EQ(f.lp().pending.size(), 1U);
}

// ---------------------------------------------------------------- health insurance

TEST(Deliver, InsurancePremiumsBuyWholeYearsFromTheFundingYear) {
  Fixture f(1, 4, 1, 2);  // 2 people: 180 yuan a year
  f.deliver_to(0, yuan(540), spec(ProjectType::health_insurance), 2020);
  EXPECT_EQ(f.h().status[0], kInsured);
  EXPECT_EQ(f.h().insured_until[0], 2022);  // 2020, 2021, 2022
  EXPECT_TRUE(f.lp().pending.empty());
}

TEST(Deliver, InsuranceYearsAreCappedAndTheRestIsIncome) {
  Fixture f(1, 4, 1, 2);
  f.deliver_to(0, yuan(180 * 7 + 50), spec(ProjectType::health_insurance, 0.1), 2020);
  EXPECT_EQ(f.h().insured_until[0], 2024);  // insurance_years = 5
  ASSERT_EQ(f.lp().pending.size(), 1U);
  EXPECT_DOUBLE_EQ(f.lp().pending[0].return_per_capita, 0.1 * (180.0 * 2 + 50) / 2.0);
}

TEST(Deliver, InsuranceTooLittleForOneYearIsAllIncome) {
  Fixture f(1, 4, 1, 2);
  f.deliver_to(0, Money::from_fen(17999), spec(ProjectType::health_insurance), 2020);
  EXPECT_EQ(f.h().status[0], 0);
  EXPECT_EQ(f.h().insured_until[0], 0);
  EXPECT_EQ(f.lp().pending.size(), 1U);
}

TEST(Deliver, InsuranceKeepsTheLaterEndAndLeavesOriginalCoverPermanent) {
  Fixture f(1, 4, 1, 2);
  f.h().status[0] = kInsured;
  f.h().insured_until[0] = 2030;  // funded earlier, runs longer
  f.deliver_to(0, yuan(180), spec(ProjectType::health_insurance), 2020);
  EXPECT_EQ(f.h().insured_until[0], 2030);
  f.h().status[1] = kInsured;  // original cover: insured_until stays 0, never lapses
  f.deliver_to(1, yuan(360), spec(ProjectType::health_insurance), 2020);
  EXPECT_EQ(f.h().insured_until[1], 0);
  EXPECT_EQ(f.h().status[1], kInsured);
  f.h().insured_until[2] = 2019;  // funded cover that lapsed
  f.deliver_to(2, yuan(360), spec(ProjectType::health_insurance), 2020);
  EXPECT_EQ(f.h().insured_until[2], 2021);
  EXPECT_EQ(f.h().status[2], kInsured);
}

TEST(InterventionsYear, FundedInsuranceLapsesAfterItsLastYearOriginalCoverNever) {
  Fixture f(1, 3);
  f.h().status = {kInsured, kInsured, 0};
  f.h().insured_until = {2021, 0, 0};
  interventions_year(*f.state, f.state->county(0), 2021);
  EXPECT_EQ(f.h().status[0], kInsured);  // 2021 still covered
  interventions_year(*f.state, f.state->county(0), 2022);
  EXPECT_EQ(f.h().status[0], 0);
  EXPECT_EQ(f.h().status[1], kInsured);
  EXPECT_EQ(f.h().status[2], 0);
}

// ---------------------------------------------------------------- migration and relocation uplift

TEST(InterventionsYear, CertainMigrationAddsTheRemittanceExactly) {
  Fixture f(1, 4, 1, 4, 1, 2000.0);
  f.scenario.interventions.migration_probability = 1.0;
  f.h().status = {kTrained, kTrained, 0, kTrained};
  f.h().labourers[1] = 0;
  interventions_year(*f.state, f.state->county(0), 2020);
  update_incomes(*f.state, f.state->county(0), 2020);
  EXPECT_EQ(f.h().flags[0], kMigrant);
  EXPECT_DOUBLE_EQ(f.h().remittances[0], 6000.0 / 4.0);
  EXPECT_DOUBLE_EQ(f.h().income[0], 2000.0 + 6000.0 / 4.0);
  EXPECT_EQ(f.h().flags[1], 0);  // trained but no labourer
  EXPECT_EQ(f.h().flags[2], 0);  // not trained
  EXPECT_DOUBLE_EQ(f.h().income[1], 2000.0);
  EXPECT_DOUBLE_EQ(f.h().income[2], 2000.0);
  // Still away the next year (no return): the remittance again, once — a recurring flow.
  f.scenario.interventions.return_probability = 0.0;
  interventions_year(*f.state, f.state->county(0), 2021);
  update_incomes(*f.state, f.state->county(0), 2021);
  EXPECT_DOUBLE_EQ(f.h().income[0], 2000.0 + 1500.0);
}

TEST(InterventionsYear, ReturnedMigrantGetsNoRemittanceAndStaysHomeThatYear) {
  Fixture f(1, 2, 1, 4, 1, 2000.0);
  f.scenario.interventions.migration_probability = 1.0;
  f.scenario.interventions.return_probability = 1.0;
  f.h().status[0] = kTrained;
  f.h().flags[0] = kMigrant;
  interventions_year(*f.state, f.state->county(0), 2020);
  EXPECT_EQ(f.h().flags[0], 0);
  EXPECT_DOUBLE_EQ(f.h().income[0], 2000.0);
}

TEST(InterventionsYear, RelocatedHouseholdsGrowByTheUplift) {
  Fixture f(1, 2, 1, 4, 1, 2000.0);
  f.h().status[0] = kRelocated;
  interventions_year(*f.state, f.state->county(0), 2020);
  update_incomes(*f.state, f.state->county(0), 2020);
  EXPECT_DOUBLE_EQ(f.h().earned[0], 2000.0 * 1.02);
  EXPECT_DOUBLE_EQ(f.h().income[0], 2000.0 * 1.02);
  EXPECT_DOUBLE_EQ(f.h().income[1], 2000.0);
}

TEST(InterventionsYear, TouchesOnlyItsCounty) {
  Fixture f(1, 2, 2, 4, 1, 2000.0);  // two counties of two households
  f.scenario.interventions.migration_probability = 1.0;
  for (auto& st : f.h().status) st = kTrained | kRelocated;
  interventions_year(*f.state, f.state->county(1), 2020);
  EXPECT_EQ(f.h().flags[0], 0);
  EXPECT_EQ(f.h().flags[1], 0);
  EXPECT_EQ(f.h().flags[2], kMigrant);
  EXPECT_EQ(f.h().flags[3], kMigrant);
  EXPECT_DOUBLE_EQ(f.h().income[0], 2000.0);
}

// ---------------------------------------------------------------- statistics (fixed seeds)

TEST(Statistics, ProjectSuccessMatchesItsProbability) {
  constexpr int n = 20000;
  for (const double p : {0.3, 0.75}) {
    Fixture f(1, n);
    ProjectSpec ps = spec(ProjectType::income);
    ps.success_probability = p;
    for (std::uint32_t i = 0; i < n; ++i) f.deliver_to(i, yuan(1000), ps);
    const double share = static_cast<double>(f.lp().pending.size()) / n;
    EXPECT_LE(std::abs(share - p), tolerance(p, n)) << "p = " << p;
  }
}

TEST(Statistics, WorkTeamAddsItsSuccessBonus) {
  constexpr int n = 20000;
  Fixture f(2, n / 2);
  f.state->world.village_state.work_team = {1, 0};
  f.scenario.management.work_team_success_bonus = 0.2;
  ProjectSpec ps = spec(ProjectType::income);
  ps.success_probability = 0.5;
  for (std::uint32_t i = 0; i < n; ++i) f.deliver_to(i, yuan(1000), ps);
  std::size_t with_team = 0;
  std::size_t without = 0;
  for (const PendingProject& pp : f.lp().pending) (pp.household < n / 2 ? with_team : without) += 1;
  const double half = n / 2.0;
  EXPECT_LE(std::abs(static_cast<double>(with_team) / half - 0.7), tolerance(0.7, half));
  EXPECT_LE(std::abs(static_cast<double>(without) / half - 0.5), tolerance(0.5, half));
}

TEST(Statistics, MigrationAndReturnMatchTheirProbabilities) {
  constexpr int n = 20000;
  Fixture f(1, n);
  f.scenario.interventions.migration_probability = 0.4;
  f.scenario.interventions.return_probability = 0.1;
  for (auto& st : f.h().status) st = kTrained;
  interventions_year(*f.state, f.state->county(0), 2020);
  std::int64_t away = 0;
  for (const auto fl : f.h().flags) away += (fl & kMigrant) != 0;
  EXPECT_LE(std::abs(static_cast<double>(away) / n - 0.4), tolerance(0.4, n));
  // The next year, migrants return with 0.1 (checked among those away), others leave with 0.4.
  const auto before = f.h().flags;
  interventions_year(*f.state, f.state->county(0), 2021);
  std::int64_t returned = 0;
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i] & kMigrant) returned += (f.h().flags[i] & kMigrant) == 0;
  }
  const auto a = static_cast<double>(away);
  EXPECT_LE(std::abs(static_cast<double>(returned) / a - 0.1), tolerance(0.1, a));
}

// A household's projects of one year share its success draw (documented in interventions.cpp).
TEST(Deliver, ProjectsOfOneHouseholdYearShareTheSuccessDraw) {
  constexpr int n = 2000;
  Fixture f(1, n);
  ProjectSpec ps = spec(ProjectType::income);
  ps.success_probability = 0.5;
  for (std::uint32_t i = 0; i < n; ++i) {
    f.deliver_to(i, yuan(1000), ps);
    f.deliver_to(i, yuan(3000), ps);
  }
  std::vector<int> count(n, 0);
  for (const PendingProject& pp : f.lp().pending) ++count[pp.household];
  int successes = 0;
  for (const int c : count) {
    EXPECT_TRUE(c == 0 || c == 2);
    successes += c == 2;
  }
  EXPECT_GT(successes, 0);
  EXPECT_LT(successes, n);
}

// ---------------------------------------------------------------- determinism

TEST(Determinism, VariantNameDoesNotChangeAnyDraw) {
  constexpr int n = 3000;
  auto run = [](const char* variant) {
    Fixture f(3, n / 3);
    f.scenario.variant = variant;
    f.scenario.interventions.migration_probability = 0.5;
    f.scenario.interventions.return_probability = 0.3;
    ProjectSpec ps = spec(ProjectType::skills);
    ps.success_probability = 0.5;
    for (std::uint32_t i = 0; i < n; ++i) f.deliver_to(i, yuan(2000 + 100 * (i % 7)), ps, 2020);
    for (int year = 2020; year <= 2023; ++year)
      interventions_year(*f.state, f.state->county(0), year);
    std::vector<std::uint32_t> who;
    for (const PendingProject& pp : f.lp().pending) who.push_back(pp.household);
    return std::make_tuple(who, f.h().flags, f.h().income);
  };
  const auto a = run("base");
  const auto b = run("a-completely-different-variant");
  EXPECT_EQ(std::get<0>(a), std::get<0>(b));
  EXPECT_EQ(std::get<1>(a), std::get<1>(b));
  EXPECT_EQ(std::get<2>(a), std::get<2>(b));
  EXPECT_FALSE(std::get<0>(a).empty());
}

// The draws are keyed exactly as documented: (seed, purpose) families, one word per (household,
// year).
TEST(Determinism, DrawsUseTheDocumentedStreams) {
  constexpr int n = 500;
  Fixture f(1, n);
  ProjectSpec ps = spec(ProjectType::income);
  ps.success_probability = 0.5;
  sim::EntityDraws success(f.scenario.seed, "project.success");
  for (const int year : {2020, 2021}) {
    f.lp().pending.clear();
    for (std::uint32_t i = 0; i < n; ++i) f.deliver_to(i, yuan(1000), ps, year);
    std::vector<std::uint32_t> expected;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (success.uniform(i, static_cast<std::uint64_t>(year)) < 0.5) expected.push_back(i);
    }
    std::vector<std::uint32_t> got;
    for (const PendingProject& pp : f.lp().pending) got.push_back(pp.household);
    EXPECT_EQ(got, expected) << year;
  }

  f.scenario.interventions.migration_probability = 0.5;
  f.scenario.interventions.return_probability = 0.5;
  for (std::uint32_t i = 0; i < n; ++i) {
    f.h().status[i] = kTrained;
    f.h().flags[i] = i % 2 == 0 ? kMigrant : 0;
  }
  interventions_year(*f.state, f.state->county(0), 2022);
  sim::EntityDraws migration(f.scenario.seed, "interventions.migration");
  sim::EntityDraws returning(f.scenario.seed, "interventions.return");
  for (std::uint32_t i = 0; i < n; ++i) {
    const bool away =
        i % 2 == 0 ? !(returning.uniform(i, 2022) < 0.5) : migration.uniform(i, 2022) < 0.5;
    EXPECT_EQ((f.h().flags[i] & kMigrant) != 0, away) << i;
  }
}

TEST(Determinism, SeedChangesTheDraws) {
  constexpr int n = 2000;
  auto run = [](std::uint64_t seed) {
    Fixture f(1, n);
    f.scenario.seed = seed;
    ProjectSpec ps = spec(ProjectType::income);
    ps.success_probability = 0.5;
    for (std::uint32_t i = 0; i < n; ++i) f.deliver_to(i, yuan(1000), ps);
    std::vector<std::uint32_t> who;
    for (const PendingProject& pp : f.lp().pending) who.push_back(pp.household);
    return who;
  };
  EXPECT_NE(run(1), run(2));
}

// ---------------------------------------------------------------- capture

std::int64_t total_fen(const std::vector<Money>& parts) {
  std::int64_t t = 0;
  for (const Money m : parts) t += m.fen();
  return t;
}

// Village of 8: households 0–3 registered recipients of 1,000 yuan each; 4–7 unregistered with
// incomes 5,000, 9,000, 7,000, 9,000: the richest quarter (ceil(4/4) = 1) is household 5 (tie with
// 7, lower index).
struct CaptureFixture : Fixture {
  std::vector<std::uint32_t> who{0, 1, 2, 3};
  std::vector<Money> parts{yuan(1000), yuan(1000), yuan(1000), yuan(1000)};
  CaptureFixture() : Fixture(1, 8) {
    scenario.interventions.capture = 0.1;  // quiet_scenario turns capture off
    for (std::uint32_t i = 0; i < 4; ++i) h().flags[i] = kRegistered;
    testing::set_income(h(), 4, 5000);
    testing::set_income(h(), 5, 9000);
    testing::set_income(h(), 6, 7000);
    testing::set_income(h(), 7, 9000);
  }
};

TEST(Capture, MovesTheShareToTheRichestUnregisteredHousehold) {
  CaptureFixture f;
  apply_capture(*f.state, f.state->world, f.who, f.parts);
  ASSERT_EQ(f.who.size(), 5U);
  ASSERT_EQ(f.parts.size(), 5U);
  for (int k = 0; k < 4; ++k) EXPECT_EQ(f.parts[static_cast<std::size_t>(k)], yuan(900));
  EXPECT_EQ(f.who[4], 5U);
  EXPECT_EQ(f.parts[4], yuan(400));
  EXPECT_EQ(total_fen(f.parts), 400000);
}

TEST(Capture, WorkTeamMultipliesTheShare) {
  CaptureFixture f;
  f.state->world.village_state.work_team[0] = 1;  // factor 0.5: 5% instead of 10%
  apply_capture(*f.state, f.state->world, f.who, f.parts);
  ASSERT_EQ(f.parts.size(), 5U);
  EXPECT_EQ(f.parts[0], yuan(950));
  EXPECT_EQ(f.parts[4], yuan(200));
}

TEST(Capture, NothingMovesWithoutUnregisteredHouseholds) {
  CaptureFixture f;
  for (std::uint32_t i = 4; i < 8; ++i) f.h().flags[i] = kRegistered;
  const auto parts = f.parts;
  apply_capture(*f.state, f.state->world, f.who, f.parts);
  EXPECT_EQ(f.parts, parts);
  EXPECT_EQ(f.who.size(), 4U);
}

TEST(Capture, ZeroCaptureMovesNothing) {
  CaptureFixture f;
  f.scenario.interventions.capture = 0.0;
  const auto parts = f.parts;
  apply_capture(*f.state, f.state->world, f.who, f.parts);
  EXPECT_EQ(f.parts, parts);
  EXPECT_EQ(f.who.size(), 4U);
}

TEST(Capture, TinyAmountsNeverGoNegativeAndStayExact) {
  CaptureFixture f;
  f.scenario.interventions.capture = 0.5;
  f.h().flags[7] = kRegistered;  // 3 unregistered → ceil(3/4) = 1 captor
  f.who = {0, 1, 2};
  f.parts = {Money::from_fen(1), Money::from_fen(1), Money::from_fen(3)};
  apply_capture(*f.state, f.state->world, f.who, f.parts);
  // 0.5 × 5 = 2.5 → 3 fen (nearest, halves away from zero) out of (1, 1, 3): quotas 0.6, 0.6,
  // 1.8 → 1 fen from the third, the two leftover fen to the third (remainder 0.8) and the first
  // (0.6, tie with the second to the lower index).
  ASSERT_EQ(f.parts.size(), 4U);
  EXPECT_EQ(f.parts[0], Money::from_fen(0));
  EXPECT_EQ(f.parts[1], Money::from_fen(1));
  EXPECT_EQ(f.parts[2], Money::from_fen(1));
  EXPECT_EQ(f.who[3], 5U);
  EXPECT_EQ(f.parts[3], Money::from_fen(3));
}

TEST(Capture, QuarterIsRoundedUpAndSharedEquallyToTheFen) {
  // 6 households: 0 registered recipient, 1–5 unregistered → ceil(5/4) = 2 captors.
  Fixture f(1, 6);
  f.scenario.interventions.capture = 0.1;
  f.h().flags[0] = kRegistered;
  f.h().income = {100, 800, 300, 800, 900, 200};  // richest: 4 (900), then 1 and 3 tie → 1
  std::vector<std::uint32_t> who{0};
  std::vector<Money> parts{Money::from_fen(10001)};
  apply_capture(*f.state, f.state->world, who, parts);  // 0.1 × 10001 fen = 1000.1 → 1000 fen
  ASSERT_EQ(who.size(), 3U);
  EXPECT_EQ(parts[0], Money::from_fen(9001));
  EXPECT_EQ(who[1], 1U);
  EXPECT_EQ(who[2], 4U);
  EXPECT_EQ(parts[1], Money::from_fen(500));
  EXPECT_EQ(parts[2], Money::from_fen(500));
}

TEST(Capture, CaptorsAreTheRichestQuarterTiesToTheLowerIndex) {
  // Incomes drawn from a few values with many ties, negative incomes and both zeros (−0.0 and
  // 0.0 compare equal, so they tie): the captors are the first quarter of the unregistered
  // households by (income descending, index ascending), found here by a full sort.
  const sim::RandomSource src(11, "test.capture.captors");
  const std::array<double, 9> values{-250.5, -3.0, -0.0, 0.0, 0.5, 1200.0, 1200.25, 9000.0, 9e9};
  for (std::uint64_t trial = 0; trial < 200; ++trial) {
    sim::RandomStream rs = src.stream(trial, 0);
    const int per_village = 2 + static_cast<int>(rs.uniform() * 40);
    Fixture f(1, per_village);
    f.scenario.interventions.capture = 0.5;
    std::vector<std::uint32_t> unregistered;
    for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(per_village); ++i) {
      f.h().income[i] = values[static_cast<std::size_t>(rs.uniform() * values.size())];
      const bool registered = i == 0 || rs.bernoulli(0.4);
      f.h().flags[i] = registered ? kRegistered : 0;
      if (!registered) unregistered.push_back(i);
    }
    if (unregistered.empty()) continue;
    std::vector<std::uint32_t> expected = unregistered;
    std::ranges::sort(expected, [&](std::uint32_t a, std::uint32_t b) {
      const double x = f.h().income[a];
      const double y = f.h().income[b];
      return x > y || (x == y && a < b);
    });
    expected.resize((expected.size() + 3) / 4);
    std::ranges::sort(expected);
    // One recipient with enough money that every captor gets at least a fen.
    std::vector<std::uint32_t> who{0};
    std::vector<Money> parts{yuan(1000)};
    apply_capture(*f.state, f.state->world, who, parts);
    const std::vector<std::uint32_t> captors(who.begin() + 1, who.end());
    EXPECT_EQ(captors, expected) << "trial " << trial;
  }
}

TEST(Capture, ConservesEveryVillagesTotalAndNoPartGoesNegative) {
  // Property test over random villages, recipients, amounts, capture shares and work teams.
  const sim::RandomSource src(7, "test.capture");
  for (std::uint64_t trial = 0; trial < 300; ++trial) {
    sim::RandomStream rs = src.stream(trial, 0);
    const int villages = 1 + static_cast<int>(rs.uniform() * 4);
    const int per_village = 1 + static_cast<int>(rs.uniform() * 12);
    Fixture f(villages, per_village);
    f.scenario.interventions.capture = rs.uniform();
    f.scenario.management.work_team_capture_factor = rs.uniform();
    auto& team = f.state->world.village_state.work_team;
    for (auto& t : team) t = rs.bernoulli(0.5) ? 1 : 0;
    std::vector<std::uint32_t> who;
    std::vector<Money> parts;
    const auto n = static_cast<std::uint32_t>(f.h().count());
    for (std::uint32_t i = 0; i < n; ++i) {
      testing::set_income(f.h(), i, rs.uniform(0, 10000));
      if (rs.bernoulli(0.6)) {
        f.h().flags[i] = kRegistered;
        who.push_back(i);
        parts.push_back(Money::from_fen(static_cast<std::int64_t>(rs.uniform() * 1000)));
      }
    }
    const auto before = parts;
    std::vector<std::int64_t> village_before(static_cast<std::size_t>(villages), 0);
    for (std::size_t k = 0; k < who.size(); ++k)
      village_before[f.state->world.village_of(who[k])] += parts[k].fen();
    apply_capture(*f.state, f.state->world, who, parts);
    ASSERT_EQ(who.size(), parts.size());
    std::vector<std::int64_t> village_after(static_cast<std::size_t>(villages), 0);
    for (std::size_t k = 0; k < who.size(); ++k) {
      EXPECT_GE(parts[k].fen(), 0) << "trial " << trial;
      if (k < before.size()) {
        EXPECT_LE(parts[k], before[k]);
      } else {
        EXPECT_EQ(f.h().flags[who[k]] & kRegistered, 0);  // captors are unregistered
      }
      village_after[f.state->world.village_of(who[k])] += parts[k].fen();
    }
    EXPECT_EQ(village_after, village_before) << "trial " << trial;
  }
}

}  // namespace
}  // namespace fupin::models
