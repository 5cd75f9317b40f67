#include "models/state/simulation_state.hpp"

namespace fupin::models {

SimulationState::SimulationState(const Scenario& s, World w, sim::Engine& e, const RuleRegistry& r)
    : RunContext{s, e, r},
      world(std::move(w)),
      lp(e.lp_count()),
      signals(world.townships.size(), world.counties.size()) {
  world.households.track_programmes(s.programmes.size());
}

}  // namespace fupin::models
