#include "models/programmes/allocation.hpp"

#include <gtest/gtest.h>

#include "../test_world.hpp"

namespace fupin::models {
namespace {

using sim::Money;

std::vector<std::int64_t> test_fen(const std::vector<Money>& parts) {
  std::vector<std::int64_t> out;
  out.reserve(parts.size());
  for (const Money& m : parts) out.push_back(m.fen());
  return out;
}

// One township, three villages of three households; line 3000.
//   village 0: sizes 2, 3, 1; incomes 1000, 2000, 5000 -> registered: households 0, 1
//   village 1: sizes 4, 1, 2; incomes 2500, 500, 2999 -> registered: households 3, 4, 5
//   village 2: nobody registered
struct Fixture {
  Scenario scenario = testing::quiet_scenario(1, 1, 3, 3);
  sim::Engine engine{1, 1};
  SimulationState s{scenario, build_world(scenario.geography), engine, builtin_rules()};
  ProgrammeSpec spec{"pkg", "fund", IdleMoney::carry_over, {}, TownshipPackageSpec{}};
  ProgrammeAccounts accounts;
  HeldMoney held{s.world};
  std::vector<AllocationStage> stages;
  const sim::Date date = sim::Date::from_civil(2020, 3, 1);

  Fixture() {
    auto& h = s.world.households;
    h.size = {2, 3, 1, 4, 1, 2, 3, 3, 3};
    h.income = {1000, 2000, 5000, 2500, 500, 2999, 4000, 4000, 4000};
    h.flags = {kRegistered, kRegistered, 0, kRegistered, kRegistered, kRegistered, 0, 0, 0};
    const Level levels[] = {Level::township, Level::village};
    accounts = open_programme_accounts(s, s.world, 0, spec, levels, true);
  }

  FlowPlan plan() {
    FlowPlan p;
    p.accounts = &accounts;
    p.held = &held;
    p.stages = stages;
    p.project.return_rate = 0.15;
    p.project.lag_years = 1;
    p.admin_cost = &spec.admin_cost;
    p.date = date;
    return p;
  }

