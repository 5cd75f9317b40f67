// Behaviour every built-in rule shares (allocation_rule.hpp): table shape checks, eligibility,
// budgets, and the registry metadata (params, check) that the scenario loader relies on.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;

class EveryRule : public ::testing::TestWithParam<std::string> {
 protected:
  [[nodiscard]] const RuleInfo& info() const { return *builtin_rules().find(GetParam()); }
  [[nodiscard]] std::vector<Money> run(Money budget, const CandidateTable& t) const {
    return info().rule(budget, t, test::sample_params(GetParam()));
  }
};

TEST_P(EveryRule, FullTableSumsToTheBudget) {
  const auto parts = run(Money::from_fen(100'000), test::full_table(12));
  ASSERT_EQ(parts.size(), 12U);
  EXPECT_EQ(test::total_fen(parts), 100'000);
}

TEST_P(EveryRule, IneligibleCandidatesGetExactlyZero) {
  CandidateTable t = test::full_table(12);
  for (std::size_t i = 0; i < t.size(); i += 3) t.eligible[i] = 0;
  const auto parts = test::fen(run(Money::from_fen(100'001), t));
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.eligible[i] == 0) {
      EXPECT_EQ(parts[i], 0) << "candidate " << i;
    }
  }
  EXPECT_EQ(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}), 100'001);
}

TEST_P(EveryRule, NobodyEligibleMeansCallerKeepsTheMoney) {
  CandidateTable t = test::full_table(5);
  t.eligible.assign(5, 0);
  EXPECT_EQ(test::fen(run(Money::from_fen(999), t)), (std::vector<std::int64_t>(5, 0)));
}

TEST_P(EveryRule, EmptyEligibleColumnMeansEveryoneIsEligible) {
  CandidateTable all_ones = test::full_table(7);
  CandidateTable empty = all_ones;
  empty.eligible.clear();
  EXPECT_EQ(test::fen(run(Money::from_fen(54'321), empty)),
            test::fen(run(Money::from_fen(54'321), all_ones)));
}

TEST_P(EveryRule, MisalignedColumnIsRejected) {
  // Every non-empty column must have one entry per candidate, whether the rule reads it or not.
  const std::vector<std::function<void(CandidateTable&)>> shorten = {
      [](CandidateTable& t) { t.poor_people.pop_back(); },
      [](CandidateTable& t) { t.poverty_gap.pop_back(); },
      [](CandidateTable& t) { t.income.pop_back(); },
      [](CandidateTable& t) { t.households.pop_back(); },
      [](CandidateTable& t) { t.poor_households.pop_back(); },
      [](CandidateTable& t) { t.need.push_back(1); },
      [](CandidateTable& t) { t.assessment.pop_back(); },
      [](CandidateTable& t) { t.priority.pop_back(); },
      [](CandidateTable& t) { t.cause.push_back(0); },
      [](CandidateTable& t) { t.eligible.pop_back(); }};
  for (std::size_t k = 0; k < shorten.size(); ++k) {
    CandidateTable t = test::full_table(4);
    shorten[k](t);
    EXPECT_THROW((void)run(Money::from_fen(100), t), std::invalid_argument) << "column " << k;
  }
}

TEST_P(EveryRule, RejectsNegativeBudget) {
  EXPECT_THROW((void)run(Money::from_fen(-1), test::full_table(3)), std::invalid_argument);
}

TEST_P(EveryRule, EmptyTableAllocatesNothing) {
  EXPECT_TRUE(run(Money::from_fen(100), CandidateTable{}).empty());
}

TEST_P(EveryRule, ZeroBudgetGivesZeros) {
  EXPECT_EQ(test::fen(run(Money::from_fen(0), test::full_table(6))),
            (std::vector<std::int64_t>(6, 0)));
}

TEST_P(EveryRule, ParamsNameRuleParamsFieldsAndHaveACheck) {
  const std::vector<std::string> fields = {"weights", "formula", "objective", "base"};
  for (const auto& p : info().params) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), p), fields.end())
        << GetParam() << " reads unknown field " << p;
  }
  // A rule with parameters validates them at load; one without has nothing to check.
  EXPECT_EQ(static_cast<bool>(info().check), !info().params.empty()) << GetParam();
  if (info().check) {
    EXPECT_EQ(info().check(test::sample_params(GetParam())), "") << GetParam();
  }
}

class EveryRuleWithParams : public EveryRule {};

TEST_P(EveryRuleWithParams, InvalidParamsThrowAtCallTime) {
  // The loader runs `check`; a caller that skips it still cannot run a rule on bad parameters.
  RuleParams bad;
  bad.weights = {{"no_such_name", 1}};
  bad.formula = "no_such_name";
  bad.objective = "no_such_objective";
  bad.base = "no_such_base";
  ASSERT_NE(info().check(bad), "");
  EXPECT_THROW((void)info().rule(Money::from_fen(100), test::full_table(3), bad),
               std::invalid_argument);
}

std::vector<std::string> rules_with_params() {
  std::vector<std::string> out;
  for (const auto& name : builtin_rules().names()) {
    if (builtin_rules().find(name)->check) out.push_back(name);
  }
  return out;
}

std::string name_of(const ::testing::TestParamInfo<std::string>& p) { return p.param; }

INSTANTIATE_TEST_SUITE_P(Builtin, EveryRule, ::testing::ValuesIn(builtin_rules().names()), name_of);
INSTANTIATE_TEST_SUITE_P(Builtin, EveryRuleWithParams, ::testing::ValuesIn(rules_with_params()),
                         name_of);

TEST(RuleRegistryParams, EachRuleReadsTheDocumentedFields) {
  const std::map<std::string, std::vector<std::string>> expected = {
      {"equal", {}},
      {"per_capita", {}},
      {"per_poor_person", {}},
      {"poverty_gap", {}},
      {"factor", {"weights"}},
      {"poorest_first", {}},
      {"nearest_to_threshold", {}},
      {"cause_matched", {"weights"}},
      {"priority", {"weights", "base"}},
      {"performance", {"base"}},
      {"formula", {"formula"}},
      {"optimal", {"objective"}}};
  ASSERT_EQ(expected.size(), builtin_rules().names().size());
  for (const auto& [name, params] : expected) {
    ASSERT_NE(builtin_rules().find(name), nullptr) << name;
    EXPECT_EQ(builtin_rules().find(name)->params, params) << name;
  }
}

}  // namespace
}  // namespace fupin::models
