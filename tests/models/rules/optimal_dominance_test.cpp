// The `optimal` rule is at least as good on its own objective, evaluated the way it predicts it
// (optimal_objective.hpp), as every other registered rule given the same budget, on randomly
// generated candidate tables: households and regions, needs tied to the poverty gap by one return
// rate (every yuan closes the same gap, the case that used to fall back to index order) or not,
// budgets from a sliver of the total need to more than all of it.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "optimal_objective.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;

double uniform(std::mt19937_64& rng, double lo, double hi) {
  return lo +
         (hi - lo) * static_cast<double>(rng() >> 11) / static_cast<double>(std::uint64_t{1} << 53);
}
int pick(std::mt19937_64& rng, int lo, int hi) {
  return lo + static_cast<int>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
}

// A table with every column, as the simulation fills it (models/programmes/allocation.cpp).
CandidateTable random_table(std::mt19937_64& rng) {
  CandidateTable t;
  const int n = pick(rng, 1, 40);
  const bool households = pick(rng, 0, 1) == 0;
  const bool tied_slopes = pick(rng, 0, 2) != 0;  // need = poverty_gap / return rate
  const double rate = uniform(rng, 0.05, 0.5);
  const bool with_eligible = pick(rng, 0, 4) == 0;
  const double line = 2300;
  for (int i = 0; i < n; ++i) {
    const double people = households ? pick(rng, 1, 7) : pick(rng, 20, 400);
    const double poor = households ? (pick(rng, 0, 2) == 0 ? 0.0 : people)
                                   : std::floor(people * uniform(rng, 0, 0.6));
    const double depth = poor > 0 ? uniform(rng, 1, line) : 0.0;  // gap per poor person
    const double gap = poor * depth;
    t.people.push_back(people);
    t.poor_people.push_back(poor);
    t.poverty_gap.push_back(gap);
    t.income.push_back(line - (poor > 0 ? depth : -uniform(rng, 0, 3000)));
    t.households.push_back(households ? 1.0 : std::ceil(people / 4));
    t.poor_households.push_back(households ? (poor > 0 ? 1.0 : 0.0) : std::ceil(poor / 4));
    t.need.push_back(tied_slopes ? gap / rate : gap / uniform(rng, 0.05, 0.5));
    t.assessment.push_back(uniform(rng, 0, 1));
    t.priority.push_back(static_cast<std::uint8_t>(pick(rng, 0, 7)));
    t.cause.push_back(households ? static_cast<std::int8_t>(pick(rng, 0, 10)) : std::int8_t{-1});
    if (with_eligible) t.eligible.push_back(pick(rng, 0, 3) == 0 ? 0 : 1);
  }
  return t;
}

double total_need(const CandidateTable& t) {
  double total = 0;
  for (std::size_t i = 0; i < t.size(); ++i) total += test::has_claim(t, i) ? t.need[i] : 0.0;
  return total;
}

TEST(OptimalDominance, AtLeastAsGoodAsEveryOtherRuleOnRandomTables) {
  std::mt19937_64 rng(20240707);
  const RuleRegistry& registry = builtin_rules();
  int compared = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const CandidateTable t = random_table(rng);
    const double need = total_need(t);
    for (double share : {0.0, 0.01, 0.2, 0.5, 0.9, 1.0, 1.3}) {
      const Money budget =
          Money::from_fen(static_cast<std::int64_t>(need * 100 * share) + pick(rng, 0, 500));
      for (const char* objective : {"poverty_gap", "people_lifted"}) {
        RuleParams own;
        own.objective = objective;
        const auto best = rules::optimal(budget, t, own);
        for (const std::string& name : registry.names()) {
          for (const std::string_view other_objective : {"poverty_gap", "people_lifted"}) {
            if (name != "optimal" && other_objective != "poverty_gap") continue;
            RuleParams params = test::sample_params(name);
            if (name == "optimal") params.objective = std::string(other_objective);
            const auto parts = registry.find(name)->rule(budget, t, params);
            const std::string why = test::worse_on_own_objective(objective, t, best, parts);
            ASSERT_EQ(why, "") << "trial " << trial << " (" << t.size() << " candidates)"
                               << ", budget " << budget.str() << ", optimal (" << objective
                               << ") against " << name
                               << (name == "optimal" ? " (" + std::string(other_objective) + ")"
                                                     : "");
            ++compared;
          }
        }
      }
    }
  }
  EXPECT_GT(compared, 0);
}

}  // namespace
}  // namespace fupin::models
