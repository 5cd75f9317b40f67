// Runs scenarios: builds the world and population, schedules the yearly processes and the
// programmes on the parallel engine, closes the ledger every year and summarises each year.
#pragma once

#include <functional>
#include <string>

#include "models/results.hpp"
#include "models/scenario/scenario.hpp"

namespace fupin::models {

struct YearProgress {
  const std::string& variant;
  int year;
  int first_year;
  int last_year;
  const YearSummary& summary;
};
using ProgressCallback = std::function<void(const YearProgress&)>;

// Runs one resolved variant with `threads` worker threads (0: all cores). Throws
// sim::LedgerError if the ledger fails its year-end check.
VariantResult simulate(const Scenario& scenario, unsigned threads, const ProgressCallback& progress = {});

// Runs every variant of the set, one after the other, and gathers the run's metadata.
RunResult run_scenarios(const ScenarioSet& set, unsigned threads, const ProgressCallback& progress = {});

}  // namespace fupin::models
