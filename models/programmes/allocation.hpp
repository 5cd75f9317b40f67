// The shared mechanism by which money held at a township flows down the region tree: each
// allocation stage splits the money among candidates of the next level with a named rule, and
// money that reaches a household becomes a project. Every transfer is a ledger posting in the
// logical process's own journal.
#pragma once

#include <cstdint>
#include <vector>

#include "models/simulation/state.hpp"
#include "sim/money.hpp"
#include "sim/time.hpp"

namespace fupin::models {

struct AllocationRequest {
  std::uint32_t township;
  sim::Money amount;  // already in the township's account
  const std::vector<AllocationStage>* stages;
  ProjectSpec project;
  sim::StreamId stream;
  sim::Date date;
};

// Candidates: at village level, the township's villages with at least one registered poor
// household; at household level, registered poor households. Money with no candidate stays with
// its holder (idle). Returns the amount that reached households.
sim::Money allocate_from_township(SimulationState& s, std::size_t lp, const AllocationRequest& req);

}  // namespace fupin::models
