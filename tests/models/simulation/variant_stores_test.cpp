#include "models/simulation/variant_stores.hpp"

#include <cstdint>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>

#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"
#include "models/world/population.hpp"
#include "sim/engine.hpp"
#include "tests/models/scenario_text.hpp"
#include "tests/models/simulation/identical.hpp"

namespace fupin::models {
namespace {

using scenario_text::file_text;
using scenario_text::replaced;

// R1 at 1,800 households, then variants of another size and with another number of programmes,
// and the first variant's world again after them.
ScenarioSet r1_with_other_sizes() {
  std::string text = file_text(std::string(FUPIN_SOURCE_DIR) + "/scenarios/reference_r1.yaml");
  text = replaced(text, "  counties: 25\n", "  counties: 3\n");
  text = replaced(text, "  townships_per_county: 10\n", "  townships_per_county: 5\n");
  text = replaced(text, "  villages_per_township: 10\n", "  villages_per_township: 4\n");
  text = replaced(text, "  households_per_village: 400\n", "  households_per_village: 30\n");
  text +=
      "  - name: more_households\n"
      "    description: half as many households again in every village\n"
      "    set:\n"
      "      geography.households_per_village: 45\n"
      "  - name: fewer_counties\n"
      "    description: two counties\n"
      "    set:\n"
      "      geography.counties: 2\n"
      "  - name: two_programmes\n"
      "    description: the package and a provincial fund\n"
      "    set:\n"
      "      programmes:\n"
      "        - name: township_package\n"
      "          kind: township_package\n"
      "          stream: special_fiscal_fund\n"
      "          cohorts:\n"
      "            - {year: 2014, selection: poorest_first, share: 0.2}\n"
      "            - {year: 2015, selection: poorest_first, share: 0.2}\n"
      "          tranches:\n"
      "            - {programme_year: 1, amount: 10000000}\n"
      "          project: {type: income, return_rate: 0.15, lag_years: 1, success_probability: 1,\n"
      "                    depreciation: 0}\n"
      "          allocation:\n"
      "            - {level: household, rule: equal}\n"
      "        - name: provincial_fund\n"
      "          kind: special_fund\n"
      "          stream: provincial_fund\n"
      "          appropriations: {2015: 3000000, 2016: 3000000}\n"
      "          project: {return_rate: 0.15, lag_years: 1}\n"
      "          allocation:\n"
      "            - {level: county, rule: per_poor_person}\n"
      "            - {level: household, rule: poverty_gap}\n"
      "  - name: equal_again\n"
      "    description: the first variant again, after larger worlds\n";
  return load_scenario_text(text, "r1_with_other_sizes.yaml");
}

// A world full of state: a generated population and non-zero values in every other store.
World used_world(const GeographySpec& g, std::size_t programmes) {
  World w = build_world(g);
  sim::Engine engine(w.counties.size(), 2);
  PopulationSpec p;
  p.income = {3000, 0.7};
  generate_population(w, p, 5, engine);
  w.households.track_programmes(programmes);
  Households& h = w.households;
  for (std::size_t i = 0; i < h.count(); ++i) {
    h.returns[i] = h.wages[i] = h.remittances[i] = h.transfers[i] = h.costs[i] = 1.5;
    h.flags[i] = h.events[i] = h.reviews_above[i] = 3;
    h.covered[i] = 7;
    h.insured_until[i] = 2015;
  }
  for (std::size_t k = 0; k < h.received_fen.size(); ++k) {
    // Every seventh cell beyond 32 bits: the side table of wide cells is emptied too.
    h.received_fen.add(k, k % 7 == 0 ? std::int64_t{3'000'000'000} : std::int64_t{100});
  }
  std::fill(h.reached_bits.begin(), h.reached_bits.end(), std::uint8_t{0xA5});
  for (std::size_t v = 0; v < w.villages.size(); ++v) {
    w.village_state.covered[v] = 3;
    w.village_state.growth_uplift[v] = 0.01;
    w.village_state.work_team[v] = 1;
  }
  return w;
}

TEST(VariantStores, WorldBuiltInAnEarlierWorldsMemoryEqualsAFreshOne) {
  const GeographySpec g{3, 2, 4, 150, "C", {}};
  GeographySpec larger = g;
  larger.households_per_village = 200;
  GeographySpec smaller = g;
  smaller.counties = 2;
  smaller.county_prefix = "D";
  for (const GeographySpec& earlier : {g, larger, smaller}) {
    for (const GeographySpec& later : {g, larger, smaller}) {
      World recycled = used_world(earlier, 3);
      const bool fits =
          recycled.households.income.capacity() >= build_world(later).households.count();
      const double* memory = recycled.households.income.data();
      const World w = build_world(later, std::move(recycled));
      EXPECT_TRUE(w == build_world(later));
      // The memory is kept where it is large enough.
      EXPECT_EQ(w.households.income.data() == memory, fits);
    }
  }
}

TEST(VariantStores, ProgrammeColumnsInAnEarlierWorldsMemoryEqualFreshOnes) {
  const GeographySpec g{2, 2, 3, 50, "C", {}};
  for (std::size_t before : {1U, 3U}) {
    for (std::size_t after : {1U, 2U, 4U}) {
      World w = build_world(g, used_world(g, before));
      w.households.track_programmes(after);
      World fresh = build_world(g);
      fresh.households.track_programmes(after);
      EXPECT_TRUE(w == fresh) << before << " then " << after;
    }
  }
}

// Every variant of a run gives the results it gives alone, whatever the variants before it left
// in the stores: a larger world, a smaller one, more programmes.
TEST(VariantStores, VariantsOfOtherSizesGiveTheResultsOfARunAlone) {
  const ScenarioSet set = r1_with_other_sizes();
  ASSERT_EQ(set.variants.size(), 6U);
  const RunResult all = run_scenarios(set, 2);
  ASSERT_EQ(all.variants.size(), 6U);
  for (std::size_t i = 0; i < set.variants.size(); ++i) {
    ScenarioSet alone = set;
    alone.variants = {set.variants[i]};
    const RunResult one = run_scenarios(alone, 1);
    SCOPED_TRACE(set.variants[i].variant);
    expect_identical(all.variants[i], one.variants[0]);
  }
  // The sizes and programmes do differ.
  EXPECT_EQ(all.variants[0].years.front().households, 1800);
  EXPECT_EQ(all.variants[2].years.front().households, 2700);
  EXPECT_EQ(all.variants[3].years.front().households, 1200);
  EXPECT_EQ(all.variants[0].programmes.size(), 1U);
  EXPECT_EQ(all.variants[4].programmes.size(), 2U);
  expect_identical(all.variants[0], all.variants[5]);
}

// simulate() with stores: the stores hold the last variant's world afterwards, and a variant run
// in them equals the same variant run without.
TEST(VariantStores, SimulateLeavesTheWorldForTheNextVariant) {
  const ScenarioSet set = r1_with_other_sizes();
  VariantStores stores;
  const VariantResult larger = simulate(set.variants[2], 2, {}, {}, {}, &stores);
  EXPECT_EQ(stores.world.households.count(), 2700U);
  EXPECT_EQ(stores.observations.size(), 2700U);
  const VariantResult first = simulate(set.variants[0], 2, {}, {}, {}, &stores);
  EXPECT_EQ(stores.world.households.count(), 1800U);
  expect_identical(first, simulate(set.variants[0], 2));
  expect_identical(larger, simulate(set.variants[2], 1));
}

}  // namespace
}  // namespace fupin::models
