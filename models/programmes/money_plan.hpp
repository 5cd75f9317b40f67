// The money a scenario's programmes will move, computed from the scenario alone (no run):
// what `fupin check` prints before anything is simulated.
#pragma once

#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"
#include "sim/money.hpp"

namespace fupin::models {

// Money arriving at one level of the region tree (before rounding of the split to whole fen per
// region, after the administrative cost retained at the levels above).
struct LevelAmount {
  std::string level;
  sim::Money amount;
};

struct PlannedFlow {
  std::string programme;
  std::string stream;
  int year = 0;
  int recipients = 0;         // first recipients (townships, villages, counties, units, loans), 0 if unknown
  std::string recipient;      // what the recipients are
  sim::Money amount;          // total issued this year
  std::vector<LevelAmount> levels;  // the money each level receives, top first
};

// One entry per programme and year with money, in programme then year order.
std::vector<PlannedFlow> plan_money(const Scenario& scenario);

}  // namespace fupin::models