  Money allocate(Money amount, bool close = true) {
    s.global_journal.post(accounts.source, accounts.township[0], amount, date, accounts.stream);
    const FlowPlan p = plan();
    const Money spent =
        flow_down(FlowScope::local(s, 0), s.lp[0].journal, p, Level::township, 0, amount)
            .to_households;
    s.ledger.apply({&s.global_journal, &s.lp[0].journal});
    if (close) s.ledger.close_year(2020);
    return spent;
  }
};

// Worked by hand: 1,000,000 fen, equal per village over the two villages with registered
// households (500,000 each), then per poor person. Village 0: 2:3 -> 200,000 / 300,000.
// Village 1: 4:1:2 of 500,000 -> quotas 285,714.29 / 71,428.57 / 142,857.14, floors sum to
// 499,999, the leftover fen goes to the largest remainder (0.57): 285,714 / 71,429 / 142,857.
TEST(TownshipAllocation, VillageThenHouseholdByHand) {
  Fixture f;
  f.stages = {{Level::village, "equal", {}}, {Level::household, "per_poor_person", {}}};
  const Money spent = f.allocate(Money::from_fen(1'000'000));
  EXPECT_EQ(spent.fen(), 1'000'000);
  const auto& h = f.s.world.households;
  const std::vector<std::int64_t> expected{200'000, 300'000, 0, 285'714, 71'429, 142'857, 0, 0, 0};
  EXPECT_EQ(h.received_fen.values(), expected);
  EXPECT_EQ(f.s.ledger.balance(f.accounts.township[0]).fen(), 0);
  EXPECT_EQ(f.s.ledger.balance(f.accounts.projects[0]).fen(), 500'000);
  EXPECT_EQ(f.s.ledger.balance(f.accounts.projects[1]).fen(), 500'000);
  EXPECT_EQ(f.s.ledger.balance(f.accounts.projects[2]).fen(), 0);
  // Projects: return 0.15 × amount / size per person, from the next year.
  const auto& pending = f.s.lp[0].pending;
  ASSERT_EQ(pending.size(), 5U);
  EXPECT_EQ(pending[0].household, 0U);
  EXPECT_EQ(pending[0].first_return_year, 2021);
  EXPECT_DOUBLE_EQ(pending[0].return_per_capita, 0.15 * 2000.0 / 2.0);
}

// Worked by hand: poverty gaps size × (3000 − y): 4000, 3000, 0, 2000, 2500, 2 (total 11,502).
// 115,020 fen split: 40,000 / 30,000 / 20,000 / 25,000 / 20 exactly.
TEST(TownshipAllocation, HouseholdsByPovertyGapAcrossTheTownship) {
  Fixture f;
  f.stages = {{Level::household, "poverty_gap", {}}};
  const Money spent = f.allocate(Money::from_fen(115'020));
  EXPECT_EQ(spent.fen(), 115'020);
  const std::vector<std::int64_t> expected{40'000, 30'000, 0, 20'000, 25'000, 20, 0, 0, 0};
  EXPECT_EQ(f.s.world.households.received_fen.values(), expected);
  EXPECT_EQ(f.s.ledger.balance(f.accounts.projects[0]).fen(), 70'000);
  EXPECT_EQ(f.s.ledger.balance(f.accounts.projects[1]).fen(), 45'020);
}

TEST(TownshipAllocation, NoRegisteredHouseholdLeavesMoneyIdle) {
  Fixture f;
  f.s.world.households.flags.assign(9, 0);
  f.stages = {{Level::village, "equal", {}}, {Level::household, "equal", {}}};
  const Money spent = f.allocate(Money::from_fen(1'000'000));
  EXPECT_EQ(spent.fen(), 0);
  EXPECT_EQ(f.s.ledger.balance(f.accounts.township[0]).fen(), 1'000'000);
  EXPECT_EQ(f.held.township[0].fen(), 1'000'000);
}

// Held money is offered again with the next arrival: 1,000,000 fen waits, then 500 more arrive
// when households are registered, and all 1,000,500 fen go out.
TEST(TownshipAllocation, HeldMoneyIsCarriedToTheNextArrival) {
  Fixture f;
  auto flags = f.s.world.households.flags;
  f.s.world.households.flags.assign(9, 0);
  f.stages = {{Level::household, "equal", {}}};
  EXPECT_EQ(f.allocate(Money::from_fen(1'000'000), false).fen(), 0);
  f.s.world.households.flags = flags;
  EXPECT_EQ(f.allocate(Money::from_fen(500)).fen(), 1'000'500);
  EXPECT_EQ(f.held.township[0].fen(), 0);
  EXPECT_EQ(f.s.ledger.balance(f.accounts.township[0]).fen(), 0);
}

// Administrative cost: 2% at township level is retained on arrival (rounded to the nearest fen),
// the rest is split: 1,000,001 fen -> 20,000 fen admin (20,000.02), 980,001 to households.
TEST(TownshipAllocation, AdminCostIsRetainedAtItsLevel) {
  Fixture f;
  f.spec.admin_cost[Level::township] = 0.02;
  f.stages = {{Level::household, "equal", {}}};
  const Money spent = f.allocate(Money::from_fen(1'000'001));
  EXPECT_EQ(spent.fen(), 980'001);
  EXPECT_EQ(f.s.ledger.balance(f.accounts.admin).fen(), 20'000);
  EXPECT_EQ(f.s.ledger.balance(f.accounts.township[0]).fen(), 0);
}

// The rate is the decimal written and the product is rounded once, halves away from zero:
// 1.5% of 1,000 fen is exactly 15 fen (the binary 0.015 is a little less, and flooring its
// product gave 14), and 2% of 1,000,025 fen is 20,000.5 fen, which rounds to 20,001.
TEST(TownshipAllocation, AdminCostIsTheWrittenRateRoundedToTheNearestFen) {
  const std::map<Level, double> rates{{Level::township, 0.015}, {Level::village, 0.02}};
  EXPECT_EQ(admin_share(Money::from_fen(1'000), &rates, Level::township).fen(), 15);
  EXPECT_EQ(admin_share(Money::from_fen(1'000'025), &rates, Level::village).fen(), 20'001);
  EXPECT_EQ(admin_share(Money::from_fen(1'000'025), &rates, Level::county).fen(), 0);
  EXPECT_EQ(admin_share(Money::from_fen(1'000'025), nullptr, Level::village).fen(), 0);
  Fixture f;
  f.spec.admin_cost[Level::township] = 0.015;
  f.stages = {{Level::household, "equal", {}}};
  EXPECT_EQ(f.allocate(Money::from_fen(1'000)).fen(), 985);
  EXPECT_EQ(f.s.ledger.balance(f.accounts.admin).fen(), 15);
}

// Priority categories above the village level (a county's categories were once OR-ed over its
// villages, so `priority` at county level split like `per_poor_person`). One county, two
// townships of two villages, one poor person in each village: township 0 has one ethnic-minority
// village of two, township 1 two of two. A region's category value is the share of its villages
// in the category: 0.5 and 1.
struct TwoTownships {
  Scenario scenario = testing::quiet_scenario(1, 2, 2, 1);
  sim::Engine engine{1, 1};
  SimulationState s{scenario, build_world(scenario.geography), engine, builtin_rules()};
  CandidateTable table;

  TwoTownships() {
    auto& h = s.world.households;
    h.size = {1, 1, 1, 1};
    h.income = {1000, 1000, 1000, 1000};
    h.flags = {kRegistered, kRegistered, kRegistered, kRegistered};
    s.world.village_state.priority = {kEthnicMinority, 0, kEthnicMinority, kEthnicMinority};
    const std::vector<std::uint32_t> regions{0, 1};
    std::vector<RegionStats> stats;
    stats.reserve(regions.size());
    for (std::uint32_t t : regions)
      stats.push_back(region_stats(s.world, Level::township, t, 3000));
    table = region_candidates(s.world, s.signals, Level::township, stats, regions, 0.15);
  }
};

TEST(RegionCandidates, PriorityAboveTheVillageIsTheShareOfPriorityVillages) {
  TwoTownships f;
  RuleParams p;
  p.weights = {{"ethnic_minority", 1}};
  // Weights: 2 poor people × (1 + 0.5) = 3 and 2 × (1 + 1) = 4.
  EXPECT_EQ(test_fen(rules::priority(Money::from_fen(7'000), f.table, p)),
            (std::vector<std::int64_t>{3'000, 4'000}));
}

TEST(RegionCandidates, FormulaAboveTheVillageReadsTheShareOfPriorityVillages) {
  TwoTownships f;
  RuleParams p;
  p.formula = "poor_people * (1 + ethnic_minority)";
  EXPECT_EQ(test_fen(rules::formula(Money::from_fen(7'000), f.table, p)),
            (std::vector<std::int64_t>{3'000, 4'000}));
}

TEST(RegionCandidates, FactorPriorityAboveTheVillageCountsSharesOfPriorityVillages) {
  TwoTownships f;
  RuleParams p;
  p.weights = {{"priority", 1}};
  // Expected categories per village: 0.5 and 1 -> a third and two thirds.
  EXPECT_EQ(test_fen(rules::factor(Money::from_fen(3'000), f.table, p)),
            (std::vector<std::int64_t>{1'000, 2'000}));
}

// A county's local event sees only its own county state: money that reaches another county's
// households through it is an error, never a silent write into a state another thread owns. The
// global phase reaches every county.
TEST(FlowScope, ALocalScopeHoldsOnlyItsCountysState) {
  const Scenario scenario = testing::quiet_scenario(3, 1, 1, 2);
  sim::Engine engine{3, 1};
  SimulationState s{scenario, build_world(scenario.geography), engine, builtin_rules()};
  const FlowScope local = FlowScope::local(s, 1);
  EXPECT_EQ(&local.county(1), &s.lp[1]);
  EXPECT_THROW((void)local.county(0), std::logic_error);
  EXPECT_THROW((void)local.county(2), std::logic_error);
  const FlowScope global = FlowScope::global(s);
  for (std::size_t c = 0; c < 3; ++c) EXPECT_EQ(&global.county(c), &s.lp[c]);
}

// to_households from county 0's local scope over county 1's villages stops at the first
// household it would book into county 1's state.
TEST(FlowScope, MoneyReachingAnotherCountysHouseholdsFromALocalScopeThrows) {
  const Scenario scenario = testing::quiet_scenario(2, 1, 1, 2);
  sim::Engine engine{2, 1};
  SimulationState s{scenario, build_world(scenario.geography), engine, builtin_rules()};
  auto& h = s.world.households;
  for (std::size_t i = 0; i < h.count(); ++i) {
    h.size[i] = 2;
    h.income[i] = 1000;
    h.flags[i] = kRegistered;
  }
  ProgrammeSpec spec{"pkg", "fund", IdleMoney::carry_over, {}, TownshipPackageSpec{}};
  const Level levels[] = {Level::village};
  const ProgrammeAccounts accounts = open_programme_accounts(s, s.world, 0, spec, levels, true);
  HeldMoney held{s.world};
  FlowPlan plan;
  plan.accounts = &accounts;
  plan.held = &held;
  plan.project.return_rate = 0.15;
  plan.admin_cost = &spec.admin_cost;
  plan.date = sim::Date::from_civil(2020, 3, 1);
  const AllocationStage stage{Level::household, "equal", {}};
  const Range county1_villages{1, 2};
  EXPECT_THROW(to_households(FlowScope::local(s, 0), s.lp[0].journal, plan, accounts.village[1],
                             county1_villages, Money::from_fen(10'000), stage),
               std::logic_error);
  EXPECT_GT(to_households(FlowScope::local(s, 1), s.lp[1].journal, plan, accounts.village[1],
                          county1_villages, Money::from_fen(10'000), stage)
                .fen(),
            0);
}

// The room reserve_households makes is the room household candidates take: adding as many
// moves no column (to_households reserves for the registered households before adding them).
TEST(HouseholdCandidates, ReservedRoomHoldsEveryColumnTheyFill) {
  Fixture f;
  CandidateTable c;
  const std::size_t n = f.s.world.households.count();
  c.reserve_households(n);
  const auto columns = [&c] {
    return std::vector<const void*>{
        c.people.data(),     c.poor_people.data(),     c.poverty_gap.data(),    c.income.data(),
        c.households.data(), c.poor_households.data(), c.need.data(),           c.assessment.data(),
        c.priority.data(),   c.cause.data(),           c.priority_share.data(), c.eligible.data()};
  };
  const std::vector<const void*> before = columns();
  for (std::uint32_t i = 0; i < n; ++i)
    add_household_candidate(f.s.world, f.s.signals, c, i, 3000.0, 0.15);
  EXPECT_EQ(c.size(), n);
  EXPECT_EQ(columns(), before);
  // Every column a household fills was filled, so every one of them was reserved.
  for (std::size_t k : {c.people.size(), c.poor_people.size(), c.poverty_gap.size(),
                        c.income.size(), c.households.size(), c.poor_households.size(),
                        c.need.size(), c.assessment.size(), c.priority.size(), c.cause.size()}) {
    EXPECT_EQ(k, n);
  }
}

}  // namespace
}  // namespace fupin::models
