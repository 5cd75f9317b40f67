#include "models/programmes/village_package.hpp"

#include <algorithm>
#include <cmath>

#include "models/programmes/programme_kind.hpp"
#include "models/programmes/township_package.hpp"
#include "models/state/phases.hpp"

namespace fupin::models {

VillagePackage::VillagePackage(int index, const ProgrammeSpec& spec, SimulationState& s)
    : Programme(index, spec, s),
      params_(params_of<VillagePackageSpec>(spec)),
      cohort_(s.world.villages.size(), 0) {
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
  const auto wanted =
      cohort.share > 0
          ? static_cast<std::size_t>(std::llround(cohort.share * static_cast<double>(n)))
          : static_cast<std::size_t>(cohort.count);
  // Until the deadline, unselected priority villages come before all others (three ensures).
  const bool deadline_open =
      params_.priority_deadline != 0 && cohort.year <= params_.priority_deadline;
  std::vector<std::size_t> priority, others;
  for (std::size_t v = 0; v < n; ++v) {
    if (cohort_[v] != 0) continue;
    (deadline_open && is_priority(s, v) ? priority : others).push_back(v);
  }
  std::vector<std::size_t> chosen = poorest_first(ratio, std::move(priority), wanted);
  const std::vector<std::size_t> rest =
      poorest_first(ratio, std::move(others), wanted - chosen.size());
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
  const sim::Date date =
      sim::Date::from_civil(year, params_.disbursement_month, params_.disbursement_day);
  plan_.date = date;
  s.engine.schedule_global(at(date, Phase::disbursement), [this, &s, grants = std::move(grants),
                                                           date](sim::Engine& engine) {
    std::vector<std::vector<std::pair<std::uint32_t, sim::Money>>> by_lp(engine.lp_count());
    for (const auto& [v, amount] : grants) {
      s.global_journal.post(accounts_.source, accounts_.village[v], amount, date, accounts_.stream);
      by_lp[s.lp_of(Level::village, v)].emplace_back(v, amount);
    }
    for (std::size_t lp = 0; lp < by_lp.size(); ++lp) {
      if (by_lp[lp].empty()) continue;
      engine.schedule_local(lp, at(date, Phase::allocation),
                            [this, &s, mine = std::move(by_lp[lp])](sim::LpContext& ctx) {
                              const FlowScope scope = FlowScope::local(s, ctx.lp());
                              for (const auto& [v, amount] : mine)
                                flow_down(scope, s.lp[ctx.lp()].journal, plan_, Level::village, v,
                                          amount);
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
         "villages of the priority categories not yet selected (zero by the deadline: three "
         "ensures met)",
         priority_waiting);
}

namespace {

void plan_village_package(KindPlan& plan) {
  const auto& k = params_of<VillagePackageSpec>(plan.p);
  const Scenario& s = plan.s;
  const int villages = plan.villages;
  int selected = 0;
  std::vector<std::pair<int, int>> cohorts;
  for (const auto& c : k.cohorts) {
    const int want = c.share > 0 ? static_cast<int>(std::llround(c.share * villages)) : c.count;
    const int size = std::min(want, villages - selected);
    selected += size;
    cohorts.emplace_back(c.year, size);
  }
  for (int year = s.start_year; year <= s.end_year; ++year) {
    std::vector<sim::Money> each_of(cohorts.size());
    for (std::size_t c = 0; c < cohorts.size(); ++c) {
      for (const Tranche& t : k.tranches) {
        if (cohorts[c].first + t.programme_year - 1 == year) each_of[c] += t.amount;
      }
    }
    Arrival a;
    for (std::size_t c = 0; c < cohorts.size(); ++c) {
      if (each_of[c].fen() <= 0 || cohorts[c].second <= 0) continue;
      a.receipts += cohorts[c].second;
      a.total += each_of[c] * cohorts[c].second;
      a.per_region.emplace_back(cohorts[c].second, each_of[c]);
    }
    plan.add(year, static_cast<int>(a.receipts), "villages", a.total,
             plan.through_levels(Level::village, k.allocation, a));
  }
}

HouseholdReach village_package_reach(const ReachContext& c, const ProgrammeSpec& p) {
  const auto& k = params_of<VillagePackageSpec>(p);
  double most = 0;
  for (const auto& cohort : k.cohorts) {
    sim::Money m;
    for (const Tranche& t : k.tranches) {
      const int y = cohort.year + t.programme_year - 1;
      if (y >= c.s.start_year && y <= c.s.end_year) m += t.amount;
    }
    most = std::max(most, m.yuan());
  }
  return c.even(most, c.per_village, "village");
}

}  // namespace

ProgrammeKindRun village_package_run() {
  ProgrammeKindRun r;
  r.name = "village_package";
  r.create = [](int index, const ProgrammeSpec& spec,
                SimulationState& s) -> std::unique_ptr<Programme> {
    return std::make_unique<VillagePackage>(index, spec, s);
  };
  r.plan_money = plan_village_package;
  r.first_scope = [](const ProgrammeSpec&) -> std::optional<RuleScope> {
    return RuleScope{Level::village, "the package gives each village its own amount"};
  };
  r.reach = village_package_reach;
  return r;
}

}  // namespace fupin::models
