// Dynamic management (动态管理): identification of registered poor households with errors,
// resident work teams, the year-end exit review (income for N consecutive reviews and the
// non-income guarantees), county exit, and the minimum living guarantee (低保).
#pragma once

#include <cstddef>
#include <cstdint>

#include "models/state/county_state.hpp"
#include "models/state/region_signals.hpp"
#include "models/state/run_context.hpp"
#include "sim/money.hpp"

namespace fupin::models {

// Draws which villages have a resident work team (management.work_team_share), once per run.
void assign_work_teams(const RunContext& run, World& world);

// Year-start identification of the county's unregistered households: a household below the line
// is registered unless missed (exclusion error); one at or above the line but below
// inclusion_band × line is registered with the inclusion error. In villages with a work team both
// error rates are multiplied by work_team_error_factor. Counts new registrations and returns.
void identify_poor(const RunContext& run, CountyView county, int year);

// Whether the exit review of `year` verifies the non-income guarantees: verify_guarantees and
// `year` ≥ guarantees_from (the 2016 exit rules by default; before, households exit on income).
bool guarantees_verified(const ManagementSpec& m, int year);

// Whether a registered household passes the exit review of `year`: its income has been at or
// above the line for management.exit_reviews consecutive reviews (counting this one) and, when
// guarantees_verified(management, year), it has safe housing, schooling and insurance.
// reviews_above must already count the review of `year` (review_exits updates it first).
bool passes_exit_review(const RunContext& run, const World& world, std::uint32_t household,
                        int year);

// Year-end review of the county: updates each household's count of consecutive reviews at or
// above the line, exits the registered households that pass, and counts exits.
void review_exits(const RunContext& run, CountyView county, int year);

// County exit (摘帽): publishes `year` as the county's exit year (RegionSignals) when the county's
// person-weighted headcount ratio is below management.county_exit_headcount (once).
void review_county_exit(const RunContext& run, CountyView county, RegionSignals& signals, int year);

// Minimum living guarantee: every household of the county with no labourer whose per-capita
// income is below management.dibao_line is topped up to it. Returns the money transferred (the
// caller posts it to the ledger).
sim::Money dibao_top_up(const RunContext& run, CountyView county, int year);

}  // namespace fupin::models
