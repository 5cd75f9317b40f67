#include "app/replicates.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>

#include "app/interrupt.hpp"
#include "models/simulation/replicates.hpp"

namespace fupin::app {

void add_replicates(const models::ScenarioSet& set, const RunOptions& o, models::RunResult& run,
                    std::chrono::steady_clock::time_point start) {
  int most = 1;
  for (const models::Scenario& v : set.variants) most = std::max(most, v.output.replicates);
  if (most >= 2 && !o.quiet) {
    std::cerr << fmt::format(
        "fupin: replicates 1–{} of each variant (replicate 0 is the run above)\n", most - 1);
  }
  const auto year_end = [](const models::YearProgress& p) {
    if (const int signal = interrupt_signal(); signal != 0) {
      std::cerr << fmt::format(
          "fupin: interrupted by {} after year {} of a replicate of variant '{}'; stopping, no run "
          "file written\n",
          interrupt_signal_name(signal), p.year, p.variant);
      throw Interrupted(signal);
    }
  };
  const auto replicate_done = [&](const models::ReplicateProgress& p) {
    if (o.quiet) return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << fmt::format("[{:7.1f}s] {}: replicate {}/{} done (seed {})  final P0 {:.4f}\n",
                             seconds, p.variant, p.replicate, p.replicates - 1, p.seed,
                             p.years.empty() ? 0.0 : p.years.back().headcount_ratio);
  };
  models::run_replicates(set, o.threads, run, replicate_done, year_end);
}

}  // namespace fupin::app
