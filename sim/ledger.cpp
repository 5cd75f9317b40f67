#include "sim/ledger.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <string>
#include <utility>

namespace fupin::sim {
namespace {

std::string int128_str(Int128 v) {
  if (v >= std::numeric_limits<std::int64_t>::min() &&
      v <= std::numeric_limits<std::int64_t>::max()) {
    return Money::from_fen(static_cast<std::int64_t>(v)).str();
  }
  return std::string(v < 0 ? "-" : "") + "(more than 2^63 fen)";
}

}  // namespace

void Journal::post(AccountId from, AccountId to, Money amount, Date date, StreamId stream) {
  if (amount.fen() <= 0) {
    throw LedgerError("ledger: posting of " + amount.str() + " on " + date.iso() +
                      " is not positive (from account " + std::to_string(from) + " to " +
                      std::to_string(to) + ")");
  }
  if (from == to) {
    throw LedgerError("ledger: posting of " + amount.str() + " on " + date.iso() +
                      " moves money from account " + std::to_string(from) + " to itself");
  }
  postings_.push_back(Posting{from, to, amount, date, stream});
}

bool Ledger::index_account(std::string_view name, std::uint64_t hash, AccountId id) {
  // At most half full: grown to twice the slots, each id placed again by its hash.
  if (2 * (static_cast<std::size_t>(id) + 1) > account_index_.size()) {
    std::vector<NameSlot> slots(std::max<std::size_t>(16, 2 * account_index_.size()));
    const std::size_t mask = slots.size() - 1;
    for (const NameSlot& s : account_index_) {
      if (s.id_plus_one == 0) continue;
      std::size_t at = s.hash & mask;
      while (slots[at].id_plus_one != 0) at = (at + 1) & mask;
      slots[at] = s;
    }
    account_index_ = std::move(slots);
  }
  const std::size_t mask = account_index_.size() - 1;
  std::size_t at = hash & mask;
  for (; account_index_[at].id_plus_one != 0; at = (at + 1) & mask) {
    const NameSlot& s = account_index_[at];
    if (s.hash == hash && accounts_[s.id_plus_one - 1].name == name) return false;
  }
  account_index_[at] = NameSlot{hash, id + 1};
  return true;
}

AccountId Ledger::add_account(std::string name, std::string kind, bool is_source) {
  if (accounts_.size() >= std::numeric_limits<AccountId>::max() - 1) {
    throw LedgerError("ledger: too many accounts");
  }
  const auto id = static_cast<AccountId>(accounts_.size());
  // Added, then indexed (the index reads the names from accounts_), and taken back if the name
  // is taken.
  accounts_.push_back(Account{std::move(name), std::move(kind), is_source});
  const std::string& added = accounts_.back().name;
  if (!index_account(added, std::hash<std::string_view>{}(added), id)) {
    std::string taken = std::move(accounts_.back().name);
    accounts_.pop_back();
    throw LedgerError("ledger: account name '" + taken + "' is already registered");
  }
  balances_.emplace_back();
  opened_.emplace_back();
  return id;
}

StreamId Ledger::add_stream(std::string name) {
  if (streams_.size() >= std::numeric_limits<StreamId>::max()) {
    throw LedgerError("ledger: too many streams");
  }
  const auto id = static_cast<StreamId>(streams_.size());
  if (!stream_index_.emplace(name, id).second) {
    throw LedgerError("ledger: stream name '" + name + "' is already registered");
  }
  streams_.push_back(std::move(name));
  return id;
}

StreamId Ledger::stream(std::string_view name) {
  const auto found = stream_index_.find(name);
  return found != stream_index_.end() ? found->second : add_stream(std::string(name));
}

void Ledger::apply(std::vector<Journal*> journals) {
  // Validate everything first, so that a bad posting leaves the ledger untouched.
  const int last_closed =
      closing_.empty() ? std::numeric_limits<int>::min() : closing_.back().first;
  {
    std::vector<Journal*> sorted = journals;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
      throw LedgerError("ledger: the same journal was passed to apply twice");
    }
  }
  for (std::size_t j = 0; j < journals.size(); ++j) {
    if (journals[j] == nullptr) {
      throw LedgerError("ledger: journal " + std::to_string(j) + " passed to apply is null");
    }
    for (const Posting& p : journals[j]->postings()) {
      const auto describe = [&] {
        return "posting of " + p.amount.str() + " on " + p.date.iso() + " from account " +
               std::to_string(p.from) + " to account " + std::to_string(p.to) + " in stream " +
               std::to_string(p.stream);
      };
      if (p.from >= accounts_.size() || p.to >= accounts_.size()) {
        throw LedgerError("ledger: " + describe() + " names an unknown account (" +
                          std::to_string(accounts_.size()) + " registered)");
      }
      if (p.stream >= streams_.size()) {
        throw LedgerError("ledger: " + describe() + " names an unknown stream (" +
                          std::to_string(streams_.size()) + " registered)");
      }
      if (p.date.year() <= last_closed) {
        throw LedgerError("ledger: " + describe() + " is dated in a closed year (last closed " +
                          std::to_string(last_closed) + ")");
      }
    }
  }
  for (Journal* journal : journals) {
    for (const Posting& p : journal->postings()) {
      std::int64_t from_balance = 0;
      std::int64_t to_balance = 0;
      if (__builtin_sub_overflow(balances_[p.from].fen(), p.amount.fen(), &from_balance) ||
          __builtin_add_overflow(balances_[p.to].fen(), p.amount.fen(), &to_balance)) {
        throw LedgerError("ledger: balance overflow posting " + p.amount.str() + " from '" +
                          accounts_[p.from].name + "' to '" + accounts_[p.to].name + "'");
      }
      Money& flow = flows_[{p.date.year(), p.stream, p.from, p.to}];
      std::int64_t flow_total = 0;
      if (__builtin_add_overflow(flow.fen(), p.amount.fen(), &flow_total)) {
        throw LedgerError("ledger: flow overflow posting " + p.amount.str() + " from '" +
                          accounts_[p.from].name + "' to '" + accounts_[p.to].name + "'");
      }
      flow = Money::from_fen(flow_total);
      balances_[p.from] = Money::from_fen(from_balance);
      balances_[p.to] = Money::from_fen(to_balance);
    }
    journal->clear();
  }
}

