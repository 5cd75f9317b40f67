#include "models/programmes/microcredit.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "models/dynamics/interventions.hpp"
#include "models/programmes/programme_kind.hpp"
#include "models/state/phases.hpp"
#include "sim/random.hpp"

namespace fupin::models {

Microcredit::Microcredit(int index, const ProgrammeSpec& spec, SimulationState& s)
    : Programme(index, spec, s),
      params_(params_of<MicrocreditSpec>(spec)),
      books_(s.world.counties.size()),
      issued_this_year_(s.world.counties.size(), 0),
      defaulted_this_year_(s.world.counties.size(), 0) {
  open_accounts(s, {}, true);
  subsidy_stream_ = s.ledger.stream(params_.subsidy_stream);
  subsidy_source_ =
      s.add_account(spec.name + "/interest_subsidy", account_kind::kSource, index, true);
  repaid_ = s.add_account(spec.name + "/repaid", account_kind::kRepaid, index);
  interest_ = s.add_account(spec.name + "/interest", account_kind::kInterest, index);
}

void Microcredit::start_year(SimulationState& s, int year) {
  std::fill(issued_this_year_.begin(), issued_this_year_.end(), 0);
  std::fill(defaulted_this_year_.begin(), defaulted_this_year_.end(), 0);
  const sim::Date date =
      sim::Date::from_civil(year, params_.disbursement_month, params_.disbursement_day);
  const auto it = params_.loans.find(year);
  if (it != params_.loans.end() && it->second > 0) {
    const int loans = it->second;
    s.engine.schedule_global(
        at(date, Phase::disbursement), [this, &s, loans, year, date](sim::Engine& engine) {
          // New loans go to counties in proportion to their eligible households.
          std::vector<std::int64_t> eligible(engine.lp_count(), 0);
          engine.for_each_lp([&](std::size_t c) {
            const Households& h = s.world.households;
            const Range r = s.world.county_households(c);
            for (std::uint32_t i = r.begin; i < r.end; ++i) {
              eligible[c] +=
                  (h.flags[i] & kRegistered) && h.labourers[i] > 0 && (h.flags[i] & kBorrower) == 0;
            }
          });
          const auto parts = sim::split_largest_remainder(sim::Money::from_fen(loans),
                                                          std::span<const std::int64_t>(eligible));
          for (std::size_t c = 0; c < parts.size(); ++c) {
            if (parts[c].fen() <= 0) continue;
            engine.schedule_local(c, at(date, Phase::allocation),
                                  [this, &s, c, n = parts[c].fen(), year, date](sim::LpContext&) {
                                    lend(s, c, n, year, date);
                                  });
          }
        });
  }
  // Instalments fall due at year end, after the year's income update.
  for (std::size_t c = 0; c < books_.size(); ++c) {
    s.engine.schedule_local(c, at(sim::Date::year_end(year), Phase::settlements),
                            [this, &s, c, year](sim::LpContext&) { service(s, c, year); });
  }
}

void Microcredit::lend(SimulationState& s, std::size_t county, std::int64_t loans, int year,
                       sim::Date date) {
  Households& h = s.world.households;
  LpState& lp = s.lp[county];
  const Range r = s.world.county_households(county);
  std::vector<std::uint32_t> open;
  for (std::uint32_t i = r.begin; i < r.end; ++i) {
    if ((h.flags[i] & kRegistered) && h.labourers[i] > 0 && (h.flags[i] & kBorrower) == 0)
      open.push_back(i);
  }
  std::stable_sort(open.begin(), open.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return h.income[a] < h.income[b]; });
  open.resize(std::min<std::size_t>(open.size(), static_cast<std::size_t>(loans)));
  std::sort(open.begin(), open.end());  // household order: village totals post in village order
  std::map<std::uint32_t, sim::Money> by_village;
  for (std::uint32_t i : open) {
    books_[county].issue(i, params_.loan_amount, year, params_.term_years, params_.interest_rate,
                         params_.subsidy_share);
    h.flags[i] |= kBorrower;
    h.receive(i, static_cast<std::size_t>(index_), params_.loan_amount.fen());
    deliver(s, s.world, lp, i, params_.loan_amount, params_.project, year,
            market_index(s.scenario, params_.project.industry),
            DeliveryBook{nullptr, &lp.units_of(static_cast<std::size_t>(index_))});
    by_village[s.world.village_of(i)] += params_.loan_amount;
  }
  for (const auto& [v, amount] : by_village)
    lp.journal.post(accounts_.source, accounts_.projects[v], amount, date, accounts_.stream);
  issued_this_year_[county] = static_cast<std::int64_t>(open.size());
}

