#include "models/programmes/paired_assistance.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "models/dynamics/interventions.hpp"
#include "models/programmes/programme_kind.hpp"
#include "models/state/phases.hpp"

namespace fupin::models {

PairedAssistance::PairedAssistance(int index, const ProgrammeSpec& spec, SimulationState& s)
    : Programme(index, spec, s),
      params_(params_of<PairedAssistanceSpec>(spec)),
      helper_(s.world.households.count(), -1) {
  open_accounts(s, {}, true);
  plan_ = make_plan(params_.allocation, params_.project);
  std::unordered_map<std::string, std::uint32_t> county_index;
  for (std::uint32_t c = 0; c < s.world.counties.size(); ++c)
    county_index.emplace(s.world.counties.name[c], c);
  for (const auto& u : params_.units) {
    HelperUnit unit{u.name, u.households, {}};
    for (const std::string& c : u.counties) {
      const auto it = county_index.find(c);
      if (it == county_index.end())
        throw std::invalid_argument("paired assistance unit '" + u.name + "': no county '" + c +
                                    "'");
      unit.regions.push_back(it->second);
    }
    units_.push_back(std::move(unit));
    unit_account_.push_back(
        s.add_account(spec.name + "/unit/" + u.name, account_kind::kPool, index));
  }
}

void PairedAssistance::assign(SimulationState& s) {
  const World& w = s.world;
  const Households& h = w.households;
  AssignmentProblem p;
  p.units = units_;
  std::vector<std::uint32_t> who;
  for (std::uint32_t c = 0; c < w.counties.size(); ++c) {
    const Range r = w.county_households(c);
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      if ((h.flags[i] & kRegistered) == 0) {
        helper_[i] = -1;  // exited households no longer need a helper
        continue;
      }
      who.push_back(i);
      p.household_region.push_back(c);
      p.current_helper.push_back(helper_[i]);
    }
  }
  const Assignment a = assign_helpers(p);
  for (std::size_t k = 0; k < who.size(); ++k) helper_[who[k]] = a.helper[k];
  without_helper_ = a.unassigned;
  assigned_ = who.size() - a.unassigned;
}

void PairedAssistance::start_year(SimulationState& s, int year) {
  assign(s);
  const sim::Date date =
      sim::Date::from_civil(year, params_.disbursement_month, params_.disbursement_day);
  plan_.date = date;
  s.engine.schedule_global(at(date, Phase::disbursement),
                           [this, &s, date](sim::Engine&) { give(s, date); });
}

// Each unit's yearly money goes to the registered households it follows, split by the household
// stage's rule; runs in the global phase because a unit's households span counties.
void PairedAssistance::give(SimulationState& s, sim::Date date) {
  Households& h = s.world.households;
  const double line = s.line(date.year());
  const AllocationStage& stage = params_.allocation.back();
  const RuleInfo* rule = s.rules.find(stage.rule);
  if (rule == nullptr) throw std::logic_error("allocation rule not registered: " + stage.rule);
  std::vector<std::vector<std::uint32_t>> followed(units_.size());
  for (std::uint32_t i = 0; i < helper_.size(); ++i) {
    if (helper_[i] >= 0 && (h.flags[i] & kRegistered))
      followed[static_cast<std::size_t>(helper_[i])].push_back(i);
  }
  for (std::size_t u = 0; u < units_.size(); ++u) {
    const sim::Money money = params_.units[u].money_per_year;
    if (money.fen() <= 0 || followed[u].empty()) continue;
    CandidateTable c;
    for (std::uint32_t i : followed[u])
      add_household_candidate(s.world, s.signals, c, i, line, plan_.project.return_rate);
    const std::vector<sim::Money> parts = rule->rule(money, c, stage.params);
    sim::Money given;
    struct VillageMoney {
      sim::Money bought, saved, drawn;
    };
    std::map<std::uint32_t, VillageMoney> by_village;
    for (std::size_t k = 0; k < parts.size(); ++k) {
      if (parts[k].fen() <= 0) continue;
      const std::uint32_t i = followed[u][k];
      const std::uint32_t v = s.world.village_of(i);
      given += parts[k];
      h.receive(i, static_cast<std::size_t>(index_), parts[k].fen());
      LpState& lp = s.lp[s.lp_of(Level::village, v)];
      const DeliveryBook book{savings_.empty() ? nullptr : &savings_[i],
                              &lp.units_of(static_cast<std::size_t>(index_))};
      const Delivered d =
          deliver(s, s.world, lp, i, parts[k], plan_.project, date.year(), plan_.industry, book);
      VillageMoney& m = by_village[v];
      m.bought += parts[k] - d.saved;
      m.saved += d.saved;
      m.drawn += d.drawn;
    }
    if (given.fen() <= 0) continue;
    s.global_journal.post(accounts_.source, unit_account_[u], given, date, accounts_.stream);
    for (const auto& [v, m] : by_village) {
      if (m.bought.fen() > 0)
        s.global_journal.post(unit_account_[u], accounts_.projects[v], m.bought, date,
                              accounts_.stream);
      if (m.saved.fen() > 0)
        s.global_journal.post(unit_account_[u], accounts_.savings[v], m.saved, date,
                              accounts_.stream);
      if (m.drawn.fen() > 0)
        s.global_journal.post(accounts_.savings[v], accounts_.projects[v], m.drawn, date,
                              accounts_.stream);
    }
  }
}

