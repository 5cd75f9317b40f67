// A small hand-built RunResult for the output tests and for write_sample_run_file.
#pragma once

#include "models/results.hpp"

namespace fupin::output::testing {

// Three variants: "base" and "poorest_first" (three years, four accounts, two streams, flows
// larger than 2^53 fen, UTF-8 names) and "empty" (no years, no ledger). Ledger balances are the
// running sums of the flows, so they are consistent with them. Every variant has the two
// programmes of sample_programmes (with no years in "empty").
models::RunResult make_sample_run();

// Two programmes with one value per year of `years` in every series: "township_package" (money
// series "allocated" and "spent", measures "townships_selected" in townships and "coverage" as a
// share) and "east_west_aid" (money series "transferred" only). `scale` (>= 1) varies the values
// between variants; amounts go beyond 2^53 fen and one is negative.
std::vector<models::ProgrammeSeries> sample_programmes(const std::vector<int>& years, int scale);

// Fills `ledger.years` / `ledger.balances` from `ledger.flows` (closing balance per year).
void close_ledger_years(models::LedgerReport& ledger, const std::vector<int>& years);

}  // namespace fupin::output::testing
