// Double-entry money ledger. Every transfer is a posting (from, to, amount, date, stream).
//
// Logical processes write postings into their own journal without locks; the ledger merges the
// journals in a fixed order when a period is closed, so balances do not depend on thread count.
// Storage is aggregated by (year, stream, from, to) so that millions of household-level transfers
// do not each keep a record.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "sim/money.hpp"
#include "sim/time.hpp"

namespace fupin::sim {

using AccountId = std::uint32_t;
using StreamId = std::uint32_t;

struct Account {
  std::string name;  // unique, e.g. "township/Menglian-03"
  std::string kind;  // free text used for grouping, e.g. "source", "township", "spent"
  // Source accounts issue money (appropriations) and so may go negative; no other may.
  bool is_source = false;
};

struct Posting {
  AccountId from;
  AccountId to;
  Money amount;  // > 0
  Date date;
  StreamId stream;
};

// Total moved between two accounts by one stream in one year.
struct Flow {
  int year;
  StreamId stream;
  AccountId from;
  AccountId to;
  Money amount;
};

class LedgerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Append-only list of postings owned by one writer (one logical process, or the global phase).
class Journal {
 public:
  // Throws LedgerError for a non-positive amount or from == to.
  void post(AccountId from, AccountId to, Money amount, Date date, StreamId stream);
  [[nodiscard]] const std::vector<Posting>& postings() const { return postings_; }
  void clear() { postings_.clear(); }

 private:
  std::vector<Posting> postings_;
};

class Ledger {
 public:
  // Accounts and streams are registered before the run; names must be unique (LedgerError).
  AccountId add_account(std::string name, std::string kind, bool is_source = false);
  StreamId add_stream(std::string name);
  // The stream named `name`, registered first if it is not yet (programmes may share a stream).
  StreamId stream(std::string_view name);
  [[nodiscard]] std::size_t account_count() const { return accounts_.size(); }
  [[nodiscard]] const Account& account(AccountId id) const { return accounts_.at(id); }
  [[nodiscard]] const std::vector<Account>& accounts() const { return accounts_; }
  [[nodiscard]] const std::vector<std::string>& streams() const { return streams_; }

  // Applies the journals' postings, in the given order, to the balances and flows, then clears
  // them. Throws LedgerError if a posting names an unknown account or stream.
  void apply(std::vector<Journal*> journals);

  // Year-end check: the balances sum to zero fen, no non-source account is negative, and the
  // flows recorded for `year` equal the change in balances since the last close. Records the
  // closing balances of `year`. Throws LedgerError naming the offending account otherwise.
  void close_year(int year);

  [[nodiscard]] Money balance(AccountId id) const { return balances_.at(id); }
  // Closing balances per closed year, in year order; each row has one entry per account.
  [[nodiscard]] const std::vector<std::pair<int, std::vector<Money>>>& closing_balances() const {
    return closing_;
  }
  // Flows in (year, stream, from, to) order.
  [[nodiscard]] std::vector<Flow> flows() const;
  // Flows of one year only, in (stream, from, to) order, without copying the other years.
  [[nodiscard]] std::vector<Flow> flows(int year) const;
  // Sum of flows in `year` (all years if nullopt-like year == 0) out of accounts with is_source.
  [[nodiscard]] Money issued(int year = 0) const;

 private:
  std::vector<Account> accounts_;
  std::vector<std::string> streams_;
  std::vector<Money> balances_;
  std::vector<Money> opened_;  // balances at the last close
  std::map<std::tuple<int, StreamId, AccountId, AccountId>, Money> flows_;
  std::vector<std::pair<int, std::vector<Money>>> closing_;
  // The accounts by name, for uniqueness: open addressing over (hash of the name, id + 1), the
  // names read from accounts_ (no second copy of a name, no allocation an account). The names of
  // a programme's accounts share long prefixes, which an ordered map compared a dozen times an
  // insertion.
  struct NameSlot {
    std::uint64_t hash = 0;
    AccountId id_plus_one = 0;  // 0: empty
  };
  std::vector<NameSlot> account_index_;
  // False if an indexed account is named `name` (hash `hash`); else indexes `id` (whose account
  // is accounts_[id]) under it.
  bool index_account(std::string_view name, std::uint64_t hash, AccountId id);
  std::map<std::string, StreamId, std::less<>> stream_index_;
};

}  // namespace fupin::sim
