// Property tests over many random cycles (fixed seeds): thousands of loans over 30 years and a
// mutual-aid fund over 50 years of lending and settling, each checked every step against the
// conservation invariants and against an independent integer oracle, plus determinism.
//
// Rates are drawn as k / 10,000 and subsidy shares as j / 100, so the oracle can compute
// round-half-up exactly in integers: round(x × k / 10,000) = (x × k + 5,000) / 10,000.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <vector>

#include "models/finance/loan_book.hpp"
#include "models/finance/revolving_fund.hpp"

namespace fupin::models::finance {
namespace {

using sim::Money;

// Raw engine output only: the std:: distributions differ between standard libraries, and a
// failing seed should reproduce everywhere.
std::int64_t uniform(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
  const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
  return lo + static_cast<std::int64_t>(rng() % span);
}
bool chance(std::mt19937_64& rng, int percent) { return uniform(rng, 0, 99) < percent; }

// ---------------------------------------------------------------------------------------------
// LoanBook

constexpr int kFirstYear = 2001;
constexpr int kLendingYears = 30;

struct OracleLoan {
  std::uint32_t borrower;
  std::int64_t outstanding;
  int first_year;
  int term;
  int paid = 0;
  std::int64_t rate_k;   // rate = k / 10,000
  std::int64_t share_j;  // share = j / 100
  bool defaulted = false;
  std::int64_t min_instalment = INT64_MAX;
  std::int64_t max_instalment = -1;
  std::int64_t last_instalment = -1;
};

// Runs the book through kLendingYears of issuing and servicing, then services until it is
// empty, checking every step. Appends every observable number to `trace`.
void run_loan_book(std::uint64_t seed, std::vector<std::int64_t>& trace,
                   std::size_t* loans_issued) {
  std::mt19937_64 rng(seed);
  LoanBook book;
  std::vector<OracleLoan> oracle;
  std::int64_t interest_sum = 0;
  std::int64_t subsidy_sum = 0;

  const auto check_conserved = [&] {
    ASSERT_EQ(book.issued_total(),
              book.repaid_total() + book.written_off_total() + book.outstanding_total());
    std::int64_t outstanding = 0;
    for (const Loan& loan : book.loans()) {
      ASSERT_GE(loan.outstanding.fen(), 0);
      outstanding += loan.outstanding.fen();
    }
    ASSERT_EQ(book.outstanding_total().fen(), outstanding);
  };
  const auto issue_some = [&](int year) {
    const auto n = uniform(rng, 50, 250);
    for (std::int64_t k = 0; k < n; ++k) {
      const auto borrower = static_cast<std::uint32_t>(uniform(rng, 0, 1999));
      const std::int64_t principal =
          chance(rng, 10) ? uniform(rng, 1, 20) : uniform(rng, 100'000, 10'000'000);  // fen
      const int term = chance(rng, 5) ? static_cast<int>(uniform(rng, 6, 10))
                                      : static_cast<int>(uniform(rng, 1, 5));
      const std::int64_t rate_k = chance(rng, 10) ? 0 : uniform(rng, 1, 1000);
      const std::int64_t share_j = chance(rng, 20)   ? 0
                                   : chance(rng, 20) ? 100
                                                     : uniform(rng, 1, 99);
      const std::size_t index =
          book.issue(borrower, Money::from_fen(principal), year, term,
                     static_cast<double>(rate_k) / 10'000.0, static_cast<double>(share_j) / 100.0);
      ASSERT_EQ(index, oracle.size());
      oracle.push_back(OracleLoan{borrower, principal, year, term, 0, rate_k, share_j});
      ASSERT_NO_FATAL_FAILURE(check_conserved());
    }
  };
  const auto service = [&](int year) {
    // Which loans the book must ask about: live and issued before `year`, in index order.
    std::vector<std::size_t> expected_asks;
    for (std::size_t i = 0; i < oracle.size(); ++i) {
      const OracleLoan& o = oracle[i];
      if (!o.defaulted && o.paid < o.term && o.first_year < year) expected_asks.push_back(i);
    }
    std::vector<std::size_t> asks;
    std::vector<bool> defaults(oracle.size(), false);
    const auto s = book.service(year, [&](std::size_t i) {
      asks.push_back(i);
      defaults[i] = chance(rng, 3);
      return static_cast<bool>(defaults[i]);
    });
    ASSERT_EQ(asks, expected_asks);

    // The oracle's year.
    std::int64_t principal = 0, own_interest = 0, subsidy = 0, written_off = 0;
    std::map<std::uint32_t, std::int64_t> paid_by;
    for (const std::size_t i : asks) {
      OracleLoan& o = oracle[i];
      if (defaults[i]) {
        written_off += o.outstanding;
        o.outstanding = 0;
        o.defaulted = true;
        continue;
      }
      const std::int64_t interest = (o.outstanding * o.rate_k + 5'000) / 10'000;
      const std::int64_t sub = (interest * o.share_j + 50) / 100;
      ASSERT_GE(interest, 0);
      ASSERT_LE(sub, interest);
      const std::int64_t instalment = o.outstanding / (o.term - o.paid);
      o.outstanding -= instalment;
      ++o.paid;
      if (o.last_instalment >= 0) {
        ASSERT_GE(instalment, o.last_instalment) << "loan " << i;
      }
      o.last_instalment = instalment;
      o.min_instalment = std::min(o.min_instalment, instalment);
      o.max_instalment = std::max(o.max_instalment, instalment);
      principal += instalment;
      own_interest += interest - sub;
      subsidy += sub;
      if (instalment + interest - sub > 0) paid_by[o.borrower] += instalment + interest - sub;
    }
    interest_sum += own_interest + subsidy;
    subsidy_sum += subsidy;

    ASSERT_EQ(s.principal_repaid.fen(), principal);
    ASSERT_EQ(s.interest_paid_by_borrowers.fen(), own_interest);
    ASSERT_EQ(s.interest_subsidy.fen(), subsidy);
    ASSERT_EQ(s.written_off.fen(), written_off);
    ASSERT_GE(s.interest_paid_by_borrowers.fen(), 0);
    ASSERT_GE(s.interest_subsidy.fen(), 0);
    const std::vector<std::pair<std::uint32_t, std::int64_t>> expected_payments(paid_by.begin(),
                                                                                paid_by.end());
    std::vector<std::pair<std::uint32_t, std::int64_t>> payments;
    std::int64_t payments_sum = 0;
    for (const auto& [b, m] : s.borrower_payments) {
      ASSERT_GT(m.fen(), 0);
      payments.emplace_back(b, m.fen());
      payments_sum += m.fen();
    }
    ASSERT_EQ(payments, expected_payments);  // ascending borrowers, one entry each
    ASSERT_EQ(payments_sum, principal + own_interest);

    for (std::size_t i = 0; i < oracle.size(); ++i) {
      const OracleLoan& o = oracle[i];
      const Loan& loan = book.loans()[i];
      ASSERT_EQ(loan.outstanding.fen(), o.outstanding) << "loan " << i;
      ASSERT_EQ(loan.instalments_paid, o.paid) << "loan " << i;
      ASSERT_EQ(loan.defaulted, o.defaulted) << "loan " << i;
      if (!o.defaulted) {
        // Repaid after exactly term services, and never before.
        ASSERT_EQ(loan.outstanding.fen() == 0, loan.instalments_paid == loan.term_years)
            << "loan " << i;
      }
    }
    ASSERT_EQ(book.interest_total().fen(), interest_sum);
    ASSERT_EQ(book.subsidy_total().fen(), subsidy_sum);
    ASSERT_LE(book.subsidy_total(), book.interest_total());
    ASSERT_NO_FATAL_FAILURE(check_conserved());

    trace.insert(trace.end(), {year, principal, own_interest, subsidy, written_off});
    for (const auto& [b, m] : payments)
      trace.insert(trace.end(), {static_cast<std::int64_t>(b), m});
  };

  for (int year = kFirstYear; year < kFirstYear + kLendingYears; ++year) {
    // Some loans are dated this year before the year is serviced: they must wait a year.
    ASSERT_NO_FATAL_FAILURE(issue_some(year));
    ASSERT_NO_FATAL_FAILURE(service(year));
    ASSERT_NO_FATAL_FAILURE(issue_some(year));
  }
  int year = kFirstYear + kLendingYears;
  for (; book.outstanding_total() > Money{}; ++year) {
    ASSERT_LE(year, kFirstYear + kLendingYears + 11) << "loans outlive their terms";
    ASSERT_NO_FATAL_FAILURE(service(year));
  }
  for (std::size_t i = 0; i < oracle.size(); ++i) {
    const OracleLoan& o = oracle[i];
    ASSERT_TRUE(o.defaulted || o.paid == o.term) << "loan " << i;
    if (o.paid > 0) {
      ASSERT_LE(o.max_instalment - o.min_instalment, 1) << "loan " << i;
    }
  }
  ASSERT_EQ(book.issued_total(), book.repaid_total() + book.written_off_total());
  *loans_issued = oracle.size();
}

TEST(LoanBook, ConservesMoneyOverThousandsOfRandomLoans) {
  for (const std::uint64_t seed : {20140101ULL, 42ULL, 7ULL}) {
    SCOPED_TRACE(seed);
    std::vector<std::int64_t> trace;
    std::size_t loans = 0;
    ASSERT_NO_FATAL_FAILURE(run_loan_book(seed, trace, &loans));
    EXPECT_GT(loans, 3'000U);
  }
}

TEST(LoanBook, SameInputsGiveSameOutputs) {
  std::vector<std::int64_t> a, b, c;
  std::size_t loans = 0;
  ASSERT_NO_FATAL_FAILURE(run_loan_book(99, a, &loans));
  ASSERT_NO_FATAL_FAILURE(run_loan_book(99, b, &loans));
  ASSERT_NO_FATAL_FAILURE(run_loan_book(100, c, &loans));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);  // the trace does depend on the inputs
}

// ---------------------------------------------------------------------------------------------
// RevolvingFund

constexpr int kFundYears = 50;

void run_fund(std::uint64_t seed, std::vector<std::int64_t>& trace) {
  std::mt19937_64 rng(seed);
  const std::int64_t seed_capital = uniform(rng, 0, 20'000'000);
  RevolvingFund fund(Money::from_fen(seed_capital));
  std::int64_t cash = seed_capital, seed_total = seed_capital, fees_total = 0, losses_total = 0;
  struct MemberLoan {
    std::uint32_t member;
    std::int64_t amount;
  };
  std::vector<MemberLoan> loans;

  const auto check = [&] {
    ASSERT_EQ(fund.cash() + fund.lent_out(),
              fund.seed_total() + fund.fees_total() - fund.losses_total());
    ASSERT_GE(fund.cash().fen(), 0);
    std::int64_t lent = 0;
    for (const auto& l : loans) lent += l.amount;
    ASSERT_EQ(fund.lent_out().fen(), lent);
    ASSERT_EQ(fund.cash().fen(), cash);
    ASSERT_EQ(fund.seed_total().fen(), seed_total);
    ASSERT_EQ(fund.fees_total().fen(), fees_total);
    ASSERT_EQ(fund.losses_total().fen(), losses_total);
    ASSERT_EQ(fund.loans_outstanding(), loans.size());
  };

  std::size_t lent_count = 0;
  for (int year = 0; year < kFundYears; ++year) {
    if (chance(rng, 30)) {
      const std::int64_t m = uniform(rng, 0, 5'000'000);
      fund.add_capital(Money::from_fen(m));
      cash += m;
      seed_total += m;
      ASSERT_NO_FATAL_FAILURE(check());
    }
    const auto rounds = uniform(rng, 1, 3);
    for (std::int64_t r = 0; r < rounds; ++r) {
      std::vector<std::uint32_t> members(static_cast<std::size_t>(uniform(rng, 0, 60)));
      for (auto& m : members) m = static_cast<std::uint32_t>(uniform(rng, 0, 499));
      const std::int64_t amount =
          chance(rng, 10) ? uniform(rng, 1, 100) : uniform(rng, 50'000, 2'000'000);
      const auto got = fund.lend(members, Money::from_fen(amount));
      // The members served are the longest prefix the cash covers.
      const auto can =
          std::min<std::size_t>(members.size(), static_cast<std::size_t>(cash / amount));
      ASSERT_EQ(got, std::vector<std::uint32_t>(
                         members.begin(), members.begin() + static_cast<std::ptrdiff_t>(can)));
      for (const auto m : got) loans.push_back(MemberLoan{m, amount});
      cash -= amount * static_cast<std::int64_t>(can);
      lent_count += can;
      ASSERT_NO_FATAL_FAILURE(check());
      trace.insert(trace.end(), {amount, static_cast<std::int64_t>(can)});
    }
    const std::int64_t fee_k = chance(rng, 10) ? 0 : uniform(rng, 1, 2'000);  // fee rate k / 10,000
    std::vector<std::uint32_t> asked;
    std::vector<bool> defaulted;
    const auto s = fund.settle(static_cast<double>(fee_k) / 10'000.0, [&](std::uint32_t m) {
      asked.push_back(m);
      defaulted.push_back(chance(rng, 5));
      return static_cast<bool>(defaulted.back());
    });
    ASSERT_EQ(asked.size(), loans.size());
    std::int64_t repaid = 0, fees = 0, lost = 0;
    for (std::size_t i = 0; i < loans.size(); ++i) {
      ASSERT_EQ(asked[i], loans[i].member);  // once per loan, in lending order
      if (defaulted[i]) {
        lost += loans[i].amount;
      } else {
        repaid += loans[i].amount;
        fees += (loans[i].amount * fee_k + 5'000) / 10'000;
      }
    }
    loans.clear();
    ASSERT_EQ(s.repaid_principal.fen(), repaid);
    ASSERT_EQ(s.fees.fen(), fees);
    ASSERT_EQ(s.defaulted.fen(), lost);
    cash += repaid + fees;
    fees_total += fees;
    losses_total += lost;
    ASSERT_NO_FATAL_FAILURE(check());
    ASSERT_EQ(fund.lent_out().fen(), 0);
    trace.insert(trace.end(), {repaid, fees, lost, fund.cash().fen()});
  }
  ASSERT_GT(lent_count, 500U);
}

TEST(RevolvingFund, ConservesMoneyOverFiftyYearsOfRandomLending) {
  for (const std::uint64_t seed : {20140101ULL, 42ULL, 7ULL, 1ULL, 2ULL}) {
    SCOPED_TRACE(seed);
    std::vector<std::int64_t> trace;
    ASSERT_NO_FATAL_FAILURE(run_fund(seed, trace));
  }
}

TEST(RevolvingFund, SameInputsGiveSameOutputs) {
  std::vector<std::int64_t> a, b, c;
  ASSERT_NO_FATAL_FAILURE(run_fund(99, a));
  ASSERT_NO_FATAL_FAILURE(run_fund(99, b));
  ASSERT_NO_FATAL_FAILURE(run_fund(100, c));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

}  // namespace
}  // namespace fupin::models::finance
