#include "models/state/money_book.hpp"

namespace fupin::models {

MoneyBook::MoneyBook() {
  household_income = add_account("households/income", account_kind::kHouseholds, -1, true);
}

sim::AccountId MoneyBook::add_account(const std::string& name, const char* kind, int programme, bool is_source) {
  const sim::AccountId id = ledger.add_account(name, kind, is_source);
  account_programme.resize(ledger.account_count(), -1);
  account_programme[id] = programme;
  return id;
}

}  // namespace fupin::models
