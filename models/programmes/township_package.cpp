#include "models/programmes/township_package.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

#include "models/programmes/allocation.hpp"

namespace fupin::models {

StreamAccounts stream_accounts(SimulationState& s, const std::string& name) {
  const auto& streams = s.ledger.streams();
  for (std::size_t i = 0; i < streams.size(); ++i) {
    if (streams[i] == name) {
      const std::string source = "source/" + name;
      for (std::size_t a = 0; a < s.ledger.account_count(); ++a) {
        if (s.ledger.account(static_cast<sim::AccountId>(a)).name == source) {
          return {static_cast<sim::StreamId>(i), static_cast<sim::AccountId>(a)};
        }
      }
    }
  }
  const sim::StreamId stream = s.ledger.add_stream(name);
  const sim::AccountId source = s.ledger.add_account("source/" + name, "source", true);
  return {stream, source};
}

std::unique_ptr<Programme> make_programme(const ProgrammeSpec& spec, SimulationState& s) {
  if (spec.kind == "township_package") return std::make_unique<TownshipPackage>(spec, s);
  throw std::logic_error("unknown programme kind: " + spec.kind);
}

std::vector<double> township_headcount_ratios(SimulationState& s, int year) {
  const double z = s.line(year);
  const World& w = s.world;
  std::vector<double> ratio(w.townships.size(), 0.0);
  s.engine.for_each_lp([&](std::size_t county) {
    const Range towns = w.counties.children[county];
    for (std::uint32_t t = towns.begin; t < towns.end; ++t) {
      const Range r = w.township_households(t);
      double people = 0, poor = 0;
      for (std::uint32_t i = r.begin; i < r.end; ++i) {
        const double n = w.households.size[i];
        people += n;
        if (w.households.income[i] < z) poor += n;
      }
      ratio[t] = people > 0 ? poor / people : 0.0;
    }
  });
  return ratio;
}

TownshipPackage::TownshipPackage(const ProgrammeSpec& spec, SimulationState& s)
    : spec_(spec),
      params_(std::get<TownshipPackageSpec>(spec.params)),
      accounts_(stream_accounts(s, spec.stream)),
      cohort_(s.world.townships.size(), 0) {}

sim::Money TownshipPackage::due(const TownshipPackageSpec& p, int cohort_year, int year) {
  sim::Money total;
  for (const Tranche& t : p.tranches) {
    if (cohort_year + t.programme_year - 1 == year) total += t.amount;
  }
  for (const TopUp& u : p.top_ups) {
    if (u.cohort_year == cohort_year && u.year == year) total += u.amount;
  }
  return total;
}

void TownshipPackage::select_cohort(SimulationState& s, const Cohort& cohort) {
  const std::size_t n = s.world.townships.size();
  if (cohort.selection == Selection::listed) {
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t t = 0; t < n; ++t) index.emplace(s.world.townships.name[t], t);
    for (const std::string& name : cohort.townships) {
      const auto it = index.find(name);
      if (it == index.end()) throw std::invalid_argument("no township named '" + name + "' in the geography");
      if (cohort_[it->second] != 0) {
        throw std::invalid_argument("township '" + name + "' is already in the cohort of " +
                                    std::to_string(cohort_[it->second]));
      }
      cohort_[it->second] = cohort.year;
    }
  } else {
    const std::vector<double> ratio = township_headcount_ratios(s, cohort.year);
    std::vector<std::size_t> open;
    for (std::size_t t = 0; t < n; ++t) {
      if (cohort_[t] == 0) open.push_back(t);
    }
    // Highest ratio first; ties to the lower township index (stable order of `open`).
    std::stable_sort(open.begin(), open.end(), [&](std::size_t a, std::size_t b) { return ratio[a] > ratio[b]; });
    const auto wanted = cohort.share > 0 ? static_cast<std::size_t>(std::llround(cohort.share * static_cast<double>(n)))
                                         : static_cast<std::size_t>(cohort.count);
    const std::size_t take = std::min(wanted, open.size());
    for (std::size_t k = 0; k < take; ++k) cohort_[open[k]] = cohort.year;
  }
  for (std::size_t t = 0; t < n; ++t) {
    if (cohort_[t] == cohort.year && s.township_cohort[t] == 0) s.township_cohort[t] = cohort.year;
  }
}

void TownshipPackage::start_year(SimulationState& s, int year) {
  for (const Cohort& c : params_.cohorts) {
    if (c.year == year) select_cohort(s, c);
  }
  disburse(s, year);
}

void TownshipPackage::disburse(SimulationState& s, int year) {
  std::vector<std::pair<std::uint32_t, sim::Money>> grants;
  for (std::size_t t = 0; t < cohort_.size(); ++t) {
    if (cohort_[t] == 0) continue;
    const sim::Money amount = due(params_, cohort_[t], year);
    if (amount.fen() > 0) grants.emplace_back(static_cast<std::uint32_t>(t), amount);
  }
  if (grants.empty()) return;
  const sim::Date date = sim::Date::from_civil(year, params_.disbursement_month, params_.disbursement_day);
  // The province appropriates on the disbursement date (global event); each township then splits
  // its money inside its own county's logical process, just after.
  s.engine.schedule_global({date, 0}, [this, &s, grants, date](sim::Engine& engine) {
    for (const auto& [t, amount] : grants) {
      s.global_journal.post(accounts_.source, s.township_account[t], amount, date, accounts_.stream);
      engine.schedule_local(s.lp_of_township(t), {date, 1}, [this, &s, t, amount, date](sim::LpContext& ctx) {
        AllocationRequest req{t, amount, &params_.allocation, params_.project, accounts_.stream, date};
        allocate_from_township(s, ctx.lp(), req);
      });
    }
  });
}

}  // namespace fupin::models
