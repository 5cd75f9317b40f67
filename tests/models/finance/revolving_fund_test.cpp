// Tests for RevolvingFund (models/finance/revolving_fund.cpp): hand-worked lending and
// settlement, fee rounding, edge cases and argument errors. Amounts are in fen.
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "models/finance/revolving_fund.hpp"

namespace fupin::models::finance {
namespace {

using sim::Money;
using Members = std::vector<std::uint32_t>;

Money fen(std::int64_t f) { return Money::from_fen(f); }
const auto kNoDefault = [](std::uint32_t) { return false; };

void expect_conserved(const RevolvingFund& f) {
  EXPECT_EQ(f.cash() + f.lent_out(), f.seed_total() + f.fees_total() - f.losses_total());
}

TEST(RevolvingFund, LendsAndSettlesAHandWorkedYear) {
  // Seed 10,000 yuan = 1,000,000 fen. Loans of 3,000 yuan = 300,000 fen to members 1, 2, 3, 4:
  // three fit (900,000), 100,000 is left, member 4 gets nothing.
  // Settlement at a 6% fee: 300,000 × 0.06 = 18,000 per repaid loan; member 2 defaults.
  //   repaid 600,000, fees 36,000, lost 300,000; cash = 100,000 + 636,000 = 736,000
  //   = seed 1,000,000 + fees 36,000 − losses 300,000.
  RevolvingFund fund(Money::from_yuan(10'000));
  EXPECT_EQ(fund.lend({1, 2, 3, 4}, Money::from_yuan(3'000)), (Members{1, 2, 3}));
  EXPECT_EQ(fund.cash(), fen(100'000));
  EXPECT_EQ(fund.lent_out(), fen(900'000));
  EXPECT_EQ(fund.loans_outstanding(), 3U);
  expect_conserved(fund);

  const auto s = fund.settle(0.06, [](std::uint32_t m) { return m == 2; });
  EXPECT_EQ(s.repaid_principal, fen(600'000));
  EXPECT_EQ(s.fees, fen(36'000));
  EXPECT_EQ(s.defaulted, fen(300'000));
  EXPECT_EQ(fund.cash(), fen(736'000));
  EXPECT_EQ(fund.lent_out(), fen(0));
  EXPECT_EQ(fund.loans_outstanding(), 0U);
  EXPECT_EQ(fund.fees_total(), fen(36'000));
  EXPECT_EQ(fund.losses_total(), fen(300'000));
  EXPECT_EQ(fund.seed_total(), fen(1'000'000));
  expect_conserved(fund);

  // Next year the fund lends from what it has: two loans of 300,000 fit in 736,000.
  EXPECT_EQ(fund.lend({5, 6, 7}, fen(300'000)), (Members{5, 6}));
  expect_conserved(fund);
}

TEST(RevolvingFund, FeesRoundHalfUpPerLoan) {
  // 3,000 fen at 0.45% = 13.5 -> 14 (binary floating point would give 13.499999999999998);
  // 10 fen at 5% = 0.5 -> 1; 10 fen at 4% = 0.4 -> 0. Fees are rounded per loan, not in total.
  RevolvingFund fund(fen(100'000));
  fund.lend({1}, fen(3'000));
  EXPECT_EQ(fund.settle(0.0045, kNoDefault).fees, fen(14));
  fund.lend({1, 2, 3}, fen(10));
  EXPECT_EQ(fund.settle(0.05, kNoDefault).fees, fen(3));
  fund.lend({1, 2, 3}, fen(10));
  EXPECT_EQ(fund.settle(0.04, kNoDefault).fees, fen(0));
  EXPECT_EQ(fund.fees_total(), fen(17));
  EXPECT_EQ(fund.cash(), fen(100'017));
  expect_conserved(fund);
}

TEST(RevolvingFund, LessCashThanOneLoanLendsNothing) {
  RevolvingFund fund(fen(999));
  EXPECT_TRUE(fund.lend({1, 2, 3}, fen(1'000)).empty());
  EXPECT_EQ(fund.cash(), fen(999));
  EXPECT_EQ(fund.lent_out(), fen(0));
  // Cash that exactly covers a loan lends it.
  fund.add_capital(fen(1));
  EXPECT_EQ(fund.lend({1, 2, 3}, fen(1'000)), (Members{1}));
  EXPECT_EQ(fund.cash(), fen(0));
  expect_conserved(fund);
}

TEST(RevolvingFund, EmptyFundLendsNothing) {
  RevolvingFund fund(fen(0));
  EXPECT_TRUE(fund.lend({1, 2}, fen(1)).empty());
  const auto s = fund.settle(0.05, kNoDefault);
  EXPECT_EQ(s.repaid_principal + s.fees + s.defaulted, fen(0));
}

TEST(RevolvingFund, AddedCapitalCountsAsSeed) {
  RevolvingFund fund(fen(500));
  fund.add_capital(fen(1'500));
  fund.add_capital(fen(0));
  EXPECT_EQ(fund.seed_total(), fen(2'000));
  EXPECT_EQ(fund.cash(), fen(2'000));
  EXPECT_EQ(fund.lend({1, 2, 3}, fen(1'000)), (Members{1, 2}));
  expect_conserved(fund);
}

TEST(RevolvingFund, DefaultOfEveryLoanLosesAllThatWasLent) {
  RevolvingFund fund(fen(10'000));
  fund.lend({1, 2, 3, 4}, fen(2'000));
  const auto s = fund.settle(0.08, [](std::uint32_t) { return true; });
  EXPECT_EQ(s.defaulted, fen(8'000));
  EXPECT_EQ(s.fees, fen(0));
  EXPECT_EQ(s.repaid_principal, fen(0));
  EXPECT_EQ(fund.cash(), fen(2'000));
  EXPECT_EQ(fund.lent_out(), fen(0));
  EXPECT_EQ(fund.losses_total(), fen(8'000));
  expect_conserved(fund);
}

TEST(RevolvingFund, ZeroFeeReturnsThePrincipalOnly) {
  RevolvingFund fund(fen(5'000));
  fund.lend({1, 2}, fen(2'500));
  const auto s = fund.settle(0.0, kNoDefault);
  EXPECT_EQ(s.fees, fen(0));
  EXPECT_EQ(fund.cash(), fen(5'000));
}

TEST(RevolvingFund, SettlementAsksOncePerLoanInLendingOrder) {
  // A member listed twice, or lent to again in a second round, holds two loans.
  RevolvingFund fund(fen(10'000));
  EXPECT_EQ(fund.lend({4, 2, 4}, fen(1'000)), (Members{4, 2, 4}));
  EXPECT_EQ(fund.lend({9, 2}, fen(3'000)), (Members{9, 2}));
  Members asked;
  const auto s = fund.settle(0.1, [&](std::uint32_t m) {
    asked.push_back(m);
    return m == 2;
  });
  EXPECT_EQ(asked, (Members{4, 2, 4, 9, 2}));
  EXPECT_EQ(s.defaulted, fen(1'000 + 3'000));
  EXPECT_EQ(s.repaid_principal, fen(1'000 + 1'000 + 3'000));
  EXPECT_EQ(s.fees, fen(100 + 100 + 300));
  expect_conserved(fund);
}

TEST(RevolvingFund, RejectsInvalidArguments) {
  EXPECT_THROW(RevolvingFund(fen(-1)), std::invalid_argument);
  RevolvingFund fund(fen(1'000));
  EXPECT_THROW(fund.add_capital(fen(-1)), std::invalid_argument);
  EXPECT_THROW(fund.lend({1}, fen(0)), std::invalid_argument);
  EXPECT_THROW(fund.lend({1}, fen(-5)), std::invalid_argument);
  fund.lend({1}, fen(400));
  EXPECT_THROW(fund.settle(1.5, kNoDefault), std::invalid_argument);
  EXPECT_THROW(fund.settle(-0.01, kNoDefault), std::invalid_argument);
  // Nothing was settled by the failed calls.
  EXPECT_EQ(fund.lent_out(), fen(400));
  EXPECT_EQ(fund.cash(), fen(600));
  EXPECT_EQ(fund.seed_total(), fen(1'000));
  expect_conserved(fund);
}

TEST(RevolvingFund, ThrowingPredicateLeavesTheFundUnchanged) {
  RevolvingFund fund(fen(1'000));
  fund.lend({1, 2}, fen(400));
  EXPECT_THROW(fund.settle(0.1,
                           [](std::uint32_t m) -> bool {
                             if (m == 2) throw std::runtime_error("stop");
                             return false;
                           }),
               std::runtime_error);
  EXPECT_EQ(fund.lent_out(), fen(800));
  EXPECT_EQ(fund.cash(), fen(200));
  EXPECT_EQ(fund.loans_outstanding(), 2U);
  EXPECT_EQ(fund.settle(0.1, kNoDefault).fees, fen(80));
}

}  // namespace
}  // namespace fupin::models::finance
