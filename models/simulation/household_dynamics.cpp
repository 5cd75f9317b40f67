#include "models/simulation/household_dynamics.hpp"

#include <algorithm>
#include <cmath>

#include "models/dynamics/shocks.hpp"
#include "sim/random.hpp"

namespace fupin::models {

void update_incomes(SimulationState& s, std::size_t county, int year) {
  Households& h = s.world.households;
  LpState& lp = s.lp[county];
  auto& pending = lp.pending;
  // Activate matured projects; keep the rest in their original order. Plain projects join the
  // household's summed return; declining or market-bound ones are kept one by one.
  auto still_pending = std::stable_partition(pending.begin(), pending.end(),
                                             [year](const PendingProject& p) { return p.first_return_year > year; });
  for (auto it = still_pending; it != pending.end(); ++it) {
    if (it->depreciation == 0 && it->industry < 0) {
      h.project_return[it->household] += it->return_per_capita;
    } else {
      lp.active.push_back({it->household, it->return_per_capita, it->depreciation, it->industry});
    }
  }
  pending.erase(still_pending, pending.end());

  const DynamicsSpec& d = s.scenario.dynamics;
  const double drift = 1.0 + d.growth;
  const double correction = -0.5 * d.noise_sd * d.noise_sd;
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
      const double y = h.income[i] * village_drift * std::exp(d.noise_sd * rs.normal() + correction);
      h.income[i] = y + h.project_return[i];
    }
  }
  // Individually kept projects: this year's return at this year's market price, then depreciation.
  for (ActiveProject& p : lp.active) {
    h.income[p.household] += p.return_per_capita * market_price(s, p.industry, year);
    p.return_per_capita *= 1.0 - static_cast<double>(p.depreciation);
  }
}

}  // namespace fupin::models
