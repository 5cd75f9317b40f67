// Tests for the "nearest_to_threshold" rule (models/rules/nearest_to_threshold.cpp).
#include <gtest/gtest.h>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;
using test::fen;

TEST(NearestToThresholdRule, SpendsOnTheCheapestExitsFirst) {
  CandidateTable t = test::people_only({1, 1, 1, 1});
  t.need = {40, 5, 20, 10};
  // 3500 fen: 500 (need 5), 1000 (need 10), 2000 (need 20); nothing left for need 40.
  EXPECT_EQ(fen(rules::nearest_to_threshold(Money::from_fen(3500), t, {})),
            (std::vector<std::int64_t>{0, 500, 2000, 1000}));
}

TEST(NearestToThresholdRule, DiffersFromPoorestFirstWhenThePoorestAreDeepest) {
  // The poorest household (income 500) needs the most; poorest_first funds it, this rule does not.
  CandidateTable t = test::people_only({1, 1});
  t.income = {500, 2500};
  t.need = {30, 3};
  EXPECT_EQ(fen(rules::poorest_first(Money::from_fen(1000), t, {})),
            (std::vector<std::int64_t>{1000, 0}));
  EXPECT_EQ(fen(rules::nearest_to_threshold(Money::from_fen(1000), t, {})),
            (std::vector<std::int64_t>{700, 300}));
}

TEST(NearestToThresholdRule, IgnoresIncome) {
  CandidateTable t = test::people_only({1, 1});
  t.need = {2, 1};
  const auto without = fen(rules::nearest_to_threshold(Money::from_fen(150), t, {}));
  t.income = {0, 1e6};
  EXPECT_EQ(fen(rules::nearest_to_threshold(Money::from_fen(150), t, {})), without);
  EXPECT_EQ(without, (std::vector<std::int64_t>{50, 100}));
}

TEST(NearestToThresholdRule, RejectsNegativePoorHouseholds) {
  CandidateTable t = test::people_only({1, 1});
  t.need = {2, 1};
  t.poor_households = {1, -1};
  EXPECT_THROW((void)rules::nearest_to_threshold(Money::from_fen(150), t, {}),
               std::invalid_argument);
}

}  // namespace
}  // namespace fupin::models
