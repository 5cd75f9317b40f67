// Small hand-made worlds and scenarios for the model tests.
#pragma once

#include <vector>

#include "models/scenario/scenario.hpp"
#include "models/state/simulation_state.hpp"
#include "models/world/world.hpp"

namespace fupin::models::testing {

// A one-year scenario with no noise, no illness, no growth and no capture; no programmes.
inline Scenario quiet_scenario(int counties, int townships, int villages, int households) {
  Scenario s;
  s.name = "test";
  s.start_year = 2020;
  s.end_year = 2020;
  s.poverty_line.by_year[2020] = 3000;
  s.geography = {counties, townships, villages, households, "C", {}};
  s.dynamics = {0.0, 0.0, 0.0, 0.3};
  // Exact money tests: no money drifts to better-off households.
  s.interventions.capture = 0.0;
  return s;
}

// Sets household `i`'s income to `y` as earned income, with no flows or costs this year.
inline void set_income(Households& h, std::size_t i, double y) {
  h.earned[i] = y;
  h.returns[i] = h.wages[i] = h.remittances[i] = h.transfers[i] = h.costs[i] = 0.0;
  h.income[i] = y;
}

// Every household's income to `y`, as above.
inline void set_all_incomes(Households& h, double y) {
  for (std::size_t i = 0; i < h.count(); ++i) set_income(h, i, y);
}

// Household i's income to values[i], as above.
inline void set_incomes(Households& h, const std::vector<double>& values) {
  for (std::size_t i = 0; i < values.size() && i < h.count(); ++i) set_income(h, i, values[i]);
}

}  // namespace fupin::models::testing
