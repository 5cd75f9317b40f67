// Tests for the "per_capita" rule (models/rules/per_capita.cpp).
#include <gtest/gtest.h>

#include <limits>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;
using test::fen;
using test::people_only;

TEST(PerCapitaRule, SplitsInProportionToPeople) {
  // 600 yuan over 1 + 2 + 3 people: 100 yuan a head.
  EXPECT_EQ(fen(rules::per_capita(Money::from_yuan(600), people_only({1, 2, 3}), {})),
            (std::vector<std::int64_t>{10000, 20000, 30000}));
}

TEST(PerCapitaRule, IgnoresPovertyStatus) {
  CandidateTable t = people_only({2, 2});
  t.poor_people = {2, 0};
  t.poverty_gap = {5000, 0};
  EXPECT_EQ(fen(rules::per_capita(Money::from_fen(1000), t, {})),
            (std::vector<std::int64_t>{500, 500}));
}

TEST(PerCapitaRule, NoPeopleMeansCallerKeepsTheMoney) {
  EXPECT_EQ(fen(rules::per_capita(Money::from_fen(1000), people_only({0, 0, 0}), {})),
            (std::vector<std::int64_t>{0, 0, 0}));
}

TEST(PerCapitaRule, RejectsNegativeOrNonFinitePeople) {
  EXPECT_THROW((void)rules::per_capita(Money::from_fen(10), people_only({1, -1}), {}),
               std::invalid_argument);
  EXPECT_THROW(
      (void)rules::per_capita(Money::from_fen(10),
                              people_only({1, std::numeric_limits<double>::quiet_NaN()}), {}),
      std::invalid_argument);
}

}  // namespace
}  // namespace fupin::models
