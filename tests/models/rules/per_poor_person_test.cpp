// Tests for the "per_poor_person" rule (models/rules/per_poor_person.cpp).
#include <gtest/gtest.h>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;
using test::fen;
using test::people_only;

TEST(PerPoorPersonRule, SplitsInProportionToPoorPeople) {
  CandidateTable t = people_only({10, 10, 10});
  t.poor_people = {1, 3, 0};
  EXPECT_EQ(fen(rules::per_poor_person(Money::from_yuan(40), t, {})),
            (std::vector<std::int64_t>{1000, 3000, 0}));
}

TEST(PerPoorPersonRule, NoPoorMeansCallerKeepsTheMoney) {
  EXPECT_EQ(fen(rules::per_poor_person(Money::from_fen(777), people_only({4, 5}), {})),
            (std::vector<std::int64_t>{0, 0}));
}

TEST(PerPoorPersonRule, RejectsColumnOfWrongLength) {
  CandidateTable t = people_only({1, 2, 3});
  t.poor_people = {1, 2};
  EXPECT_THROW((void)rules::per_poor_person(Money::from_fen(10), t, {}), std::invalid_argument);
}

}  // namespace
}  // namespace fupin::models
