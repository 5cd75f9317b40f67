#include "models/simulation/simulation.hpp"

#include <algorithm>
#include <cstring>
#include <gtest/gtest.h>
#include <limits>
#include <numeric>

#include "models/programmes/money_plan.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "tests/models/simulation/identical.hpp"

namespace fupin::models {
namespace {

using sim::Money;

ScenarioSet load(const std::string& name) {
  return load_scenario_file(std::string(FUPIN_SOURCE_DIR) + "/scenarios/" + name);
}

TEST(Simulation, YunnanLedgerMovesExactlyTheProgrammeMoney) {
  const ScenarioSet set = load("yunnan_whole_township.yaml");
  ASSERT_FALSE(set.variants.empty());
  // 116 townships × 20,000,000 + 56 × 10,000,000 yuan.
  const Money expected = Money::from_yuan(116LL * 20'000'000 + 56LL * 10'000'000);
  ASSERT_EQ(expected, Money::from_yuan(2'880'000'000));
  for (const Scenario& v : set.variants) {
    const VariantResult r = simulate(v, 2);
    // The township package's own money (the minimum living guarantee is another stream).
    ASSERT_EQ(r.programmes.size(), 1U);
    const ProgrammeSeries& p = r.programmes.front();
    const auto series = [&](const char* name) {
      for (const auto& m : p.money) {
        if (m.name == name) return m.values;
      }
      ADD_FAILURE() << "no money series " << name;
      return std::vector<Money>{};
    };
    const std::vector<Money> issued = series("issued");
    const std::vector<Money> spent = series("spent");
    const Money disbursed = std::accumulate(issued.begin(), issued.end(), Money());
    // The counterfactual variant selects the same townships and gives them nothing.
    EXPECT_EQ(disbursed, v.variant == "no_programme" ? Money() : expected) << v.variant;
    // Every fen issued is spent on household projects, saved by households toward a unit, or
    // still held by a region.
    EXPECT_EQ(std::accumulate(spent.begin(), spent.end(), Money()) + series("idle").back() +
                  series("saved").back(),
              disbursed)
        << v.variant;
    // The ledger's yearly issue matches the plan computed from the scenario alone.
    for (const PlannedFlow& f : plan_money(v)) {
      const auto row = std::find(p.years.begin(), p.years.end(), f.year);
      ASSERT_NE(row, p.years.end());
      EXPECT_EQ(issued[static_cast<std::size_t>(row - p.years.begin())], f.amount)
          << v.variant << " " << f.year;
    }
    // All money issued in the run: the package plus the minimum living guarantee's transfers.
    Money all;
    for (const YearSummary& y : r.years) all += y.disbursed;
    EXPECT_GE(all, disbursed);
    EXPECT_EQ(std::count(r.township_cohort.begin(), r.township_cohort.end(), 2013), 56);
    EXPECT_EQ(std::count(r.township_cohort.begin(), r.township_cohort.end(), 2014), 60);
    // Closing balances: no region holds negative money, and the source issued everything.
    ASSERT_EQ(r.ledger.years.size(), r.years.size());
    Money total;
    for (const Money& b : r.ledger.balances.back()) total += b;
    EXPECT_EQ(total, Money()) << "balances must sum to zero";
  }
}

TEST(Simulation, SameResultsForAnyThreadCount) {
  ScenarioSet set = load("yunnan_whole_township.yaml");
  Scenario v = set.variants.back();
  v.geography.households_per_village = 30;
  const VariantResult one = simulate(v, 1);
  const VariantResult two = simulate(v, 2);
  const VariantResult four = simulate(v, 4);
  expect_identical(one, two);
  expect_identical(one, four);
}

// Provenance: the document a variant records (its resolved scenario) is a scenario that, run on
// its own, gives that variant's results.
TEST(Simulation, ResolvedScenarioOfAVariantReproducesIt) {
  const ScenarioSet set = load("yunnan_whole_township.yaml");
  ASSERT_GT(set.variants.size(), 1U);
  for (const Scenario& original : {set.variants.front(), set.variants.back()}) {
    SCOPED_TRACE(original.variant);
    const ScenarioSet again = load_scenario_text(original.resolved_text, "resolved.yaml");
    ASSERT_EQ(again.variants.size(), 1U);
    Scenario a = original;
    Scenario b = again.variants.front();
    EXPECT_EQ(b.resolved_text, a.resolved_text);
    a.geography.households_per_village = 20;
    b.geography.households_per_village = 20;
    const VariantResult x = simulate(a, 2);
    const VariantResult y = simulate(b, 2);
    EXPECT_EQ(x.seed, a.seed);
    expect_identical(x, y);
  }
}

// Common random numbers: two variants that differ only in name see the same draws.
TEST(Simulation, VariantNameIsNotPartOfTheRandomKey) {
  ScenarioSet set = load("yunnan_whole_township.yaml");
  Scenario a = set.variants.front();
  a.geography.households_per_village = 20;
  Scenario b = a;
  b.variant = "another_name";
  expect_identical(simulate(a, 2), simulate(b, 2));
}

TEST(Simulation, ProgressReportsEveryYearOfEveryVariant) {
  ScenarioSet set = load("yunnan_whole_township.yaml");
  for (Scenario& v : set.variants) v.geography.households_per_village = 5;
  std::vector<std::pair<std::string, int>> seen;
  const RunResult run =
      run_scenarios(set, 2, [&](const YearProgress& p) { seen.emplace_back(p.variant, p.year); });
  ASSERT_EQ(seen.size(), set.variants.size() * 4);
  EXPECT_EQ(seen.front(), (std::pair<std::string, int>{set.variants.front().variant, 2013}));
  EXPECT_EQ(run.variants.size(), set.variants.size());
  EXPECT_EQ(run.geography.size(), 3U);
  EXPECT_EQ(run.geography[1].names.size(), 300U);
}

// R1 at its defaults (shared/R1.md): 5 cohorts × 50 townships × 20,000,000 yuan, and with common
// random numbers the poverty-gap rule leaves less severe poverty (FGT(2)) than equal shares.
TEST(Simulation, ReferenceR1DisbursesFiveBillionAndGapRuleLowersSeverity) {
  const ScenarioSet set = load("reference_r1.yaml");
  ASSERT_EQ(set.variants.size(), 2U);
  ASSERT_EQ(set.variants[0].variant, "equal");
  ASSERT_EQ(set.variants[1].variant, "poverty_gap");
  const RunResult run = run_scenarios(set, 0);
  for (const VariantResult& r : run.variants) {
    Money disbursed;
    for (const YearSummary& y : r.years) disbursed += y.disbursed;
    EXPECT_EQ(disbursed, Money::from_yuan(5'000'000'000)) << r.name;
    EXPECT_EQ(r.years.size(), 7U);
  }
  const double equal = run.variants[0].years.back().fgt2;
  const double gap = run.variants[1].years.back().fgt2;
  EXPECT_LT(gap, equal);
  // The amended R1: project returns are a flow that never compounds, so the returns paid in a
  // year are exactly 0.15 × the money funded in earlier years (every project succeeds, nothing
  // is captured): person-weighted mean returns × population = 0.15 × money disbursed before.
  for (const VariantResult& r : run.variants) {
    Money before;
    for (const YearSummary& y : r.years) {
      const double paid = y.mean_components.returns * y.population;
      EXPECT_NEAR(paid, 0.15 * before.yuan(), 1e-9 * 0.15 * 5e9) << r.name << " " << y.year;
      before += y.disbursed;
    }
  }
  // An independent implementation of the amended R1 gives a 2020 headcount near 0.40 under
  // `equal` (0.23 when returns compounded). The sampling error at a million households is about
  // 0.001; the band allows for the two implementations' different random generators.
  EXPECT_NEAR(run.variants[0].years.back().headcount_ratio, 0.40, 0.02);
  // Same draws before any money arrives: the first cohort is the same under both rules.
  EXPECT_EQ(run.variants[0].township_cohort.size(), 250U);
  for (std::size_t t = 0; t < 250; ++t) {
    if (run.variants[0].township_cohort[t] == 2014) {
      EXPECT_EQ(run.variants[1].township_cohort[t], 2014);
    }
  }
}

}  // namespace
}  // namespace fupin::models

namespace fupin::models {
namespace {

// What `fupin check` warns about is recorded with the run: a village attribute weighting the
// households of one village cancels out.
TEST(Simulation, RunRecordsTheScenarioWarnings) {
  const ScenarioSet set = load_scenario_text(R"yaml(name: warned
period: {start: 2014, end: 2014}
poverty_line: {2014: 3000}
geography: {counties: 1, townships_per_county: 1, villages_per_township: 4, households_per_village: 10}
population: {ethnic_minority_share: 0.5}
programmes:
  - name: villages
    kind: village_package
    stream: s
    cohorts: [{year: 2014, count: 2}]
    tranches: [{programme_year: 1, amount: 10000}]
    allocation:
      - {level: household, rule: formula, formula: "poverty_gap * (1 + ethnic_minority)"}
)yaml",
                                             "warned.yaml");
  const RunResult run = run_scenarios(set, 1);
  ASSERT_FALSE(run.warnings.empty());
  EXPECT_NE(run.warnings.front().find("ethnic_minority"), std::string::npos)
      << run.warnings.front();
  EXPECT_NE(run.warnings.front().find("variant 'base'"), std::string::npos) << run.warnings.front();
}

// A household's money from one programme beyond the 32 bits a cell holds at first
// (models/world/received_money.hpp): every total is exact, the same as a 64-bit store's, and the
// households it counts as assisted and reached are those of every other household.
TEST(Simulation, MoneyPerHouseholdBeyondThirtyTwoBitsStaysExact) {
  const ScenarioSet set = load_scenario_text(R"yaml(name: large grants
period: {start: 2014, end: 2015}
poverty_line: {2014: 3000, 2015: 3000}
geography: {counties: 1, townships_per_county: 1, villages_per_township: 1, households_per_village: 2}
population: {income: {median: 100, sigma: 0.1}}
management: {exclusion_error: 0, inclusion_error: 0}
programmes:
  - name: grants
    kind: village_package
    stream: s
    cohorts: [{year: 2014, count: 1}]
    tranches:
      - {programme_year: 1, amount: 30000000}
      - {programme_year: 2, amount: 30000000}
    allocation:
      - {level: household, rule: equal}
output:
  households: [2014, 2015]
)yaml",
                                             "large.yaml");
  const RunResult run = run_scenarios(set, 1);
  const HouseholdPanel& p = run.variants.at(0).households;
  ASSERT_EQ(p.households, 2U);
  ASSERT_EQ(p.programmes, 1U);
  ASSERT_EQ(p.years, (std::vector<int>{2014, 2015}));
  ASSERT_EQ(p.received_fen.size(), 4U);
  // 30 million yuan split equally between the two poor households, once a year.
  constexpr std::int64_t kShare = 1'500'000'000;  // fen, below 2^31 − 1
  for (std::size_t y = 0; y < 2; ++y) {
    for (std::size_t i = 0; i < 2; ++i) {
      EXPECT_EQ(p.received_fen[y * 2 + i], kShare * static_cast<std::int64_t>(y + 1))
          << "year " << p.years[y] << " household " << i;
    }
  }
  EXPECT_GT(p.received_fen[3], std::int64_t{std::numeric_limits<std::int32_t>::max()});
  for (const YearSummary& y : run.variants.at(0).years) EXPECT_EQ(y.households, 2);
  const ProgrammeSeries& g = run.variants.at(0).programmes.at(0);
  for (const auto& m : g.money) {
    if (m.name != "spent") continue;
    for (const Money& spent : m.values) EXPECT_EQ(spent.fen(), 2 * kShare);
  }
  // Both households count as reached every year, wide cell or not.
  const auto reached = std::find_if(g.measures.begin(), g.measures.end(),
                                    [](const auto& m) { return m.name == "households_reached"; });
  ASSERT_NE(reached, g.measures.end());
  EXPECT_EQ(reached->values, (std::vector<double>{2, 2}));
}

}  // namespace
}  // namespace fupin::models
