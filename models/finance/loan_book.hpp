// Microcredit with interest subsidy (小额信用贷款, 扶贫贴息贷款): a book of household loans repaid
// in equal yearly principal instalments, with part of each year's interest paid by a subsidy
// stream instead of the borrower, and defaults written off. Amounts are exact integer fen.
//
// Rounding rules (every amount is a whole fen):
//  - Rates and shares are taken to 12 decimal places (the double is rounded to the nearest
//    1e-12 first), so a rate written as a decimal is used exactly as written.
//  - interest  = round-half-up(outstanding × interest_rate), on the outstanding before the year's
//    instalment;
//  - subsidy   = round-half-up(interest × subsidy_share), so 0 <= subsidy <= interest; the
//    borrower pays interest − subsidy;
//  - instalment = outstanding / remaining instalments in exact integer division (the fen the
//    division drops are carried forward), so the final instalment clears the loan. Instalments
//    are non-decreasing and differ by at most one fen: 1,000,000 fen over 3 years is
//    333,333 / 333,333 / 333,334; 5 fen over 3 years is 1 / 2 / 2.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "sim/money.hpp"

namespace fupin::models::finance {

struct Loan {
  std::uint32_t borrower = 0;  // household id
  sim::Money principal;        // > 0
  sim::Money outstanding;      // principal not yet repaid; 0 once repaid or written off
  int first_year = 0;          // year of issue; first serviced in first_year + 1
  int term_years = 1;          // number of yearly instalments, >= 1
  double interest_rate = 0.0;  // per year, in [0, 1] (0.0475 for 4.75%)
  double subsidy_share = 0.0;  // share of the interest paid by the subsidy stream, in [0, 1]
  bool defaulted = false;      // written off
  int instalments_paid = 0;  // services completed; the loan is repaid when this reaches term_years
};

class LoanBook {
 public:
  // One year's service of the book, in fen.
  struct YearService {
    sim::Money principal_repaid;
    sim::Money interest_paid_by_borrowers;  // interest − subsidy, summed over loans
    sim::Money interest_subsidy;            // paid by the subsidy stream
    sim::Money written_off;                 // outstanding of the loans that defaulted this year
    // What each borrower paid this year (principal + own share of interest), summed over the
    // borrower's loans, in ascending borrower order. Borrowers who paid nothing (every loan
    // defaulted, or a zero instalment of a zero-interest loan) are left out, so every amount is
    // positive and can be posted to a ledger as is. The amounts sum to
    // principal_repaid + interest_paid_by_borrowers.
    std::vector<std::pair<std::uint32_t, sim::Money>> borrower_payments;
    // The interest part of each borrower's payment (own share, after the subsidy), in the same
    // order and with the same rule (positive amounts only). Interest is a cost to the household;
    // principal is a balance and never income or cost.
    std::vector<std::pair<std::uint32_t, sim::Money>> borrower_interest;
  };

  // Adds a loan and returns its index (indices are dense and stable: 0, 1, 2, ...).
  // Throws std::invalid_argument for principal <= 0, term_years < 1, a rate or share outside
  // [0, 1] or not finite, or a year before the last serviced year (the loan would miss a service).
  std::size_t issue(std::uint32_t borrower, sim::Money principal, int year, int term_years,
                    double interest_rate, double subsidy_share);

  // The year's service of every live loan (not repaid, not defaulted) issued before `year`; loans
  // issued in `year` are first serviced the next year. Live loans are visited in index order and
  // `default_now(index)` is called exactly once for each: if it returns true the loan pays nothing
  // this year (no interest is charged) and its whole outstanding is written off; otherwise it pays
  // interest and one instalment as described above. The book is serviced once a year: `year` must
  // be greater than the last serviced year (std::invalid_argument otherwise).
  YearService service(int year, const std::function<bool(std::size_t)>& default_now);

  [[nodiscard]] sim::Money issued_total() const { return issued_; }
  [[nodiscard]] sim::Money outstanding_total() const { return outstanding_; }
  [[nodiscard]] sim::Money repaid_total() const { return repaid_; }  // principal only
  [[nodiscard]] sim::Money written_off_total() const { return written_off_; }
  [[nodiscard]] sim::Money interest_total() const { return interest_; }  // borrowers + subsidy
  [[nodiscard]] sim::Money subsidy_total() const { return subsidy_; }
  [[nodiscard]] const std::vector<Loan>& loans() const { return loans_; }

 private:
  std::vector<Loan> loans_;
  std::vector<std::size_t> live_;  // indices of live loans, ascending
  bool serviced_ = false;
  int last_serviced_year_ = 0;
  sim::Money issued_, outstanding_, repaid_, written_off_, interest_, subsidy_;
};

}  // namespace fupin::models::finance
