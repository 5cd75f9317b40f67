// Property tests over every built-in rule on random candidate tables (fixed seed): exact totals,
// no negative parts, determinism, ties to the lower index, monotonicity, and agreement with an
// exact integer oracle of the largest-remainder method.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;

constexpr int kTables = 300;
constexpr std::size_t kMaxCandidates = 500;
constexpr std::int64_t kMaxBudget = 1'000'000'000'000;  // 1e12 fen = 10 billion yuan

// Raw engine output only: the std:: distributions differ between standard libraries, and a
// failing seed should reproduce everywhere.
std::int64_t uniform(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
  const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
  return lo + static_cast<std::int64_t>(rng() % span);
}
bool chance(std::mt19937_64& rng, int percent) { return uniform(rng, 0, 99) < percent; }

struct Scenario {
  Money budget;
  CandidateTable table;
};

// Many zeros and many repeated values, so that zero-weight and tied candidates are common.
// Every weight is a whole number or a half, so the exact oracle below can use integers.
Scenario random_scenario(std::mt19937_64& rng) {
  Scenario s;
  const auto n = static_cast<std::size_t>(
      chance(rng, 30) ? uniform(rng, 0, 5) : uniform(rng, 0, static_cast<std::int64_t>(kMaxCandidates)));
  const int zero_percent = static_cast<int>(uniform(rng, 0, 100));
  for (std::size_t i = 0; i < n; ++i) {
    const double people = chance(rng, zero_percent) ? 0.0 : static_cast<double>(uniform(rng, 1, 12));
    const double poor =
        people == 0 || chance(rng, zero_percent) ? 0.0 : static_cast<double>(uniform(rng, 1, static_cast<std::int64_t>(people)));
    // Per-capita shortfall below the line in yuan, from a short list (ties) or any half-yuan.
    const double shortfall = chance(rng, 50) ? static_cast<double>(500 * uniform(rng, 1, 4))
                                             : 0.5 * static_cast<double>(uniform(rng, 1, 8000));
    s.table.people.push_back(people);
    s.table.poor_people.push_back(poor);
    s.table.poverty_gap.push_back(poor * shortfall);
  }
  switch (uniform(rng, 0, 3)) {
    case 0: s.budget = Money::from_fen(uniform(rng, 0, 1000)); break;                 // a few fen
    case 1: s.budget = Money::from_fen(uniform(rng, 0, kMaxBudget)); break;           // up to 1e12
    case 2: s.budget = Money::from_fen(std::int64_t{1} << uniform(rng, 0, 39)); break;  // powers of two
    default: s.budget = Money::from_fen(static_cast<std::int64_t>(
                 std::pow(10.0, static_cast<double>(uniform(rng, 0, 1200)) / 100.0)));  // log-uniform
  }
  return s;
}

std::vector<Scenario> scenarios() {
  std::mt19937_64 rng(20240601);
  std::vector<Scenario> out;
  for (int i = 0; i < kTables; ++i) out.push_back(random_scenario(rng));
  return out;
}

// The weight each built-in rule gives a candidate (its contract in allocation_rule.hpp).
std::vector<double> weights_of(const std::string& rule, const CandidateTable& t) {
  if (rule == "equal") return std::vector<double>(t.size(), 1.0);
  if (rule == "per_capita") return t.people;
  if (rule == "per_poor_person") return t.poor_people;
  if (rule == "poverty_gap") return t.poverty_gap;
  ADD_FAILURE() << "no weight column known for rule " << rule;
  return {};
}

bool any_positive(const std::vector<double>& w) {
  return std::any_of(w.begin(), w.end(), [](double x) { return x > 0; });
}

// Indices grouped by equal weight, groups in increasing weight, indices increasing within a group.
std::vector<std::vector<std::size_t>> tie_groups(const std::vector<double>& w) {
  std::vector<std::size_t> order(w.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return w[a] < w[b]; });
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k == 0 || w[order[k]] != w[order[k - 1]]) groups.emplace_back();
    groups.back().push_back(order[k]);
  }
  return groups;
}

// Test oracle, independent of sim/money.cpp: the largest-remainder split computed exactly for
// weights that are whole multiples of one half (doubled to integers), in 128-bit arithmetic.
std::vector<std::int64_t> exact_largest_remainder(std::int64_t budget, const std::vector<double>& w) {
  __extension__ typedef __int128 i128;
  std::vector<i128> iw;
  i128 total = 0;
  for (double x : w) {
    iw.push_back(static_cast<i128>(std::llround(2 * x)));
    total += iw.back();
  }
  std::vector<std::int64_t> out(w.size(), 0);
  if (total == 0) return out;
  std::vector<i128> rem(w.size());
  std::int64_t left = budget;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const i128 num = static_cast<i128>(budget) * iw[i];
    out[i] = static_cast<std::int64_t>(num / total);
    rem[i] = num % total;
    left -= out[i];
  }
  std::vector<std::size_t> order(w.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rem[a] > rem[b]; });
  for (std::int64_t k = 0; k < left; ++k) ++out[order[static_cast<std::size_t>(k)]];
  return out;
}

class RuleProperties : public ::testing::TestWithParam<std::string> {
 protected:
  [[nodiscard]] const AllocationRule& rule() const { return builtin_rules().find(GetParam())->rule; }
  const std::vector<Scenario> scenarios_ = scenarios();
};

TEST_P(RuleProperties, PartsSumExactlyToBudgetWhenAnyWeightIsPositive) {
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    const auto parts = rule()(budget, table);
    ASSERT_EQ(parts.size(), table.size()) << "scenario " << s;
    if (any_positive(weights_of(GetParam(), table))) {
      EXPECT_EQ(test::total_fen(parts), budget.fen()) << "scenario " << s;
    } else {
      EXPECT_EQ(test::total_fen(parts), 0) << "scenario " << s << ": no weight, the caller keeps the money";
    }
  }
}

