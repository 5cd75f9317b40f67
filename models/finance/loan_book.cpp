#include "models/finance/loan_book.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "models/finance/exact.hpp"

namespace fupin::models::finance {

using detail::checked_add;
using sim::Money;

std::size_t LoanBook::issue(std::uint32_t borrower, Money principal, int year, int term_years,
                            double interest_rate, double subsidy_share) {
  if (principal <= Money{}) {
    throw std::invalid_argument("LoanBook::issue: principal must be positive, got " +
                                principal.str());
  }
  if (term_years < 1) {
    throw std::invalid_argument("LoanBook::issue: term_years must be at least 1, got " +
                                std::to_string(term_years));
  }
  (void)detail::checked_rate(interest_rate, "interest_rate");
  (void)detail::checked_rate(subsidy_share, "subsidy_share");
  if (serviced_ && year < last_serviced_year_) {
    throw std::invalid_argument("LoanBook::issue: loan issued in " + std::to_string(year) +
                                " but the book was already serviced for " +
                                std::to_string(last_serviced_year_));
  }
  const Money issued = checked_add(issued_, principal);
  const Money outstanding = checked_add(outstanding_, principal);
  issued_ = issued;
  outstanding_ = outstanding;
  loans_.push_back(Loan{borrower, principal, principal, year, term_years, interest_rate,
                        subsidy_share, false, 0});
  live_.push_back(loans_.size() - 1);
  return loans_.size() - 1;
}

LoanBook::YearService LoanBook::service(int year,
                                        const std::function<bool(std::size_t)>& default_now) {
  if (serviced_ && year <= last_serviced_year_) {
    throw std::invalid_argument("LoanBook::service: year " + std::to_string(year) +
                                " is not after the last serviced year " +
                                std::to_string(last_serviced_year_));
  }
  // Three passes so that the book is unchanged if the predicate throws (pass 1) or a running
  // total would overflow (pass 2): decide, compute, then commit.
  struct Due {
    std::size_t index;
    bool defaults;
    Money instalment;
  };
  std::vector<Due> due;
  due.reserve(live_.size());
  for (const std::size_t i : live_) {
    if (loans_[i].first_year < year) due.push_back(Due{i, default_now(i), Money{}});
  }

  YearService out;
  std::vector<std::pair<std::uint32_t, Money>> payments;
  std::vector<std::pair<std::uint32_t, Money>> interest_payments;
  payments.reserve(due.size());
  for (Due& d : due) {
    const Loan& loan = loans_[d.index];
    if (d.defaults) {
      out.written_off += loan.outstanding;
      continue;
    }
    const Money interest = detail::apply_rate(
        loan.outstanding, detail::checked_rate(loan.interest_rate, "interest_rate"));
    const Money subsidy =
        detail::apply_rate(interest, detail::checked_rate(loan.subsidy_share, "subsidy_share"));
    const int remaining = loan.term_years - loan.instalments_paid;
    d.instalment = Money::from_fen(loan.outstanding.fen() / remaining);
    out.principal_repaid += d.instalment;
    out.interest_paid_by_borrowers += interest - subsidy;
    out.interest_subsidy += subsidy;
    const Money paid = d.instalment + interest - subsidy;
    if (paid > Money{}) payments.emplace_back(loan.borrower, paid);
    if (interest - subsidy > Money{})
      interest_payments.emplace_back(loan.borrower, interest - subsidy);
  }
  // Within a year every sum is bounded by the outstanding total (interest <= outstanding since
  // rates are at most 1); only the running totals across years need a check.
  const Money interest_total =
      checked_add(interest_, checked_add(out.interest_paid_by_borrowers, out.interest_subsidy));
  const Money subsidy_total = checked_add(subsidy_, out.interest_subsidy);

  for (const Due& d : due) {
    Loan& loan = loans_[d.index];
    if (d.defaults) {
      loan.outstanding = Money{};
      loan.defaulted = true;
    } else {
      loan.outstanding -= d.instalment;
      ++loan.instalments_paid;
    }
  }
  std::erase_if(live_, [this](std::size_t i) {
    const Loan& loan = loans_[i];
    return loan.defaulted || loan.instalments_paid == loan.term_years;
  });
  serviced_ = true;
  last_serviced_year_ = year;
  outstanding_ -= out.principal_repaid + out.written_off;
  repaid_ += out.principal_repaid;
  written_off_ += out.written_off;
  interest_ = interest_total;
  subsidy_ = subsidy_total;

  // Aggregate per borrower. The sort key is the borrower only and the amounts are integers, so
  // the result does not depend on the order of equal keys.
  const auto aggregate = [](std::vector<std::pair<std::uint32_t, Money>>& in,
                            std::vector<std::pair<std::uint32_t, Money>>& into) {
    std::sort(in.begin(), in.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [borrower, amount] : in) {
      if (!into.empty() && into.back().first == borrower) {
        into.back().second += amount;
      } else {
        into.emplace_back(borrower, amount);
      }
    }
  };
  aggregate(payments, out.borrower_payments);
  aggregate(interest_payments, out.borrower_interest);
  return out;
}

}  // namespace fupin::models::finance
