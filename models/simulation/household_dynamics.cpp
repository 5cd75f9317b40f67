#include "models/simulation/household_dynamics.hpp"

#include <algorithm>
#include <cmath>

#include "sim/random.hpp"

namespace fupin::models {

void identify_poor(SimulationState& s, std::size_t county, int year) {
  const double z = s.line(year);
  Households& h = s.world.households;
  LpYearCounters& c = s.lp[county].counters;
  const Range r = s.world.county_households(county);
  for (std::uint32_t i = r.begin; i < r.end; ++i) {
    if ((h.flags[i] & kRegistered) == 0 && h.income[i] < z) {
      h.flags[i] |= kRegistered;
      ++c.newly_registered;
      if (h.flags[i] & kExited) ++c.returns;
    }
  }
}

void update_incomes(SimulationState& s, std::size_t county, int year) {
  Households& h = s.world.households;
  auto& pending = s.lp[county].pending;
  // Activate matured projects; keep the rest in their original order.
  auto still_pending = std::stable_partition(pending.begin(), pending.end(),
                                             [year](const PendingProject& p) { return p.first_return_year > year; });
  for (auto it = still_pending; it != pending.end(); ++it) h.project_return[it->household] += it->return_per_capita;
  pending.erase(still_pending, pending.end());

  const DynamicsSpec& d = s.scenario.dynamics;
  const double drift = 1.0 + d.growth;
  const double correction = -0.5 * d.noise_sd * d.noise_sd;
  const double keep_after_illness = 1.0 - d.illness_income_loss;
  const sim::RandomSource src(s.scenario.seed, "dynamics.income");
  const World& w = s.world;
  const Range towns = w.counties.children[county];
  const Range villages{w.townships.children[towns.begin].begin, w.townships.children[towns.end - 1].end};
  for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
    // Infrastructure built in the village raises every household's growth.
    const double village_drift = drift + w.village_state.growth_uplift[v];
    const Range r = w.villages.children[v];
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      sim::RandomStream rs = src.stream(i, static_cast<std::uint64_t>(year));
      double y = h.income[i] * village_drift * std::exp(d.noise_sd * rs.normal() + correction);
      if (rs.uniform() < d.illness_probability) y *= keep_after_illness;
      h.income[i] = y + h.project_return[i];
    }
  }
}

void review_exits(SimulationState& s, std::size_t county, int year) {
  const double z = s.line(year);
  Households& h = s.world.households;
  LpYearCounters& c = s.lp[county].counters;
  const Range r = s.world.county_households(county);
  for (std::uint32_t i = r.begin; i < r.end; ++i) {
    if ((h.flags[i] & kRegistered) && h.income[i] >= z) {
      h.flags[i] = static_cast<std::uint8_t>((h.flags[i] & ~kRegistered) | kExited);
      ++c.exits;
    }
  }
}

}  // namespace fupin::models
