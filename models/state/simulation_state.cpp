#include "models/state/simulation_state.hpp"

#include <stdexcept>

#include "models/world/per_level.hpp"

namespace fupin::models {

SimulationState::SimulationState(const Scenario& s, World w, sim::Engine& e, const RuleRegistry& r)
    : RunContext{s, e, r},
      world(std::move(w)),
      lp(e.lp_count()),
      signals(world.townships.size(), world.counties.size()) {}

const RegionLevel& SimulationState::regions(Level level) const {
  static constexpr PerLevel<RegionLevel World::*> kLevels{&World::counties, &World::townships, &World::villages};
  return world.*kLevels[level];
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
