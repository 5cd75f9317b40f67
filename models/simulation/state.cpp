#include "models/simulation/state.hpp"

#include <stdexcept>

namespace fupin::models {

SimulationState::SimulationState(const Scenario& s, World w, sim::Engine& e, const RuleRegistry& r)
    : scenario(s),
      world(std::move(w)),
      engine(e),
      rules(r),
      lp(e.lp_count()),
      township_cohort(world.townships.size(), 0),
      // No county has been assessed before the first year: every county starts in the middle.
      county_assessment(world.counties.size(), 0.5),
      county_exit_year(world.counties.size(), 0) {
  household_income = add_account("households/income", account_kind::kHouseholds, -1, true);
}

sim::AccountId SimulationState::add_account(const std::string& name, const char* kind, int programme, bool is_source) {
  const sim::AccountId id = ledger.add_account(name, kind, is_source);
  account_programme.resize(ledger.account_count(), -1);
  account_programme[id] = programme;
  return id;
}

const RegionLevel& SimulationState::regions(Level level) const {
  switch (level) {
    case Level::county: return world.counties;
    case Level::township: return world.townships;
    case Level::village: return world.villages;
    case Level::household: break;
  }
  throw std::logic_error("households are not a region level");
}

std::size_t SimulationState::lp_of(Level level, std::size_t index) const {
  switch (level) {
    case Level::county: return index;
    case Level::township: return static_cast<std::size_t>(world.townships.parent[index]);
    case Level::village: return lp_of(Level::township, static_cast<std::size_t>(world.villages.parent[index]));
    case Level::household: break;
  }
  throw std::logic_error("households are not a region level");
}

}  // namespace fupin::models