void Microcredit::service(SimulationState& s, std::size_t county, int year) {
  finance::LoanBook& book = books_[county];
  if (book.loans().empty()) return;
  const sim::RandomSource src(s.scenario.seed, "microcredit.default");
  std::int64_t defaulted = 0;
  const auto defaults = [&](std::size_t loan) {
    const bool d = src.stream(book.loans()[loan].borrower, static_cast<std::uint64_t>(year))
                       .bernoulli(params_.default_probability);
    defaulted += d ? 1 : 0;
    return d;
  };
  const finance::LoanBook::YearService y = book.service(year, defaults);
  defaulted_this_year_[county] = defaulted;
  Households& h = s.world.households;
  LpState& lp = s.lp[county];
  const sim::Date date = sim::Date::year_end(year);
  // The interest a borrower pays is this year's cost; principal is a balance, repaid out of what
  // the project and the household earn, and never income or cost.
  for (const auto& [borrower, interest] : y.borrower_interest) {
    h.costs[borrower] += interest.yuan() / std::max(1.0, static_cast<double>(h.size[borrower]));
    h.refresh_income(borrower);
  }
  if (y.principal_repaid.fen() > 0)
    lp.journal.post(s.household_income, repaid_, y.principal_repaid, date, accounts_.stream);
  if (y.interest_paid_by_borrowers.fen() > 0) {
    lp.journal.post(s.household_income, interest_, y.interest_paid_by_borrowers, date,
                    accounts_.stream);
  }
  if (y.interest_subsidy.fen() > 0)
    lp.journal.post(subsidy_source_, interest_, y.interest_subsidy, date, subsidy_stream_);
  for (const finance::Loan& loan : book.loans()) {
    if (loan.outstanding.fen() == 0)
      h.flags[loan.borrower] &= static_cast<std::uint8_t>(~kBorrower);
  }
}

void Microcredit::record_year(const SimulationState&, int, ProgrammeSeries& out) const {
  double issued = 0, defaulted = 0, outstanding = 0, written_off = 0, subsidy = 0, repaid = 0;
  for (std::size_t c = 0; c < books_.size(); ++c) {
    issued += static_cast<double>(issued_this_year_[c]);
    defaulted += static_cast<double>(defaulted_this_year_[c]);
    outstanding += books_[c].outstanding_total().yuan();
    written_off += books_[c].written_off_total().yuan();
    subsidy += books_[c].subsidy_total().yuan();
    repaid += books_[c].repaid_total().yuan();
  }
  record(out, "loans_issued", "loans", "new loans this year", issued);
  record(out, "loans_defaulted", "loans",
         "loans that defaulted this year (their outstanding principal written off)", defaulted);
  record(out, "principal_outstanding", "yuan", "principal not yet repaid at year end", outstanding);
  record(out, "principal_repaid", "yuan", "principal repaid so far (cumulative)", repaid);
  record(out, "principal_written_off", "yuan", "principal of defaulted loans (cumulative)",
         written_off);
  record(out, "interest_subsidy", "yuan", "interest paid by the subsidy stream (cumulative)",
         subsidy);
}

namespace {

// Interest subsidy per year on `loans` loans issued in `year` if none defaults (LoanBook::service).
void add_subsidy(const MicrocreditSpec& k, int issue_year, int loans, int end_year,
                 std::map<int, sim::Money>& out) {
  sim::Money outstanding = k.loan_amount;
  for (int t = issue_year + 1, paid = 0; t <= end_year && paid < k.term_years; ++t, ++paid) {
    const sim::Money interest = outstanding.times(k.interest_rate);
    out[t] += interest.times(k.subsidy_share) * loans;
    outstanding -= sim::Money::from_fen(outstanding.fen() / (k.term_years - paid));
  }
}

void plan_microcredit(KindPlan& plan) {
  const auto& k = params_of<MicrocreditSpec>(plan.p);
  std::map<int, sim::Money> subsidy;
  for (const auto& [year, loans] : k.loans) {
    if (year < plan.s.start_year || year > plan.s.end_year) continue;
    const sim::Money amount = k.loan_amount * loans;
    plan.add(year, loans, "loans (eligible households permitting)", amount,
             {{level_name(Level::household), amount, {}, {}}}, "source", true);
    add_subsidy(k, year, loans, plan.s.end_year, subsidy);
  }
  for (const auto& [year, amount] : subsidy) {
    plan.add(year, 0,
             "interest on the loans out (if every planned loan is issued and none defaults)",
             amount, {}, "interest_subsidy", true, k.subsidy_stream);
  }
}

}  // namespace

ProgrammeKindRun microcredit_run() {
  ProgrammeKindRun r;
  r.name = "microcredit";
  r.create = [](int index, const ProgrammeSpec& spec,
                SimulationState& s) -> std::unique_ptr<Programme> {
    return std::make_unique<Microcredit>(index, spec, s);
  };
  r.plan_money = plan_microcredit;
  r.first_scope = [](const ProgrammeSpec&) -> std::optional<RuleScope> { return std::nullopt; };
  r.reach = [](const ReachContext&, const ProgrammeSpec& p) {
    return HouseholdReach{params_of<MicrocreditSpec>(p).loan_amount.yuan(),
                          "one loan per household"};
  };
  r.lends = true;
  return r;
}

}  // namespace fupin::models
