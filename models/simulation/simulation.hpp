// Runs scenarios: builds the world and population, schedules the yearly processes and the
// programmes on the parallel engine, closes the ledger every year and summarises each year.
#pragma once

#include <functional>
#include <string>

#include "models/household_year.hpp"
#include "models/results.hpp"
#include "models/scenario/scenario.hpp"

namespace fupin::sim {
class Engine;
}  // namespace fupin::sim

namespace fupin::models {

struct World;
struct VariantStores;

struct YearProgress {
  const std::string& variant;
  int year;
  int first_year;
  int last_year;
  const YearSummary& summary;
};
using ProgressCallback = std::function<void(const YearProgress&)>;

// Called at the end of each household panel year of a variant (output.households) with that year's
// household state, before the year's progress. When given, the panel is handed out year by year
// (e.g. written out at once) and not collected into VariantResult::households.
using HouseholdYearCallback = std::function<void(const HouseholdYear&)>;

// Fills the household and village stores of a new world (build_world of the scenario's geography)
// with the initial population, e.g. from InitialPopulations; empty: generate_population.
using PopulateWorld = std::function<void(World&, sim::Engine&)>;

// Runs one resolved variant with `threads` worker threads (0: all cores). Throws
// sim::LedgerError if the ledger fails its year-end check. With `stores`, the world is built in
// the memory an earlier variant left there (variant_stores.hpp), and this variant's is left there
// when it has run; the results are the same either way.
VariantResult simulate(const Scenario& scenario, unsigned threads,
                       const ProgressCallback& progress = {},
                       const HouseholdYearCallback& panel = {}, const PopulateWorld& populate = {},
                       VariantStores* stores = nullptr);

// Called once a variant has run, before it joins `run.variants`: `run` holds the run's metadata and
// the variants before it. The callee may write the variant out and release what it no longer needs
// (e.g. its household panel); the comparisons with counterfactuals are not yet filled in.
using VariantCallback = std::function<void(const RunResult& run, VariantResult& variant)>;

// The run's metadata, before any variant runs: scenario, seed, thresholds, geography, warnings.
RunResult begin_run(const ScenarioSet& set, unsigned threads);

// Runs every variant of the set into `run` (from begin_run), one after the other, then compares
// each variant with its counterfactual (people lifted, cost per person lifted).
void run_variants(const ScenarioSet& set, RunResult& run, const ProgressCallback& progress = {},
                  const VariantCallback& finished = {}, const HouseholdYearCallback& panel = {});

// begin_run and run_variants.
RunResult run_scenarios(const ScenarioSet& set, unsigned threads,
                        const ProgressCallback& progress = {});

}  // namespace fupin::models
