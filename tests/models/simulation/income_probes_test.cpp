// Two-variant probes of income as stocks and flows: one village of 100 two-person households,
// growth, noise and shocks off, two scenarios that differ in one programme or key. The difference
// in mean per-capita income between them, year by year, is what that one key does.
//
// Tolerances: with growth and noise off every household's income is a sum of exact terms, so the
// differences are exact up to floating-point rounding of sums over 200 people (about 1e-9 yuan);
// 1e-6 yuan is far below any behaviour these probes tell apart (the wrong answers differ by
// hundreds of yuan).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"

namespace fupin::models {
namespace {

constexpr double kTolerance = 1e-6;

// One county, one township, one village of 100 households of exactly two people, each with two
// labourers; everybody below the line (and registered) for the whole period, which is 2014–2018.
std::string village(const std::string& extra_shocks, const std::string& programmes) {
  return R"(name: probe
period: {start: 2014, end: 2018}
seed: 5
poverty_line: {base: 100000, base_year: 2014, growth: 0}
geography: {counties: 1, townships_per_county: 1, villages_per_township: 1, households_per_village: 100}
population:
  income: {median: 3000, sigma: 0.3}
  household_size: {minimum: 2, extra_trials: 0, extra_probability: 0}
  labour_probability: 1
  safe_housing_share: 1
  insurance_share: 0
  schooling_share: 1
dynamics: {growth: 0, noise_sd: 0, illness_probability: 0, illness_income_loss: 0}
shocks:
  disability_probability: 0
  disaster_probability: 0
)" + extra_shocks +
         R"(
management: {exclusion_error: 0, inclusion_error: 0, work_team_share: 0, dibao_line: 0}
interventions: {capture: 0, migration_probability: 0}
)" + programmes;
}

std::vector<double> mean_income(const std::string& text) {
  const ScenarioSet set = load_scenario_text(text, "probe.yaml");
  const VariantResult r = simulate(set.variants.front(), 1);
  std::vector<double> out;
  for (const YearSummary& y : r.years) out.push_back(y.mean_income);
  return out;
}

// Mean income of `with` minus that of `without`, by year.
std::vector<double> difference(const std::string& with, const std::string& without) {
  const std::vector<double> a = mean_income(with);
  const std::vector<double> b = mean_income(without);
  EXPECT_EQ(a.size(), b.size());
  std::vector<double> d;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) d.push_back(a[i] - b[i]);
  return d;
}

void expect_near_all(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    EXPECT_NEAR(got[i], want[i], kTolerance) << "year index " << i;
}

TEST(IncomeProbes, SectorChannelIncomeGainIsAFlowCountedOnceAYear) {
  // The village's power scheme, bought in 2014, adding `gain` yuan per person a year.
  const auto channel = [](int gain) {
    return R"(programmes:
  - name: village_power
    kind: sector_channel
    stream: power_sector
    channel: electricity
    budget: {2014: 100000}
    unit: village
    unit_cost: 100000
    income_gain: )" +
           std::to_string(gain) + "\n";
  };
  // Built in the first year: +100 yuan per person every year from then on, never compounded.
  expect_near_all(difference(village("", channel(100)), village("", channel(0))),
                  {100, 100, 100, 100, 100});
}

TEST(IncomeProbes, MedicalCostIsAOneOffCostOfTheYearOfIllness) {
  const std::string ill = "  medical_cost: 1000\n";
  const std::string free = "  medical_cost: 0\n";
  // Illness every year (probability 1, no lasting loss of earnings): 1,000 yuan for a household of
  // two is 500 per person in each year, not a loss that accumulates.
  const auto with = [](const std::string& cost) {
    std::string text = village(cost, "");
    const std::string from = "illness_probability: 0,";
    text.replace(text.find(from), from.size(), "illness_probability: 1,");
    return text;
  };
  expect_near_all(difference(with(ill), with(free)), {-500, -500, -500, -500, -500});
}

// `loans` microcredit loans of 10,000 yuan in 2014 with the given term and subsidy share, 5%
// interest, no default, funding a project that returns nothing.
std::string microcredit(int loans, int term_years, const std::string& subsidy_share) {
  return R"(programmes:
  - name: microcredit
    kind: microcredit
    stream: poverty_loans
    loans: {2014: )" +
         std::to_string(loans) + R"(}
    loan: {amount: 10000, term_years: )" +
         std::to_string(term_years) + ", interest_rate: 0.05, subsidy_share: " + subsidy_share +
         R"(, default_probability: 0}
    project: {return_rate: 0, lag_years: 1}
)";
}

