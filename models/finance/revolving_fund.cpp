#include "models/finance/revolving_fund.hpp"

#include <stdexcept>

#include "models/finance/exact.hpp"

namespace fupin::models::finance {

using detail::checked_add;
using sim::Money;

RevolvingFund::RevolvingFund(Money seed) {
  if (seed < Money{}) {
    throw std::invalid_argument("RevolvingFund: negative seed capital " + seed.str());
  }
  cash_ = seed;
  seed_ = seed;
}

void RevolvingFund::add_capital(Money m) {
  if (m < Money{}) {
    throw std::invalid_argument("RevolvingFund::add_capital: negative amount " + m.str());
  }
  const Money seed = checked_add(seed_, m);
  cash_ = checked_add(cash_, m);
  seed_ = seed;
}

std::vector<std::uint32_t> RevolvingFund::lend(const std::vector<std::uint32_t>& members,
                                               Money amount) {
  if (amount <= Money{}) {
    throw std::invalid_argument("RevolvingFund::lend: loan amount must be positive, got " +
                                amount.str());
  }
  std::vector<std::uint32_t> lent;
  for (const std::uint32_t member : members) {
    if (cash_ < amount) break;
    cash_ -= amount;
    lent_out_ += amount;
    loans_.push_back(MemberLoan{member, amount});
    lent.push_back(member);
  }
  return lent;
}

RevolvingFund::Settlement RevolvingFund::settle(
    double fee_rate, const std::function<bool(std::uint32_t member)>& default_now) {
  const double rate = detail::checked_rate(fee_rate, "fee_rate");
  Settlement out;
  for (const MemberLoan& loan : loans_) {
    if (default_now(loan.member)) {
      out.defaulted += loan.amount;
    } else {
      out.repaid_principal += loan.amount;
      out.fees = checked_add(out.fees, detail::apply_rate(loan.amount, rate));
    }
  }
  loans_.clear();
  lent_out_ = Money{};
  cash_ = checked_add(cash_, checked_add(out.repaid_principal, out.fees));
  fees_ = checked_add(fees_, out.fees);
  losses_ += out.defaulted;
  return out;
}

}  // namespace fupin::models::finance
