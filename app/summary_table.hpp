// Compact plain-text tables of a run for the terminal.
#pragma once

#include <ostream>

#include "models/results.hpp"

namespace fupin::app {

// Per variant: one row per year; then the final year of every variant side by side.
void print_summary(std::ostream& out, const models::RunResult& run);

}  // namespace fupin::app
