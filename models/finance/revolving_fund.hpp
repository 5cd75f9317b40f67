// Village mutual-aid revolving fund (贫困村资金互助组织): seed capital lent to member households in
// one-year loans and repaid with a use fee (占用费), so the fund revolves; defaulted loans are
// lost. Amounts are exact integer fen.
//
// Rounding rule: fee = round-half-up(amount × fee_rate) per loan, with the rate taken to 12
// decimal places (the double is rounded to the nearest 1e-12 first), so a rate written as a
// decimal is used exactly as written.
//
// Invariant, at every step: cash + lent_out == seed_total + fees_total − losses_total.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "sim/money.hpp"

namespace fupin::models::finance {

class RevolvingFund {
 public:
  // Totals of one year-end settlement, in fen.
  struct Settlement {
    sim::Money repaid_principal;
    sim::Money fees;
    sim::Money defaulted;  // principal lost
  };

  // Throws std::invalid_argument for a negative seed.
  explicit RevolvingFund(sim::Money seed);

  // More capital (a new injection by a programme). Throws std::invalid_argument if negative.
  void add_capital(sim::Money m);

  // Lends `amount` to each of `members` in order while the fund's cash covers a whole loan, and
  // returns the members who got a loan (a prefix of `members`). A member listed twice, or lent to
  // again before settlement, gets two loans. Throws std::invalid_argument for amount <= 0.
  std::vector<std::uint32_t> lend(const std::vector<std::uint32_t>& members, sim::Money amount);

  // Year end: every outstanding loan is visited in the order it was made and `default_now(member)`
  // is called exactly once for it. A loan that does not default is repaid with its fee; a loan
  // that defaults loses its whole amount. Afterwards no loan is outstanding. Throws
  // std::invalid_argument if fee_rate is not in [0, 1] (nothing is settled then).
  Settlement settle(double fee_rate, const std::function<bool(std::uint32_t member)>& default_now);

  [[nodiscard]] sim::Money cash() const { return cash_; }
  [[nodiscard]] sim::Money lent_out() const { return lent_out_; }
  [[nodiscard]] sim::Money seed_total() const { return seed_; }  // seed plus added capital
  [[nodiscard]] sim::Money fees_total() const { return fees_; }
  [[nodiscard]] sim::Money losses_total() const { return losses_; }
  [[nodiscard]] std::size_t loans_outstanding() const { return loans_.size(); }

 private:
  struct MemberLoan {
    std::uint32_t member;
    sim::Money amount;
  };
  std::vector<MemberLoan> loans_;  // outstanding, in lending order
  sim::Money cash_, lent_out_, seed_, fees_, losses_;
};

}  // namespace fupin::models::finance
