// What every part of one run reads and no event writes: the scenario, the engine that schedules
// events, and the allocation rules.
#pragma once

#include "models/rules/allocation_rule.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/engine.hpp"

namespace fupin::models {

struct RunContext {
  const Scenario& scenario;
  sim::Engine& engine;
  const RuleRegistry& rules;

  [[nodiscard]] double line(int year) const { return scenario.poverty_line.at(year); }
};

}  // namespace fupin::models
