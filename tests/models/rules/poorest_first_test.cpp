// Tests for the "poorest_first" rule (models/rules/poorest_first.cpp).
#include <gtest/gtest.h>

#include <cmath>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Money;
using test::fen;

CandidateTable households(std::vector<double> income, std::vector<double> need) {
  CandidateTable t = test::people_only(std::vector<double>(income.size(), 1.0));
  t.income = std::move(income);
  t.need = std::move(need);
  return t;
}

TEST(PoorestFirstRule, PoorestMadeWholeBeforeAnyoneElseGetsMoney) {
  // Incomes 900 < 1000 < 1100: 500 fen, 500 fen, then the rest.
  EXPECT_EQ(fen(rules::poorest_first(Money::from_fen(1200),
                                     households({1000, 900, 1100}, {5, 5, 5}), {})),
            (std::vector<std::int64_t>{500, 500, 200}));
}

TEST(PoorestFirstRule, BudgetEqualToTotalNeedFundsEveryoneExactly) {
  EXPECT_EQ(fen(rules::poorest_first(Money::from_fen(1500),
                                     households({1000, 900, 1100}, {5, 5, 5}), {})),
            (std::vector<std::int64_t>{500, 500, 500}));
}

TEST(PoorestFirstRule, OneFenMoreGoesByNeedToTheLowestIndexOnATie) {
  EXPECT_EQ(fen(rules::poorest_first(Money::from_fen(1501),
                                     households({1000, 900, 1100}, {5, 5, 5}), {})),
            (std::vector<std::int64_t>{501, 500, 500}));
}

TEST(PoorestFirstRule, RequiresIncomeAndNeed) {
  CandidateTable t = households({1, 2}, {1, 1});
  t.income.clear();
  EXPECT_THROW((void)rules::poorest_first(Money::from_fen(10), t, {}), std::invalid_argument);
  t = households({1, 2}, {1, 1});
  t.need.clear();
  EXPECT_THROW((void)rules::poorest_first(Money::from_fen(10), t, {}), std::invalid_argument);
}

TEST(PoorestFirstRule, RejectsNegativeOrNonFiniteNeedAndNonFiniteIncome) {
  EXPECT_THROW((void)rules::poorest_first(Money::from_fen(10), households({1, 2}, {1, -1}), {}),
               std::invalid_argument);
  EXPECT_THROW(
      (void)rules::poorest_first(Money::from_fen(10), households({1, std::nan("")}, {1, 1}), {}),
      std::invalid_argument);
  EXPECT_THROW(
      (void)rules::poorest_first(Money::from_fen(10), households({1, 2}, {1, HUGE_VAL}), {}),
      std::invalid_argument);
}

TEST(PoorestFirstRule, NeedTooLargeForFenIsAnError) {
  EXPECT_THROW((void)rules::poorest_first(Money::from_fen(10), households({1}, {1e17}), {}),
               std::invalid_argument);
}

TEST(PoorestFirstRule, LargeNeedsAndBudgetsStayExact) {
  // 3 × 4e9 yuan of need, a budget of 1e12 fen (1e10 yuan): the two poorest whole, the third short.
  const auto parts = fen(rules::poorest_first(Money::from_fen(1'000'000'000'000),
                                              households({3, 1, 2}, {4e9, 4e9, 4e9}), {}));
  EXPECT_EQ(parts, (std::vector<std::int64_t>{200'000'000'000, 400'000'000'000, 400'000'000'000}));
}

}  // namespace
}  // namespace fupin::models
