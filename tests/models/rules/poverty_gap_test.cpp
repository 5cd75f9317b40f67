// Tests for the "poverty_gap" rule (models/rules/poverty_gap.cpp).
#include <gtest/gtest.h>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;
using test::fen;
using test::people_only;

TEST(PovertyGapRule, SplitsInProportionToGap) {
  CandidateTable t = people_only({3, 2, 4});
  t.poor_people = {3, 2, 0};
  t.poverty_gap = {3000, 1000, 0};
  EXPECT_EQ(fen(rules::poverty_gap(Money::from_yuan(1000), t, {})),
            (std::vector<std::int64_t>{75000, 25000, 0}));
}

TEST(PovertyGapRule, DeeperPovertyDrawsMoreThanPerPoorPerson) {
  // Same number of poor people, gaps 3:1: per_poor_person splits evenly, poverty_gap 3:1.
  CandidateTable t = people_only({4, 4});
  t.poor_people = {4, 4};
  t.poverty_gap = {12000, 4000};
  const Money budget = Money::from_fen(1000);
  EXPECT_EQ(fen(rules::per_poor_person(budget, t, {})), (std::vector<std::int64_t>{500, 500}));
  EXPECT_EQ(fen(rules::poverty_gap(budget, t, {})), (std::vector<std::int64_t>{750, 250}));
}

TEST(PovertyGapRule, NoGapMeansCallerKeepsTheMoney) {
  CandidateTable t = people_only({4, 4});
  EXPECT_EQ(fen(rules::poverty_gap(Money::from_fen(1000), t, {})),
            (std::vector<std::int64_t>{0, 0}));
}

TEST(PovertyGapRule, RejectsColumnOfWrongLength) {
  CandidateTable t = people_only({1, 2});
  t.poverty_gap = {5, 5, 5};
  EXPECT_THROW((void)rules::poverty_gap(Money::from_fen(10), t, {}), std::invalid_argument);
}

}  // namespace
}  // namespace fupin::models
