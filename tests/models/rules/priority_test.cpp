// Tests for the "priority" rule (models/rules/priority.cpp) and its parameter check.
#include <gtest/gtest.h>

#include <string>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;
using test::fen;

std::string check(const RuleParams& p) { return builtin_rules().find("priority")->check(p); }

TEST(PriorityRule, DefaultBaseIsPoorPeople) {
  CandidateTable t = test::people_only({10, 1});
  t.poor_people = {1, 1};
  t.priority = {0, 0};
  EXPECT_EQ(fen(rules::priority(Money::from_fen(100), t, {})), (std::vector<std::int64_t>{50, 50}));
}

TEST(PriorityRule, EveryBaseReadsItsColumn) {
  CandidateTable t = test::full_table(2);  // columns differ between the two candidates
  t.priority = {0, 0};
  for (const char* base :
       {"people", "poor_people", "poverty_gap", "households", "poor_households"}) {
    RuleParams p;
    p.base = base;
    const std::vector<double>& col = std::string(base) == "people"        ? t.people
                                     : std::string(base) == "poor_people" ? t.poor_people
                                     : std::string(base) == "poverty_gap" ? t.poverty_gap
                                     : std::string(base) == "households"  ? t.households
                                                                          : t.poor_households;
    const auto expected =
        sim::split_largest_remainder(Money::from_fen(1000), std::span<const double>(col));
    EXPECT_EQ(fen(rules::priority(Money::from_fen(1000), t, p)), fen(expected)) << base;
  }
}

TEST(PriorityRule, RequiresThePriorityColumn) {
  CandidateTable t = test::people_only({1});
  t.poor_people = {1};
  EXPECT_THROW((void)rules::priority(Money::from_fen(10), t, {}), std::invalid_argument);
}

TEST(PriorityCheck, UnknownCategoryListsTheValidOnes) {
  RuleParams p;
  p.weights = {{"borders", 1}};
  EXPECT_EQ(check(p),
            "unknown priority category 'borders' in weights; valid priority category names: "
            "ethnic_minority, "
            "border, old_revolutionary_base");
}

TEST(PriorityCheck, UnknownBaseListsTheValidOnes) {
  RuleParams p;
  p.base = "poor";
  EXPECT_EQ(check(p),
            "unknown base 'poor'; valid bases: people, poor_people, poverty_gap, households, "
            "poor_households "
            "(default poor_people)");
}

TEST(PriorityCheck, RejectsNegativeWeights) {
  RuleParams p;
  p.weights = {{"border", -1}};
  EXPECT_NE(check(p).find("must be finite and non-negative"), std::string::npos);
}

}  // namespace
}  // namespace fupin::models
