// Tests for the "equal" rule (models/rules/equal.cpp).
#include <gtest/gtest.h>

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

TEST(EqualRule, EmptyTableAllocatesNothing) {
  EXPECT_TRUE(rules::equal(Money::from_fen(100), CandidateTable{}, {}).empty());
}

TEST(EqualRule, RejectsNegativeBudget) {
  EXPECT_THROW((void)rules::equal(Money::from_fen(-1), people_only({1, 1}), {}),
               std::invalid_argument);
}

}  // namespace
}  // namespace fupin::models
