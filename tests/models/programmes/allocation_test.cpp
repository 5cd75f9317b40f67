#include "models/programmes/allocation.hpp"

#include <gtest/gtest.h>

#include "../test_world.hpp"

namespace fupin::models {
namespace {

using sim::Money;

// One township, three villages of three households; line 3000.
//   village 0: sizes 2, 3, 1; incomes 1000, 2000, 5000 -> registered: households 0, 1
//   village 1: sizes 4, 1, 2; incomes 2500, 500, 2999 -> registered: households 3, 4, 5
//   village 2: nobody registered
struct Fixture {
  Scenario scenario = testing::quiet_scenario(1, 1, 3, 3);
  sim::Engine engine{1, 1};
  SimulationState s{scenario, build_world(scenario.geography), engine, builtin_rules()};
  sim::StreamId stream;
  sim::AccountId source;
  std::vector<AllocationStage> stages;

  Fixture() {
    auto& h = s.world.households;
    h.size = {2, 3, 1, 4, 1, 2, 3, 3, 3};
    h.income = {1000, 2000, 5000, 2500, 500, 2999, 4000, 4000, 4000};
    h.flags = {kRegistered, kRegistered, 0, kRegistered, kRegistered, kRegistered, 0, 0, 0};
    s.open_region_accounts();
    stream = s.ledger.add_stream("test");
    source = s.ledger.add_account("source/test", "source", true);
  }

  Money allocate(Money amount) {
    s.global_journal.post(source, s.township_account[0], amount, sim::Date::from_civil(2020, 3, 1), stream);
    const AllocationRequest req{0, amount, &stages, ProjectSpec{0.15, 1}, stream, sim::Date::from_civil(2020, 3, 1)};
    const Money spent = allocate_from_township(s, 0, req);
    s.ledger.apply({&s.global_journal, &s.lp[0].journal});
    s.ledger.close_year(2020);
    return spent;
  }
};

// Worked by hand: 1,000,000 fen, equal per village over the two villages with registered
// households (500,000 each), then per poor person. Village 0: 2:3 -> 200,000 / 300,000.
// Village 1: 4:1:2 of 500,000 -> quotas 285,714.29 / 71,428.57 / 142,857.14, floors sum to
// 499,999, the leftover fen goes to the largest remainder (0.57): 285,714 / 71,429 / 142,857.
TEST(TownshipAllocation, VillageThenHouseholdByHand) {
  Fixture f;
  f.stages = {{Level::village, "equal"}, {Level::household, "per_poor_person"}};
  const Money spent = f.allocate(Money::from_fen(1'000'000));
  EXPECT_EQ(spent.fen(), 1'000'000);
  const auto& h = f.s.world.households;
  const std::vector<std::int64_t> expected{200'000, 300'000, 0, 285'714, 71'429, 142'857, 0, 0, 0};
  EXPECT_EQ(h.received_fen, expected);
  EXPECT_EQ(f.s.ledger.balance(f.s.township_account[0]).fen(), 0);
  EXPECT_EQ(f.s.ledger.balance(f.s.projects_account[0]).fen(), 500'000);
  EXPECT_EQ(f.s.ledger.balance(f.s.projects_account[1]).fen(), 500'000);
  EXPECT_EQ(f.s.ledger.balance(f.s.projects_account[2]).fen(), 0);
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
  f.stages = {{Level::household, "poverty_gap"}};
  const Money spent = f.allocate(Money::from_fen(115'020));
  EXPECT_EQ(spent.fen(), 115'020);
  const std::vector<std::int64_t> expected{40'000, 30'000, 0, 20'000, 25'000, 20, 0, 0, 0};
  EXPECT_EQ(f.s.world.households.received_fen, expected);
  EXPECT_EQ(f.s.ledger.balance(f.s.projects_account[0]).fen(), 70'000);
  EXPECT_EQ(f.s.ledger.balance(f.s.projects_account[1]).fen(), 45'020);
}

TEST(TownshipAllocation, NoRegisteredHouseholdLeavesMoneyIdle) {
  Fixture f;
  f.s.world.households.flags.assign(9, 0);
  f.stages = {{Level::village, "equal"}, {Level::household, "equal"}};
  const Money spent = f.allocate(Money::from_fen(1'000'000));
  EXPECT_EQ(spent.fen(), 0);
  EXPECT_EQ(f.s.ledger.balance(f.s.township_account[0]).fen(), 1'000'000);
}

}  // namespace
}  // namespace fupin::models