void Ledger::close_year(int year) {
  if (!closing_.empty() && year <= closing_.back().first) {
    throw LedgerError("ledger: cannot close " + std::to_string(year) + ": " +
                      std::to_string(closing_.back().first) + " is already closed");
  }
  const std::size_t n = accounts_.size();

  Int128 total = 0;
  for (Money b : balances_) total += b.fen();
  if (total != 0) {
    throw LedgerError("ledger: balances at the end of " + std::to_string(year) + " sum to " +
                      int128_str(total) + ", not zero");
  }

  std::vector<Int128> net(n, 0);
  for (auto it = flows_.lower_bound({year, StreamId{0}, AccountId{0}, AccountId{0}});
       it != flows_.end() && std::get<0>(it->first) == year; ++it) {
    const auto& [y, stream, from, to] = it->first;
    net[from] -= it->second.fen();
    net[to] += it->second.fen();
  }
  for (std::size_t a = 0; a < n; ++a) {
    const Int128 change = static_cast<Int128>(balances_[a].fen()) - opened_[a].fen();
    if (change != net[a]) {
      throw LedgerError("ledger: account '" + accounts_[a].name + "' does not reconcile in " +
                        std::to_string(year) + ": balance changed by " + int128_str(change) +
                        " since the last close (from " + opened_[a].str() + " to " +
                        balances_[a].str() + ") but its " + std::to_string(year) +
                        " flows net to " + int128_str(net[a]));
    }
  }

  for (std::size_t a = 0; a < n; ++a) {
    if (!accounts_[a].is_source && balances_[a].fen() < 0) {
      throw LedgerError("ledger: account '" + accounts_[a].name + "' (" + accounts_[a].kind +
                        ") is negative at the end of " + std::to_string(year) + ": " +
                        balances_[a].str());
    }
  }

  closing_.emplace_back(year, balances_);
  opened_ = balances_;
}

std::vector<Flow> Ledger::flows() const {
  std::vector<Flow> out;
  out.reserve(flows_.size());
  for (const auto& [key, amount] : flows_) {
    const auto& [year, stream, from, to] = key;
    out.push_back(Flow{year, stream, from, to, amount});
  }
  return out;
}

std::vector<Flow> Ledger::flows(int year) const {
  std::vector<Flow> out;
  for (auto it = flows_.lower_bound({year, 0, 0, 0});
       it != flows_.end() && std::get<0>(it->first) == year; ++it) {
    const auto& [y, stream, from, to] = it->first;
    out.push_back(Flow{y, stream, from, to, it->second});
  }
  return out;
}

Money Ledger::issued(int year) const {
  std::int64_t total = 0;
  for (const auto& [key, amount] : flows_) {
    const auto& [y, stream, from, to] = key;
    if (year != 0 && y != year) continue;
    if (!accounts_[from].is_source) continue;
    if (__builtin_add_overflow(total, amount.fen(), &total)) {
      throw LedgerError("ledger: total issued overflows a 64-bit count of fen");
    }
  }
  return Money::from_fen(total);
}

}  // namespace fupin::sim
