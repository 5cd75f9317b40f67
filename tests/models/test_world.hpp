// Small hand-made worlds and scenarios for the model tests.
#pragma once

#include "models/scenario/scenario.hpp"
#include "models/simulation/state.hpp"
#include "models/world/world.hpp"

namespace fupin::models::testing {

// A one-year scenario with no noise, no illness, no growth and no capture; no programmes.
inline Scenario quiet_scenario(int counties, int townships, int villages, int households) {
  Scenario s;
  s.name = "test";
  s.start_year = 2020;
  s.end_year = 2020;
  s.poverty_line.by_year[2020] = 3000;
  s.geography = {counties, townships, villages, households, "C"};
  s.dynamics = {0.0, 0.0, 0.0, 0.3};
  // Exact money tests: no money drifts to better-off households.
  s.interventions.capture = 0.0;
  return s;
}

}  // namespace fupin::models::testing
