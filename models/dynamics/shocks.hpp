// Dated shocks to households: illness (by cause, with medical costs and insurance), disability,
// natural disasters correlated within a village (milder in safe housing), and market prices.
// All draws are keyed by (seed, purpose, household or village, year): the same in every variant.
#pragma once

#include <cstddef>
#include <cstdint>

#include "models/state/simulation_state.hpp"

namespace fupin::models {

// Month (1..12) in which household `i` may fall ill or become disabled in `year`.
int health_shock_month(const RunContext& run, std::uint32_t household, int year);

// Illness and disability for the households of `county` whose health-shock month is `month`:
//   illness with probability p = dynamics.illness_probability × (illness_cause_multiplier if the
//   primary cause is illness): y ← y (1 − illness_income_loss) − medical_cost × (1 − cover if
//   insured) / size, never below 0;
//   disability with probability shocks.disability_probability if the household has a labourer:
//   one labourer fewer, kDisabled, y ← y (1 − disability_income_loss).
void health_shocks(const RunContext& run, CountyView county, int year, int month);

// Whether village `v` suffers a disaster in `year`, and on which day of the year (0-based).
struct DisasterDraw {
  bool happens = false;
  int day_of_year = 0;
};
DisasterDraw disaster_draw(const RunContext& run, std::uint32_t village, int year);

// The disaster strikes village `v`: y ← y (1 − loss × (safe_house_factor if in safe housing)).
void disaster(const RunContext& run, World& world, std::uint32_t village);

// Price multiplier of market `market` in `year` (mean one, log-normal); 1 for market −1.
double market_price(const RunContext& run, int market, int year);

// Schedules the county's dated shocks of `year` on its logical process: twelve monthly health
// events (on the 15th) and one event per stricken village on its drawn day. Call from the
// global year-start event.
void schedule_shocks(SimulationState& s, std::size_t county, int year);

}  // namespace fupin::models
