// The funding network between programmes, checked before anything runs: which levels each
// programme's money rests at, which programmes a county fund integration may pool, that no pool
// feeds itself, and that every sector channel can buy at least one unit.
#pragma once

#include <cstddef>
#include <vector>

#include "models/scenario/scenario.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace fupin::models {

// The levels at which a programme's money rests before it is split further, top down: where it
// arrives and each allocation stage above household (as its kind says: programme_kind.hpp).
// These are the levels its `admin_cost` may name. Sector channels, helper units and microcredit
// reach units and households directly (none).
std::vector<Level> levels_holding_money(const ProgrammeSpec& p);

// Whether a fund_integration may pool the programme: its money rests at county level.
bool reaches_county(const ProgrammeSpec& p);

// Checks between the programmes of `list` (the `programmes` node), parsed into `programmes`:
// every source a programme pools (a fund_integration's) names a programme whose money reaches
// county level, no programme is pooled twice, the pools form no cycle; then each kind's own check
// (a sector channel can buy a unit).
void check_funding_network(const yaml::Located& list, const std::vector<ProgrammeSpec>& programmes);

// Indices of s.programmes in an order in which every pooling programme comes after all its sources
// (otherwise in file order). The scenario must have passed check_funding_network.
std::vector<std::size_t> funding_order(const Scenario& s);

}  // namespace fupin::models
