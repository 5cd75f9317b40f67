// Every programme kind run through the whole simulation on small worlds, checking its money
// against the ledger and its own promises (growth schedules, capacities, coverage, conservation).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "../test_world.hpp"
#include "models/programmes/east_west.hpp"
#include "models/simulation/simulation.hpp"

namespace fupin::models {
namespace {

using sim::Money;

Scenario small(int years) {
  Scenario s = testing::quiet_scenario(3, 2, 3, 20);
  s.end_year = s.start_year + years - 1;
  for (int y = s.start_year; y <= s.end_year; ++y) s.poverty_line.by_year[y] = 3000;
  s.population.income = {3000, 0.7};
  return s;
}

const ProgrammeSeries& series(const VariantResult& r, const std::string& name) {
  for (const auto& p : r.programmes) {
    if (p.name == name) return p;
  }
  throw std::runtime_error("no programme " + name);
}

std::vector<Money> money(const ProgrammeSeries& p, const std::string& name) {
  for (const auto& m : p.money) {
    if (m.name == name) return m.values;
  }
  throw std::runtime_error("no money series " + name);
}

std::vector<double> measure(const ProgrammeSeries& p, const std::string& name) {
  for (const auto& m : p.measures) {
    if (m.name == name) return m.values;
  }
  throw std::runtime_error("no measure " + name);
}

Money balance_of(const VariantResult& r, const std::string& account) {
  for (std::size_t a = 0; a < r.ledger.accounts.size(); ++a) {
    if (r.ledger.accounts[a].name == account) return r.ledger.balances.back()[a];
  }
  throw std::runtime_error("no account " + account);
}

Money sum_kind(const VariantResult& r, const std::string& prefix, const std::string& kind) {
  Money total;
  for (std::size_t a = 0; a < r.ledger.accounts.size(); ++a) {
    const auto& acc = r.ledger.accounts[a];
    if (acc.kind == kind && acc.name.rfind(prefix, 0) == 0) total += r.ledger.balances.back()[a];
  }
  return total;
}

// Every fen issued by a programme is spent, retained, held, returned or lost.
void expect_money_accounted(const ProgrammeSeries& p) {
  const auto total = [&](const char* n) {
    const auto v = money(p, n);
    return std::accumulate(v.begin(), v.end(), Money());
  };
  EXPECT_EQ(total("issued"), total("spent") + total("admin") + money(p, "idle").back() + total("returned") + total("lost"))
      << p.name;
}

TEST(SpecialFund, FlowsFromProvinceThroughCountiesToHouseholds) {
  Scenario s = small(2);
  SpecialFundSpec f;
  f.appropriations = {{2020, Money::from_yuan(1'000'000)}, {2021, Money::from_yuan(2'000'000)}};
  f.allocation = {{Level::county, "per_poor_person", {}}, {Level::household, "poverty_gap", {}}};
  s.programmes.push_back({"fund", "special_fund", "special_fiscal_fund", IdleMoney::carry_over, {{Level::county, 0.05}}, f});
  const VariantResult r = simulate(s, 2);
  const ProgrammeSeries& p = series(r, "fund");
  EXPECT_EQ(money(p, "issued"), (std::vector<Money>{Money::from_yuan(1'000'000), Money::from_yuan(2'000'000)}));
  // 5% retained at county level, each county's part rounded to the nearest fen: with three counties
  // the total is within 1 fen of 5% of the whole.
  const Money admin = money(p, "admin")[0];
  EXPECT_LE(admin, Money::from_yuan(50'000) + Money::from_fen(1));
  EXPECT_GE(admin, Money::from_yuan(50'000) - Money::from_fen(1));
  expect_money_accounted(p);
  EXPECT_EQ(r.years[0].disbursed, Money::from_yuan(1'000'000));
}

TEST(Donation, ReachesHouseholdsThroughTownships) {
  Scenario s = small(1);
  DonationSpec d;
  d.amounts = {{2020, Money::from_yuan(10'000)}};
  d.allocation = {{Level::township, "equal", {}}, {Level::household, "poverty_gap", {}}};
  s.programmes.push_back({"gifts", "donation", "donations", IdleMoney::carry_over, {}, d});
  const VariantResult r = simulate(s, 1);
  const ProgrammeSeries& p = series(r, "gifts");
  EXPECT_EQ(money(p, "issued")[0], Money::from_yuan(10'000));
  EXPECT_EQ(money(p, "spent")[0], Money::from_yuan(10'000));
  expect_money_accounted(p);
}

// A channel whose budget cannot buy a unit holds it; at year end the programme's policy returns
// it to the source, loses it, or carries it over.
TEST(IdleMoney, ReturnedLostOrCarriedAtYearEnd) {
  for (IdleMoney policy : {IdleMoney::returned, IdleMoney::lost, IdleMoney::carry_over}) {
    Scenario s = small(1);
    SectorChannelSpec c;
    c.unit_cost = Money::from_yuan(1'000'000);
    c.budget = {{2020, Money::from_yuan(400'000)}};
    s.programmes.push_back({"water", "sector_channel", "sector_water", policy, {}, c});
    const VariantResult r = simulate(s, 1);
    const ProgrammeSeries& p = series(r, "water");
    const Money held = Money::from_yuan(400'000);
    EXPECT_EQ(money(p, "returned")[0], policy == IdleMoney::returned ? held : Money());
    EXPECT_EQ(money(p, "lost")[0], policy == IdleMoney::lost ? held : Money());
    EXPECT_EQ(money(p, "idle")[0], policy == IdleMoney::carry_over ? held : Money());
    expect_money_accounted(p);
  }
}

TEST(SectorChannel, BuysWholeUnitsAndCarriesTheRest) {
  Scenario s = small(2);
  s.dynamics = {0.0, 0.0, 0.0, 0.3};
  SectorChannelSpec c;
  c.channel = Channel::roads;
  c.unit = UnitKind::village;
  c.unit_cost = Money::from_yuan(1'000'000);
  c.budget = {{2020, Money::from_yuan(3'500'000)}, {2021, Money::from_yuan(500'000)}};
  c.order = "index";
  c.growth_uplift = 0.1;
  c.goal_year = 2021;
  s.programmes.push_back({"roads", "sector_channel", "sector_roads", IdleMoney::carry_over, {}, c});
  const VariantResult r = simulate(s, 2);
  const ProgrammeSeries& p = series(r, "roads");
  EXPECT_EQ(measure(p, "units_built"), (std::vector<double>{3, 1}));
  EXPECT_DOUBLE_EQ(measure(p, "coverage")[1], 4.0 / 18.0);
  EXPECT_EQ(measure(p, "units_short_of_goal")[1], 14);
  EXPECT_EQ(money(p, "spent"), (std::vector<Money>{Money::from_yuan(3'000'000), Money::from_yuan(1'000'000)}));
  EXPECT_EQ(money(p, "idle"), (std::vector<Money>{Money::from_yuan(500'000), Money()}));
  expect_money_accounted(p);
}

// With growth, noise and illness off, a village road raising growth by 10% raises its households'
// income by exactly 10% in the year it is built.
TEST(SectorChannel, BuiltVillageGrowsByItsUplift) {
  Scenario s = small(1);
  s.dynamics = {0.0, 0.0, 0.0, 0.3};
  Scenario with = s;
  SectorChannelSpec c;
  c.unit_cost = Money::from_yuan(1'000);
  c.budget = {{2020, Money::from_yuan(1'000)}};
  c.order = "index";
  c.growth_uplift = 0.1;
  with.programmes.push_back({"roads", "sector_channel", "sector_roads", IdleMoney::carry_over, {}, c});
  const VariantResult a = simulate(s, 1);
  const VariantResult b = simulate(with, 1);
  // Village 0 (20 households) grows by 10%: the mean rises by 10% of that village's income mass.
  EXPECT_GT(b.years[0].mean_income, a.years[0].mean_income);
}

TEST(PairedAssistance, RespectsCapacityAndReportsShortfall) {
  Scenario s = small(1);
  PairedAssistanceSpec pa;
  pa.units = {{"unit_a", {"C01"}, Money::from_yuan(100'000), 5}, {"unit_b", {"C01", "C02"}, Money::from_yuan(50'000), 3}};
  pa.allocation = {{Level::household, "equal", {}}};
  s.programmes.push_back({"helpers", "paired_assistance", "paired", IdleMoney::carry_over, {}, pa});
  const VariantResult r = simulate(s, 1);
  const ProgrammeSeries& p = series(r, "helpers");
  const double with = measure(p, "households_with_helper")[0];
  const double without = measure(p, "households_without_helper")[0];
  EXPECT_EQ(with, 8);  // both units full: counties 1 and 2 have far more than 8 registered households
  EXPECT_EQ(measure(p, "followed_by_unit_a")[0], 5);
  EXPECT_EQ(measure(p, "followed_by_unit_b")[0], 3);
  EXPECT_GT(without, 0);
  EXPECT_EQ(money(p, "issued")[0], Money::from_yuan(150'000));
  EXPECT_EQ(money(p, "spent")[0], Money::from_yuan(150'000));
  expect_money_accounted(p);
}

TEST(EastWest, AidFollowsItsGrowthSchedule) {
  Scenario s = small(4);
  EastWestSpec e;
  e.pairings = {{"Guangdong", {"C01", "C02"}}, {"Shanghai", {"C03"}}};
  e.aid_base = Money::from_yuan(1'000'000);
  e.aid_growth = 0.1;
  e.allocation = {{Level::household, "equal", {}}};
  e.investment_per_year = Money::from_yuan(2'000'000);
  e.jobs_per_million = 3;
  e.local_wage = 12'000;
  e.transfer_jobs_per_year = 4;
  e.migrant_wage = 30'000;
  e.remittance_share = 0.5;
  s.programmes.push_back({"ew", "east_west", "east_west_aid", IdleMoney::carry_over, {}, e});
  const VariantResult r = simulate(s, 2);
  const ProgrammeSeries& p = series(r, "ew");
  // Two donors, each base × 1.1^k, exact to the fen: 1,000,000; 1,100,000; 1,210,000; 1,331,000.
  const std::vector<Money> expected{Money::from_yuan(2'000'000), Money::from_yuan(2'200'000), Money::from_yuan(2'420'000),
                                    Money::from_yuan(2'662'000)};
  EXPECT_EQ(money(p, "issued"), expected);
  // Jobs: 6 local jobs per donor per year (2,000,000 yuan × 3 per million), 4 transfers per donor.
  EXPECT_EQ(measure(p, "local_jobs")[0], 12);
  EXPECT_EQ(measure(p, "migrant_workers")[0], 8);
  EXPECT_EQ(measure(p, "paired_counties")[0], 3);
  EXPECT_EQ(measure(p, "counties_with_several_donors")[0], 0);
  expect_money_accounted(p);
}

// Aid grows as a budget does: each year's aid is the previous year's plus growth × it, rounded to
// the fen. 15 fen at 10%: 16.5 -> 17, then 18.7 -> 19 (not 15 × 1.21 = 18.15 -> 18).
TEST(EastWest, AidCompoundsInWholeFen) {
  EastWestSpec e;
  e.aid_base = Money::from_fen(15);
  e.aid_growth = 0.1;
  EXPECT_EQ(EastWest::aid(e, 2020, 2020).fen(), 15);
  EXPECT_EQ(EastWest::aid(e, 2020, 2021).fen(), 17);
  EXPECT_EQ(EastWest::aid(e, 2020, 2022).fen(), 19);
  e.aid_base = Money::from_yuan(4'000'000);
  EXPECT_EQ(EastWest::aid(e, 2008, 2010), Money::from_yuan(4'840'000));
}

TEST(Microcredit, LoansAreConservedAcrossYears) {
  Scenario s = small(5);
  MicrocreditSpec m;
  m.loans = {{2020, 20}, {2021, 20}, {2022, 10}};
  m.loan_amount = Money::from_yuan(10'000);
  m.term_years = 3;
  m.interest_rate = 0.0475;
  m.subsidy_share = 0.5;
  m.default_probability = 0.1;
  s.population.household_size = {2, 3, 0.5};
  s.population.labour_probability = 1.0;
  s.programmes.push_back({"loans", "microcredit", "poverty_loans", IdleMoney::carry_over, {}, m});
  const VariantResult r = simulate(s, 2);
  const ProgrammeSeries& p = series(r, "loans");
  // Loans finance household projects: the principal lent is what the programme spent.
  const auto spent = money(p, "spent");
  const Money principal = std::accumulate(spent.begin(), spent.end(), Money());
  EXPECT_EQ(principal, Money::from_yuan(10'000) * 50);
  // Issued = principal + the interest subsidy (both leave the programme's source accounts).
  const auto issued = money(p, "issued");
  const Money subsidy = std::accumulate(issued.begin(), issued.end(), Money()) - principal;
  EXPECT_DOUBLE_EQ(subsidy.yuan(), measure(p, "interest_subsidy").back());
  EXPECT_GT(subsidy.fen(), 0);
  // Principal lent = repaid + written off + outstanding.
  const double repaid = measure(p, "principal_repaid").back();
  const double written_off = measure(p, "principal_written_off").back();
  const double outstanding = measure(p, "principal_outstanding").back();
  EXPECT_DOUBLE_EQ(repaid + written_off + outstanding, principal.yuan());
  EXPECT_EQ(balance_of(r, "loans/repaid").yuan(), repaid);
  EXPECT_GT(written_off, 0);
  // The subsidy stream paid half the interest (rounded up per loan): the interest account holds it.
  EXPECT_GT(balance_of(r, "loans/interest").fen(), 0);
}

TEST(MutualAidFund, LedgerMatchesEveryFundAcrossYears) {
  Scenario s = small(6);
  MutualAidFundSpec m;
  m.seed_year = 2020;
  m.villages = 4;
  m.seed_capital = Money::from_yuan(50'000);
  m.loan_amount = Money::from_yuan(3'000);
  m.fee_rate = 0.06;
  m.default_probability = 0.1;
  s.programmes.push_back({"mutual", "mutual_aid_fund", "mutual_aid", IdleMoney::carry_over, {}, m});
  const VariantResult r = simulate(s, 2);
  const ProgrammeSeries& p = series(r, "mutual");
  EXPECT_EQ(measure(p, "funds").back(), 4);
  // Fund cash in the results equals the ledger's fund accounts; cash + lent = seed + fees − losses.
  const Money cash = sum_kind(r, "mutual/", "fund");
  EXPECT_DOUBLE_EQ(cash.yuan(), measure(p, "fund_cash").back());
  EXPECT_EQ(sum_kind(r, "mutual/", "lent"), Money());  // all one-year loans settled at year end
  EXPECT_DOUBLE_EQ(cash.yuan(), 4 * 50'000.0 + measure(p, "fees").back() - measure(p, "losses").back());
  EXPECT_GT(measure(p, "fees").back(), 0);
}

TEST(VillagePackage, PriorityVillagesGoFirstUntilTheDeadline) {
  Scenario s = small(3);
  s.population.border_share = 0.3;
  VillagePackageSpec v;
  v.cohorts = {{2020, 3, 0}, {2021, 3, 0}, {2022, 3, 0}};
  v.tranches = {{1, Money::from_yuan(100'000)}};
  v.allocation = {{Level::household, "equal", {}}};
  v.priority_categories = kBorder;
  v.priority_deadline = 2021;
  s.programmes.push_back({"villages", "village_package", "village_fund", IdleMoney::carry_over, {}, v});
  const VariantResult r = simulate(s, 1);
  const ProgrammeSeries& p = series(r, "villages");
  const auto waiting = measure(p, "priority_villages_waiting");
  EXPECT_EQ(measure(p, "villages_selected"), (std::vector<double>{3, 6, 9}));
  // Waiting priority villages only fall until the deadline, by up to a cohort a year.
  EXPECT_LE(waiting[1], waiting[0]);
  expect_money_accounted(p);
}

TEST(FundIntegration, TakesOverCountyMoneyOfItsSources) {
  Scenario s = small(1);
  SpecialFundSpec f;
  f.appropriations = {{2020, Money::from_yuan(600'000)}};
  f.allocation = {{Level::county, "equal", {}}, {Level::household, "equal", {}}};
  s.programmes.push_back({"fund", "special_fund", "special_fiscal_fund", IdleMoney::carry_over, {}, f});
  FundIntegrationSpec integ;
  integ.sources = {"fund"};
  integ.allocation = {{Level::household, "poverty_gap", {}}};
  s.programmes.push_back({"county_plan", "fund_integration", "integrated", IdleMoney::carry_over, {}, integ});
  const VariantResult r = simulate(s, 1);
  EXPECT_EQ(money(series(r, "fund"), "issued")[0], Money::from_yuan(600'000));
  EXPECT_EQ(money(series(r, "fund"), "spent")[0], Money());
  EXPECT_EQ(money(series(r, "county_plan"), "spent")[0], Money::from_yuan(600'000));
}

TEST(ProgrammeKinds, SameResultsForAnyThreadCount) {
  Scenario s = small(3);
  SpecialFundSpec f;
  f.appropriations = {{2020, Money::from_yuan(600'000)}, {2021, Money::from_yuan(600'000)}};
  f.allocation = {{Level::county, "per_poor_person", {}}, {Level::village, "poverty_gap", {}}, {Level::household, "equal", {}}};
  s.programmes.push_back({"fund", "special_fund", "special_fiscal_fund", IdleMoney::carry_over, {}, f});
  MicrocreditSpec m;
  m.loans = {{2020, 10}};
  m.loan_amount = Money::from_yuan(5'000);
  s.programmes.push_back({"loans", "microcredit", "poverty_loans", IdleMoney::carry_over, {}, m});
  MutualAidFundSpec mf;
  mf.seed_year = 2020;
  mf.villages = 3;
  mf.seed_capital = Money::from_yuan(20'000);
  mf.loan_amount = Money::from_yuan(2'000);
  s.programmes.push_back({"mutual", "mutual_aid_fund", "mutual_aid", IdleMoney::carry_over, {}, mf});
  const VariantResult one = simulate(s, 1);
  const VariantResult four = simulate(s, 4);
  ASSERT_EQ(one.years.size(), four.years.size());
  for (std::size_t y = 0; y < one.years.size(); ++y) {
    EXPECT_EQ(one.years[y].mean_income, four.years[y].mean_income);
    EXPECT_EQ(one.years[y].fgt2, four.years[y].fgt2);
    EXPECT_EQ(one.years[y].spent, four.years[y].spent);
  }
  EXPECT_EQ(one.ledger.balances, four.ledger.balances);
}

}  // namespace
}  // namespace fupin::models

namespace fupin::models {
namespace {

// Workers placed by east–west labour transfer earn the programme's remittance only: they are not
// also trained migrants of the interventions (whose remittance would otherwise be paid twice).
TEST(EastWest, TransferredWorkersAreNotPaidTheMigrantRemittanceToo) {
  Scenario s = small(2);
  EastWestSpec e;
  e.pairings = {{"Guangdong", {"C01", "C02", "C03"}}};
  e.transfer_jobs_per_year = 30;
  e.migrant_wage = 30'000;
  e.remittance_share = 0.5;
  s.programmes.push_back({"ew", "east_west", "east_west_aid", IdleMoney::carry_over, {}, e});
  Scenario generous = s;
  generous.interventions.remittance = 1'000'000;
  const VariantResult a = simulate(s, 1);
  const VariantResult b = simulate(generous, 1);
  EXPECT_EQ(measure(series(a, "ew"), "migrant_workers").back(), 60);
  EXPECT_EQ(a.years.back().mean_income, b.years.back().mean_income);
}

}  // namespace
}  // namespace fupin::models

namespace fupin::models {
namespace {

// Helper units split their money with any rule: the candidate table has every column (the
// performance rule reads the county assessment, which paired assistance once left out).
TEST(PairedAssistance, SplitsWithRulesThatReadEveryColumn) {
  for (const char* rule : {"performance", "priority", "cause_matched", "poorest_first"}) {
    Scenario s = small(1);
    PairedAssistanceSpec pa;
    pa.units = {{"unit_a", {"C01"}, Money::from_yuan(100'000), 5}};
    pa.allocation = {{Level::household, rule, {}}};
    s.programmes.push_back({"helpers", "paired_assistance", "paired", IdleMoney::carry_over, {}, pa});
    const VariantResult r = simulate(s, 1);
    EXPECT_EQ(money(series(r, "helpers"), "spent")[0], Money::from_yuan(100'000)) << rule;
  }
}

}  // namespace
}  // namespace fupin::models

namespace fupin::models {
namespace {

// A village road bought in 2020 with one year of construction lowers its households' costs (an
// income gain per person) from 2021 on, not in 2020.
TEST(SectorChannel, UnitsWorkOnlyAfterConstruction) {
  Scenario base = small(2);
  Scenario with = base;
  SectorChannelSpec c;
  c.unit_cost = Money::from_yuan(1'000);
  c.budget = {{2020, Money::from_yuan(1'000)}};
  c.order = "index";
  c.income_gain = 100;
  c.construction_years = 1;
  with.programmes.push_back({"roads", "sector_channel", "sector_roads", IdleMoney::carry_over, {}, c});
  const VariantResult a = simulate(base, 1);
  const VariantResult b = simulate(with, 1);
  EXPECT_EQ(a.years[0].mean_income, b.years[0].mean_income);
  EXPECT_GT(b.years[1].mean_income, a.years[1].mean_income);
  EXPECT_EQ(measure(series(b, "roads"), "units_built")[0], 1);
}

}  // namespace
}  // namespace fupin::models
