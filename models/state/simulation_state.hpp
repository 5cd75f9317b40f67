// The mutable state of one simulation run (one variant), as the sum of its owners: the run
// context (read only), the money book (global events), the world and one LpState per logical
// process (a county; each writes only its own LpState and its own slice of the world), and the
// region signals that cross counties. Functions take the narrowest of these they need; the
// whole state is for global events and for setting up a run.
#pragma once

#include <cstddef>
#include <vector>

#include "models/state/county_state.hpp"
#include "models/state/money_book.hpp"
#include "models/state/region_signals.hpp"
#include "models/state/run_context.hpp"
#include "models/world/world.hpp"

namespace fupin::models {

struct SimulationState : RunContext, MoneyBook {
  World world;
  std::vector<LpState> lp;
  RegionSignals signals;

  SimulationState(const Scenario& s, World w, sim::Engine& e, const RuleRegistry& r);

  // The logical process (county) that owns a region.
  [[nodiscard]] std::size_t lp_of(Level level, std::size_t index) const {
    return world.county_of_region(level, index);
  }
  [[nodiscard]] const RegionLevel& regions(Level level) const { return world.regions(level); }
  // The slice of county `county` that its local events see.
  [[nodiscard]] CountyView county(std::size_t county) {
    return {county, world.county_households(county), world, lp[county]};
  }
};

}  // namespace fupin::models
