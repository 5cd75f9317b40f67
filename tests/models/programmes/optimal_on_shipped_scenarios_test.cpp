// The `optimal` rule is at least as good on its own objective, evaluated the way it predicts it
// (tests/models/rules/optimal_objective.hpp), as every other registered rule given the same
// budget, on the candidate tables of every shipped scenario (scenarios/*.yaml): the population
// each scenario generates, at the start of its first year, split at every level the programmes
// use — counties of the province, townships and villages of a county, villages of a township,
// households of a village (every seventh) and of a county (where a county has at most 5,000).
// The national scenario runs as its scaled copy, its counties split province by province.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "../rules/optimal_objective.hpp"
#include "../rules/rule_test_support.hpp"
#include "../simulation/shipped_scenarios.hpp"
#include "models/programmes/allocation.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/world/population.hpp"

namespace fupin::models {
namespace {

namespace fs = std::filesystem;
using sim::Money;

std::vector<fs::path> shipped_scenarios() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(FUPIN_SOURCE_DIR) / "scenarios")) {
    if (e.path().extension() == ".yaml") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

constexpr double kReturnRate = 0.15;

CandidateTable regions_table(const SimulationState& s, Level level, Range range, double line) {
  std::vector<RegionStats> stats;
  std::vector<std::uint32_t> regions;
  for (std::uint32_t r = range.begin; r < range.end; ++r) {
    regions.push_back(r);
    stats.push_back(region_stats(s.world, level, r, line));
  }
  return region_candidates(s.world, s.signals, level, stats, regions, kReturnRate);
}

CandidateTable households_table(const SimulationState& s, Range villages, double line) {
  CandidateTable c;
  for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
    const Range r = s.world.villages.children[v];
    for (std::uint32_t i = r.begin; i < r.end; ++i)
      add_household_candidate(s.world, s.signals, c, i, line, kReturnRate);
  }
  return c;
}

// Every comparison on one table; returns the number of comparisons made.
int compare_all(const CandidateTable& t, const std::string& where);

int compare_all_reporting(const CandidateTable& t, const std::string& where) {
  try {
    return compare_all(t, where);
  } catch (const std::exception& e) {
    ADD_FAILURE() << where << ": " << e.what();
    return 0;
  }
}

int compare_all(const CandidateTable& t, const std::string& where) {
  const RuleRegistry& registry = builtin_rules();
  double need = 0;
  for (std::size_t i = 0; i < t.size(); ++i) need += test::has_claim(t, i) ? t.need[i] : 0.0;
  int compared = 0;
  for (double share : {0.03, 0.3, 0.8, 1.2}) {
    const Money budget = Money::from_fen(static_cast<std::int64_t>(need * 100 * share));
    for (const char* objective : {"poverty_gap", "people_lifted"}) {
      RuleParams own;
      own.objective = objective;
      const auto best = rules::optimal(budget, t, own);
      for (const std::string& name : registry.names()) {
        RuleParams params = test::sample_params(name);
        if (name == "optimal")
          params.objective =
              std::string(objective) == "poverty_gap" ? "people_lifted" : "poverty_gap";
        const auto parts = registry.find(name)->rule(budget, t, params);
        const std::string why = test::worse_on_own_objective(objective, t, best, parts);
        ++compared;
        if (why.empty()) continue;
        ADD_FAILURE() << where << ", budget " << budget.str() << ", optimal (" << objective
                      << ") against " << name << ": " << why;
        return compared;  // one failure per table is enough to read
      }
    }
  }
  return compared;
}

TEST(OptimalOnShippedScenarios, AtLeastAsGoodAsEveryOtherRuleAtEveryLevel) {
  const auto files = shipped_scenarios();
  ASSERT_FALSE(files.empty());
  for (const fs::path& file : files) {
    // Variants override programme keys; the population is the base's.
    // The national scenario at the reduced scale of its scaled copy (shipped_scenarios.hpp).
    const Scenario scenario =
        load_scenario_file(shipped::runnable_scenario(file.string())).variants.front();
    sim::Engine engine{static_cast<std::size_t>(scenario.geography.counties), 1};
    SimulationState s{scenario, build_world(scenario.geography), engine, builtin_rules()};
    generate_population(s.world, scenario.population, scenario.seed, engine);
    const double line = s.line(scenario.start_year);
    const World& w = s.world;
    const std::string name = file.filename().string();
    // The counties of the province: of each province where the geography has provinces.
    int compared = 0;
    const GeographySpec& g = scenario.geography;
    std::uint32_t first = 0;
    for (std::size_t p = 0; p < std::max<std::size_t>(g.provinces.size(), 1); ++p) {
      const auto n = static_cast<std::uint32_t>(g.provinces.empty() ? w.counties.size()
                                                                    : g.provinces[p].counties);
      compared += compare_all_reporting(
          regions_table(s, Level::county, {first, first + n}, line),
          name + ": counties" + (g.provinces.empty() ? "" : " of " + g.provinces[p].name));
      first += n;
    }
    for (std::uint32_t c = 0; c < w.counties.size(); ++c) {
      const std::string county = name + ": county " + std::to_string(c);
      compared += compare_all_reporting(
          regions_table(s, Level::township, w.counties.children[c], line), county + " townships");
      const Range villages = child_range(w, Level::county, c, Level::village);
      compared += compare_all_reporting(regions_table(s, Level::village, villages, line),
                                        county + " villages");
      // A county's households as one split (as in Guangdong's county → household stage), where
      // the exact people_lifted table stays small enough for a test.
      const long long per_county = static_cast<long long>(scenario.geography.townships_per_county) *
                                   scenario.geography.villages_per_township *
                                   scenario.geography.households_per_village;
      if (per_county <= 5000)
        compared +=
            compare_all_reporting(households_table(s, villages, line), county + " households");
    }
    for (std::uint32_t t = 0; t < w.townships.size(); ++t) {
      compared +=
          compare_all_reporting(regions_table(s, Level::village, w.townships.children[t], line),
                                name + ": township " + std::to_string(t) + " villages");
    }
    for (std::uint32_t v = 0; v < w.villages.size(); v += 7) {  // every seventh village
      compared += compare_all_reporting(households_table(s, {v, v + 1}, line),
                                        name + ": village " + std::to_string(v));
    }
    EXPECT_GT(compared, 0) << name;
  }
}

}  // namespace
}  // namespace fupin::models
