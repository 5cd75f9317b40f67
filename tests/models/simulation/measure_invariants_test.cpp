// Invariants of the measures over every shipped scenario, every variant and every year:
// P2 <= P1 <= P0 <= 1, nothing NaN, every income component's mean finite, and the components
// adding up to the mean income. New scenarios in scenarios/ are picked up automatically (the
// national one at the reduced scale of its scaled copy, shipped_scenarios.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/causes.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"
#include "shipped_scenarios.hpp"

namespace fupin::models {
namespace {

using shipped::runnable_scenario;
using shipped::shipped_scenarios;

class ShippedScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(ShippedScenario, MeasuresKeepTheirInvariantsInEveryVariantAndYear) {
  const ScenarioSet set = load_scenario_file(runnable_scenario(GetParam()));
  const RunResult run = run_scenarios(set, 0);
  ASSERT_FALSE(run.variants.empty());
  for (const VariantResult& v : run.variants) {
    ASSERT_FALSE(v.years.empty()) << v.name;
    for (const YearSummary& y : v.years) {
      SCOPED_TRACE(v.name + " " + std::to_string(y.year));
      for (double x : {y.headcount_ratio, y.fgt1, y.fgt2, y.gini, y.mean_income, y.median_income}) {
        EXPECT_TRUE(std::isfinite(x));
      }
      EXPECT_GE(y.fgt2, 0.0);
      EXPECT_LE(y.fgt2, y.fgt1);
      EXPECT_LE(y.fgt1, y.headcount_ratio);
      EXPECT_LE(y.headcount_ratio, 1.0);
      EXPECT_GE(y.gini, 0.0);
      EXPECT_LE(y.gini, 1.0);
      const IncomeComponents& c = y.mean_components;
      for (double x : {c.earned, c.returns, c.wages, c.remittances, c.transfers, c.costs}) {
        EXPECT_TRUE(std::isfinite(x));
        EXPECT_GE(x, 0.0);
      }
      const double sum = c.earned + c.returns + c.wages + c.remittances + c.transfers - c.costs;
      EXPECT_NEAR(sum, y.mean_income, 1e-9 * std::abs(y.mean_income) + 1e-9);
      // Every registered household has one primary cause: the counts by cause add up to them.
      ASSERT_EQ(y.registered_by_cause.size(), static_cast<std::size_t>(kCauseCount));
      std::int64_t by_cause = 0;
      for (std::int64_t n : y.registered_by_cause) {
        EXPECT_GE(n, 0);
        by_cause += n;
      }
      EXPECT_EQ(by_cause, y.registered_households);
    }
  }
}

const std::vector<double>& real(const LevelResults& l, const std::string& name) {
  for (const auto& m : l.real) {
    if (m.name == name) return m.values;
  }
  throw std::runtime_error("no series " + name + " at level " + l.level);
}

const std::vector<std::int64_t>& count(const LevelResults& l, const std::string& name) {
  for (const auto& m : l.counts) {
    if (m.name == name) return m.values;
  }
  throw std::runtime_error("no series " + name + " at level " + l.level);
}

// Results by region: every level adds up to the summary (people and money exactly, measures to
// rounding), every region keeps P2 <= P1 <= P0 <= 1, and the money of each programme that
// reached the regions equals the programme's own `spent` series.
TEST_P(ShippedScenario, RegionsOfEveryLevelAddUpToTheSummary) {
  ScenarioSet set = load_scenario_file(runnable_scenario(GetParam()));
  // Results by region do not depend on the size of villages; smaller ones keep the test quick.
  for (Scenario& s : set.variants)
    s.geography.households_per_village = std::min(s.geography.households_per_village, 60);
  const RunResult run = run_scenarios(set, 2);
  for (const VariantResult& v : run.variants) {
    ASSERT_EQ(v.by_level.size(), 3U) << v.name;
    for (const LevelResults& l : v.by_level) {
      SCOPED_TRACE(v.name + " " + l.level);
      ASSERT_EQ(l.years.size(), v.years.size());
      const std::size_t regions = l.regions;
      ASSERT_EQ(regions, run.geography[&l - v.by_level.data()].names.size());
      for (std::size_t yi = 0; yi < v.years.size(); ++yi) {
        const YearSummary& y = v.years[yi];
        SCOPED_TRACE(y.year);
        double people = 0, poor = 0, mass = 0, gap = 0, earned = 0, costs = 0;
        std::int64_t households = 0, registered = 0, exits = 0, entries = 0, returns = 0,
                     inclusion = 0, exclusion = 0;
        for (std::size_t r = 0; r < regions; ++r) {
          const std::size_t i = yi * regions + r;
          const double n = real(l, "population")[i];
          const double p0 = real(l, "headcount_ratio")[i];
          const double p1 = real(l, "fgt1")[i];
          const double p2 = real(l, "fgt2")[i];
          EXPECT_GE(p2, 0.0);
          EXPECT_LE(p2, p1 + 1e-15);
          EXPECT_LE(p1, p0 + 1e-15);
          EXPECT_LE(p0, 1.0);
          people += n;
          poor += real(l, "poor_people")[i];
          mass += n * real(l, "mean_income")[i];
          gap += n * p1;
          earned += n * real(l, "mean_earned")[i];
          costs += n * real(l, "mean_costs")[i];
          households += count(l, "households")[i];
          registered += count(l, "registered_households")[i];
          exits += count(l, "exits")[i];
          entries += count(l, "newly_registered")[i];
          returns += count(l, "returns")[i];
          inclusion += count(l, "registered_not_poor")[i];
          exclusion += count(l, "poor_not_registered")[i];
        }
        const auto near = [](double a, double b) {
          return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
        };
        EXPECT_TRUE(near(people, y.population)) << people << " vs " << y.population;
        EXPECT_TRUE(near(poor, y.poor_people)) << poor << " vs " << y.poor_people;
        EXPECT_TRUE(near(mass / people, y.mean_income));
        EXPECT_TRUE(near(gap / people, y.fgt1));
        EXPECT_TRUE(near(earned / people, y.mean_components.earned));
        EXPECT_TRUE(near(costs / people, y.mean_components.costs));
        EXPECT_EQ(households, y.households);
        EXPECT_EQ(registered, y.registered_households);
        EXPECT_EQ(exits, y.exits);
        EXPECT_EQ(entries, y.newly_registered);
        EXPECT_EQ(returns, y.returns);
        EXPECT_EQ(inclusion, y.registered_not_poor);
        EXPECT_EQ(exclusion, y.poor_not_registered);
        // Money of every programme: the regions' sum equals the programme's `spent`.
        ASSERT_EQ(l.programmes.size(), v.programmes.size());
        for (std::size_t p = 0; p < v.programmes.size(); ++p) {
          std::int64_t fen = 0;
          for (std::size_t r = 0; r < regions; ++r)
            fen += l.spent_fen[(yi * regions + r) * l.programmes.size() + p];
          const auto& money = v.programmes[p].money;
          const auto spent = std::find_if(money.begin(), money.end(),
                                          [](const auto& m) { return m.name == "spent"; });
          ASSERT_NE(spent, money.end());
          EXPECT_EQ(fen, spent->values[yi].fen()) << v.programmes[p].name;
        }
        // Units: a household counts once a year whichever programmes paid, so the regions' count
        // is at most the programmes' (plus a sector channel's renovated houses), and positive
        // whenever theirs is.
        for (const char* unit : {"houses_renovated", "labourers_trained", "households_relocated",
                                 "schooling_guaranteed", "households_insured"}) {
          std::int64_t regions_count = 0;
          for (std::size_t r = 0; r < regions; ++r)
            regions_count += count(l, unit)[yi * regions + r];
          double programmes_count = 0;
          const Scenario& spec = set.variants[static_cast<std::size_t>(&v - run.variants.data())];
          for (std::size_t p = 0; p < v.programmes.size(); ++p) {
            const auto* channel = params_if<SectorChannelSpec>(spec.programmes[p]);
            const bool renovates = channel != nullptr && channel->channel == Channel::housing &&
                                   channel->unit == UnitKind::household;
            for (const auto& m : v.programmes[p].measures) {
              if (m.name == unit || (renovates && std::string(unit) == "houses_renovated" &&
                                     m.name == "units_built")) {
                programmes_count += m.values[yi];
              }
            }
          }
          EXPECT_LE(static_cast<double>(regions_count), programmes_count) << unit;
          EXPECT_EQ(regions_count > 0, programmes_count > 0) << unit;
        }
      }
    }
  }
}

std::string scenario_name(const ::testing::TestParamInfo<std::string>& info) {
  return std::filesystem::path(info.param).stem().string();
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ShippedScenario, ::testing::ValuesIn(shipped_scenarios()),
                         scenario_name);

}  // namespace
}  // namespace fupin::models
