// `fupin check` and `fupin run` agree: for every shipped scenario and variant, the money per
// programme, year and level that plan_money computes from the scenario alone equals what the run
// posts to the ledger.
#include "models/programmes/money_plan.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"

namespace fupin::models {
namespace {

using sim::Money;

// The ledger of one variant, read by account name.
class LedgerView {
 public:
  explicit LedgerView(const LedgerReport& l) : l_(l) {
    for (sim::AccountId a = 0; a < l.accounts.size(); ++a) id_[l.accounts[a].name] = a;
  }

  // Accounts of programme `p` at `level` ("county", "township", "village"; "household" means
  // its project accounts).
  [[nodiscard]] std::set<sim::AccountId> level_accounts(const std::string& p,
                                                        const std::string& level) const {
    // Money at the household level is spent on projects or saved by households toward a unit
    // (flows between the two stay within the level).
    const std::vector<std::string> prefixes =
        level == "household" ? std::vector<std::string>{p + "/projects/", p + "/savings/"}
                             : std::vector<std::string>{p + "/" + level + "/"};
    std::set<sim::AccountId> out;
    for (sim::AccountId a = 0; a < l_.accounts.size(); ++a) {
      for (const std::string& prefix : prefixes) {
        if (l_.accounts[a].name.starts_with(prefix)) out.insert(a);
      }
    }
    return out;
  }
  [[nodiscard]] Money into(const std::set<sim::AccountId>& to, int year) const {
    Money m;
    for (const sim::Flow& f : l_.flows) {
      if (f.year == year && to.contains(f.to) && !to.contains(f.from)) m += f.amount;
    }
    return m;
  }
  [[nodiscard]] Money out_of(const std::string& account, int year) const {
    const auto it = id_.find(account);
    if (it == id_.end()) return {};
    Money m;
    for (const sim::Flow& f : l_.flows) {
      if (f.year == year && f.from == it->second) m += f.amount;
    }
    return m;
  }
  // Money leaving `from` for the programme's source or lost account (idle money at year end).
  [[nodiscard]] Money idle_out(const std::string& p, const std::set<sim::AccountId>& from,
                               int year) const {
    std::set<sim::AccountId> to;
    for (const char* a : {"/source", "/lost"}) {
      if (const auto it = id_.find(p + a); it != id_.end()) to.insert(it->second);
    }
    Money m;
    for (const sim::Flow& f : l_.flows) {
      if (f.year == year && from.contains(f.from) && to.contains(f.to)) m += f.amount;
    }
    return m;
  }
  // Closing balance of `accounts` at the end of `year` (zero before the first closed year).
  [[nodiscard]] Money held(const std::set<sim::AccountId>& accounts, int year) const {
    for (std::size_t k = 0; k < l_.years.size(); ++k) {
      if (l_.years[k] != year) continue;
      Money m;
      for (sim::AccountId a : accounts) m += l_.balances[k][a];
      return m;
    }
    return {};
  }
  [[nodiscard]] const LedgerReport& report() const { return l_; }

