#include "models/programmes/village_package.hpp"

#include <algorithm>
#include <cmath>

#include "models/programmes/township_package.hpp"
#include "models/state/phases.hpp"

namespace fupin::models {

VillagePackage::VillagePackage(int index, const ProgrammeSpec& spec, SimulationState& s)
    : Programme(index, spec, s), params_(std::get<VillagePackageSpec>(spec.params)), cohort_(s.world.villages.size(), 0) {
  const Level levels[] = {Level::village};
  open_accounts(s, levels, true);
  plan_ = make_plan(params_.allocation, params_.project);
}

bool VillagePackage::is_priority(const SimulationState& s, std::size_t village) const {
  return (s.world.village_state.priority[village] & params_.priority_categories) != 0;
}

void VillagePackage::select(SimulationState& s, const VillagePackageSpec::VillageCohort& cohort) {
  const std::size_t n = s.world.villages.size();
  const std::vector<double> ratio = headcount_ratios(s, Level::village, cohort.year);
  const auto wanted = cohort.share > 0 ? static_cast<std::size_t>(std::llround(cohort.share * static_cast<double>(n)))
                                       : static_cast<std::size_t>(cohort.count);
  // Until the deadline, unselected priority villages come before all others (three ensures).
  const bool deadline_open = params_.priority_deadline != 0 && cohort.year <= params_.priority_deadline;
  std::vector<std::size_t> priority, others;
  for (std::size_t v = 0; v < n; ++v) {
    if (cohort_[v] != 0) continue;
    (deadline_open && is_priority(s, v) ? priority : others).push_back(v);
  }
  std::vector<std::size_t> chosen = poorest_first(ratio, std::move(priority), wanted);
  const std::vector<std::size_t> rest = poorest_first(ratio, std::move(others), wanted - chosen.size());
  chosen.insert(chosen.end(), rest.begin(), rest.end());
  for (std::size_t v : chosen) cohort_[v] = cohort.year;
}

void VillagePackage::start_year(SimulationState& s, int year) {
  for (const auto& c : params_.cohorts) {
    if (c.year == year) select(s, c);
  }
  std::vector<std::pair<std::uint32_t, sim::Money>> grants;
  for (std::size_t v = 0; v < cohort_.size(); ++v) {
    if (cohort_[v] == 0) continue;
    sim::Money amount;
    for (const Tranche& t : params_.tranches) {
      if (cohort_[v] + t.programme_year - 1 == year) amount += t.amount;
    }
    if (amount.fen() > 0) grants.emplace_back(static_cast<std::uint32_t>(v), amount);
  }
  if (grants.empty()) return;
  const sim::Date date = sim::Date::from_civil(year, params_.disbursement_month, params_.disbursement_day);
  plan_.date = date;
  s.engine.schedule_global(at(date, Phase::disbursement), [this, &s, grants = std::move(grants), date](sim::Engine& engine) {
    std::vector<std::vector<std::pair<std::uint32_t, sim::Money>>> by_lp(engine.lp_count());
    for (const auto& [v, amount] : grants) {
      s.global_journal.post(accounts_.source, accounts_.village[v], amount, date, accounts_.stream);
      by_lp[s.lp_of(Level::village, v)].emplace_back(v, amount);
    }
    for (std::size_t lp = 0; lp < by_lp.size(); ++lp) {
      if (by_lp[lp].empty()) continue;
      engine.schedule_local(lp, at(date, Phase::allocation), [this, &s, mine = std::move(by_lp[lp])](sim::LpContext& ctx) {
        LpState& state = s.lp[ctx.lp()];
        for (const auto& [v, amount] : mine) flow_down(s, state.journal, state, plan_, Level::village, v, amount);
      });
    }
  });
}

void VillagePackage::record_year(const SimulationState& s, int year, ProgrammeSeries& out) const {
  double selected = 0, priority_waiting = 0;
  for (std::size_t v = 0; v < cohort_.size(); ++v) {
    const bool in = cohort_[v] != 0 && cohort_[v] <= year;
    selected += in;
    if (!in && params_.priority_categories != 0 && is_priority(s, v)) priority_waiting += 1;
  }
  record(out, "villages_selected", "villages", "villages selected so far (cumulative)", selected);
  record(out, "priority_villages_waiting", "villages",
         "villages of the priority categories not yet selected (zero by the deadline: three ensures met)",
         priority_waiting);
}

}  // namespace fupin::models
