// Tests for the "factor" rule (models/rules/factor.cpp) and its parameter check.
#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <string>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;
using test::fen;

RuleParams weights(std::map<std::string, double> w) {
  RuleParams p;
  p.weights = std::move(w);
  return p;
}

std::string check(const RuleParams& p) { return builtin_rules().find("factor")->check(p); }

TEST(FactorRule, EachFactorMovesItsShareOfTheBudget) {
  // 3/4 of the money by people (1 : 1), 1/4 by poverty gap (all to index 1).
  CandidateTable t = test::people_only({2, 2});
  t.poverty_gap = {0, 500};
  EXPECT_EQ(
      fen(rules::factor(Money::from_fen(1000), t, weights({{"people", 3}, {"poverty_gap", 1}}))),
      (std::vector<std::int64_t>{375, 625}));
}

TEST(FactorRule, ScaleOfTheWeightsDoesNotMatter) {
  CandidateTable t = test::full_table(9);
  const auto a = fen(
      rules::factor(Money::from_fen(77'777), t, weights({{"people", 1}, {"poor_households", 3}})));
  const auto b = fen(rules::factor(Money::from_fen(77'777), t,
                                   weights({{"people", 0.25}, {"poor_households", 0.75}})));
  EXPECT_EQ(a, b);
}

TEST(FactorRule, PriorityFactorCountsCategoriesNotBits) {
  // Bits 4 (one category) and 1 (one category) weigh the same, 3 (two) twice as much.
  CandidateTable t = test::people_only({1, 1, 1});
  t.priority = {4, 1, 3};
  EXPECT_EQ(fen(rules::factor(Money::from_fen(400), t, weights({{"priority", 1}}))),
            (std::vector<std::int64_t>{100, 100, 200}));
}

TEST(FactorRule, RejectsAssessmentOutsideTheUnitInterval) {
  CandidateTable t = test::people_only({1, 1});
  t.assessment = {0.5, 2};
  EXPECT_THROW((void)rules::factor(Money::from_fen(10), t, weights({{"assessment", 1}})),
               std::invalid_argument);
}

TEST(FactorCheck, AcceptsEveryFactorName) {
  EXPECT_EQ(check(weights({{"people", 1},
                           {"poor_people", 1},
                           {"poverty_gap", 1},
                           {"households", 1},
                           {"poor_households", 1},
                           {"headcount_ratio", 1},
                           {"assessment", 1},
                           {"priority", 1}})),
            "");
}

TEST(FactorCheck, UnknownFactorListsTheValidOnes) {
  EXPECT_EQ(check(weights({{"poor_peple", 1}})),
            "unknown factor 'poor_peple' in weights; valid factor names: people, poor_people, "
            "poverty_gap, "
            "households, poor_households, headcount_ratio, assessment, priority");
}

TEST(FactorCheck, RejectsNegativeAndNonFiniteWeights) {
  EXPECT_EQ(check(weights({{"people", -1}})),
            "weight of factor 'people' is -1; weights must be finite and non-negative");
  EXPECT_NE(check(weights({{"people", std::numeric_limits<double>::infinity()}})), "");
  EXPECT_NE(check(weights({{"people", std::numeric_limits<double>::quiet_NaN()}})), "");
}

TEST(FactorCheck, RejectsEmptyOrAllZeroWeights) {
  EXPECT_NE(check(RuleParams{}).find("factor weights are empty"), std::string::npos);
  EXPECT_NE(check(RuleParams{}).find("people, poor_people"), std::string::npos)
      << "lists the factors";
  EXPECT_NE(check(weights({{"people", 0}, {"poverty_gap", 0}})).find("sum to 0"),
            std::string::npos);
}

}  // namespace
}  // namespace fupin::models
