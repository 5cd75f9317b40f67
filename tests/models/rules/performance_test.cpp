// Tests for the "performance" rule (models/rules/performance.cpp) and its parameter check.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;
using test::fen;

TEST(PerformanceRule, PerfectScoresAreThePlainBase) {
  CandidateTable t = test::people_only({5, 5, 5});
  t.poor_people = {1, 2, 3};
  t.assessment = {1, 1, 1};
  EXPECT_EQ(fen(rules::performance(Money::from_fen(600), t, {})),
            fen(rules::per_poor_person(Money::from_fen(600), t, {})));
}

TEST(PerformanceRule, RejectsScoresOutsideTheUnitIntervalAtCallTime) {
  CandidateTable t = test::people_only({5, 5});
  t.poor_people = {1, 2};
  for (double bad : {-0.01, 1.01, std::nan("")}) {
    t.assessment = {0.5, bad};
    try {
      (void)rules::performance(Money::from_fen(600), t, {});
      ADD_FAILURE() << "accepted assessment " << bad;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("column 'assessment' of candidate 1"), std::string::npos)
          << e.what();
    }
  }
}

TEST(PerformanceCheck, BaseMustBeKnown) {
  const auto& check = builtin_rules().find("performance")->check;
  RuleParams p;
  EXPECT_EQ(check(p), "");
  p.base = "households";
  EXPECT_EQ(check(p), "");
  p.base = "income";
  EXPECT_NE(check(p).find("unknown base 'income'; valid bases: people, poor_people"),
            std::string::npos);
}

}  // namespace
}  // namespace fupin::models
