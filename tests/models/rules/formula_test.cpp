// Tests for the "formula" rule (models/rules/formula.cpp) and its parameter check.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;
using test::fen;

RuleParams formula(std::string f) {
  RuleParams p;
  p.formula = std::move(f);
  return p;
}

std::string check(const std::string& f) {
  return builtin_rules().find("formula")->check(formula(f));
}

const std::string kValidNames =
    "people, poor_people, poverty_gap, income, households, poor_households, need, assessment, "
    "ethnic_minority, "
    "border, old_revolutionary_base, headcount_ratio";

TEST(FormulaRule, ColumnFormulasEqualTheColumnRules) {
  const CandidateTable t = test::full_table(10);
  const Money budget = Money::from_fen(123'457);
  EXPECT_EQ(fen(rules::formula(budget, t, formula("people"))),
            fen(rules::per_capita(budget, t, {})));
  EXPECT_EQ(fen(rules::formula(budget, t, formula("poor_people"))),
            fen(rules::per_poor_person(budget, t, {})));
  EXPECT_EQ(fen(rules::formula(budget, t, formula("poverty_gap"))),
            fen(rules::poverty_gap(budget, t, {})));
  EXPECT_EQ(fen(rules::formula(budget, t, formula("1"))), fen(rules::equal(budget, t, {})));
}

TEST(FormulaRule, EveryVariableReadsItsColumn) {
  CandidateTable t = test::full_table(8);
  const Money budget = Money::from_fen(100'000);
  const auto split = [&](const std::vector<double>& w) {
    return fen(sim::split_largest_remainder(budget, std::span<const double>(w)));
  };
  EXPECT_EQ(fen(rules::formula(budget, t, formula("income"))), split(t.income));
  EXPECT_EQ(fen(rules::formula(budget, t, formula("households"))), split(t.households));
  EXPECT_EQ(fen(rules::formula(budget, t, formula("poor_households"))), split(t.poor_households));
  EXPECT_EQ(fen(rules::formula(budget, t, formula("need"))), split(t.need));
  EXPECT_EQ(fen(rules::formula(budget, t, formula("assessment"))), split(t.assessment));
  std::vector<double> em, border, orb, ratio;
  for (std::size_t i = 0; i < t.size(); ++i) {
    em.push_back((t.priority[i] & kEthnicMinority) ? 1 : 0);
    border.push_back((t.priority[i] & kBorder) ? 1 : 0);
    orb.push_back((t.priority[i] & kOldRevolutionaryBase) ? 1 : 0);
    ratio.push_back(t.poor_people[i] / t.people[i]);
  }
  EXPECT_EQ(fen(rules::formula(budget, t, formula("ethnic_minority"))), split(em));
  EXPECT_EQ(fen(rules::formula(budget, t, formula("border"))), split(border));
  EXPECT_EQ(fen(rules::formula(budget, t, formula("old_revolutionary_base"))), split(orb));
  EXPECT_EQ(fen(rules::formula(budget, t, formula("headcount_ratio"))), split(ratio));
}

TEST(FormulaRule, OnlyUsedColumnsMustBePresent) {
  CandidateTable t = test::people_only({1, 3});  // no optional column at all
  EXPECT_EQ(fen(rules::formula(Money::from_fen(8), t, formula("people * 2"))),
            (std::vector<std::int64_t>{2, 6}));
  EXPECT_THROW((void)rules::formula(Money::from_fen(8), t, formula("people * border")),
               std::invalid_argument);
}

TEST(FormulaRule, NonFiniteValueNamesTheCandidate) {
  CandidateTable t = test::people_only({2, 0});
  try {
    (void)rules::formula(Money::from_fen(8), t, formula("1 / people"));
    ADD_FAILURE() << "accepted an infinite weight";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("gives inf for candidate 1"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW((void)rules::formula(Money::from_fen(8), t, formula("sqrt(-people)")),
               std::invalid_argument);
}

TEST(FormulaRule, NegativeZeroIsZeroNotNegative) {
  CandidateTable t = test::people_only({0, 0});
  EXPECT_EQ(fen(rules::formula(Money::from_fen(8), t, formula("-people"))),
            (std::vector<std::int64_t>{0, 0}));
}

TEST(FormulaCheck, AcceptsFunctionsOperatorsAndConstants) {
  EXPECT_EQ(check("max(poverty_gap - 500, 0) * (1 + border) + sqrt(people) * _pi"), "");
  EXPECT_EQ(check("income < 2000 ? need : 0"), "");
  EXPECT_EQ(check("people == 3 || poor_people != 0 && income <= 1 || need >= 2"), "");
}

TEST(FormulaCheck, UnknownNameListsTheValidNames) {
  EXPECT_EQ(check("incme * 2"), "unknown name 'incme' in formula; valid names: " + kValidNames);
  EXPECT_EQ(check("people + eligible"),
            "unknown name 'eligible' in formula; valid names: " + kValidNames);
}

TEST(FormulaCheck, UnknownFunctionListsTheFunctions) {
  const auto message = check("sqr(people)");
  EXPECT_EQ(message.rfind("unknown function 'sqr' in formula; valid functions: ", 0), 0U)
      << message;
  EXPECT_NE(message.find("sqrt"), std::string::npos) << message;
}

TEST(FormulaCheck, SyntaxErrorCarriesMuParsersMessageAndPosition) {
  const auto message = check("people +* 2");
  EXPECT_EQ(message.rfind("cannot parse formula 'people +* 2' at position 8: ", 0), 0U) << message;
  EXPECT_NE(message.find("Unexpected operator"), std::string::npos) << message;
  EXPECT_NE(check("(people").find("cannot parse formula '(people'"), std::string::npos);
  EXPECT_NE(check("3 people").find("at position 2"), std::string::npos);
}

TEST(FormulaCheck, RejectsEmptyAssignmentAndSeveralExpressions) {
  EXPECT_EQ(check("").rfind("formula is empty; give an expression over: people,", 0), 0U);
  EXPECT_EQ(check("  ").rfind("formula is empty", 0), 0U);
  EXPECT_NE(check("border = 1").find("assigns with '=' at position 7"), std::string::npos);
  EXPECT_NE(check("people, 2").find("2 comma-separated expressions"), std::string::npos);
}

TEST(FormulaRule, ParsersInSeveralThreadsAgree) {
  // Programmes split tranches in parallel logical processes; each call owns its parser.
  const CandidateTable t = test::full_table(50);
  const RuleParams p =
      formula("max(poverty_gap - 1500, 0) * (1 + border) + sqrt(need) * assessment");
  const auto expected = fen(rules::formula(Money::from_fen(1'000'003), t, p));
  std::vector<std::vector<std::int64_t>> got(4);
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < got.size(); ++k) {
    threads.emplace_back([&, k] {
      for (int r = 0; r < 50; ++r) got[k] = fen(rules::formula(Money::from_fen(1'000'003), t, p));
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& g : got) EXPECT_EQ(g, expected);
}

}  // namespace
}  // namespace fupin::models
