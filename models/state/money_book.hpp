// The money book of one run: the ledger, the journal of global events, and which programme owns
// each account. Written by global events and at construction; local events post to their own
// county's journal (CountyState::journal) instead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/ledger.hpp"

namespace fupin::models {

// Kinds of ledger accounts, used to group balances and flows in results.
namespace account_kind {
inline constexpr const char* kSource = "source";  // a programme's appropriations (issues money)
inline constexpr const char* kHouseholds =
    "households";  // households' own income (repayments, fees)
inline constexpr const char* kCounty = "county";
inline constexpr const char* kTownship = "township";
inline constexpr const char* kVillage = "village";
inline constexpr const char* kPool = "pool";      // province-level or unit-level holding account
inline constexpr const char* kSpent = "spent";    // household projects and built units
inline constexpr const char* kSaved = "saved";    // households' balances earmarked for a unit
inline constexpr const char* kAdmin = "admin";    // administrative cost retained
inline constexpr const char* kLost = "lost";      // idle money lost, loan losses
inline constexpr const char* kFund = "fund";      // revolving capital (mutual-aid funds)
inline constexpr const char* kLent = "lent";      // money out on one-year member loans
inline constexpr const char* kRepaid = "repaid";  // loan principal returned to the lender
inline constexpr const char* kInterest = "interest";  // interest received by the lender
}  // namespace account_kind

// What the year's summaries group an account's flows and balances by, from its kind: kept as a
// number per account (MoneyBook::account_role), since comparing kind strings for every flow and
// account of a year was a measurable part of the year-end summary.
enum class AccountRole : std::uint8_t {
  other,
  source,   // kSource
  spent,    // kSpent
  admin,    // kAdmin
  lost,     // kLost
  saved,    // kSaved
  holding,  // kCounty, kTownship, kVillage, kPool: money a region or unit still holds
};
AccountRole account_role_of(std::string_view kind);

struct MoneyBook {
  sim::Ledger ledger;
  sim::Journal global_journal;
  std::vector<int> account_programme;     // programme index of each ledger account, -1 if none
  std::vector<AccountRole> account_role;  // of each ledger account, from its kind
  // Village whose households a `spent` account's money reached, -1 for every other account:
  // results by region (by_level/*/spent_fen) read it.
  std::vector<std::int32_t> account_village;
  sim::AccountId household_income = 0;  // households' own money (repayments, fees)

  // Opens the households' own account (the first account of every run).
  MoneyBook();

  // Registers an account owned by programme `programme` (-1: none).
  sim::AccountId add_account(const std::string& name, const char* kind, int programme,
                             bool is_source = false);
  // Registers programme `programme`'s `spent` account of village `village`.
  sim::AccountId add_spent_account(const std::string& name, int programme, std::uint32_t village);
};

}  // namespace fupin::models