 private:
  const LedgerReport& l_;
  std::map<std::string, sim::AccountId> id_;
};

std::string where(const Scenario& v, const PlannedFlow& f) {
  return v.name + "/" + v.variant + ": " + f.programme + " (" + f.account + ") " +
         std::to_string(f.year);
}

// Compares the plan of `v` with the ledger of its run.
void expect_plan_equals_ledger(const Scenario& v, const VariantResult& r) {
  const LedgerView ledger(r.ledger);
  const std::vector<PlannedFlow> plan = plan_money(v);
  std::set<std::string> programmes;
  for (const ProgrammeSpec& p : v.programmes) programmes.insert(p.name);
  std::set<std::tuple<std::string, std::string, int>> planned;  // (account, level or "", year)
  for (const PlannedFlow& f : plan) {
    Money issued = f.amount;
    if (!f.account.empty()) {
      planned.insert({f.programme + "/" + f.account, "", f.year});
      issued = ledger.out_of(f.programme + "/" + f.account, f.year);
      if (f.at_most) {
        EXPECT_LE(issued, f.amount) << where(v, f);
        EXPECT_GT(issued, Money())
            << where(v, f) << ": nothing issued, the comparison says nothing";
      } else {
        EXPECT_EQ(issued, f.amount) << where(v, f);
      }
    }
    // Level j receives level j-1's money less its administrative cost (planned), less what stays
    // held there or leaves it as idle money (known only from the run, so taken from the ledger).
    Money not_passed_on;
    for (std::size_t j = 0; j < f.levels.size(); ++j) {
      const LevelAmount& l = f.levels[j];
      planned.insert({f.programme, l.level, f.year});
      const auto accounts = ledger.level_accounts(f.programme, l.level);
      const Money arrived = ledger.into(accounts, f.year);
      const Money expected = (f.at_most ? issued : l.amount) - not_passed_on;
      const Money diff = arrived - expected;
      EXPECT_LE(std::abs(diff.fen()), l.rounding.fen())
          << where(v, f) << " at the " << l.level << " level: ledger " << arrived.str() << ", plan "
          << l.amount.str() << " less " << not_passed_on.str() << " held or idle above (rounding ± "
          << l.rounding.str() << ")";
      if (!l.pooled_into.empty()) {
        // The whole county budget goes on to the integration: nothing stays with the source.
        EXPECT_EQ(ledger.held(accounts, f.year), Money()) << where(v, f);
        continue;
      }
      not_passed_on += ledger.held(accounts, f.year) - ledger.held(accounts, f.year - 1) +
                       ledger.idle_out(f.programme, accounts, f.year);
    }
    if (!f.levels.empty() && f.levels.back().level == "household") {
      EXPECT_GT(ledger.into(ledger.level_accounts(f.programme, "household"), f.year), Money())
          << where(v, f) << ": no money reached households, the comparison says nothing";
    }
  }
  // Conversely, every programme account that issues money, and every level that receives it,
  // is in the plan.
  const LedgerReport& l = ledger.report();
  std::set<std::tuple<std::string, std::string, int>>
      reported;  // one failure per account or level and year
  for (const sim::Flow& flow : l.flows) {
    const sim::Account& from = l.accounts[flow.from];
    const std::string owner = from.name.substr(0, from.name.find('/'));
    if (from.is_source && programmes.contains(owner) &&
        reported.insert({from.name, "", flow.year}).second) {
      EXPECT_TRUE(planned.contains({from.name, "", flow.year}))
          << v.variant << ": " << from.name << " issues money in " << flow.year
          << " that the plan does not show";
    }
    const sim::Account& to = l.accounts[flow.to];
    const std::string to_owner = to.name.substr(0, to.name.find('/'));
    if (!programmes.contains(to_owner) || (to_owner == owner && from.kind == to.kind)) continue;
    for (const char* level : {"county", "township", "village", "household"}) {
      const std::string prefix =
          to_owner + "/" + (std::string(level) == "household" ? "projects" : level) + "/";
      if (to.name.starts_with(prefix) && reported.insert({to_owner, level, flow.year}).second) {
        EXPECT_TRUE(planned.contains({to_owner, level, flow.year}))
            << v.variant << ": " << to.name << " receives money in " << flow.year
            << " that the plan does not show at the " << level << " level";
      }
    }
  }
}

// Every shipped scenario, every variant, at 40 households per village (the plan does not depend on
// the number of households; regions, programmes and their money are as shipped).
TEST(MoneyPlan, CheckEqualsTheLedgerForEveryShippedScenario) {
  const std::filesystem::path dir = std::filesystem::path(FUPIN_SOURCE_DIR) / "scenarios";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 4U);
  for (const auto& file : files) {
    ScenarioSet set = load_scenario_file(file.string());
    for (Scenario& v : set.variants) {
      v.geography.households_per_village = std::min(v.geography.households_per_village, 40);
      SCOPED_TRACE(file.filename().string() + " " + v.variant);
      expect_plan_equals_ledger(v, simulate(v, 2));
    }
  }
}

}  // namespace
}  // namespace fupin::models
