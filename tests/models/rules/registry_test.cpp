// Tests for RuleRegistry, register_builtin_rules and builtin_rules (models/rules/registry.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;

std::vector<Money> nothing(Money, const CandidateTable& c, const RuleParams&) {
  return std::vector<Money>(c.size());
}

TEST(RuleRegistry, BuiltinNamesAreTheYamlKeysSorted) {
  EXPECT_EQ(
      builtin_rules().names(),
      (std::vector<std::string>{"cause_matched", "equal", "factor", "formula",
                                "nearest_to_threshold", "optimal", "per_capita", "per_poor_person",
                                "performance", "poorest_first", "poverty_gap", "priority"}));
}

TEST(RuleRegistry, NamesAreSortedWhateverTheInsertionOrder) {
  RuleRegistry r;
  for (const char* name : {"zeta", "alpha", "mu", "beta"})
    r.add({name, "test rule", &nothing, {}, {}});
  const auto names = r.names();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(names, (std::vector<std::string>{"alpha", "beta", "mu", "zeta"}));
}

TEST(RuleRegistry, FindUnknownReturnsNull) {
  EXPECT_EQ(builtin_rules().find("poorest_first_typo"), nullptr);
  EXPECT_EQ(builtin_rules().find(""), nullptr);
  EXPECT_EQ(RuleRegistry{}.find("equal"), nullptr);
}

TEST(RuleRegistry, DuplicateAddThrowsAndKeepsTheFirst) {
  RuleRegistry r;
  r.add({"equal", "first", &rules::equal, {}, {}});
  EXPECT_THROW(r.add({"equal", "second", &nothing, {}, {}}), std::logic_error);
  ASSERT_NE(r.find("equal"), nullptr);
  EXPECT_EQ(r.find("equal")->description, "first");
  EXPECT_EQ(r.names().size(), 1U);
}

TEST(RuleRegistry, RegisteringBuiltinsTwiceThrows) {
  RuleRegistry r;
  register_builtin_rules(r);
  EXPECT_THROW(register_builtin_rules(r), std::logic_error);
}

TEST(RuleRegistry, BuiltinEntriesCallTheirRule) {
  CandidateTable t = test::people_only({1, 3});
  t.poor_people = {1, 0};
  t.poverty_gap = {0, 2};
  const Money budget = Money::from_fen(400);
  EXPECT_EQ(test::fen(builtin_rules().find("equal")->rule(budget, t, {})),
            (std::vector<std::int64_t>{200, 200}));
  EXPECT_EQ(test::fen(builtin_rules().find("per_capita")->rule(budget, t, {})),
            (std::vector<std::int64_t>{100, 300}));
  EXPECT_EQ(test::fen(builtin_rules().find("per_poor_person")->rule(budget, t, {})),
            (std::vector<std::int64_t>{400, 0}));
  EXPECT_EQ(test::fen(builtin_rules().find("poverty_gap")->rule(budget, t, {})),
            (std::vector<std::int64_t>{0, 400}));
}

TEST(RuleRegistry, BuiltinEntriesHaveMatchingNamesAndOneLineDescriptions) {
  for (const auto& name : builtin_rules().names()) {
    const RuleInfo* info = builtin_rules().find(name);
    ASSERT_NE(info, nullptr) << name;
    EXPECT_EQ(info->name, name);
    EXPECT_FALSE(info->description.empty()) << name;
    EXPECT_EQ(info->description.find('\n'), std::string::npos) << name;
    EXPECT_TRUE(static_cast<bool>(info->rule)) << name;
  }
}

TEST(RuleRegistry, BuiltinRulesIsOneSharedInstance) {
  EXPECT_EQ(&builtin_rules(), &builtin_rules());
}

}  // namespace
}  // namespace fupin::models
