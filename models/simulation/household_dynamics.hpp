// The yearly income update of one logical process (county): growth, noise and project returns.
// It touches only the county's own households and LpState. Identification and the exit review
// are dynamic management (models/dynamics/management.hpp); illness is a dated shock
// (models/dynamics/shocks.hpp).
#pragma once

#include <cstddef>

#include "models/dynamics/management.hpp"
#include "models/simulation/state.hpp"

namespace fupin::models {

// Activates projects whose lag has passed, then for every household:
//   y <- y (1 + growth + village uplift) exp(sd e - sd²/2) + returns.
void update_incomes(SimulationState& s, std::size_t county, int year);

}  // namespace fupin::models
