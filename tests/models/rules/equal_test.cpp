// Tests for the "equal" rule (models/rules/equal.cpp).
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;
using test::fen;
using test::people_only;

TEST(EqualRule, GivesEveryCandidateTheSameShare) {
  EXPECT_EQ(fen(rules::equal(Money::from_yuan(12), people_only({1, 5, 9, 2}), {})),
            (std::vector<std::int64_t>{300, 300, 300, 300}));
}

TEST(EqualRule, LeftoverFenGoToLowestIndices) {
  // 11 fen among 4: 2 each, 3 left over -> indices 0, 1, 2.
  EXPECT_EQ(fen(rules::equal(Money::from_fen(11), people_only({1, 1, 1, 1}), {})),
            (std::vector<std::int64_t>{3, 3, 3, 2}));
}

TEST(EqualRule, IgnoresAttributes) {
  CandidateTable t = people_only({0, 0, 0});  // even candidates with nobody get a share
  t.poverty_gap = {0, 1e6, 0};
  EXPECT_EQ(fen(rules::equal(Money::from_fen(9), t, {})), (std::vector<std::int64_t>{3, 3, 3}));
}

// The rule is the largest-remainder split with weight one for each eligible candidate and zero
// for the others: the same parts for random eligibility, budgets and sizes, none eligible
// included.
TEST(EqualRule, IsTheLargestRemainderSplitOverTheEligible) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 500; ++trial) {
    const std::size_t n = rng() % 30;
    CandidateTable t = people_only(std::vector<double>(n, 1.0));
    t.eligible.resize(n);
    std::vector<std::int64_t> weights(n);
    for (std::size_t i = 0; i < n; ++i) {
      t.eligible[i] = static_cast<std::uint8_t>(rng() % 3 != 0);
      weights[i] = t.eligible[i];
    }
    const Money budget = Money::from_fen(static_cast<std::int64_t>(rng() % 100'000));
    EXPECT_EQ(fen(rules::equal(budget, t, {})),
              fen(sim::split_largest_remainder(budget, std::span<const std::int64_t>(weights))))
        << "trial " << trial;
  }
}

TEST(EqualRule, EmptyTableAllocatesNothing) {
  EXPECT_TRUE(rules::equal(Money::from_fen(100), CandidateTable{}, {}).empty());
}

TEST(EqualRule, RejectsNegativeBudget) {
  EXPECT_THROW((void)rules::equal(Money::from_fen(-1), people_only({1, 1}), {}),
               std::invalid_argument);
  CandidateTable none_eligible = people_only({1, 1});
  none_eligible.eligible = {0, 0};
  EXPECT_THROW((void)rules::equal(Money::from_fen(-1), none_eligible, {}), std::invalid_argument);
}

}  // namespace
}  // namespace fupin::models
