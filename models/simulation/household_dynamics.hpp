// The yearly household processes of one logical process (county): identification of registered
// poor households, income dynamics with illness shocks and project returns, and the year-end
// exit review. Each touches only the county's own households and LpState.
#pragma once

#include <cstddef>

#include "models/simulation/state.hpp"

namespace fupin::models {

// Registers every household whose per-capita income is below the line of `year` and is not yet
// registered; counts new registrations and returns to poverty (registered again after an exit).
void identify_poor(SimulationState& s, std::size_t county, int year);

// Activates projects whose lag has passed, then for every household:
//   y <- y (1 + growth + village uplift) exp(sd e - sd²/2); with probability p: y <- y (1 - loss); y <- y + returns.
void update_incomes(SimulationState& s, std::size_t county, int year);

// Registered households whose income reached the line of `year` exit registration.
void review_exits(SimulationState& s, std::size_t county, int year);

}  // namespace fupin::models
