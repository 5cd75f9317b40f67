#include "models/state/simulation_state.hpp"

#include "sim/engine.hpp"

namespace fupin::models {

SimulationState::SimulationState(const Scenario& s, World w, sim::Engine& e, const RuleRegistry& r)
    : RunContext{s, e, r},
      world(std::move(w)),
      lp(e.lp_count()),
      signals(world.townships.size(), world.counties.size()) {
  // Each county's projects name its households in 16 bits where it has few enough.
  for (std::size_t c = 0; c < lp.size() && c < world.counties.size(); ++c) {
    lp[c].pending = PendingProjects(world.county_households(c));
    lp[c].active = ActiveProjects(world.county_households(c));
  }
  // Filled in parallel inside the engine's scope (its thread count).
  e.in_arena([this, n = s.programmes.size()] { world.households.track_programmes(n); });
}

}  // namespace fupin::models