TEST_P(RuleProperties, NoPartIsNegativeAndZeroWeightGetsNothing) {
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    const auto w = weights_of(GetParam(), table);
    const auto parts = rule()(budget, table);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      EXPECT_GE(parts[i].fen(), 0) << "scenario " << s << " candidate " << i;
      EXPECT_LE(parts[i], budget) << "scenario " << s << " candidate " << i;
      if (w[i] == 0) {
        EXPECT_EQ(parts[i].fen(), 0) << "scenario " << s << " candidate " << i;
      }
    }
  }
}

TEST_P(RuleProperties, SameInputGivesSameOutput) {
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    const CandidateTable copy = table;
    EXPECT_EQ(test::fen(rule()(budget, table)), test::fen(rule()(budget, copy))) << "scenario " << s;
  }
}

TEST_P(RuleProperties, TiedCandidatesGetLeftoverFenInIndexOrder) {
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    const auto parts = test::fen(rule()(budget, table));
    for (const auto& group : tie_groups(weights_of(GetParam(), table))) {
      // Equal weights: equal quotas, so parts differ by at most the one leftover fen, and
      // that fen goes to the lower indices first.
      for (std::size_t k = 1; k < group.size(); ++k) {
        EXPECT_GE(parts[group[k - 1]], parts[group[k]]) << "scenario " << s;
        EXPECT_LE(parts[group.front()] - parts[group[k]], 1) << "scenario " << s;
      }
    }
  }
}

TEST_P(RuleProperties, PermutingTiedCandidatesLeavesAmountsByPositionUnchanged) {
  // Tied candidates may differ in the columns the rule does not read; swapping their rows must
  // not move money, because ties are settled by position alone.
  std::mt19937_64 rng(7);
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    CandidateTable permuted = table;
    for (const auto& group : tie_groups(weights_of(GetParam(), table))) {
      std::vector<std::size_t> shuffled = group;
      std::shuffle(shuffled.begin(), shuffled.end(), rng);
      for (std::size_t k = 0; k < group.size(); ++k) {
        permuted.people[group[k]] = table.people[shuffled[k]];
        permuted.poor_people[group[k]] = table.poor_people[shuffled[k]];
        permuted.poverty_gap[group[k]] = table.poverty_gap[shuffled[k]];
      }
    }
    EXPECT_EQ(test::fen(rule()(budget, permuted)), test::fen(rule()(budget, table))) << "scenario " << s;
  }
}

TEST_P(RuleProperties, PermutingCandidatesMovesAtMostOneFenEach) {
  std::mt19937_64 rng(11);
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    std::vector<std::size_t> perm(table.size());
    std::iota(perm.begin(), perm.end(), std::size_t{0});
    std::shuffle(perm.begin(), perm.end(), rng);
    CandidateTable permuted;
    for (std::size_t k : perm) {
      permuted.people.push_back(table.people[k]);
      permuted.poor_people.push_back(table.poor_people[k]);
      permuted.poverty_gap.push_back(table.poverty_gap[k]);
    }
    const auto before = test::fen(rule()(budget, table));
    const auto after = test::fen(rule()(budget, permuted));
    for (std::size_t k = 0; k < perm.size(); ++k) {
      EXPECT_LE(std::abs(after[k] - before[perm[k]]), 1) << "scenario " << s << " candidate " << perm[k];
    }
  }
}

TEST_P(RuleProperties, LargerWeightNeverGetsLess) {
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    const auto parts = test::fen(rule()(budget, table));
    const auto groups = tie_groups(weights_of(GetParam(), table));
    for (std::size_t g = 1; g < groups.size(); ++g) {
      std::int64_t lower_max = 0;
      for (std::size_t i : groups[g - 1]) lower_max = std::max(lower_max, parts[i]);
      for (std::size_t i : groups[g]) EXPECT_GE(parts[i], lower_max) << "scenario " << s << " candidate " << i;
    }
  }
}

// Note: sim::split_largest_remainder (double weights) treats remainders within
// 16·LDBL_EPSILON·budget of the cut-off as tied (lower index wins), so for budgets near 1e12 fen
// it may legitimately differ from this exact oracle when two remainders differ by < ~1e-6 fen.
// The fixed seed below does not produce such a near-tie; a new generator or seed might.
TEST_P(RuleProperties, MatchesExactLargestRemainderOracle) {
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    EXPECT_EQ(test::fen(rule()(budget, table)),
              exact_largest_remainder(budget.fen(), weights_of(GetParam(), table)))
        << "scenario " << s;
  }
}

INSTANTIATE_TEST_SUITE_P(Builtin, RuleProperties, ::testing::ValuesIn(builtin_rules().names()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

TEST(RulePropertiesGenerator, ProducesZerosTiesAndLargeTables) {
  // Guards the generator itself: the properties above are only as strong as their inputs.
  std::size_t zero_weights = 0;
  std::size_t largest = 0;
  std::int64_t max_budget = 0;
  std::size_t tied = 0;
  for (const auto& [budget, table] : scenarios()) {
    largest = std::max(largest, table.size());
    max_budget = std::max(max_budget, budget.fen());
    zero_weights += static_cast<std::size_t>(std::count(table.poor_people.begin(), table.poor_people.end(), 0.0));
    for (const auto& g : tie_groups(table.poverty_gap)) tied += g.size() > 1 ? g.size() : 0;
  }
  EXPECT_GT(largest, 400U);
  EXPECT_GT(max_budget, kMaxBudget / 2);
  EXPECT_GT(zero_weights, 1000U);
  EXPECT_GT(tied, 1000U);
}

}  // namespace
}  // namespace fupin::models