TEST(IncomeProbes, ALoanIsFinancingNotIncome) {
  // One 10,000-yuan loan for one year, interest fully subsidised, a project that returns nothing.
  expect_near_all(
      difference(village("", microcredit(1, 1, "1.0")), village("", microcredit(0, 1, "1.0"))),
      {0, 0, 0, 0, 0});
}

TEST(IncomeProbes, UnsubsidisedInterestIsACostOfTheYearsItIsPaid) {
  // The same loan over two years with no subsidy: instalments fall due from the year after the
  // loan (the loan book's schedule); the borrower pays 5% of the outstanding principal each year
  // (500 yuan, then 250), which is 2.5 and 1.25 yuan per person of the village's 200 people;
  // principal repayments are not a cost.
  expect_near_all(
      difference(village("", microcredit(1, 2, "0")), village("", microcredit(0, 2, "0"))),
      {0, -2.5, -1.25, 0, 0});
}

TEST(IncomeProbes, LabourTransferGrowsLinearlyWithTheJobsHeld) {
  const auto transfer = [](int jobs) {
    return R"(programmes:
  - name: east_west
    kind: east_west
    stream: east_west_aid
    pairings:
      - {donor: Shanghai, counties: [C01]}
    labour_transfer: {jobs_per_year: )" +
           std::to_string(jobs) + R"(, wage: 10000, remittance_share: 1}
)";
  };
  // 10 jobs a year at 10,000 yuan to households of two: each year's jobs add 10 × 10,000 / 200 =
  // 500 yuan per person, held from then on.
  expect_near_all(difference(village("", transfer(10)), village("", transfer(0))),
                  {500, 1000, 1500, 2000, 2500});
}

TEST(IncomeProbes, ProjectReturnsAreARecurringFlowThatNeverCompounds) {
  // A township package of 100,000 yuan in 2014 split over the village's registered households,
  // returning 15% a year from 2015: 15,000 yuan a year over 200 people = +75 per person each year.
  const std::string package = R"(programmes:
  - name: package
    kind: township_package
    stream: special_fiscal_fund
    cohorts:
      - {year: 2014, selection: listed, townships: [C01-T01]}
    tranches:
      - {programme_year: 1, amount: 100000}
    project: {return_rate: 0.15, lag_years: 1}
    allocation:
      - {level: household, rule: equal}
)";
  expect_near_all(difference(village("", package), village("", "")), {0, 75, 75, 75, 75});
}

// A mutual-aid loan funds its member's project, and every key of the project applies: the return
// starts after the lag, a failed project returns nothing, a declining one declines; the fee is a
// cost of the year it is paid, and the principal is neither income nor cost.
TEST(IncomeProbes, MutualAidLoansFundProjectsWithEveryProjectKey) {
  const auto fund = [](const std::string& project, const std::string& fee) {
    return R"(programmes:
  - name: fund
    kind: mutual_aid_fund
    stream: special_fiscal_fund
    seed: {year: 2014, villages: 1, capital: 10000}
    loan: {amount: 1000, fee_rate: )" +
           fee + R"(, default_probability: 0}
    project: )" +
           project + "\n";
  };
  const std::vector<double> none = mean_income(village("", ""));
  const auto effect = [&](const std::string& project, const std::string& fee = "0") {
    const std::vector<double> a = mean_income(village("", fund(project, fee)));
    std::vector<double> d;
    for (std::size_t i = 0; i < a.size(); ++i) d.push_back(a[i] - none[i]);
    return d;
  };
  // Without fees the fund lends its 10,000 as ten loans of 1,000 every year. Returns of 20% from
  // the year after: each year's loans add 10 × 200 yuan / 200 people = +10 per person, for good.
  expect_near_all(effect("{return_rate: 0.2, lag_years: 1}"), {0, 10, 20, 30, 40});
  // Two years' lag: the returns start a year later.
  expect_near_all(effect("{return_rate: 0.2, lag_years: 2}"), {0, 0, 10, 20, 30});
  // Projects that always fail return nothing.
  expect_near_all(effect("{return_rate: 0.2, lag_years: 1, success_probability: 0}"),
                  {0, 0, 0, 0, 0});
  // A declining return loses 10% a year: in 2016 the 2014 loans pay 9 and the 2015 loans 10.
  EXPECT_NEAR(effect("{return_rate: 0.2, lag_years: 1, depreciation: 0.1}")[2], 19, kTolerance);
  // A 5% fee on each of the first year's ten loans: 500 yuan over 200 people.
  EXPECT_NEAR(effect("{return_rate: 0, lag_years: 1}", "0.05")[0], -2.5, kTolerance);
}

}  // namespace
}  // namespace fupin::models
