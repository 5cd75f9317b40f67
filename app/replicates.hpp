// `fupin run --replicates N` (or output.replicates): the replicates beyond the first, with their
// progress on stderr and the interrupt check of every simulated year.
#pragma once

#include <chrono>

#include "app/commands.hpp"
#include "models/results.hpp"
#include "models/scenario/scenario.hpp"

namespace fupin::app {

// Runs replicates 1 .. N − 1 of every variant with N ≥ 2 into `run` (models::run_replicates).
// Throws Interrupted when a signal arrives; `start` is the run's start, for the elapsed time.
void add_replicates(const models::ScenarioSet& set, const RunOptions& options,
                    models::RunResult& run, std::chrono::steady_clock::time_point start);

}  // namespace fupin::app