void PairedAssistance::record_year(const SimulationState&, int, ProgrammeSeries& out) const {
  record(out, "households_with_helper", "households",
         "registered poor households followed by a helper unit", static_cast<double>(assigned_));
  record(out, "households_without_helper", "households",
         "registered poor households left without a helper (unit capacity short)",
         static_cast<double>(without_helper_));
  // Each unit by name: the households it follows (every followed household has a named helper).
  std::vector<double> load(units_.size(), 0.0);
  for (std::int32_t u : helper_) {
    if (u >= 0) load[static_cast<std::size_t>(u)] += 1;
  }
  for (std::size_t u = 0; u < units_.size(); ++u) {
    const std::string name = "followed_by_" + units_[u].name;
    record(out, name, "households", "registered poor households this helper unit follows", load[u]);
  }
}

ProgrammeKindRun paired_assistance_run() {
  ProgrammeKindRun r;
  r.name = "paired_assistance";
  r.create = [](int index, const ProgrammeSpec& spec,
                SimulationState& s) -> std::unique_ptr<Programme> {
    return std::make_unique<PairedAssistance>(index, spec, s);
  };
  r.plan_money = [](KindPlan& plan) {
    const auto& k = params_of<PairedAssistanceSpec>(plan.p);
    sim::Money amount;
    for (const auto& u : k.units) amount += u.money_per_year;
    for (int year = plan.s.start_year; year <= plan.s.end_year; ++year) {
      plan.add(year, static_cast<int>(k.units.size()), "helper units (only to households followed)",
               amount, {{level_name(Level::household), amount, {}, {}}}, "source", true);
    }
  };
  r.first_scope = [](const ProgrammeSpec& p) -> std::optional<RuleScope> {
    const auto& k = params_of<PairedAssistanceSpec>(p);
    const bool one_county = std::all_of(k.units.begin(), k.units.end(),
                                        [](const auto& u) { return u.counties.size() == 1; });
    if (one_county)
      return RuleScope{Level::county, "every helper unit follows households of one county"};
    return RuleScope{std::nullopt, ""};
  };
  r.reach = [](const ReachContext& c, const ProgrammeSpec& p) {
    const auto& k = params_of<PairedAssistanceSpec>(p);
    HouseholdReach out;
    const double years = c.s.end_year - c.s.start_year + 1;
    for (const auto& u : k.units) {
      if (u.households <= 0) continue;
      const double m = u.money_per_year.yuan() * years / u.households;
      if (m > out.yuan) {
        out.yuan = m;
        out.how = "helper unit '" + u.name + "': " + whole(u.money_per_year.yuan()) +
                  " yuan a year for " + std::to_string(u.households) + " households over " +
                  std::to_string(c.s.start_year) + "–" + std::to_string(c.s.end_year);
      }
    }
    return out;
  };
  return r;
}

}  // namespace fupin::models
