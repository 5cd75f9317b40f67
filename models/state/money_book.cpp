#include "models/state/money_book.hpp"

namespace fupin::models {

AccountRole account_role_of(std::string_view kind) {
  if (kind == account_kind::kSource) return AccountRole::source;
  if (kind == account_kind::kSpent) return AccountRole::spent;
  if (kind == account_kind::kAdmin) return AccountRole::admin;
  if (kind == account_kind::kLost) return AccountRole::lost;
  if (kind == account_kind::kSaved) return AccountRole::saved;
  if (kind == account_kind::kCounty || kind == account_kind::kTownship ||
      kind == account_kind::kVillage || kind == account_kind::kPool)
    return AccountRole::holding;
  return AccountRole::other;
}

MoneyBook::MoneyBook() {
  household_income = add_account("households/income", account_kind::kHouseholds, -1, true);
}

sim::AccountId MoneyBook::add_account(const std::string& name, const char* kind, int programme,
                                      bool is_source) {
  const sim::AccountId id = ledger.add_account(name, kind, is_source);
  account_programme.resize(ledger.account_count(), -1);
  account_programme[id] = programme;
  account_role.resize(ledger.account_count(), AccountRole::other);
  account_role[id] = account_role_of(kind);
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
