#include "models/simulation/household_dynamics.hpp"

#include <algorithm>
#include <cmath>

#include "models/dynamics/shocks.hpp"
#include "sim/random.hpp"

namespace fupin::models {

namespace {

double& recurring_source(Households& h, IncomeSource source, std::uint32_t i) {
  switch (source) {
    case IncomeSource::job_wage: return h.wages[i];  // the year's wages are the jobs' wage
    case IncomeSource::away_remittance: return h.away_remittance[i];
    case IncomeSource::project_return: break;
  }
  return h.project_return[i];
}

}  // namespace

void begin_income_year(CountyView county) {
  Households& h = county.world.households;
  const Range r = county.households;
  std::fill(h.costs.begin() + r.begin, h.costs.begin() + r.end, 0.0);
  std::fill(h.events.begin() + r.begin, h.events.begin() + r.end, std::uint8_t{0});
}

void update_incomes(const RunContext& run, CountyView county, int year) {
  Households& h = county.world.households;
  LpState& lp = county.lp;
  auto& pending = lp.pending;
  // Activate matured projects and jobs; keep the rest in their original order. Plain projects,
  // jobs and eastern placements join the household's summed recurring source; declining or
  // market-bound projects are kept one by one.
  auto still_pending =
      std::stable_partition(pending.begin(), pending.end(),
                            [year](const PendingProject& p) { return p.first_return_year > year; });
  for (auto it = still_pending; it != pending.end(); ++it) {
    if (it->source != IncomeSource::project_return || (it->depreciation == 0 && it->industry < 0)) {
      recurring_source(h, it->source, it->household) += it->return_per_capita;
    } else {
      lp.active.push_back({it->household, it->return_per_capita, it->depreciation, it->industry});
    }
  }
  pending.erase(still_pending, pending.end());

  const DynamicsSpec& d = run.scenario.dynamics;
  const InterventionSpec& iv = run.scenario.interventions;
  const double drift = 1.0 + d.growth;
  const double correction = -0.5 * d.noise_sd * d.noise_sd;
  const double relocated_drift = 1.0 + iv.relocation_uplift;
  sim::EntityDraws noise(run.scenario.seed, "dynamics.income");
  const World& w = county.world;
  const Range villages = w.county_villages(county.index);
  for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
    // Infrastructure built in the village raises every household's growth.
    const double village_drift = drift + w.village_state.growth_uplift[v];
    const Range r = w.villages.children[v];
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      // Earned income is the only component that compounds; relocated households grow faster.
      double growth =
          village_drift *
          std::exp(d.noise_sd * noise.normal(i, static_cast<std::uint64_t>(year)) + correction);
      if (h.status[i] & kRelocated) growth *= relocated_drift;
      h.earned[i] *= growth;
      // This year's recurring flows, each counted once.
      const double people = std::max(1.0, static_cast<double>(h.size[i]));
      h.returns[i] = h.project_return[i];
      h.remittances[i] =
          h.away_remittance[i] + ((h.flags[i] & kMigrant) ? iv.remittance / people : 0.0);
      h.transfers[i] = 0.0;
    }
  }
  // Individually kept projects: this year's return at this year's market price, then depreciation.
  for (ActiveProject& p : lp.active) {
    h.returns[p.household] += p.return_per_capita * market_price(run, p.industry, year);
    p.return_per_capita *= 1.0 - static_cast<double>(p.depreciation);
  }
  const Range r = county.households;
  for (std::uint32_t i = r.begin; i < r.end; ++i) {
    h.refresh_income(i);
    // The total is finite exactly when every component is (and their sum does not overflow):
    // one test per household, the component named only on failure.
    if (!std::isfinite(h.income[i])) check_income(w, i, year, "the income update");
  }
}

}  // namespace fupin::models
