// The phases of a simulated year, in the order the engine runs them, and the event priority of
// each (like the named hook points of a timestep). Events at the same date run global first,
// then local, each in priority order; every event of fupin is scheduled in one of these phases.
#pragma once

#include <cstdint>

#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace fupin::models {

enum class Phase : std::uint8_t {
  year_start,  // global, 1 January: costs cleared, identification, shocks and programmes scheduled
  shocks,      // local, dated: monthly health shocks, disasters on their drawn day
  disbursement,   // global, a disbursement date: appropriations posted, local allocation scheduled
  allocation,     // local, after the disbursement: money flows down to households, loans lent
  interventions,  // local, 31 December: migrant jobs, insurance lapse, relocation
  income_update,  // local, 31 December: earned income grows, this year's flows recomputed
  settlements,    // local, 31 December: loan instalments and interest, mutual-aid fees
  transfers,      // local, 31 December: the minimum living guarantee (低保)
  year_end,       // global, 31 December after the locals: reviews, assessment, ledger, summary
};

// Whether a phase's events are global (run alone) or local (one per logical process).
constexpr bool is_global(Phase p) {
  return p == Phase::year_start || p == Phase::disbursement || p == Phase::year_end;
}

// The engine priority of a phase. Phases that never share a date and calendar may share a
// priority: shocks and the income update, the global year start and disbursements.
constexpr int priority(Phase p) {
  // One line per phase, even where phases share a priority.
  switch (p) {
    // NOLINTNEXTLINE(bugprone-branch-clone): phases that share a priority, one line each
    case Phase::year_start: return 0;
    case Phase::shocks: return 0;
    case Phase::disbursement: return 0;
    case Phase::allocation: return 1;
    case Phase::interventions: return -1;
    case Phase::income_update: return 0;
    case Phase::settlements: return 1;
    case Phase::transfers: return 2;
    case Phase::year_end: return 10;
  }
  return 0;
}

// Allocation follows the disbursement of the same date; the year-end phases run in order.
static_assert(priority(Phase::disbursement) < priority(Phase::allocation));
static_assert(priority(Phase::interventions) < priority(Phase::income_update) &&
              priority(Phase::income_update) < priority(Phase::settlements) &&
              priority(Phase::settlements) < priority(Phase::transfers) &&
              priority(Phase::transfers) < priority(Phase::year_end));

// The event key of `phase` on `date`.
constexpr sim::EventKey at(sim::Date date, Phase phase) { return {date, priority(phase)}; }

}  // namespace fupin::models
