// The money a scenario's programmes will move, computed from the scenario alone (no run):
// what `fupin check` prints before anything is simulated.
#pragma once

#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"
#include "sim/money.hpp"

namespace fupin::models {

struct PlannedFlow {
  std::string programme;
  std::string stream;
  int year = 0;
  int townships = 0;  // recipients at township level
  sim::Money amount;  // total this year
};

// One entry per programme and year with money, in programme then year order.
std::vector<PlannedFlow> plan_money(const Scenario& scenario);

}  // namespace fupin::models
