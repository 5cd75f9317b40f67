// The money book (models/state/money_book.hpp): the role the year's summaries group each account
// by, kept as a number per account instead of comparing kind strings.
#include "models/state/money_book.hpp"

#include <gtest/gtest.h>

#include <string>

namespace fupin::models {
namespace {

TEST(MoneyBook, EachAccountKeepsTheRoleOfItsKind) {
  MoneyBook book;
  struct Case {
    const char* kind;
    AccountRole role;
  };
  const Case cases[] = {
      {account_kind::kSource, AccountRole::source},
      {account_kind::kSpent, AccountRole::spent},
      {account_kind::kAdmin, AccountRole::admin},
      {account_kind::kLost, AccountRole::lost},
      {account_kind::kSaved, AccountRole::saved},
      {account_kind::kCounty, AccountRole::holding},
      {account_kind::kTownship, AccountRole::holding},
      {account_kind::kVillage, AccountRole::holding},
      {account_kind::kPool, AccountRole::holding},
      {account_kind::kFund, AccountRole::other},
      {account_kind::kLent, AccountRole::other},
      {account_kind::kRepaid, AccountRole::other},
      {account_kind::kInterest, AccountRole::other},
      {account_kind::kHouseholds, AccountRole::other},
      {"enterprise", AccountRole::other},
  };
  for (const Case& c : cases) {
    const sim::AccountId id = book.add_account(std::string("a/") + c.kind, c.kind, 0);
    ASSERT_EQ(book.account_role.size(), book.ledger.account_count());
    EXPECT_EQ(book.account_role[id], c.role) << c.kind;
    EXPECT_EQ(account_role_of(book.ledger.account(id).kind), c.role) << c.kind;
  }
  const sim::AccountId spent = book.add_spent_account("v/spent", 1, 7);
  EXPECT_EQ(book.account_role[spent], AccountRole::spent);
  // The households' own account, opened first, is none of the summaries' roles.
  EXPECT_EQ(book.account_role[book.household_income], AccountRole::other);
}

}  // namespace
}  // namespace fupin::models
