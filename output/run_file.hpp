// The HDF5 run file: one file per run holding the metadata, the geography and, per variant, the
// yearly summary, the township cohorts, the money ledger and the yearly series of each programme.
// The layout is described in docs/output.md.
#pragma once

#include <functional>
#include <string>

#include "models/results.hpp"
#include "output/output_error.hpp"

namespace fupin::output {

// Layout version written to /meta as attribute `layout_version`; bump it when the layout changes.
// 1: meta, geography, per variant summary, township_cohort and ledger.
// 2: adds /variants/<variant>/programmes/<programme> (ProgrammeSeries).
// 3: income components in summary, /meta@warnings, programmes' saved money.
// 4: by_level results by region, the household panel, per-variant seed and scenario, cause names,
//    global attributes, compressed large datasets.
// 5: /variants/<variant>/replicates (key yearly metrics of every replicate, their means and 95%
//    intervals).
inline constexpr int kRunFileLayoutVersion = 5;

// Writes the run to `path` atomically: to "<path>.tmp-<pid>" in the same directory, then
// rename(2). On any failure the temporary is removed and an OutputError is thrown naming the path
// and the HDF5 call; `path` is never left half-written, and an existing file at `path` is only
// replaced by a complete one.
//
// The content is deterministic: no timestamps are stored, so the same RunResult gives the same
// bytes, and runs that differ only in `threads` give files that differ only in /meta@threads.
//
// Calls are serialised within the process (HDF5 keeps global state); HDF5's automatic error
// printing is turned off during the call and restored afterwards.
//
// `cancelled`, if given, is asked before each part of the file (metadata, geography, each variant)
// and once more just before the rename; when it returns true the write stops, the temporary is
// removed and WriteCancelled is thrown.
void write_run_file(const models::RunResult& run, const std::string& path,
                    const std::function<bool()>& cancelled = {});

}  // namespace fupin::output
