// Every programme kind run through the whole simulation on small worlds, checking its money
// against the ledger and its own promises (growth schedules, capacities, coverage, conservation).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "../test_world.hpp"
#include "models/programmes/east_west.hpp"
#include "models/programmes/unit_check.hpp"
#include "models/simulation/simulation.hpp"
#include "models/world/population.hpp"

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
  EXPECT_EQ(total("issued"), total("spent") + total("admin") + money(p, "idle").back() +
                                 money(p, "saved").back() + total("returned") + total("lost"))
      << p.name;
}

TEST(SpecialFund, FlowsFromProvinceThroughCountiesToHouseholds) {
  Scenario s = small(2);
  SpecialFundSpec f;
  f.amounts = {{2020, Money::from_yuan(1'000'000)}, {2021, Money::from_yuan(2'000'000)}};
  f.allocation = {{Level::county, "per_poor_person", {}}, {Level::household, "poverty_gap", {}}};
  s.programmes.push_back(
      {"fund", "special_fiscal_fund", IdleMoney::carry_over, {{Level::county, 0.05}}, f});
  const VariantResult r = simulate(s, 2);
  const ProgrammeSeries& p = series(r, "fund");
  EXPECT_EQ(money(p, "issued"),
            (std::vector<Money>{Money::from_yuan(1'000'000), Money::from_yuan(2'000'000)}));
  // 5% retained at county level, each county's part rounded to the nearest fen: with three counties
  // the total is within 1 fen of 5% of the whole.
  const Money admin = money(p, "admin")[0];
  EXPECT_LE(admin, Money::from_yuan(50'000) + Money::from_fen(1));
  EXPECT_GE(admin, Money::from_yuan(50'000) - Money::from_fen(1));
  expect_money_accounted(p);
  EXPECT_EQ(r.years[0].disbursed, Money::from_yuan(1'000'000));
}

// A first stage at household splits the province's money among every registered household of the
// province at once (the split spans counties); the result is the same for any thread count.
TEST(SpecialFund, HouseholdFirstStageReachesEveryRegisteredHouseholdOfTheProvince) {
  Scenario s = small(2);
  SpecialFundSpec f;
  f.amounts = {{2020, Money::from_yuan(100'000)}, {2021, Money::from_yuan(50'000)}};
  f.allocation = {{Level::household, "equal", {}}};
  s.programmes.push_back({"fund", "special_fiscal_fund", IdleMoney::carry_over, {}, f});
  const VariantResult one = simulate(s, 1);
  const VariantResult two = simulate(s, 2);
  const ProgrammeSeries& p = series(one, "fund");
  EXPECT_EQ(money(p, "issued"),
            (std::vector<Money>{Money::from_yuan(100'000), Money::from_yuan(50'000)}));
  EXPECT_EQ(money(p, "spent"), money(p, "issued"));
  expect_money_accounted(p);
  ASSERT_EQ(one.years.size(), two.years.size());
  for (std::size_t y = 0; y < one.years.size(); ++y) {
    EXPECT_EQ(one.years[y].mean_income, two.years[y].mean_income);
    EXPECT_EQ(one.years[y].fgt2, two.years[y].fgt2);
  }
  ASSERT_EQ(one.ledger.flows.size(), two.ledger.flows.size());
  for (std::size_t k = 0; k < one.ledger.flows.size(); ++k)
    EXPECT_EQ(one.ledger.flows[k].amount, two.ledger.flows[k].amount);
}

TEST(Donation, ReachesHouseholdsThroughTownships) {
  Scenario s = small(1);
  DonationSpec d;
  d.amounts = {{2020, Money::from_yuan(10'000)}};
  d.allocation = {{Level::township, "equal", {}}, {Level::household, "poverty_gap", {}}};
  s.programmes.push_back({"gifts", "donations", IdleMoney::carry_over, {}, d});
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
    s.programmes.push_back({"water", "sector_water", policy, {}, c});
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
  s.programmes.push_back({"roads", "sector_roads", IdleMoney::carry_over, {}, c});
  const VariantResult r = simulate(s, 2);
  const ProgrammeSeries& p = series(r, "roads");
  EXPECT_EQ(measure(p, "units_built"), (std::vector<double>{3, 1}));
  EXPECT_DOUBLE_EQ(measure(p, "coverage")[1], 4.0 / 18.0);
  EXPECT_EQ(measure(p, "units_short_of_goal")[1], 14);
  EXPECT_EQ(money(p, "spent"),
            (std::vector<Money>{Money::from_yuan(3'000'000), Money::from_yuan(1'000'000)}));
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
  with.programmes.push_back({"roads", "sector_roads", IdleMoney::carry_over, {}, c});
  const VariantResult a = simulate(s, 1);
  const VariantResult b = simulate(with, 1);
  // Village 0 (20 households) grows by 10%: the mean rises by 10% of that village's income mass
  // (its earned income, the only component that grows) over the population. The population is
  // regenerated here from the same spec and seed, so the mass is known exactly.
  World w = build_world(s.geography);
  sim::Engine engine(static_cast<std::size_t>(s.geography.counties), 1);
  generate_population(w, s.population, s.seed, engine);
  double village_mass = 0;
  double people = 0;
  for (std::uint32_t i = 0; i < w.households.count(); ++i) {
    people += w.households.size[i];
    if (w.village_of(i) == 0) village_mass += w.households.size[i] * w.households.earned[i];
  }
  const double expected = 0.1 * village_mass / people;
  ASSERT_GT(expected, 0.0);
  EXPECT_NEAR(b.years[0].mean_income - a.years[0].mean_income, expected,
              1e-9 * a.years[0].mean_income);
}

// The housing channel makes houses safe: households that start in safe housing count as covered,
// and each renovated house is safe from the year it takes effect, so the share of households in
// safe housing rises by exactly the units built.
TEST(SectorChannel, HousingMakesHousesSafe) {
  Scenario s = small(1);
  s.population.safe_housing_share = 0.5;
  Scenario with = s;
  SectorChannelSpec c;
  c.channel = Channel::housing;
  c.unit = UnitKind::household;
  c.unit_cost = Money::from_yuan(10'000);
  c.budget = {{2020, Money::from_yuan(100'000)}};
  with.programmes.push_back({"housing", "housing_sector", IdleMoney::carry_over, {}, c});
  const VariantResult a = simulate(s, 1);
  const VariantResult b = simulate(with, 1);
  const ProgrammeSeries& p = series(b, "housing");
  EXPECT_EQ(measure(p, "units_built")[0], 10);
  const double households = static_cast<double>(a.years[0].households);
  EXPECT_DOUBLE_EQ(b.years[0].safe_housing_share * households,
                   a.years[0].safe_housing_share * households + 10);
  // Coverage is the share of households in safe housing.
  EXPECT_DOUBLE_EQ(measure(p, "coverage")[0], b.years[0].safe_housing_share);
}

TEST(PairedAssistance, RespectsCapacityAndReportsShortfall) {
  Scenario s = small(1);
  PairedAssistanceSpec pa;
  pa.units = {{"unit_a", {"C01"}, Money::from_yuan(100'000), 5},
              {"unit_b", {"C01", "C02"}, Money::from_yuan(50'000), 3}};
  pa.allocation = {{Level::household, "equal", {}}};
  s.programmes.push_back({"helpers", "paired", IdleMoney::carry_over, {}, pa});
  const VariantResult r = simulate(s, 1);
  const ProgrammeSeries& p = series(r, "helpers");
  const double with = measure(p, "households_with_helper")[0];
  const double without = measure(p, "households_without_helper")[0];
  EXPECT_EQ(with,
            8);  // both units full: counties 1 and 2 have far more than 8 registered households
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
  s.programmes.push_back({"ew", "east_west_aid", IdleMoney::carry_over, {}, e});
  const VariantResult r = simulate(s, 2);
  const ProgrammeSeries& p = series(r, "ew");
  // Two donors, each base × 1.1^k, exact to the fen: 1,000,000; 1,100,000; 1,210,000; 1,331,000.
  const std::vector<Money> expected{Money::from_yuan(2'000'000), Money::from_yuan(2'200'000),
                                    Money::from_yuan(2'420'000), Money::from_yuan(2'662'000)};
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
  s.programmes.push_back({"loans", "poverty_loans", IdleMoney::carry_over, {}, m});
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
  s.programmes.push_back({"mutual", "mutual_aid", IdleMoney::carry_over, {}, m});
  const VariantResult r = simulate(s, 2);
  const ProgrammeSeries& p = series(r, "mutual");
  EXPECT_EQ(measure(p, "funds").back(), 4);
  // Fund cash in the results equals the ledger's fund accounts; cash + lent = seed + fees − losses.
  const Money cash = sum_kind(r, "mutual/", "fund");
  EXPECT_DOUBLE_EQ(cash.yuan(), measure(p, "fund_cash").back());
  EXPECT_EQ(sum_kind(r, "mutual/", "lent"), Money());  // all one-year loans settled at year end
  EXPECT_DOUBLE_EQ(cash.yuan(),
                   4 * 50'000.0 + measure(p, "fees").back() - measure(p, "losses").back());
  EXPECT_GT(measure(p, "fees").back(), 0);
}

TEST(VillagePackage, PriorityVillagesGoFirstUntilTheDeadline) {
  Scenario s = small(3);
  s.population.border_share = 0.4;
  VillagePackageSpec v;
  v.cohorts = {{2020, 3, 0}, {2021, 3, 0}, {2022, 3, 0}};
  v.tranches = {{1, Money::from_yuan(100'000)}};
  v.allocation = {{Level::household, "equal", {}}};
  v.priority_categories = kBorder;
  v.priority_deadline = 2021;
  s.programmes.push_back({"villages", "village_fund", IdleMoney::carry_over, {}, v});
  const VariantResult r = simulate(s, 1);
  const ProgrammeSeries& p = series(r, "villages");
  const auto waiting = measure(p, "priority_villages_waiting");
  EXPECT_EQ(measure(p, "villages_selected"), (std::vector<double>{3, 6, 9}));
  // The border villages of the same world: more of them than one cohort takes, fewer than the
  // cohorts up to the deadline take, so the order of selection decides what the series shows.
  World w = build_world(s.geography);
  sim::Engine engine(w.counties.size(), 1);
  generate_population(w, s.population, s.seed, engine);
  double border = 0;
  for (std::uint8_t flags : w.village_state.priority) border += (flags & kBorder) != 0;
  ASSERT_GT(border, 3);
  ASSERT_LE(border, 6);
  // Until the deadline every cohort of 3 is taken from the waiting priority villages first, so
  // each cohort lowers the count by 3 until none waits (selecting the poorest villages whatever
  // their category would leave some waiting).
  EXPECT_EQ(waiting[0], border - 3);
  EXPECT_EQ(waiting[1], 0);
  EXPECT_EQ(waiting[2], 0);
  expect_money_accounted(p);
}

// One registered household without a safe house that stays poor, and a village package paying
// its village two tranches (no income returns, no shocks).
Scenario lumpy(Money first, Money second, ProjectType type) {
  Scenario s = small(2);
  s.geography = {1, 1, 1, 1, "C", {}};
  s.population.income = {1000, 0.1};
  s.population.household_size = {2, 0, 0.0};
  s.population.labour_probability = 1.0;
  s.population.safe_housing_share = 0;
  s.shocks.disability_probability = 0;
  s.shocks.disaster_probability = 0;
  s.interventions.housing_cost = 20'000;
  s.interventions.relocation_cost_per_person = 60'000;
  VillagePackageSpec v;
  v.cohorts = {{2020, 1, 0}};
  v.tranches = {{1, first}, {2, second}};
  v.allocation = {{Level::household, "equal", {}}};
  v.project.type = type;
  v.project.return_rate = 0;
  s.programmes.push_back({"houses", "housing", IdleMoney::carry_over, {}, v});
  return s;
}

// Each tranche is below the cost of a renovation; together they pay for it: the first is kept
// for the household, earmarked, and the second completes the house.
TEST(LumpyUnits, TwoTranchesBelowTheHousingCostBuyASafeHouse) {
  const VariantResult r =
      simulate(lumpy(Money::from_yuan(15'000), Money::from_yuan(15'000), ProjectType::housing), 1);
  EXPECT_EQ(r.years[0].safe_housing_share, 0.0);
  EXPECT_EQ(r.years[1].safe_housing_share, 1.0);
  const ProgrammeSeries& p = series(r, "houses");
  EXPECT_EQ(measure(p, "houses_renovated"), (std::vector<double>{0, 1}));
  EXPECT_EQ(money(p, "saved"), (std::vector<Money>{Money::from_yuan(15'000), Money()}));
  EXPECT_EQ(money(p, "spent"), (std::vector<Money>{Money(), Money::from_yuan(30'000)}));
  EXPECT_EQ(sum_kind(r, "houses/", "saved"), Money());
  expect_money_accounted(p);
}

// A unit the money never reaches: the savings stay earmarked at the end of the period, held in
// the programme's savings accounts, and the ledger still balances.
TEST(LumpyUnits, SavingsShortOfTheUnitStayEarmarkedAtTheEnd) {
  const VariantResult r = simulate(
      lumpy(Money::from_yuan(15'000), Money::from_yuan(15'000), ProjectType::relocation), 1);
  const ProgrammeSeries& p = series(r, "houses");
  EXPECT_EQ(measure(p, "households_relocated"), (std::vector<double>{0, 0}));
  EXPECT_EQ(money(p, "saved"),
            (std::vector<Money>{Money::from_yuan(15'000), Money::from_yuan(30'000)}));
  EXPECT_EQ(money(p, "spent"), (std::vector<Money>{Money(), Money()}));
  EXPECT_EQ(sum_kind(r, "houses/", "saved"), Money::from_yuan(30'000));
  Money total;
  for (const Money& b : r.ledger.balances.back()) total += b;
  EXPECT_EQ(total, Money());
  expect_money_accounted(p);
}

// Money above the cost buys the unit at once and the rest is an income project, as before.
TEST(LumpyUnits, OneTrancheAboveTheCostBuysTheUnitAtOnce) {
  const VariantResult r =
      simulate(lumpy(Money::from_yuan(25'000), Money::from_yuan(1'000), ProjectType::housing), 1);
  const ProgrammeSeries& p = series(r, "houses");
  EXPECT_EQ(r.years[0].safe_housing_share, 1.0);
  EXPECT_EQ(measure(p, "houses_renovated"), (std::vector<double>{1, 0}));
  // Already safe: the second tranche is an income project, nothing is saved.
  EXPECT_EQ(money(p, "saved"), (std::vector<Money>{Money(), Money()}));
  EXPECT_EQ(money(p, "spent"),
            (std::vector<Money>{Money::from_yuan(25'000), Money::from_yuan(1'000)}));
}

TEST(LumpyUnits, CheckWarnsWhenMoneyPerHouseholdCanNeverBuyTheUnit) {
  Scenario s = lumpy(Money::from_yuan(15'000), Money::from_yuan(15'000), ProjectType::relocation);
  const std::vector<std::string> w = unit_warnings(s);
  ASSERT_EQ(w.size(), 1U);
  EXPECT_NE(w[0].find("programme 'houses'"), std::string::npos) << w[0];
  EXPECT_NE(w[0].find("relocation"), std::string::npos) << w[0];
  // 30,000 yuan over the period buys a 20,000-yuan house: no warning.
  EXPECT_TRUE(
      unit_warnings(lumpy(Money::from_yuan(15'000), Money::from_yuan(15'000), ProjectType::housing))
          .empty());
  // One tranche of 15,000 yuan in the period can never buy it.
  Scenario one = lumpy(Money::from_yuan(15'000), Money::from_yuan(15'000), ProjectType::housing);
  one.end_year = one.start_year;
  EXPECT_EQ(unit_warnings(one).size(), 1U);
}

TEST(FundIntegration, TakesOverCountyMoneyOfItsSources) {
  Scenario s = small(1);
  SpecialFundSpec f;
  f.amounts = {{2020, Money::from_yuan(600'000)}};
  f.allocation = {{Level::county, "equal", {}}, {Level::household, "equal", {}}};
  s.programmes.push_back({"fund", "special_fiscal_fund", IdleMoney::carry_over, {}, f});
  FundIntegrationSpec integ;
  integ.sources = {"fund"};
  integ.allocation = {{Level::household, "poverty_gap", {}}};
  s.programmes.push_back({"county_plan", "integrated", IdleMoney::carry_over, {}, integ});
  const VariantResult r = simulate(s, 1);
  EXPECT_EQ(money(series(r, "fund"), "issued")[0], Money::from_yuan(600'000));
  EXPECT_EQ(money(series(r, "fund"), "spent")[0], Money());
  EXPECT_EQ(money(series(r, "county_plan"), "spent")[0], Money::from_yuan(600'000));
}

TEST(ProgrammeKinds, SameResultsForAnyThreadCount) {
  Scenario s = small(3);
  SpecialFundSpec f;
  f.amounts = {{2020, Money::from_yuan(600'000)}, {2021, Money::from_yuan(600'000)}};
  f.allocation = {{Level::county, "per_poor_person", {}},
                  {Level::village, "poverty_gap", {}},
                  {Level::household, "equal", {}}};
  s.programmes.push_back({"fund", "special_fiscal_fund", IdleMoney::carry_over, {}, f});
  MicrocreditSpec m;
  m.loans = {{2020, 10}};
  m.loan_amount = Money::from_yuan(5'000);
  s.programmes.push_back({"loans", "poverty_loans", IdleMoney::carry_over, {}, m});
  MutualAidFundSpec mf;
  mf.seed_year = 2020;
  mf.villages = 3;
  mf.seed_capital = Money::from_yuan(20'000);
  mf.loan_amount = Money::from_yuan(2'000);
  s.programmes.push_back({"mutual", "mutual_aid", IdleMoney::carry_over, {}, mf});
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
  s.programmes.push_back({"ew", "east_west_aid", IdleMoney::carry_over, {}, e});
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
    s.programmes.push_back({"helpers", "paired", IdleMoney::carry_over, {}, pa});
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
  with.programmes.push_back({"roads", "sector_roads", IdleMoney::carry_over, {}, c});
  const VariantResult a = simulate(base, 1);
  const VariantResult b = simulate(with, 1);
  EXPECT_EQ(a.years[0].mean_income, b.years[0].mean_income);
  EXPECT_GT(b.years[1].mean_income, a.years[1].mean_income);
  EXPECT_EQ(measure(series(b, "roads"), "units_built")[0], 1);
}

}  // namespace
}  // namespace fupin::models
