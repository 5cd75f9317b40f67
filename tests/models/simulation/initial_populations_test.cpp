#include "models/simulation/initial_populations.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"
#include "tests/models/simulation/identical.hpp"

namespace fupin::models {
namespace {

std::string guangdong_text() {
  std::ifstream in(std::string(FUPIN_SOURCE_DIR) + "/scenarios/guangdong_plan_to_household.yaml");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Guangdong's three variants (the allocation differs, the world does not) and two more: one that
// changes a population key and one that changes the seed, after the variants they differ from.
ScenarioSet guangdong_with_other_worlds() {
  const std::string text = guangdong_text() +
                           "  - name: richer\n"
                           "    description: a higher median income\n"
                           "    set:\n"
                           "      population.income.median: 4100\n"
                           "  - name: other_seed\n"
                           "    description: another seed\n"
                           "    set:\n"
                           "      seed: 77\n";
  return load_scenario_text(text, "guangdong_with_other_worlds.yaml");
}

Scenario small_scenario() {
  Scenario s;
  s.seed = 11;
  s.geography = {3, 2, 4, 150, "C", {}};
  s.population.income = {3000, 0.7};
  s.population.region_effects = {0.2, 0.1, 0.05};
  s.population.cause_shares = {
      {Cause::illness, 0.5}, {Cause::disaster, 0.25}, {Cause::other, 0.25}};
  s.population.ethnic_minority_share = 0.3;
  s.population.border_share = 0.2;
  s.population.old_revolutionary_base_share = 0.1;
  s.population.safe_housing_share = 0.6;
  return s;
}

World generated(const Scenario& s) {
  World w = build_world(s.geography);
  sim::Engine engine(w.counties.size(), 2);
  generate_population(w, s.population, s.seed, engine);
  return w;
}

TEST(InitialPopulation, RestoredWorldEqualsTheGeneratedOneInEveryStore) {
  const Scenario s = small_scenario();
  const World fresh = generated(s);
  World restored = build_world(s.geography);
  EXPECT_FALSE(restored == fresh);
  restore_population(restored, keep_population(fresh));
  EXPECT_TRUE(restored == fresh);
  EXPECT_EQ(restored.households.income, fresh.households.income);
  EXPECT_EQ(restored.village_state.priority, fresh.village_state.priority);
}

TEST(InitialPopulation, RestoreRefusesAnotherGeography) {
  const Scenario s = small_scenario();
  const GeneratedPopulation kept = keep_population(generated(s));
  GeographySpec other = s.geography;
  other.households_per_village += 1;
  World w = build_world(other);
  EXPECT_THROW(restore_population(w, kept), std::invalid_argument);
}

TEST(InitialPopulation, EveryInputOfTheWorldMatters) {
  const Scenario a = small_scenario();
  Scenario b = a;
  b.variant = "other";
  b.dynamics.growth = 0.2;
  b.management.work_team_share = 0.5;  // work teams are drawn per variant, after the population
  EXPECT_TRUE(same_initial_world(a, b));
  const auto differs = [&a](auto&& change) {
    Scenario c = a;
    change(c);
    return !same_initial_world(a, c);
  };
  EXPECT_TRUE(differs([](Scenario& c) { c.seed += 1; }));
  EXPECT_TRUE(differs([](Scenario& c) { c.geography.counties += 1; }));
  EXPECT_TRUE(differs([](Scenario& c) { c.geography.households_per_village += 1; }));
  EXPECT_TRUE(differs([](Scenario& c) { c.geography.county_prefix = "X"; }));
  EXPECT_TRUE(differs([](Scenario& c) { c.population.income.median += 1; }));
  EXPECT_TRUE(differs([](Scenario& c) { c.population.income.sigma += 0.01; }));
  EXPECT_TRUE(differs([](Scenario& c) { c.population.region_effects.village_sd += 0.01; }));
  EXPECT_TRUE(differs([](Scenario& c) { c.population.household_size.extra_trials += 1; }));
  EXPECT_TRUE(differs([](Scenario& c) { c.population.labour_probability += 0.01; }));
  EXPECT_TRUE(differs([](Scenario& c) { c.population.cause_shares.back().second += 0.01; }));
  EXPECT_TRUE(differs([](Scenario& c) { c.population.border_share += 0.01; }));
  EXPECT_TRUE(differs([](Scenario& c) { c.population.schooling_share -= 0.01; }));
  Scenario nan = a;
  nan.population.income.sigma = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(same_initial_world(nan, nan));  // generated afresh
}

// Variants a, b (another world), a, b, a: two populations generated, each copied where it is
// shared, each world equal to one generated afresh, and nothing kept after the last variant.
TEST(InitialPopulations, GeneratesOnceForEachDistinctWorld) {
  const Scenario a = small_scenario();
  Scenario b = a;
  b.population.income.median = 3500;
  const std::vector<Scenario> variants{a, b, a, b, a};
  InitialPopulations initial(variants);
  const World fresh_a = generated(a);
  const World fresh_b = generated(b);
  for (std::size_t i = 0; i < variants.size(); ++i) {
    World w = build_world(variants[i].geography);
    sim::Engine engine(w.counties.size(), 2);
    initial.fill(i, w, engine);
    EXPECT_TRUE(w == (i % 2 == 0 ? fresh_a : fresh_b)) << i;
  }
  EXPECT_EQ(initial.generated(), 2U);
  EXPECT_EQ(initial.kept(), 0U);
}

// Above the limit of households kept, every variant draws its population again: the same worlds as
// when they are kept, and nothing held between variants.
TEST(InitialPopulations, APopulationAboveTheLimitIsDrawnAgainTheSame) {
  const Scenario a = small_scenario();
  Scenario b = a;
  b.population.income.median = 3500;
  const std::vector<Scenario> variants{a, b, a, b, a};
  const World fresh_a = generated(a);
  const World fresh_b = generated(b);
  const std::size_t households = fresh_a.households.count();
  ASSERT_GT(households, 1U);
  for (const std::size_t limit : {households - 1, households}) {
    InitialPopulations initial(variants, limit);
    for (std::size_t i = 0; i < variants.size(); ++i) {
      World w = build_world(variants[i].geography);
      sim::Engine engine(w.counties.size(), 2);
      initial.fill(i, w, engine);
      EXPECT_TRUE(w == (i % 2 == 0 ? fresh_a : fresh_b)) << limit << " " << i;
      // Kept after the first fill of each world while a later variant shares it, within the limit.
      if (i < 3) {
        const std::size_t kept = limit < households ? 0U : std::min<std::size_t>(i + 1, 2);
        EXPECT_EQ(initial.kept(), kept) << limit << " " << i;
      }
    }
    EXPECT_EQ(initial.generated(), limit < households ? 5U : 2U) << limit;
    EXPECT_EQ(initial.kept(), 0U);
  }
}

TEST(InitialPopulations, KeepsNothingWhenNoLaterVariantSharesTheWorld) {
  const Scenario a = small_scenario();
  Scenario b = a;
  b.seed = 12;
  const std::vector<Scenario> variants{a, b};
  InitialPopulations initial(variants);
  World w = build_world(a.geography);
  sim::Engine engine(w.counties.size(), 2);
  initial.fill(0, w, engine);
  EXPECT_EQ(initial.kept(), 0U);
  EXPECT_EQ(initial.generated(), 1U);
}

// A variant whose world was copied from an earlier variant's gives the results it gives when it is
// the only variant of its run; so do the variants with a population key or a seed of their own.
TEST(RunVariants, CopiedWorldGivesTheResultsOfARunAlone) {
  const ScenarioSet set = guangdong_with_other_worlds();
  ASSERT_EQ(set.variants.size(), 5U);
  EXPECT_TRUE(same_initial_world(set.variants[0], set.variants[1]));
  EXPECT_TRUE(same_initial_world(set.variants[0], set.variants[2]));
  EXPECT_FALSE(same_initial_world(set.variants[0], set.variants[3]));
  EXPECT_FALSE(same_initial_world(set.variants[0], set.variants[4]));
  EXPECT_EQ(set.variants[3].population.income.median, 4100.0);
  EXPECT_EQ(set.variants[4].seed, 77U);
  InitialPopulations counted(set.variants);
  for (std::size_t i = 0; i < set.variants.size(); ++i) {
    World w = build_world(set.variants[i].geography);
    sim::Engine engine(w.counties.size(), 1);
    counted.fill(i, w, engine);
  }
  EXPECT_EQ(counted.generated(), 3U);

  const RunResult all = run_scenarios(set, 2);
  ASSERT_EQ(all.variants.size(), 5U);
  for (std::size_t i = 1; i < set.variants.size(); ++i) {
    ScenarioSet alone = set;
    alone.variants = {set.variants[i]};
    const RunResult one = run_scenarios(alone, 2);
    SCOPED_TRACE(set.variants[i].variant);
    expect_identical(all.variants[i], one.variants[0]);
  }
  // The population key and the seed do change the results.
  EXPECT_NE(all.variants[3].years.front().mean_income, all.variants[0].years.front().mean_income);
  EXPECT_NE(all.variants[4].years.front().mean_income, all.variants[0].years.front().mean_income);
}

}  // namespace
}  // namespace fupin::models
