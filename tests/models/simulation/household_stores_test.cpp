#include "models/simulation/household_stores.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"
#include "models/world/population.hpp"
#include "sim/engine.hpp"
#include "tests/models/scenario_text.hpp"
#include "tests/models/simulation/identical.hpp"
#include "tests/models/simulation/shipped_scenarios.hpp"

namespace fupin::models {
namespace {

using scenario_text::file_text;
using scenario_text::replaced;

const std::string kR1 = std::string(FUPIN_SOURCE_DIR) + "/scenarios/reference_r1.yaml";
const std::string kR1Project =
    "project: {type: income, return_rate: 0.15, lag_years: 1, success_probability: 1, "
    "depreciation: 0}";

// R1 with its package's project of `type`, and `extra` appended to its interventions.
Scenario r1_with(const std::string& type, const std::string& extra = "") {
  std::string text = replaced(file_text(kR1), kR1Project, "project: {type: " + type + "}");
  text = replaced(text, "  capture: 0 ", "  capture: 0\n" + extra + "  #");
  return load_scenario_text(text, "r1_with.yaml").variants.front();
}

constexpr HouseholdStores kNone{false, false, false, false, false};

// The stores of `s` as a list of names, for messages.
std::string names(const HouseholdStores& s) {
  std::string out;
  for (const auto& [name, held] :
       {std::pair{"wages", s.wages}, std::pair{"remittances", s.remittances},
        std::pair{"transfers", s.transfers}, std::pair{"insured_until", s.insured_until},
        std::pair{"covered", s.covered}}) {
    if (held) out += std::string(out.empty() ? "" : ", ") + name;
  }
  return out.empty() ? "none" : out;
}

TEST(HouseholdStores, R1LeavesOutEveryStoreItCannotWrite) {
  const Scenario r1 = load_scenario_file(kR1).variants.front();
  const HouseholdStores stores = household_stores(r1);
  EXPECT_EQ(stores, kNone) << names(stores);
  const World w = build_world(r1.geography, World{}, stores);
  const Households& h = w.households;
  ASSERT_GT(h.count(), 0U);
  EXPECT_TRUE(h.wages.empty() && h.remittances.empty() && h.transfers.empty());
  EXPECT_TRUE(h.insured_until.empty() && h.covered.empty());
  EXPECT_EQ(h.earned.size(), h.count());
  EXPECT_EQ(h.costs.size(), h.count());
  // A world built for R1 in the memory of one holding everything releases what it leaves out.
  const World again = build_world(r1.geography, build_world(r1.geography), stores);
  EXPECT_EQ(again.households.wages.capacity(), 0U);
  EXPECT_EQ(again.households.covered.capacity(), 0U);
}

// Two-variant probes: R1 against R1 with one mechanism that writes a store.
TEST(HouseholdStores, EachWriterKeepsItsStoreAndOnlyIt) {
  const auto expect = [](const Scenario& s, HouseholdStores want, const char* what) {
    EXPECT_EQ(household_stores(s), want) << what << ": " << names(household_stores(s));
  };
  expect(r1_with("village_industry"), {true, false, false, false, false}, "village industry");
  expect(r1_with("skills"), {false, true, false, false, false}, "skills training");
  expect(r1_with("skills", "  migration_probability: 0\n"), kNone, "training, nobody migrates");
  expect(r1_with("skills", "  remittance: 0\n"), kNone, "training, migrants send nothing");
  expect(r1_with("health_insurance"), {false, false, false, true, false}, "insurance");
  expect(r1_with("matched"), {false, true, false, true, false}, "matched");
  expect(r1_with("housing"), kNone, "housing");
  {
    std::string text = replaced(file_text(kR1), "  dibao_line: 0 ", "  dibao_line: 2000 #");
    expect(load_scenario_text(text, "r1_dibao.yaml").variants.front(),
           {false, false, true, false, false}, "minimum living guarantee");
  }
}

TEST(HouseholdStores, EastWestAndHouseholdUnitsKeepTheirStores) {
  const std::string three_ensures =
      std::string(FUPIN_SOURCE_DIR) + "/scenarios/three_ensures_villages.yaml";
  const Scenario s = load_scenario_file(three_ensures).variants.front();
  EXPECT_EQ(household_stores(s), (HouseholdStores{true, true, false, false, true}))
      << names(household_stores(s));
  // Without its channels of household units, no coverage is stored.
  std::string text = file_text(three_ensures);
  for (const char* unit : {"    unit: household\n", "    unit: household\n"})
    text = replaced(text, unit, "    unit: village\n");
  EXPECT_FALSE(
      household_stores(load_scenario_text(text, "villages.yaml").variants.front()).covered);
}

// Fills a world with the population and holds (or drops) one set of stores first.
PopulateWorld holding(const Scenario& s, HouseholdStores held) {
  return [&s, held](World& w, sim::Engine& engine) {
    Households& h = w.households;
    const std::size_t n = h.count();
    const auto hold = [n](auto& store, bool keep) {
      using Store = std::remove_reference_t<decltype(store)>;
      if (keep) {
        store.assign(n, typename Store::value_type{});
      } else {
        Store().swap(store);
      }
    };
    hold(h.wages, held.wages);
    hold(h.remittances, held.remittances);
    hold(h.transfers, held.transfers);
    hold(h.insured_until, held.insured_until);
    hold(h.covered, held.covered);
    generate_population(w, s.population, s.seed, engine);
  };
}

// The variants of the shipped scenarios that differ in the stores they hold: each scenario's first
// variant and every later one holding other stores than the variants before it.
struct ShippedVariant {
  std::string file;
  Scenario scenario;
};
std::vector<ShippedVariant> variants_by_stores() {
  std::vector<ShippedVariant> out;
  for (const std::string& path : shipped::shipped_scenarios()) {
    std::vector<HouseholdStores> seen;
    for (Scenario& s : load_scenario_file(shipped::runnable_scenario(path)).variants) {
      const HouseholdStores held = household_stores(s);
      if (std::find(seen.begin(), seen.end(), held) != seen.end()) continue;
      seen.push_back(held);
      out.push_back({path, std::move(s)});
    }
  }
  return out;
}

// Every shipped scenario gives the same results with the stores it leaves out held (all zero):
// reading a store left out as zero is reading the zeros it would hold.
TEST(HouseholdStores, ShippedScenariosGiveTheSameResultsHoldingEveryStore) {
  for (const auto& [file, s] : variants_by_stores()) {
    SCOPED_TRACE(file + ", variant " + s.variant + ": " + names(household_stores(s)));
    expect_identical(simulate(s, 2), simulate(s, 2, {}, {}, holding(s, HouseholdStores{})));
  }
}

// Every store a shipped scenario holds is written in its run: without it, the writer stops the run
// with std::logic_error instead of writing out of bounds. Together with the probes above, every
// writer of every store is shown to be known to household_stores.
TEST(HouseholdStores, AWriterWithoutItsStoreStopsTheRun) {
  std::vector<std::string> exercised;
  for (const auto& [file, s] : variants_by_stores()) {
    const HouseholdStores held = household_stores(s);
    for (const auto& [name, member] : {std::pair{"wages", &HouseholdStores::wages},
                                       std::pair{"remittances", &HouseholdStores::remittances},
                                       std::pair{"transfers", &HouseholdStores::transfers},
                                       std::pair{"insured_until", &HouseholdStores::insured_until},
                                       std::pair{"covered", &HouseholdStores::covered}}) {
      if (!(held.*member)) continue;
      HouseholdStores without = held;
      without.*member = false;
      EXPECT_THROW(simulate(s, 2, {}, {}, holding(s, without)), std::logic_error)
          << file << ", variant " << s.variant << ", without " << name;
      exercised.push_back(name);
    }
  }
  // Each of the five is held, and so tested, by at least one shipped scenario.
  for (const char* name : {"wages", "remittances", "transfers", "insured_until", "covered"})
    EXPECT_NE(std::find(exercised.begin(), exercised.end(), name), exercised.end()) << name;
}

}  // namespace
}  // namespace fupin::models
