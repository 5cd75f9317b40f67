// Tidy CSV tables of a run file, for spreadsheet users: one row per (variant, year, region,
// metric) value. The tables are read back from the HDF5 file, so they hold exactly what the file
// holds. The tables and their columns are described in docs/output.md ("CSV export").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "output/run_file.hpp"

namespace fupin::output {

struct ExportedTable {
  std::string path;      // the CSV file written
  std::size_t rows = 0;  // data rows, without the header
};

// Writes the tidy tables of `run_file` into `directory` (created if missing): summary.csv,
// regions.csv (when the file has results by region), targets.csv (when the scenario has
// targets), programmes.csv, replicates.csv (when the file has /variants/<v>/replicates) and
// ledger_flows.csv. Each
// table is written to a temporary name and renamed when complete, so a table in `directory` is
// never half-written. Throws NotARunFile for a file that is not a run file and OutputError for
// anything else that fails (reading, writing, renaming), naming the file.
std::vector<ExportedTable> export_csv(const std::string& run_file, const std::string& directory);

}  // namespace fupin::output
