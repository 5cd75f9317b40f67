// Tests for LoanBook (models/finance/loan_book.cpp): hand-worked schedules, rounding, edge cases
// and argument errors. Amounts are in fen; 1 yuan = 100 fen.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

#include "models/finance/loan_book.hpp"

namespace fupin::models::finance {
namespace {

using sim::Money;

Money fen(std::int64_t f) { return Money::from_fen(f); }
const auto kNoDefault = [](std::size_t) { return false; };
const auto kAllDefault = [](std::size_t) { return true; };

using Payments = std::vector<std::pair<std::uint32_t, Money>>;

void expect_conserved(const LoanBook& book) {
  EXPECT_EQ(book.issued_total(),
            book.repaid_total() + book.written_off_total() + book.outstanding_total());
}

TEST(LoanBook, FullySubsidisedThreeYearLoan) {
  // 10,000 yuan = 1,000,000 fen at 4.75% over 3 years, subsidy share 1, issued in 2015.
  // 2016: interest = 1,000,000 × 0.0475 = 47,500;              instalment = 1,000,000 / 3 = 333,333
  //       outstanding 666,667
  // 2017: interest = 666,667 × 0.0475 = 31,666.6825 -> 31,667; instalment = 666,667 / 2 = 333,333
  //       outstanding 333,334
  // 2018: interest = 333,334 × 0.0475 = 15,833.365 -> 15,833;  instalment = 333,334 / 1 = 333,334
  //       outstanding 0
  // The subsidy pays all of the interest, so the borrower pays only the instalments.
  LoanBook book;
  EXPECT_EQ(book.issue(7, Money::from_yuan(10'000), 2015, 3, 0.0475, 1.0), 0U);
  EXPECT_EQ(book.issued_total(), fen(1'000'000));
  EXPECT_EQ(book.outstanding_total(), fen(1'000'000));

  const std::int64_t instalment[] = {333'333, 333'333, 333'334};
  const std::int64_t interest[] = {47'500, 31'667, 15'833};
  const std::int64_t outstanding[] = {666'667, 333'334, 0};
  for (int k = 0; k < 3; ++k) {
    SCOPED_TRACE(2016 + k);
    const auto s = book.service(2016 + k, kNoDefault);
    EXPECT_EQ(s.principal_repaid, fen(instalment[k]));
    EXPECT_EQ(s.interest_subsidy, fen(interest[k]));
    EXPECT_EQ(s.interest_paid_by_borrowers, fen(0));
    EXPECT_EQ(s.written_off, fen(0));
    EXPECT_EQ(s.borrower_payments, (Payments{{7, fen(instalment[k])}}));
    EXPECT_EQ(book.loans()[0].outstanding, fen(outstanding[k]));
    EXPECT_EQ(book.loans()[0].instalments_paid, k + 1);
    expect_conserved(book);
  }
  EXPECT_EQ(book.repaid_total(), fen(1'000'000));
  EXPECT_EQ(book.outstanding_total(), fen(0));
  EXPECT_EQ(book.interest_total(), fen(47'500 + 31'667 + 15'833));  // 95,000
  EXPECT_EQ(book.subsidy_total(), book.interest_total());
  EXPECT_FALSE(book.loans()[0].defaulted);
}

TEST(LoanBook, HalfSubsidyRoundsTheSubsidyHalfUp) {
  // Same loan with subsidy share 0.5:
  // 2016: interest 47,500; subsidy 23,750;                 borrower 23,750 + 333,333 = 357,083
  // 2017: interest 31,667; subsidy 15,833.5 -> 15,834;      borrower 15,833 + 333,333 = 349,166
  // 2018: interest 15,833; subsidy  7,916.5 ->  7,917;      borrower  7,916 + 333,334 = 341,250
  LoanBook book;
  book.issue(7, Money::from_yuan(10'000), 2015, 3, 0.0475, 0.5);
  const std::int64_t subsidy[] = {23'750, 15'834, 7'917};
  const std::int64_t own_interest[] = {23'750, 15'833, 7'916};
  const std::int64_t paid[] = {357'083, 349'166, 341'250};
  for (int k = 0; k < 3; ++k) {
    SCOPED_TRACE(2016 + k);
    const auto s = book.service(2016 + k, kNoDefault);
    EXPECT_EQ(s.interest_subsidy, fen(subsidy[k]));
    EXPECT_EQ(s.interest_paid_by_borrowers, fen(own_interest[k]));
    EXPECT_EQ(s.borrower_payments, (Payments{{7, fen(paid[k])}}));
  }
  EXPECT_EQ(book.interest_total(), fen(95'000));
  EXPECT_EQ(book.subsidy_total(), fen(47'501));
}

TEST(LoanBook, UnsubsidisedLoanIsPaidEntirelyByTheBorrower) {
  // Term 1, subsidy 0: 50,000 yuan at 6% -> interest 300,000 fen, borrower pays 5,300,000 fen.
  LoanBook book;
  book.issue(3, Money::from_yuan(50'000), 2020, 1, 0.06, 0.0);
  const auto s = book.service(2021, kNoDefault);
  EXPECT_EQ(s.principal_repaid, fen(5'000'000));
  EXPECT_EQ(s.interest_paid_by_borrowers, fen(300'000));
  EXPECT_EQ(s.interest_subsidy, fen(0));
  EXPECT_EQ(s.borrower_payments, (Payments{{3, fen(5'300'000)}}));
  EXPECT_EQ(book.outstanding_total(), fen(0));
  EXPECT_EQ(book.subsidy_total(), fen(0));
}

TEST(LoanBook, InstalmentsClearTheLoan) {
  // Term 1 clears in one service; a repaid loan is no longer serviced (the predicate is not asked).
  LoanBook book;
  book.issue(1, fen(999), 2020, 1, 0.05, 0.0);
  book.service(2021, kNoDefault);
  EXPECT_EQ(book.loans()[0].outstanding, fen(0));
  int asked = 0;
  const auto s = book.service(2022, [&](std::size_t) {
    ++asked;
    return true;
  });
  EXPECT_EQ(asked, 0);
  EXPECT_EQ(s.principal_repaid + s.written_off, fen(0));
  EXPECT_FALSE(book.loans()[0].defaulted);
}

TEST(LoanBook, DroppedFenAreCarriedToLaterInstalments) {
  // Zero interest, 5 fen over 3 years: 5/3 = 1 (4 left), 4/2 = 2 (2 left), 2/1 = 2.
  LoanBook book;
  book.issue(9, fen(5), 2000, 3, 0.0, 0.0);
  std::vector<std::int64_t> paid;
  for (int y = 2001; y <= 2003; ++y)
    paid.push_back(book.service(y, kNoDefault).principal_repaid.fen());
  EXPECT_EQ(paid, (std::vector<std::int64_t>{1, 2, 2}));
  EXPECT_EQ(book.loans()[0].outstanding, fen(0));
}

TEST(LoanBook, ZeroInterestLoanChargesNoInterest) {
  LoanBook book;
  book.issue(4, Money::from_yuan(3'000), 2016, 2, 0.0, 1.0);
  for (int y = 2017; y <= 2018; ++y) {
    const auto s = book.service(y, kNoDefault);
    EXPECT_EQ(s.interest_paid_by_borrowers, fen(0));
    EXPECT_EQ(s.interest_subsidy, fen(0));
    EXPECT_EQ(s.principal_repaid, fen(150'000));
  }
  EXPECT_EQ(book.interest_total(), fen(0));
  EXPECT_EQ(book.outstanding_total(), fen(0));
}

TEST(LoanBook, BorrowersWhoPayNothingAreLeftOutOfThePayments) {
  // 2 fen over 3 years at 0%: the first instalment is 2/3 = 0 fen, so borrower 5 pays nothing.
  LoanBook book;
  book.issue(5, fen(2), 2000, 3, 0.0, 0.0);
  const auto s = book.service(2001, kNoDefault);
  EXPECT_EQ(s.principal_repaid, fen(0));
  EXPECT_TRUE(s.borrower_payments.empty());
  EXPECT_EQ(book.loans()[0].outstanding, fen(2));
  EXPECT_EQ(book.service(2002, kNoDefault).borrower_payments, (Payments{{5, fen(1)}}));
  EXPECT_EQ(book.service(2003, kNoDefault).borrower_payments, (Payments{{5, fen(1)}}));
}

TEST(LoanBook, HalfFenInterestRoundsUpForTheDecimalRate) {
  // 3,000 fen at 0.45% = 13.5 fen exactly -> 14. In binary floating point 3000 × 0.0045 is
  // 13.499999999999998, which naive rounding would take to 13.
  LoanBook book;
  book.issue(1, fen(3'000), 2000, 1, 0.0045, 0.0);
  EXPECT_EQ(book.service(2001, kNoDefault).interest_paid_by_borrowers, fen(14));
  // And 2,500 fen at 0.06% = 1.5 fen -> 2 (naively 1.4999999999999998 -> 1).
  LoanBook other;
  other.issue(1, fen(2'500), 2000, 1, 0.0006, 0.0);
  EXPECT_EQ(other.service(2001, kNoDefault).interest_paid_by_borrowers, fen(2));
}

TEST(LoanBook, LoansIssuedInTheServiceYearWaitUntilNextYear) {
  LoanBook book;
  book.issue(1, fen(1'000), 2015, 2, 0.05, 0.0);
  book.issue(2, fen(1'000), 2016, 2, 0.05, 0.0);
  std::vector<std::size_t> asked;
  const auto s = book.service(2016, [&](std::size_t i) {
    asked.push_back(i);
    return false;
  });
  EXPECT_EQ(asked, (std::vector<std::size_t>{0}));
  EXPECT_EQ(s.principal_repaid, fen(500));
  EXPECT_EQ(book.loans()[1].outstanding, fen(1'000));
  asked.clear();
  book.service(2017, [&](std::size_t i) {
    asked.push_back(i);
    return false;
  });
  EXPECT_EQ(asked, (std::vector<std::size_t>{0, 1}));
}

TEST(LoanBook, DefaultWritesOffTheWholeOutstandingAndPaysNothing) {
  // 1,200 fen over 3 years at 10%: 2016 pays 400 + 120 interest; 2017 defaults with 800 left.
  LoanBook book;
  book.issue(1, fen(1'200), 2015, 3, 0.10, 0.25);
  book.service(2016, kNoDefault);
  const auto s = book.service(2017, kAllDefault);
  EXPECT_EQ(s.written_off, fen(800));
  EXPECT_EQ(s.principal_repaid, fen(0));
  EXPECT_EQ(s.interest_paid_by_borrowers + s.interest_subsidy, fen(0));
  EXPECT_TRUE(s.borrower_payments.empty());
  EXPECT_TRUE(book.loans()[0].defaulted);
  EXPECT_EQ(book.loans()[0].outstanding, fen(0));
  EXPECT_EQ(book.written_off_total(), fen(800));
  EXPECT_EQ(book.repaid_total(), fen(400));
  EXPECT_EQ(book.interest_total(), fen(120));
  EXPECT_EQ(book.subsidy_total(), fen(30));
  expect_conserved(book);
  // A written-off loan is not serviced again.
  int asked = 0;
  book.service(2018, [&](std::size_t) {
    ++asked;
    return false;
  });
  EXPECT_EQ(asked, 0);
}

TEST(LoanBook, DefaultOfEveryLoanEmptiesTheOutstanding) {
  LoanBook book;
  for (std::uint32_t b = 0; b < 50; ++b) book.issue(b, fen(1'000 + b), 2015, 1 + b % 4, 0.05, 0.5);
  const Money issued = book.issued_total();
  const auto s = book.service(2016, kAllDefault);
  EXPECT_EQ(s.written_off, issued);
  EXPECT_EQ(book.outstanding_total(), fen(0));
  EXPECT_EQ(book.written_off_total(), issued);
  EXPECT_EQ(book.repaid_total(), fen(0));
  for (const Loan& loan : book.loans()) {
    EXPECT_TRUE(loan.defaulted);
    EXPECT_EQ(loan.outstanding, fen(0));
  }
  expect_conserved(book);
}

TEST(LoanBook, PaymentsAreSummedPerBorrowerInBorrowerOrder) {
  // Borrower 9 has two loans, borrower 2 one; zero interest so payments are the instalments.
  LoanBook book;
  book.issue(9, fen(300), 2015, 3, 0.0, 0.0);  // 100 a year
  book.issue(2, fen(50), 2015, 1, 0.0, 0.0);   // 50
  book.issue(9, fen(40), 2015, 2, 0.0, 0.0);   // 20 a year
  const auto s = book.service(2016, kNoDefault);
  EXPECT_EQ(s.borrower_payments, (Payments{{2, fen(50)}, {9, fen(120)}}));
}

TEST(LoanBook, EmptyBookServicesToZero) {
  LoanBook book;
  const auto s = book.service(2016, kNoDefault);
  EXPECT_EQ(s.principal_repaid + s.interest_paid_by_borrowers + s.interest_subsidy + s.written_off,
            fen(0));
  EXPECT_TRUE(s.borrower_payments.empty());
  EXPECT_TRUE(book.loans().empty());
}

TEST(LoanBook, RejectsInvalidLoans) {
  LoanBook book;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(book.issue(1, fen(0), 2015, 3, 0.05, 0.5), std::invalid_argument);
  EXPECT_THROW(book.issue(1, fen(-100), 2015, 3, 0.05, 0.5), std::invalid_argument);
  EXPECT_THROW(book.issue(1, fen(100), 2015, 0, 0.05, 0.5), std::invalid_argument);
  EXPECT_THROW(book.issue(1, fen(100), 2015, 3, -0.01, 0.5), std::invalid_argument);
  EXPECT_THROW(book.issue(1, fen(100), 2015, 3, 4.75, 0.5),
               std::invalid_argument);  // percent, not fraction
  EXPECT_THROW(book.issue(1, fen(100), 2015, 3, nan, 0.5), std::invalid_argument);
  EXPECT_THROW(book.issue(1, fen(100), 2015, 3, 0.05, 1.5), std::invalid_argument);
  EXPECT_THROW(book.issue(1, fen(100), 2015, 3, 0.05, -0.1), std::invalid_argument);
  EXPECT_TRUE(book.loans().empty());
  EXPECT_EQ(book.issued_total(), fen(0));
}

TEST(LoanBook, ServicesEachYearOnce) {
  LoanBook book;
  book.issue(1, fen(900), 2015, 3, 0.05, 0.5);
  book.service(2016, kNoDefault);
  EXPECT_THROW(book.service(2016, kNoDefault), std::invalid_argument);
  EXPECT_THROW(book.service(2015, kNoDefault), std::invalid_argument);
  // A loan dated before the last serviced year would have missed a service.
  EXPECT_THROW(book.issue(1, fen(100), 2015, 1, 0.05, 0.5), std::invalid_argument);
  EXPECT_EQ(book.issue(1, fen(100), 2016, 1, 0.05, 0.5), 1U);  // same year: serviced next year
  EXPECT_EQ(book.loans()[0].outstanding, fen(600));
}

TEST(LoanBook, ThrowingPredicateLeavesTheBookUnchanged) {
  LoanBook book;
  book.issue(1, fen(900), 2015, 3, 0.05, 0.5);
  book.issue(2, fen(600), 2015, 2, 0.05, 0.5);
  EXPECT_THROW(book.service(2016,
                            [](std::size_t i) -> bool {
                              if (i == 1) throw std::runtime_error("stop");
                              return false;
                            }),
               std::runtime_error);
  EXPECT_EQ(book.outstanding_total(), fen(1'500));
  EXPECT_EQ(book.loans()[0].outstanding, fen(900));
  EXPECT_EQ(book.loans()[0].instalments_paid, 0);
  EXPECT_EQ(book.interest_total(), fen(0));
  // The year was not consumed: it can be serviced again.
  EXPECT_EQ(book.service(2016, kNoDefault).principal_repaid, fen(600));
}

}  // namespace
}  // namespace fupin::models::finance
