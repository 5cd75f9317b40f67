#include "models/programmes/programme.hpp"

#include <cmath>
#include <stdexcept>

#include "models/dynamics/interventions.hpp"
#include "models/programmes/programme_kind.hpp"

namespace fupin::models {

Programme::Programme(int index, const ProgrammeSpec& spec, SimulationState& s)
    : index_(index), spec_(spec), scenario_(s.scenario), held_(s.world) {}

void Programme::open_accounts(SimulationState& s, std::span<const Level> levels,
                              bool household_projects) {
  // A loan (microcredit's money) is for its project: it is never saved toward a unit.
  const ProjectSpec* project = kind_info(spec_).project(spec_);
  const bool units = household_projects && !kind_run(spec_).lends && project != nullptr &&
                     saves_toward_unit(project->type);
  accounts_ = open_programme_accounts(s, s.world, index_, spec_, levels, household_projects, units);
  if (units) savings_.assign(s.world.households.count(), sim::Money());
}

FlowPlan Programme::make_plan(std::span<const AllocationStage> stages, const ProjectSpec& project) {
  FlowPlan p;
  p.accounts = &accounts_;
  p.held = &held_;
  p.stages = stages;
  p.project = project;
  p.admin_cost = &spec_.admin_cost;
  p.industry = market_index(scenario_, project.industry);
  if (!savings_.empty()) p.savings = &savings_;
  return p;
}

void Programme::end_year(SimulationState& s, int year) {
  if (spec_.idle == IdleMoney::carry_over) return;
  const sim::AccountId to = spec_.idle == IdleMoney::returned ? accounts_.source : accounts_.lost;
  const sim::Date date = sim::Date::year_end(year);
  for (Level level : {Level::county, Level::township, Level::village}) {
    const auto& accounts = accounts_.holding(level);
    for (std::size_t r = 0; r < accounts.size(); ++r) {
      sim::Money& held = held_.at(level, r);
      if (held.fen() > 0) s.global_journal.post(accounts[r], to, held, date, accounts_.stream);
      held = {};
    }
  }
}

void Programme::record_year(const SimulationState&, int, ProgrammeSeries&) const {}

void record(ProgrammeSeries& out, const std::string& name, const std::string& units,
            const std::string& description, double value) {
  for (auto& m : out.measures) {
    if (m.name == name) {
      m.values.push_back(value);
      return;
    }
  }
  out.measures.push_back({name, units, description, {value}});
}

std::vector<std::unique_ptr<Programme>> make_programmes(const Scenario& scenario,
                                                        SimulationState& s) {
  std::vector<std::unique_ptr<Programme>> out;
  for (std::size_t i = 0; i < scenario.programmes.size(); ++i) {
    const ProgrammeSpec& spec = scenario.programmes[i];
    const int index = static_cast<int>(i);
    out.push_back(kind_run(spec).create(index, spec, s));
  }
  // Pooling (county fund integration): each source's money is taken over at county level.
  for (auto& p : out) {
    const std::vector<std::string> sources = kind_info(p->spec()).pools(p->spec());
    if (sources.empty()) continue;
    FlowPlan* pool = p->pool_flow();
    if (pool == nullptr)
      throw std::logic_error("programme '" + p->spec().name + "' pools money but has no pool");
    for (const std::string& name : sources) {
      for (auto& source : out) {
        if (source->spec().name != name) continue;
        FlowPlan* flow = source->county_flow();
        if (flow == nullptr)
          throw std::logic_error("programme '" + name + "' cannot be integrated at county level");
        flow->integrated_into = pool;
      }
    }
  }
  return out;
}

}  // namespace fupin::models
