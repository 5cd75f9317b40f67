// Replicates of a run: every variant run again with independent seeds, keeping only the yearly
// summary (and target scores) of each replicate, so that differences between variants can be told
// from noise. Replicate r of every variant with the same seed uses the same random streams
// (common random numbers).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "models/results.hpp"
#include "models/scenario/scenario.hpp"
#include "models/simulation/simulation.hpp"

namespace fupin::models {

// The seed of replicate `r` of a variant with seed `seed`: the seed itself for r = 0, otherwise the
// first 64-bit draw of the Philox stream keyed by (seed, purpose "replicate") for entity r, period
// 0 — a pure function of (seed, r), the same on every machine.
std::uint64_t replicate_seed(std::uint64_t seed, int r);

// Called after each replicate beyond the first has run.
struct ReplicateProgress {
  const std::string& variant;
  int replicate;                          // 1 .. replicates − 1
  int replicates;                         // of this variant
  std::uint64_t seed;                     // the replicate's
  const std::vector<YearSummary>& years;  // the replicate's yearly summary
};
using ReplicateCallback = std::function<void(const ReplicateProgress&)>;

// Runs replicates 1 .. N − 1 of every variant of `set` (N = its output.replicates; none when N is
// 1) and fills `run.variants[i].replicates` for every variant (replicate 0 from the variant's own
// results, which `run` must already hold, as run_scenarios gives them). Each replicate's people
// lifted and cost per person lifted are against the same replicate of the counterfactual variant.
// `year_progress` is called at every simulated year end of every replicate (it may throw to stop),
// `progress` after each replicate.
void run_replicates(const ScenarioSet& set, unsigned threads, RunResult& run,
                    const ReplicateCallback& progress = {},
                    const ProgressCallback& year_progress = {});

}  // namespace fupin::models
