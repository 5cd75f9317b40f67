// A small hand-built RunResult for the output tests and for write_sample_run_file.
#pragma once

#include "models/results.hpp"

namespace fupin::output::testing {

// Three variants: "base" and "poorest_first" (three years, four accounts, two streams, flows
// larger than 2^53 fen, UTF-8 names) and "empty" (no years, no ledger). Ledger balances are the
// running sums of the flows, so they are consistent with them.
models::RunResult make_sample_run();

// Fills `ledger.years` / `ledger.balances` from `ledger.flows` (closing balance per year).
void close_ledger_years(models::LedgerReport& ledger, const std::vector<int>& years);

}  // namespace fupin::output::testing
