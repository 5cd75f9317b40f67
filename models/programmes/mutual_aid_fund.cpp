#include "models/programmes/mutual_aid_fund.hpp"

#include <algorithm>
#include <cmath>

#include "models/dynamics/interventions.hpp"
#include "models/programmes/programme_kind.hpp"
#include "models/programmes/township_package.hpp"
#include "models/state/phases.hpp"
#include "sim/random.hpp"

namespace fupin::models {

namespace {
// Fee on one loan, rounded as the fund itself computes it (finance::RevolvingFund::settle).
sim::Money fee_of(sim::Money amount, double rate) { return amount.times(rate); }
}  // namespace

MutualAidFund::MutualAidFund(int index, const ProgrammeSpec& spec, SimulationState& s)
    : Programme(index, spec, s),
      params_(params_of<MutualAidFundSpec>(spec)),
      funds_(s.world.villages.size()),
      loans_(s.world.villages.size()) {
  open_accounts(s, {}, false);
  for (const std::string& v : s.world.villages.name) {
    fund_account_.push_back(s.add_account(spec.name + "/fund/" + v, account_kind::kFund, index));
    lent_account_.push_back(s.add_account(spec.name + "/lent/" + v, account_kind::kLent, index));
  }
}

void MutualAidFund::start_year(SimulationState& s, int year) {
  if (year == params_.seed_year) {
    const sim::Date date = sim::Date::from_civil(year, 3, 1);
    s.engine.schedule_global(at(date, Phase::disbursement),
                             [this, &s, year, date](sim::Engine&) { seed(s, year, date); });
  }
  if (year < params_.seed_year) return;
  const sim::Date lend_date = sim::Date::from_civil(year, 4, 1);
  for (std::size_t c = 0; c < s.world.counties.size(); ++c) {
    s.engine.schedule_local(c, at(lend_date, Phase::allocation),
                            [this, &s, c, lend_date](sim::LpContext&) { lend(s, c, lend_date); });
    s.engine.schedule_local(c, at(sim::Date::year_end(year), Phase::settlements),
                            [this, &s, c, year](sim::LpContext&) { settle(s, c, year); });
  }
}

void MutualAidFund::seed(SimulationState& s, int year, sim::Date date) {
  const std::vector<double> ratio = headcount_ratios(s, Level::village, year);
  std::vector<std::size_t> open(s.world.villages.size());
  for (std::size_t v = 0; v < open.size(); ++v) open[v] = v;
  for (std::size_t v :
       poorest_first(ratio, std::move(open), static_cast<std::size_t>(params_.villages))) {
    funds_[v].emplace(params_.seed_capital);
    s.global_journal.post(accounts_.source, fund_account_[v], params_.seed_capital, date,
                          accounts_.stream);
  }
}

void MutualAidFund::lend(SimulationState& s, std::size_t county, sim::Date date) {
  const Households& h = s.world.households;
  const int year = date.year();
  const int industry = market_index(s.scenario, params_.project.industry);
  const Range villages = child_range(s.world, Level::county, county, Level::village);
  for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
    if (!funds_[v]) continue;
    std::vector<std::uint32_t> members;
    for (std::uint32_t i = s.world.villages.children[v].begin; i < s.world.villages.children[v].end;
         ++i) {
      if (h.flags[i] & kRegistered) members.push_back(i);
    }
    std::stable_sort(members.begin(), members.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return h.income[a] < h.income[b]; });
    const std::vector<std::uint32_t> borrowers = funds_[v]->lend(members, params_.loan_amount);
    loans_[v].clear();
    // Each loan funds the member's project: its type, lag, success, depreciation and industry
    // apply as for any project; its return is a recurring flow from the first return year.
    for (std::uint32_t i : borrowers) {
      loans_[v].emplace_back(i, params_.loan_amount);
      deliver(s, s.world, s.lp[county], i, params_.loan_amount, params_.project, year, industry);
    }
    const sim::Money total = params_.loan_amount * static_cast<std::int64_t>(borrowers.size());
    if (total.fen() > 0)
      s.lp[county].journal.post(fund_account_[v], lent_account_[v], total, date, accounts_.stream);
  }
}

void MutualAidFund::settle(SimulationState& s, std::size_t county, int year) {
  Households& h = s.world.households;
  const sim::RandomSource src(s.scenario.seed, "mutual_aid.default");
  const sim::Date date = sim::Date::year_end(year);
  sim::Journal& journal = s.lp[county].journal;
  const Range villages = child_range(s.world, Level::county, county, Level::village);
  for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
    if (!funds_[v] || loans_[v].empty()) continue;
    std::vector<std::uint32_t> defaulted;
    const auto defaults = [&](std::uint32_t member) {
      const bool d = src.stream(member, static_cast<std::uint64_t>(year))
                         .bernoulli(params_.default_probability);
      if (d) defaulted.push_back(member);
      return d;
    };
    const finance::RevolvingFund::Settlement st = funds_[v]->settle(params_.fee_rate, defaults);
    // Members who repay pay the fee: this year's cost. The principal is a balance, never income.
    for (const auto& [i, amount] : loans_[v]) {
      if (std::find(defaulted.begin(), defaulted.end(), i) != defaulted.end()) continue;
      h.costs[i] +=
          fee_of(amount, params_.fee_rate).yuan() / std::max(1.0, static_cast<double>(h.size[i]));
      h.refresh_income(i);
    }
    if (st.repaid_principal.fen() > 0)
      journal.post(lent_account_[v], fund_account_[v], st.repaid_principal, date, accounts_.stream);
    if (st.fees.fen() > 0)
      journal.post(s.household_income, fund_account_[v], st.fees, date, accounts_.stream);
    if (st.defaulted.fen() > 0)
      journal.post(lent_account_[v], accounts_.lost, st.defaulted, date, accounts_.stream);
    loans_[v].clear();
  }
}

void MutualAidFund::record_year(const SimulationState&, int, ProgrammeSeries& out) const {
  double funds = 0, cash = 0, fees = 0, losses = 0;
  for (const auto& f : funds_) {
    if (!f) continue;
    funds += 1;
    cash += f->cash().yuan();
    fees += f->fees_total().yuan();
    losses += f->losses_total().yuan();
  }
  record(out, "funds", "villages", "villages with a mutual-aid fund", funds);
  record(out, "fund_cash", "yuan", "money held by the funds at year end", cash);
  record(out, "fees", "yuan", "fees received by the funds (cumulative)", fees);
  record(out, "losses", "yuan", "principal lost to defaults (cumulative)", losses);
}

ProgrammeKindRun mutual_aid_fund_run() {
  ProgrammeKindRun r;
  r.name = "mutual_aid_fund";
  r.create = [](int index, const ProgrammeSpec& spec,
                SimulationState& s) -> std::unique_ptr<Programme> {
    return std::make_unique<MutualAidFund>(index, spec, s);
  };
  r.plan_money = [](KindPlan& plan) {
    const auto& k = params_of<MutualAidFundSpec>(plan.p);
    const int funds = std::min(k.villages, plan.villages);
    if (k.seed_year >= plan.s.start_year && k.seed_year <= plan.s.end_year) {
      plan.add(k.seed_year, funds, "village funds (seed capital)", k.seed_capital * funds, {});
    }
  };
  r.first_scope = [](const ProgrammeSpec&) -> std::optional<RuleScope> { return std::nullopt; };
  r.reach = [](const ReachContext&, const ProgrammeSpec&) { return HouseholdReach{}; };
  return r;
}

}  // namespace fupin::models
