#include "models/state/money_book.hpp"

namespace fupin::models {

MoneyBook::MoneyBook() {
  household_income = add_account("households/income", account_kind::kHouseholds, -1, true);
}

sim::AccountId MoneyBook::add_account(const std::string& name, const char* kind, int programme,
                                      bool is_source) {
  const sim::AccountId id = ledger.add_account(name, kind, is_source);
  account_programme.resize(ledger.account_count(), -1);
  account_programme[id] = programme;
  account_village.resize(ledger.account_count(), -1);
  return id;
}

sim::AccountId MoneyBook::add_spent_account(const std::string& name, int programme,
                                            std::uint32_t village) {
  const sim::AccountId id = add_account(name, account_kind::kSpent, programme);
  account_village[id] = static_cast<std::int32_t>(village);
  return id;
}

}  // namespace fupin::models
