#include "sim/ledger.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fupin::sim {
namespace {

Date d(int y, int m, int day) { return Date::from_civil(y, m, day); }

// A small ledger: a central source, a county, two households and a spent account.
struct Fixture {
  Ledger ledger;
  AccountId central = ledger.add_account("central", "source", true);
  AccountId county = ledger.add_account("county/A", "county");
  AccountId hh1 = ledger.add_account("household/1", "household");
  AccountId hh2 = ledger.add_account("household/2", "household");
  AccountId spent = ledger.add_account("spent", "spent");
  StreamId fund = ledger.add_stream("special fund");
  StreamId aid = ledger.add_stream("east-west aid");
};

// Expects `f` to throw a LedgerError whose message contains every one of `parts`.
template <class F>
void expect_ledger_error(F&& f, const std::vector<std::string>& parts) {
  try {
    f();
    ADD_FAILURE() << "no LedgerError thrown";
  } catch (const LedgerError& e) {
    const std::string msg = e.what();
    for (const auto& p : parts)
      EXPECT_NE(msg.find(p), std::string::npos) << "'" << p << "' not in: " << msg;
  }
}

TEST(Ledger, PostingsMoveBalancesAndYearCloses) {
  Fixture f;
  Journal j;
  j.post(f.central, f.county, Money::from_yuan(1000), d(2016, 3, 1), f.fund);
  j.post(f.county, f.hh1, Money::from_yuan(300), d(2016, 4, 1), f.fund);
  j.post(f.county, f.hh2, Money::from_yuan(200), d(2016, 4, 1), f.fund);
  j.post(f.hh1, f.spent, Money::from_yuan(100), d(2016, 5, 1), f.fund);
  f.ledger.apply({&j});
  EXPECT_TRUE(j.postings().empty()) << "apply clears the journals";
  EXPECT_EQ(f.ledger.balance(f.central), Money::from_yuan(-1000));
  EXPECT_EQ(f.ledger.balance(f.county), Money::from_yuan(500));
  EXPECT_EQ(f.ledger.balance(f.hh1), Money::from_yuan(200));
  EXPECT_EQ(f.ledger.balance(f.hh2), Money::from_yuan(200));
  EXPECT_EQ(f.ledger.balance(f.spent), Money::from_yuan(100));
  ASSERT_NO_THROW(f.ledger.close_year(2016));
  ASSERT_EQ(f.ledger.closing_balances().size(), 1u);
  EXPECT_EQ(f.ledger.closing_balances()[0].first, 2016);
  EXPECT_EQ(
      f.ledger.closing_balances()[0].second,
      (std::vector<Money>{Money::from_yuan(-1000), Money::from_yuan(500), Money::from_yuan(200),
                          Money::from_yuan(200), Money::from_yuan(100)}));
}

TEST(Ledger, SeveralYearsCloseInTurn) {
  Fixture f;
  Journal j;
  j.post(f.central, f.county, Money::from_fen(10'000), d(2016, 12, 31), f.fund);
  f.ledger.apply({&j});
  f.ledger.close_year(2016);
  j.post(f.county, f.hh1, Money::from_fen(4'000), d(2017, 1, 1), f.fund);
  j.post(f.central, f.county, Money::from_fen(1), d(2017, 6, 1), f.aid);
  f.ledger.apply({&j});
  ASSERT_NO_THROW(f.ledger.close_year(2017));
  ASSERT_EQ(f.ledger.closing_balances().size(), 2u);
  EXPECT_EQ(f.ledger.closing_balances()[1].first, 2017);
  EXPECT_EQ(f.ledger.closing_balances()[1].second[f.county], Money::from_fen(6'001));
  // A year with no postings closes too.
  EXPECT_NO_THROW(f.ledger.close_year(2018));
}

TEST(Ledger, NegativeNonSourceAccountRejectedAtClose) {
  Fixture f;
  Journal j;
  j.post(f.county, f.hh1, Money::from_fen(1'234'567), d(2016, 4, 1), f.fund);
  f.ledger.apply({&j});
  expect_ledger_error([&] { f.ledger.close_year(2016); }, {"county/A", "-12,345.67", "2016"});
  EXPECT_TRUE(f.ledger.closing_balances().empty());
}

TEST(Ledger, NonSourceMayDipWithinTheYearAndSourceMayStayNegative) {
  Fixture f;
  Journal j;
  j.post(f.county, f.hh1, Money::from_fen(500), d(2016, 2, 1), f.fund);      // county at -5.00 ...
  j.post(f.central, f.county, Money::from_fen(500), d(2016, 3, 1), f.fund);  // ... then back to 0
  f.ledger.apply({&j});
  EXPECT_NO_THROW(f.ledger.close_year(2016));
  EXPECT_EQ(f.ledger.balance(f.central), Money::from_fen(-500));
}

TEST(Ledger, UnknownAccountOrStreamRejectedAndLedgerUntouched) {
  Fixture f;
  Journal good;
  good.post(f.central, f.county, Money::from_fen(100), d(2016, 1, 1), f.fund);
  Journal bad;
  bad.post(f.central, 99, Money::from_fen(100), d(2016, 1, 1), f.fund);
  expect_ledger_error([&] { f.ledger.apply({&good, &bad}); }, {"unknown account", "99"});
  EXPECT_EQ(f.ledger.balance(f.central), Money());
  EXPECT_TRUE(f.ledger.flows().empty());
  EXPECT_EQ(good.postings().size(), 1u);

  Journal bad_stream;
  bad_stream.post(f.central, f.county, Money::from_fen(100), d(2016, 1, 1), 7);
  expect_ledger_error([&] { f.ledger.apply({&bad_stream}); }, {"unknown stream"});
  EXPECT_THROW(f.ledger.apply({nullptr}), LedgerError);
  EXPECT_THROW(f.ledger.apply({&good, &good}), LedgerError);
}

TEST(LedgerJournal, RejectsNonPositiveAmountAndSelfTransfer) {
  Journal j;
  EXPECT_THROW(j.post(0, 1, Money(), d(2016, 1, 1), 0), LedgerError);
  EXPECT_THROW(j.post(0, 1, Money::from_fen(-5), d(2016, 1, 1), 0), LedgerError);
  EXPECT_THROW(j.post(2, 2, Money::from_fen(5), d(2016, 1, 1), 0), LedgerError);
  EXPECT_TRUE(j.postings().empty());
  j.post(0, 1, Money::from_fen(5), d(2016, 1, 1), 0);
  EXPECT_EQ(j.postings().size(), 1u);
}

TEST(Ledger, DuplicateNamesRejected) {
  Ledger l;
  l.add_account("a", "county");
  EXPECT_THROW(l.add_account("a", "township"), LedgerError);
  l.add_stream("s");
  EXPECT_THROW(l.add_stream("s"), LedgerError);
  EXPECT_EQ(l.account_count(), 1u);
  EXPECT_EQ(l.streams().size(), 1u);
}

// Among thousands of names sharing long prefixes (a programme's accounts by village), every
// repeat of an earlier name is refused and leaves the accounts as they were; names differing in
// one character are distinct accounts.
TEST(Ledger, DuplicateNamesRejectedAmongManyWithSharedPrefixes) {
  Ledger l;
  const auto name = [](int programme, int village) {
    return "programme_" + std::to_string(programme) + "/village/YN" +
           std::to_string(10 + village / 100) + "-T0" + std::to_string(village / 10 % 10) + "-V" +
           std::to_string(village % 10);
  };
  for (int p = 0; p < 3; ++p)
    for (int v = 0; v < 2000; ++v) EXPECT_EQ(l.add_account(name(p, v), "spent"), p * 2000 + v);
  for (const auto& [p, v] : {std::pair{0, 0}, {1, 17}, {2, 1999}, {2, 1000}})
    EXPECT_THROW(l.add_account(name(p, v), "spent"), LedgerError) << name(p, v);
  EXPECT_EQ(l.account_count(), 6000u);
  EXPECT_EQ(l.add_account(name(3, 0), "spent"), 6000u);
  EXPECT_EQ(l.accounts().back().name, name(3, 0));
}

TEST(Ledger, StreamFindsOrAddsByName) {
  Ledger l;
  const StreamId a = l.add_stream("a");
  EXPECT_EQ(l.stream("a"), a);
  const StreamId b = l.stream("b");
  EXPECT_NE(b, a);
  EXPECT_EQ(l.stream("b"), b);
  EXPECT_EQ(l.stream(std::string("a")), a);
  ASSERT_EQ(l.streams().size(), 2u);
  EXPECT_EQ(l.streams()[b], "b");
  EXPECT_THROW(l.add_stream("b"), LedgerError);
}

TEST(Ledger, FlowsAggregateByYearStreamFromTo) {
  Fixture f;
  Journal j;
  j.post(f.central, f.county, Money::from_fen(100), d(2016, 1, 1), f.fund);
  j.post(f.central, f.county, Money::from_fen(50), d(2016, 12, 31), f.fund);
  j.post(f.central, f.county, Money::from_fen(7), d(2016, 5, 5), f.aid);
  j.post(f.county, f.hh1, Money::from_fen(20), d(2016, 6, 1), f.fund);
  f.ledger.apply({&j});
  f.ledger.close_year(2016);
  j.post(f.central, f.county, Money::from_fen(1), d(2017, 1, 1), f.fund);
  f.ledger.apply({&j});
  const auto flows = f.ledger.flows();
  ASSERT_EQ(flows.size(), 4u);
  // (year, stream, from, to) order.
  EXPECT_EQ(flows[0].year, 2016);
  EXPECT_EQ(flows[0].stream, f.fund);
  EXPECT_EQ(flows[0].from, f.central);
  EXPECT_EQ(flows[0].to, f.county);
  EXPECT_EQ(flows[0].amount, Money::from_fen(150));
  EXPECT_EQ(flows[1].from, f.county);
  EXPECT_EQ(flows[1].amount, Money::from_fen(20));
  EXPECT_EQ(flows[2].stream, f.aid);
  EXPECT_EQ(flows[2].amount, Money::from_fen(7));
  EXPECT_EQ(flows[3].year, 2017);
  EXPECT_EQ(flows[3].amount, Money::from_fen(1));
}

TEST(Ledger, ResultsIndependentOfJournalOrder) {
  auto run = [](bool reversed) {
    Fixture f;
    Journal a;
    Journal b;
    a.post(f.central, f.county, Money::from_fen(1000), d(2016, 2, 1), f.fund);
    a.post(f.county, f.hh1, Money::from_fen(300), d(2016, 3, 1), f.fund);
    b.post(f.central, f.county, Money::from_fen(77), d(2016, 1, 1), f.fund);
    b.post(f.county, f.hh2, Money::from_fen(400), d(2016, 3, 1), f.fund);
    b.post(f.county, f.hh1, Money::from_fen(5), d(2016, 3, 1), f.fund);
    f.ledger.apply(reversed ? std::vector<Journal*>{&b, &a} : std::vector<Journal*>{&a, &b});
    f.ledger.close_year(2016);
    std::vector<std::tuple<int, StreamId, AccountId, AccountId, std::int64_t>> flows;
    for (const Flow& fl : f.ledger.flows())
      flows.emplace_back(fl.year, fl.stream, fl.from, fl.to, fl.amount.fen());
    return std::make_pair(flows, f.ledger.closing_balances());
  };
  const auto ab = run(false);
  const auto ba = run(true);
  EXPECT_EQ(ab.first, ba.first);
  EXPECT_EQ(ab.second, ba.second);
  ASSERT_EQ(ab.first.size(), 3u);
  EXPECT_EQ(std::get<4>(ab.first[0]), 1077);  // central -> county, both journals
  EXPECT_EQ(std::get<4>(ab.first[1]), 305);   // county -> household/1, both journals
}

TEST(Ledger, IssuedTotalsSourceOutflowsByYear) {
  Fixture f;
  const AccountId province = f.ledger.add_account("province", "source", true);
  Journal j;
  j.post(f.central, f.county, Money::from_yuan(100), d(2016, 3, 1), f.fund);
  j.post(province, f.county, Money::from_yuan(20), d(2016, 3, 1), f.aid);
  j.post(f.county, f.hh1, Money::from_yuan(50), d(2016, 4, 1), f.fund);  // not issuance
  f.ledger.apply({&j});
  f.ledger.close_year(2016);
  j.post(f.central, f.county, Money::from_yuan(7), d(2017, 3, 1), f.fund);
  j.post(f.hh1, f.spent, Money::from_yuan(50), d(2017, 3, 1), f.fund);
  f.ledger.apply({&j});
  f.ledger.close_year(2017);
  EXPECT_EQ(f.ledger.issued(2016), Money::from_yuan(120));
  EXPECT_EQ(f.ledger.issued(2017), Money::from_yuan(7));
  EXPECT_EQ(f.ledger.issued(2018), Money());
  EXPECT_EQ(f.ledger.issued(), Money::from_yuan(127));
  // One year's flows are exactly the flows of that year, in the same order as in flows().
  std::vector<Flow> of_2017;
  for (const Flow& fl : f.ledger.flows()) {
    if (fl.year == 2017) of_2017.push_back(fl);
  }
  const std::vector<Flow> only = f.ledger.flows(2017);
  ASSERT_EQ(only.size(), of_2017.size());
  ASSERT_EQ(only.size(), 2U);
  for (std::size_t k = 0; k < only.size(); ++k) {
    EXPECT_EQ(only[k].from, of_2017[k].from);
    EXPECT_EQ(only[k].to, of_2017[k].to);
    EXPECT_EQ(only[k].amount, of_2017[k].amount);
  }
  EXPECT_TRUE(f.ledger.flows(2018).empty());
}

TEST(Ledger, CloseDetectsBalanceChangesNotInTheYearsFlows) {
  Fixture f;
  Journal j;
  j.post(f.central, f.county, Money::from_fen(100), d(2016, 3, 1), f.fund);
  j.post(f.central, f.hh2, Money::from_fen(250), d(2017, 1, 2), f.fund);  // next year's money
  f.ledger.apply({&j});
  expect_ledger_error([&] { f.ledger.close_year(2016); },
                      {"2016", "reconcile", "central", "-3.50", "-1.00"});
  // The next year's close sees both years' changes but only its own flows: still not reconciled.
  expect_ledger_error([&] { f.ledger.close_year(2017); }, {"2017", "reconcile"});
}

TEST(Ledger, RejectsPostingsInClosedYearsAndClosingTwice) {
  Fixture f;
  Journal j;
  j.post(f.central, f.county, Money::from_fen(100), d(2016, 3, 1), f.fund);
  f.ledger.apply({&j});
  f.ledger.close_year(2016);
  expect_ledger_error([&] { f.ledger.close_year(2016); }, {"2016", "already closed"});
  EXPECT_THROW(f.ledger.close_year(2015), LedgerError);
  j.post(f.central, f.county, Money::from_fen(100), d(2016, 12, 31), f.fund);
  expect_ledger_error([&] { f.ledger.apply({&j}); }, {"closed year"});
  EXPECT_EQ(f.ledger.balance(f.county), Money::from_fen(100));
}

}  // namespace
}  // namespace fupin::sim
