// How much memory a run needs, estimated from the scenario before anything is allocated, and how
// much the process may use. `fupin check` prints the estimate; `fupin run` refuses (exit 2) a
// scenario whose estimate does not fit the limit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "models/scenario/scenario_loader.hpp"

namespace fupin::app {

struct MemoryEstimate {
  std::uint64_t bytes = 0;       // the peak of the whole run, file included
  std::uint64_t households = 0;  // of the largest variant's geography
};

// Largest world of any variant (the variants run one after another) + every variant's results by
// region (kept until the run file is finished); on the high side: about 1.5 to 2 times the peak
// measured for the shipped scenarios (tests/app/check_memory_estimate.py checks it against real
// runs; tests/app/memory_estimate_test.cpp its terms).
MemoryEstimate estimate_memory(const models::ScenarioSet& set);

struct MemoryLimit {
  std::uint64_t bytes = 0;  // 0: unknown (no check)
  std::string what;         // "physical memory", "the address-space limit (ulimit -v)"
};

// The smaller of the machine's physical memory (sysconf) and the process's address-space limit
// (RLIMIT_AS, `ulimit -v`), less what the process already uses.
MemoryLimit memory_limit();

// How many runs of a sweep may run at once: `wanted`, or fewer when that many runs of `per_run`
// bytes each would not fit in `limit` bytes (0: unknown, no cap); 0 when not even one fits.
std::size_t runs_that_fit(std::uint64_t per_run, std::uint64_t limit, std::size_t wanted);

// "1.2 GB", "350 MB".
std::string bytes_text(std::uint64_t bytes);

}  // namespace fupin::app
