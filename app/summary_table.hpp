// Compact plain-text tables of a run for the terminal.
#pragma once

#include <ostream>

#include "models/results.hpp"

namespace fupin::app {

// Per variant: one row per year; then the final year of every variant side by side.
void print_summary(std::ostream& out, const models::RunResult& run);

// Per variant with targets: one row per target — regions met / scored, and the value of the whole
// scenario or of the region with the smallest margin. Prints nothing when no variant has targets.
void print_targets(std::ostream& out, const models::RunResult& run);

}  // namespace fupin::app
