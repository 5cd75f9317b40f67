// Tests for the "cause_matched" rule (models/rules/cause_matched.cpp) and its parameter check.
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;
using test::fen;

std::string check(const RuleParams& p) { return builtin_rules().find("cause_matched")->check(p); }

TEST(CauseMatchedRule, EveryCauseNameReachesItsIndex) {
  // One candidate per cause 0..10, each gap 1; only the named cause weighs 3, so it gets 3/13.
  const char* names[] = {"illness",         "disability",    "schooling",      "disaster",
                         "lack_of_land",    "lack_of_water", "lack_of_skills", "lack_of_labour",
                         "lack_of_capital", "remoteness",    "other"};
  for (int k = 0; k < 11; ++k) {
    CandidateTable t = test::people_only(std::vector<double>(11, 1.0));
    t.poverty_gap.assign(11, 1.0);
    for (int i = 0; i < 11; ++i) t.cause.push_back(static_cast<std::int8_t>(i));
    RuleParams p;
    p.weights = {{names[k], 3}};
    const auto parts = fen(rules::cause_matched(Money::from_fen(1300), t, p));
    for (int i = 0; i < 11; ++i)
      EXPECT_EQ(parts[static_cast<std::size_t>(i)], i == k ? 300 : 100) << names[k];
  }
}

TEST(CauseMatchedRule, RequiresTheCauseColumn) {
  CandidateTable t = test::people_only({1});
  t.poverty_gap = {10};
  EXPECT_THROW((void)rules::cause_matched(Money::from_fen(10), t, {}), std::invalid_argument);
}

TEST(CauseMatchedRule, RejectsCauseBelowMinusOne) {
  CandidateTable t = test::people_only({1});
  t.poverty_gap = {10};
  t.cause = {-2};
  EXPECT_THROW((void)rules::cause_matched(Money::from_fen(10), t, {}), std::invalid_argument);
}

TEST(CauseMatchedCheck, UnknownCauseListsTheValidOnes) {
  RuleParams p;
  p.weights = {{"illnes", 2}};
  EXPECT_EQ(check(p),
            "unknown cause 'illnes' in weights; valid cause names: illness, disability, schooling, "
            "disaster, "
            "lack_of_land, lack_of_water, lack_of_skills, lack_of_labour, lack_of_capital, "
            "remoteness, other");
}

TEST(CauseMatchedCheck, RejectsNegativeWeightsAcceptsZeroAndNone) {
  RuleParams p;
  p.weights = {{"disaster", -0.5}};
  EXPECT_EQ(check(p),
            "weight of cause 'disaster' is -0.5; weights must be finite and non-negative");
  p.weights = {{"disaster", std::numeric_limits<double>::quiet_NaN()}};
  EXPECT_NE(check(p), "");
  p.weights = {{"disaster", 0}};
  EXPECT_EQ(check(p), "");
  EXPECT_EQ(check(RuleParams{}), "");
}

}  // namespace
}  // namespace fupin::models
