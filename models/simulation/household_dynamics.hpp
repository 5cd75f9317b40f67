// The yearly income update of one logical process (county). It touches only the county's own
// households and LpState. Identification and the exit review are dynamic management
// (models/dynamics/management.hpp); illness is a dated shock (models/dynamics/shocks.hpp).
//
// Income is kept as components (Households): earned income persists and compounds; project
// returns, wages, remittances and transfers are this year's recurring flows; costs are this
// year's one-off outlays. Each year the flows are recomputed from their sources, so a recurring
// flow is counted once a year and never compounds, and a one-off cost never becomes permanent.
#pragma once

#include <cstddef>

#include "models/dynamics/management.hpp"
#include "models/state/county_state.hpp"
#include "models/state/run_context.hpp"

namespace fupin::models {

// Start of a year: clears the county's costs and registration events of the previous year (the
// total keeps last year's value until a process of this year changes a component).
void begin_income_year(CountyView county);

// Activates projects whose lag has passed, then for every household of the county:
//   earned <- earned (1 + growth + village uplift) [(1 + relocation uplift)] exp(sd e - sd²/2);
//   returns, wages, remittances <- this year's recurring flows; transfers <- 0;
//   income <- earned + returns + wages + remittances + transfers - costs.
void update_incomes(const RunContext& run, CountyView county, int year);

}  // namespace fupin::models
