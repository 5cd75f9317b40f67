// Dynamic management: identification with errors and work teams, the exit review (income for N
// consecutive reviews and the non-income guarantees), county exit, the minimum living guarantee,
// and the initial guarantees of the synthetic population. Tolerances of rates are 5 binomial
// standard errors: |p̂ − p| ≤ 5 sqrt(p(1−p)/n).
#include "models/dynamics/management.hpp"

#include <cmath>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "../test_world.hpp"
#include "models/simulation/household_dynamics.hpp"
#include "models/world/population.hpp"

namespace fupin::models {
namespace {

double binomial_tolerance(double p, double n) { return 5.0 * std::sqrt(p * (1.0 - p) / n); }

constexpr std::uint8_t kAllGuarantees = kSafeHouse | kSchooling | kInsured;

struct Fixture {
  Scenario scenario;
  sim::Engine engine;
  SimulationState state;
  Households& h;
  LpYearCounters& counters;
  explicit Fixture(Scenario sc, unsigned threads = 1)
      : scenario(std::move(sc)),
        engine(static_cast<std::size_t>(scenario.geography.counties), threads),
        state(scenario, build_world(scenario.geography), engine, builtin_rules()),
        h(state.world.households),
        counters(state.lp[0].counters) {
    for (std::size_t i = 0; i < h.count(); ++i) {
      h.size[i] = 2;
      h.labourers[i] = 1;
      h.status[i] = kAllGuarantees;
    }
  }
  // Households with HouseholdEvent bit `bit` set this year.
  std::int64_t with_event(std::uint8_t bit) const {
    std::int64_t n = 0;
    for (std::uint8_t e : h.events) n += (e & bit) != 0;
    return n;
  }
  std::int64_t registered_in(Range r) const {
    std::int64_t n = 0;
    for (std::uint32_t i = r.begin; i < r.end; ++i) n += (h.flags[i] & kRegistered) != 0;
    return n;
  }
};

// ---- identification -----------------------------------------------------------------------------

TEST(Identification, WithoutErrorsRegistersExactlyTheHouseholdsBelowTheLine) {
  Fixture f(testing::quiet_scenario(1, 1, 1, 4));
  f.h.income = {1000, 2999.99, 3000, 4000};
  identify_poor(f.state, f.state.county(0), 2020);
  EXPECT_TRUE(f.h.flags[0] & kRegistered);
  EXPECT_TRUE(f.h.flags[1] & kRegistered);
  EXPECT_FALSE(f.h.flags[2] & kRegistered);  // exactly at the line is not poor
  EXPECT_FALSE(f.h.flags[3] & kRegistered);
  EXPECT_EQ(f.with_event(kNewlyRegisteredThisYear), 2);
  EXPECT_EQ(f.with_event(kReturnedThisYear), 0);
}

TEST(Identification, CountsReturnsToPoverty) {
  Fixture f(testing::quiet_scenario(1, 1, 1, 4));
  f.h.flags = {kExited, 0, kExited, 0};
  f.h.income = {1000, 1000, 5000, 5000};
  identify_poor(f.state, f.state.county(0), 2020);
  EXPECT_EQ(f.h.flags[0], kExited | kRegistered);
  EXPECT_EQ(f.h.flags[1], kRegistered);
  EXPECT_EQ(f.h.flags[2], kExited);
  EXPECT_EQ(f.with_event(kNewlyRegisteredThisYear), 2);
  EXPECT_EQ(f.with_event(kReturnedThisYear), 1);
}

TEST(Identification, LeavesRegisteredHouseholdsAlone) {
  Scenario sc = testing::quiet_scenario(1, 1, 1, 2);
  sc.management.exclusion_error = 1.0;
  Fixture f(sc);
  f.h.flags = {kRegistered, kRegistered | kExited};
  f.h.income = {1000, 9000};
  identify_poor(f.state, f.state.county(0), 2020);
  EXPECT_EQ(f.h.flags[0], kRegistered);
  EXPECT_EQ(f.h.flags[1], kRegistered | kExited);
  EXPECT_EQ(f.with_event(kNewlyRegisteredThisYear), 0);
  EXPECT_EQ(f.with_event(kReturnedThisYear), 0);
}

// Incomes 1000, 2999.99 (poor), 3000, 4499.99 (in the inclusion band [3000, 4500)), 4500, 9000.
Scenario band_scenario(double exclusion, double inclusion) {
  Scenario sc = testing::quiet_scenario(1, 1, 1, 6);
  sc.management.exclusion_error = exclusion;
  sc.management.inclusion_error = inclusion;
  sc.management.inclusion_band = 1.5;
  return sc;
}
const std::vector<double> kBandIncomes = {1000, 2999.99, 3000, 4499.99, 4500, 9000};

TEST(Identification, ExclusionErrorOneMissesEveryPoorHousehold) {
  Fixture f(band_scenario(1.0, 0.0));
  f.h.income = kBandIncomes;
  identify_poor(f.state, f.state.county(0), 2020);
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(f.h.flags[i], 0) << i;
  EXPECT_EQ(f.with_event(kNewlyRegisteredThisYear), 0);
}

TEST(Identification, InclusionErrorOneRegistersExactlyTheBand) {
  Fixture f(band_scenario(0.0, 1.0));
  f.h.income = kBandIncomes;
  identify_poor(f.state, f.state.county(0), 2020);
  const std::vector<bool> expected = {true, true, true, true, false, false};
  for (std::size_t i = 0; i < 6; ++i)
    EXPECT_EQ((f.h.flags[i] & kRegistered) != 0, expected[i]) << i;
  EXPECT_EQ(f.with_event(kNewlyRegisteredThisYear), 4);
}

TEST(Identification, BothErrorsOneInvertTheRegister) {
  Fixture f(band_scenario(1.0, 1.0));
  f.h.income = kBandIncomes;
  identify_poor(f.state, f.state.county(0), 2020);
  const std::vector<bool> expected = {false, false, true, true, false, false};
  for (std::size_t i = 0; i < 6; ++i)
    EXPECT_EQ((f.h.flags[i] & kRegistered) != 0, expected[i]) << i;
}

Scenario two_villages(int n, double exclusion, double inclusion, double factor) {
  Scenario sc = testing::quiet_scenario(1, 1, 2, n);
  sc.management.exclusion_error = exclusion;
  sc.management.inclusion_error = inclusion;
  sc.management.work_team_error_factor = factor;
  return sc;
}

// Village 0 has a work team, village 1 not. With error 1 and factor 0.5 the expected error in the
// team's village is exactly 0.5; without a team it is 1 (exact).
TEST(WorkTeam, HalvesTheExclusionError) {
  const int n = 10000;
  Fixture f(two_villages(n, 1.0, 0.0, 0.5));
  f.state.world.village_state.work_team = {1, 0};
  testing::set_all_incomes(f.h, 1000);
  identify_poor(f.state, f.state.county(0), 2020);
  const auto& v = f.state.world.villages.children;
  EXPECT_NEAR(static_cast<double>(f.registered_in(v[0])) / n, 0.5, binomial_tolerance(0.5, n));
  EXPECT_EQ(f.registered_in(v[1]), 0);
}

TEST(WorkTeam, HalvesTheInclusionError) {
  const int n = 10000;
  Fixture f(two_villages(n, 0.0, 1.0, 0.5));
  f.state.world.village_state.work_team = {1, 0};
  testing::set_all_incomes(f.h, 3500);
  identify_poor(f.state, f.state.county(0), 2020);
  const auto& v = f.state.world.villages.children;
  EXPECT_NEAR(static_cast<double>(f.registered_in(v[0])) / n, 0.5, binomial_tolerance(0.5, n));
  EXPECT_EQ(f.registered_in(v[1]), n);
}

TEST(WorkTeam, FactorZeroRemovesBothErrors) {
  const int n = 2000;
  Fixture f(two_villages(n, 1.0, 1.0, 0.0));
  f.state.world.village_state.work_team = {1, 1};
  const auto& v = f.state.world.villages.children;
  for (std::uint32_t i = v[0].begin; i < v[0].end; ++i) testing::set_income(f.h, i, 1000);  // poor
  for (std::uint32_t i = v[1].begin; i < v[1].end; ++i)
    testing::set_income(f.h, i, 3500);  // in the band
  identify_poor(f.state, f.state.county(0), 2020);
  EXPECT_EQ(f.registered_in(v[0]), n);
  EXPECT_EQ(f.registered_in(v[1]), 0);
}

TEST(Identification, ErrorRatesFollowTheProbabilities) {
  const int n = 20000;
  Fixture f(two_villages(n, 0.2, 0.1, 0.5));
  const auto& v = f.state.world.villages.children;
  for (std::uint32_t i = v[0].begin; i < v[0].end; ++i) testing::set_income(f.h, i, 1000);
  for (std::uint32_t i = v[1].begin; i < v[1].end; ++i) testing::set_income(f.h, i, 3500);
  identify_poor(f.state, f.state.county(0), 2020);
  EXPECT_NEAR(static_cast<double>(f.registered_in(v[0])) / n, 0.8, binomial_tolerance(0.8, n));
  EXPECT_NEAR(static_cast<double>(f.registered_in(v[1])) / n, 0.1, binomial_tolerance(0.1, n));
}

// A missed household is drawn again next year: the draws are keyed by (household, year), the same
// when repeated, independent between years (both missed: p² = 0.25).
TEST(Identification, DrawsAreKeyedByHouseholdAndYear) {
  const int n = 4000;
  Scenario sc = testing::quiet_scenario(1, 1, 1, n);
  sc.end_year = 2021;
  sc.poverty_line.by_year[2021] = 3000;
  sc.management.exclusion_error = 0.5;
  Fixture f(sc);
  testing::set_all_incomes(f.h, 1000);
  identify_poor(f.state, f.state.county(0), 2020);
  const std::vector<std::uint8_t> first = f.h.flags;
  f.h.flags.assign(f.h.count(), 0);
  identify_poor(f.state, f.state.county(0), 2020);
  EXPECT_EQ(f.h.flags, first);
  f.h.flags.assign(f.h.count(), 0);
  identify_poor(f.state, f.state.county(0), 2021);
  double both_missed = 0;
  for (std::size_t i = 0; i < f.h.count(); ++i) both_missed += first[i] == 0 && f.h.flags[i] == 0;
  EXPECT_NEAR(both_missed / n, 0.25, binomial_tolerance(0.25, n));
}

// ---- work teams ---------------------------------------------------------------------------------

TEST(WorkTeam, AssignmentFollowsTheShare) {
  const int n = 8000;
  Scenario sc = testing::quiet_scenario(1, 4, n / 4, 1);
  for (double share : {0.0, 1.0, 0.3}) {
    sc.management.work_team_share = share;
    Fixture f(sc);
    assign_work_teams(f.state, f.state.world);
    double teams = 0;
    for (std::uint8_t t : f.state.world.village_state.work_team) {
      ASSERT_LE(t, 1);
      teams += t;
    }
    if (share == 0.3) {
      EXPECT_NEAR(teams / n, 0.3, binomial_tolerance(0.3, n));
    } else {
      EXPECT_EQ(teams, share * n);
    }
  }
}

TEST(WorkTeam, AssignmentDependsOnTheSeedOnly) {
  Scenario a = testing::quiet_scenario(1, 2, 50, 1);
  a.management.work_team_share = 0.5;
  Scenario b = a;
  b.variant = "other";
  b.management.exclusion_error = 0.3;
  Fixture fa(a), fb(b);
  assign_work_teams(fa.state, fa.state.world);
  assign_work_teams(fb.state, fb.state.world);
  EXPECT_EQ(fa.state.world.village_state.work_team, fb.state.world.village_state.work_team);
  Scenario c = a;
  c.seed = 99;
  Fixture fc(c);
  assign_work_teams(fc.state, fc.state.world);
  EXPECT_NE(fa.state.world.village_state.work_team, fc.state.world.village_state.work_team);
}

// ---- exit review --------------------------------------------------------------------------------

// Truth table of passes_exit_review over reviews_above (already counting this review) 0..3 with
// exit_reviews = 2, income below / at the line, the 8 combinations of the three guarantees, and
// verify_guarantees on and off.
TEST(ExitReview, PassesTruthTableOverReviewsAndGuarantees) {
  for (bool verify : {true, false}) {
    Scenario sc = testing::quiet_scenario(1, 1, 1, 64);
    sc.management.exit_reviews = 2;
    sc.management.verify_guarantees = verify;
    Fixture f(sc);
    std::uint32_t i = 0;
    for (int reviews = 0; reviews <= 3; ++reviews) {
      for (bool above : {false, true}) {
        for (int g = 0; g < 8; ++g) {
          const std::uint8_t status =
              static_cast<std::uint8_t>(((g & 1) ? kSafeHouse : 0) | ((g & 2) ? kSchooling : 0) |
                                        ((g & 4) ? kInsured : 0) | kDisabled);
          f.h.flags[i] = kRegistered;
          f.h.reviews_above[i] = static_cast<std::uint8_t>(reviews);
          testing::set_income(f.h, i, above ? 3000.0 : 2999.99);
          f.h.status[i] = status;
          const bool expected = above && reviews >= 2 && (!verify || g == 7);
          EXPECT_EQ(passes_exit_review(f.state, f.state.world, i, 2020), expected)
              << "verify " << verify << " reviews " << reviews << " above " << above
              << " guarantees " << g;
          ++i;
        }
      }
    }
  }
}

// review_exits: registered × income × guarantees with exit_reviews = 1.
TEST(ExitReview, ExitsRegisteredHouseholdsAtTheLineWithTheGuarantees) {
  Scenario sc = testing::quiet_scenario(1, 1, 1, 6);
  Fixture f(sc);
  f.h.flags = {kRegistered, kRegistered, 0, 0, kRegistered, kRegistered | kExited};
  f.h.income = {2999.99, 3000.0, 2000.0, 5000.0, 5000.0, 5000.0};
  f.h.status = {kAllGuarantees, kAllGuarantees,        kAllGuarantees,
                kAllGuarantees, kSafeHouse | kInsured, kAllGuarantees};
  review_exits(f.state, f.state.county(0), 2020);
  EXPECT_EQ(f.h.flags[0], kRegistered);  // still poor: stays
  EXPECT_EQ(f.h.flags[1], kExited);      // reached the line: exits
  EXPECT_EQ(f.h.flags[2], 0);            // not registered: untouched
  EXPECT_EQ(f.h.flags[3], 0);
  EXPECT_EQ(f.h.flags[4], kRegistered);  // no schooling guarantee: stays
  EXPECT_EQ(f.h.flags[5], kExited);      // a second exit
  EXPECT_EQ(f.counters.exits, 2);
  // Every household's count is updated, registered or not.
  EXPECT_EQ(f.h.reviews_above, (std::vector<std::uint8_t>{0, 1, 0, 1, 1, 1}));
}

// The verified exit applies from management.guarantees_from (2016 by default): before it, a
// household above the line exits without the guarantees.
TEST(ExitReview, GuaranteesAreVerifiedFromTheYearTheyApply) {
  const auto exits = [](int guarantees_from, int year) {
    Scenario sc = testing::quiet_scenario(1, 1, 1, 1);
    sc.start_year = sc.end_year = year;
    sc.poverty_line.by_year = {{year, 3000}};
    if (guarantees_from != 0) sc.management.guarantees_from = guarantees_from;
    Fixture f(sc);
    f.h.flags[0] = kRegistered;
    f.h.income[0] = 5000;
    f.h.status[0] = kSafeHouse | kInsured;  // no schooling guarantee
    review_exits(f.state, f.state.county(0), year);
    return f.h.flags[0] == kExited;
  };
  EXPECT_EQ(Scenario().management.guarantees_from, 2016);
  EXPECT_TRUE(exits(0, 2009));  // a 2009 programme exits on income
  EXPECT_TRUE(exits(0, 2015));
  EXPECT_FALSE(exits(0, 2016));  // the 2016 exit rules verify the guarantees
  EXPECT_FALSE(exits(0, 2020));
  EXPECT_FALSE(exits(2008, 2009));  // a scenario that verifies them earlier
  EXPECT_TRUE(exits(2018, 2017));   // or later
  EXPECT_FALSE(exits(2018, 2018));
}

TEST(ExitReview, WithoutVerificationIncomeAloneSuffices) {
  Scenario sc = testing::quiet_scenario(1, 1, 1, 2);
  sc.management.verify_guarantees = false;
  Fixture f(sc);
  f.h.flags = {kRegistered, kRegistered};
  f.h.income = {3000, 2000};
  f.h.status = {0, 0};
  review_exits(f.state, f.state.county(0), 2020);
  EXPECT_EQ(f.h.flags[0], kExited);
  EXPECT_EQ(f.h.flags[1], kRegistered);
  EXPECT_EQ(f.counters.exits, 1);
}

// Exit after three consecutive reviews at or above the line: a year below resets the count.
// Incomes by year: above, above, below, above, above, above → exit at the sixth review only. The
// count keeps going after the exit.
TEST(ExitReview, NeedsConsecutiveReviewsAndResetsBelowTheLine) {
  Scenario sc = testing::quiet_scenario(1, 1, 1, 2);
  sc.end_year = 2026;
  for (int y = 2020; y <= 2026; ++y) sc.poverty_line.by_year[y] = 3000;
  sc.management.exit_reviews = 3;
  Fixture f(sc);
  f.h.flags = {kRegistered, 0};
  const std::vector<double> income = {3500, 3500, 2500, 3500, 3500, 3500, 3500};
  const std::vector<int> reviews = {1, 2, 0, 1, 2, 3, 4};
  for (int k = 0; k < 7; ++k) {
    const int year = 2020 + k;
    f.h.income = {income[static_cast<std::size_t>(k)], income[static_cast<std::size_t>(k)]};
    f.counters = {};
    review_exits(f.state, f.state.county(0), year);
    EXPECT_EQ(f.h.reviews_above[0], reviews[static_cast<std::size_t>(k)]) << year;
    EXPECT_EQ(f.h.reviews_above[1], reviews[static_cast<std::size_t>(k)])
        << year;  // unregistered too
    EXPECT_EQ(f.h.flags[0], year < 2025 ? kRegistered : kExited) << year;
    EXPECT_EQ(f.counters.exits, year == 2025 ? 1 : 0) << year;
    EXPECT_EQ(f.h.flags[1], 0);
  }
}

// The count is not reset by an exit: a household registered again by an inclusion error while
// above the line exits at its next review.
TEST(ExitReview, InclusionErrorsAreCorrectedAtTheNextReview) {
  Scenario sc = testing::quiet_scenario(1, 1, 1, 1);
  sc.end_year = 2021;
  sc.poverty_line.by_year[2021] = 3000;
  sc.management.exit_reviews = 2;
  sc.management.inclusion_error = 1.0;
  Fixture f(sc);
  f.h.flags = {kExited};
  f.h.income = {3200};
  f.h.reviews_above = {5};
  identify_poor(f.state, f.state.county(0), 2021);
  EXPECT_EQ(f.h.flags[0], kExited | kRegistered);
  EXPECT_EQ(f.with_event(kReturnedThisYear), 1);
  review_exits(f.state, f.state.county(0), 2021);
  EXPECT_EQ(f.h.flags[0], kExited);
  EXPECT_EQ(f.h.reviews_above[0], 6);
}

TEST(ExitReview, CountSaturatesAt255) {
  Fixture f(testing::quiet_scenario(1, 1, 1, 1));
  f.h.income = {5000};
  f.h.reviews_above = {255};
  review_exits(f.state, f.state.county(0), 2020);
  EXPECT_EQ(f.h.reviews_above[0], 255);
}

// ---- county exit --------------------------------------------------------------------------------

// Person-weighted headcount: sizes 1 (poor) and 9 (not): 1 / 10 = 0.1 (0.5 by households).
TEST(CountyExit, PersonWeightedHeadcountStrictlyBelowTheThreshold) {
  Scenario sc = testing::quiet_scenario(2, 1, 1, 2);
  sc.end_year = 2021;
  sc.poverty_line.by_year[2021] = 3000;
  sc.management.county_exit_headcount = 0.1;
  Fixture f(sc);
  f.h.size = {1, 9, 1, 9};
  f.h.income = {1000, 5000, 1000, 5000};
  review_county_exit(f.state, f.state.county(0), f.state.signals, 2020);
  EXPECT_EQ(f.state.signals.exit_year(0), 0);  // 0.1 is not below 0.1
  f.scenario.management.county_exit_headcount = 0.1000001;
  review_county_exit(f.state, f.state.county(0), f.state.signals, 2020);
  EXPECT_EQ(f.state.signals.exit_year(0), 2020);
  EXPECT_EQ(f.state.signals.exit_year(1), 0);  // other counties untouched
  // Recorded once: a later review does not move it, even if the county is poorer again.
  testing::set_income(f.h, 1, 1000);
  review_county_exit(f.state, f.state.county(0), f.state.signals, 2021);
  EXPECT_EQ(f.state.signals.exit_year(0), 2020);
  // The other county, reviewed in 2021, exits then.
  review_county_exit(f.state, f.state.county(1), f.state.signals, 2021);
  EXPECT_EQ(f.state.signals.exit_year(1), 2021);
}

// ---- minimum living guarantee -------------------------------------------------------------------

TEST(Dibao, TopsUpHouseholdsWithoutLabourToTheLine) {
  Scenario sc = testing::quiet_scenario(1, 1, 1, 6);
  sc.management.dibao_line = 3000;
  Fixture f(sc);
  f.h.labourers = {0, 0, 1, 0, 0, 1};
  f.h.status = {0, kDisabled, 0, 0, kDisabled, kDisabled};
  f.h.size = {2, 1, 2, 3, 4, 2};
  testing::set_incomes(f.h, {1000, 2999.875, 1000, 3500, 0, 10});
  const sim::Money paid = dibao_top_up(f.state, f.state.county(0), 2020);
  // 2000 × 2 yuan, 0.125 yuan = 12.5 fen rounded half up to 13, 3000 × 4 yuan.
  EXPECT_EQ(paid.fen(), 400000 + 13 + 1200000);
  EXPECT_EQ(f.h.income, (std::vector<double>{3000, 3000, 1000, 3500, 3000, 10}));
}

// The transfer is this year's flow: the next year's income update starts again from earned
// income (grown), and the guarantee pays the new gap, not a compounded one.
TEST(Dibao, TransferIsThisYearsFlow) {
  Scenario sc = testing::quiet_scenario(1, 1, 1, 1);
  sc.management.dibao_line = 3000;
  sc.dynamics.growth = 0.1;
  Fixture f(sc);
  f.h.labourers = {0};
  f.h.size = {2};
  testing::set_incomes(f.h, {1000});
  EXPECT_EQ(dibao_top_up(f.state, f.state.county(0), 2020).fen(), 400000);
  EXPECT_DOUBLE_EQ(f.h.transfers[0], 2000.0);
  EXPECT_DOUBLE_EQ(f.h.earned[0], 1000.0);
  update_incomes(f.state, f.state.county(0), 2021);
  EXPECT_DOUBLE_EQ(f.h.income[0], 1100.0);
  EXPECT_DOUBLE_EQ(f.h.transfers[0], 0.0);
  EXPECT_EQ(dibao_top_up(f.state, f.state.county(0), 2021).fen(), 380000);
  EXPECT_DOUBLE_EQ(f.h.income[0], 3000.0);
}

TEST(Dibao, NoLineNoTransfer) {
  Fixture f(testing::quiet_scenario(1, 1, 1, 2));
  f.h.labourers = {0, 0};
  testing::set_incomes(f.h, {100, 200});
  EXPECT_EQ(dibao_top_up(f.state, f.state.county(0), 2020).fen(), 0);
  EXPECT_EQ(f.h.income, (std::vector<double>{100, 200}));
}

TEST(Dibao, OnlyTheCountysHouseholds) {
  Scenario sc = testing::quiet_scenario(2, 1, 1, 1);
  sc.management.dibao_line = 2000;
  Fixture f(sc);
  f.h.labourers = {0, 0};
  testing::set_incomes(f.h, {1500, 1500});
  EXPECT_EQ(dibao_top_up(f.state, f.state.county(1), 2020).fen(), 100000);
  EXPECT_EQ(f.h.income, (std::vector<double>{1500, 2000}));
}

// ---- the initial guarantees of the population ---------------------------------------------------

World populated(const PopulationSpec& spec, unsigned threads = 2, std::uint64_t seed = 7) {
  World w = build_world({4, 3, 5, 200, "C", {}});
  sim::Engine engine(w.counties.size(), threads);
  generate_population(w, spec, seed, engine);
  return w;
}

TEST(PopulationGuarantees, SharesZeroAndOneAreExact) {
  PopulationSpec none;
  none.safe_housing_share = none.insurance_share = none.schooling_share = 0.0;
  PopulationSpec all;
  all.safe_housing_share = all.insurance_share = all.schooling_share = 1.0;
  for (std::uint8_t s : populated(none).households.status) ASSERT_EQ(s, 0);
  for (std::uint8_t s : populated(all).households.status) ASSERT_EQ(s, kAllGuarantees);
}

TEST(PopulationGuarantees, SharesFollowTheSpec) {
  PopulationSpec p;
  p.safe_housing_share = 0.8;
  p.insurance_share = 0.5;
  p.schooling_share = 0.95;
  const World w = populated(p);
  const auto n = static_cast<double>(w.households.count());
  double safe = 0, insured = 0, schooling = 0, all = 0;
  for (std::uint8_t s : w.households.status) {
    safe += (s & kSafeHouse) != 0;
    insured += (s & kInsured) != 0;
    schooling += (s & kSchooling) != 0;
    all += (s & kAllGuarantees) == kAllGuarantees;
  }
  EXPECT_NEAR(safe / n, 0.8, binomial_tolerance(0.8, n));
  EXPECT_NEAR(insured / n, 0.5, binomial_tolerance(0.5, n));
  EXPECT_NEAR(schooling / n, 0.95, binomial_tolerance(0.95, n));
  // Independent draws: all three with probability 0.8 × 0.5 × 0.95.
  EXPECT_NEAR(all / n, 0.38, binomial_tolerance(0.38, n));
}

// Each guarantee has its own stream: changing one share moves neither the other guarantees nor
// any other household attribute; the thread count changes nothing.
TEST(PopulationGuarantees, OwnStreamsAndThreadIndependence) {
  PopulationSpec a;
  PopulationSpec b = a;
  b.safe_housing_share = 0.3;
  const World wa = populated(a, 1);
  const World wb = populated(b, 4);
  const World wa4 = populated(a, 4);
  EXPECT_EQ(wa.households.status, wa4.households.status);
  EXPECT_EQ(wa.households.income, wb.households.income);
  EXPECT_EQ(wa.households.size, wb.households.size);
  EXPECT_EQ(wa.households.labourers, wb.households.labourers);
  EXPECT_EQ(wa.households.cause, wb.households.cause);
  int differs = 0;
  for (std::size_t i = 0; i < wa.households.count(); ++i) {
    const std::uint8_t sa = wa.households.status[i], sb = wb.households.status[i];
    ASSERT_EQ(sa & (kInsured | kSchooling), sb & (kInsured | kSchooling)) << i;
    differs += (sa & kSafeHouse) != (sb & kSafeHouse);
  }
  EXPECT_GT(differs, 0);
}

// ---- determinism --------------------------------------------------------------------------------

struct Outcome {
  std::vector<std::uint8_t> flags;
  std::vector<std::uint8_t> reviews_above;
  std::vector<double> income;
  std::vector<std::int32_t> county_exit_year;
  std::vector<std::int64_t> counts;  // per year and county: registered, returns, exits, dibao fen
};

Scenario busy_scenario() {
  Scenario sc = testing::quiet_scenario(4, 2, 3, 60);
  sc.end_year = 2023;
  for (int y = 2020; y <= 2023; ++y) sc.poverty_line.by_year[y] = 3000;
  sc.dynamics = {0.05, 0.3, 0.0, 0.3};
  sc.population.income = {3000, 0.6};
  sc.population.labour_probability = 0.3;
  sc.management.exclusion_error = 0.2;
  sc.management.inclusion_error = 0.1;
  sc.management.work_team_share = 0.5;
  sc.management.exit_reviews = 2;
  sc.management.county_exit_headcount = 0.5;
  sc.management.dibao_line = 1500;
  return sc;
}

Outcome run_management(const Scenario& sc, unsigned threads) {
  sim::Engine engine(static_cast<std::size_t>(sc.geography.counties), threads);
  SimulationState s{sc, build_world(sc.geography), engine, builtin_rules()};
  generate_population(s.world, sc.population, sc.seed, engine);
  assign_work_teams(s, s.world);
  Outcome out;
  const std::size_t counties = s.lp.size();
  for (int y = sc.start_year; y <= sc.end_year; ++y) {
    engine.schedule_global({sim::Date::year_start(y), 0}, [&s, y](sim::Engine& e) {
      e.for_each_lp([&s, &e, y](std::size_t c) {
        s.lp[c].counters = {};
        begin_income_year(s.county(c));  // clears the year's events
        identify_poor(s, s.county(c), y);
        e.schedule_local(c, {sim::Date::year_end(y), 0}, [&s, y](sim::LpContext& ctx) {
          update_incomes(s, s.county(ctx.lp()), y);
        });
      });
    });
    engine.schedule_global({sim::Date::year_end(y), 10}, [&s, &out, y, counties](sim::Engine& e) {
      std::vector<sim::Money> dibao(counties);
      e.for_each_lp([&s, &dibao, y](std::size_t c) {
        review_exits(s, s.county(c), y);
        review_county_exit(s, s.county(c), s.signals, y);
        dibao[c] = dibao_top_up(s, s.county(c), y);
      });
      for (std::size_t c = 0; c < counties; ++c) {
        const LpYearCounters& k = s.lp[c].counters;
        std::int64_t entries = 0, returns = 0;
        const Range r = s.world.county_households(c);
        for (std::uint32_t i = r.begin; i < r.end; ++i) {
          entries += (s.world.households.events[i] & kNewlyRegisteredThisYear) != 0;
          returns += (s.world.households.events[i] & kReturnedThisYear) != 0;
        }
        out.counts.insert(out.counts.end(), {entries, returns, k.exits, dibao[c].fen()});
      }
    });
  }
  engine.run_until(sim::Date::year_end(sc.end_year));
  out.flags = s.world.households.flags;
  out.reviews_above = s.world.households.reviews_above;
  out.income = s.world.households.income;
  out.county_exit_year = s.signals.county_exit_years();
  return out;
}

void expect_same(const Outcome& a, const Outcome& b) {
  EXPECT_EQ(a.flags, b.flags);
  EXPECT_EQ(a.reviews_above, b.reviews_above);
  EXPECT_EQ(a.income, b.income);
  EXPECT_EQ(a.county_exit_year, b.county_exit_year);
  EXPECT_EQ(a.counts, b.counts);
}

TEST(ManagementDeterminism, SameForOneAndFourThreads) {
  const Scenario sc = busy_scenario();
  const Outcome a = run_management(sc, 1);
  expect_same(a, run_management(sc, 4));
  // The run exercised the processes: registrations, exits and dibao transfers happened.
  std::int64_t registered = 0, exits = 0, dibao = 0;
  for (std::size_t k = 0; k < a.counts.size(); k += 4) {
    registered += a.counts[k];
    exits += a.counts[k + 2];
    dibao += a.counts[k + 3];
  }
  EXPECT_GT(registered, 0);
  EXPECT_GT(exits, 0);
  EXPECT_GT(dibao, 0);
}

TEST(ManagementDeterminism, SameForEveryVariantName) {
  const Scenario a = busy_scenario();
  Scenario b = a;
  b.variant = "nearest_to_threshold";
  expect_same(run_management(a, 2), run_management(b, 2));
}

}  // namespace
}  // namespace fupin::models
