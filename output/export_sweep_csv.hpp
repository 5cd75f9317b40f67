// Tidy CSV tables of a sweep file (`fupin export SWEEP.h5 --csv DIR`): runs.csv, one row per run
// (run, point, replicate, parameters, metrics), and sensitivity.csv, one row per index value
// (metric, method, parameter, index, value). Read back from the HDF5 file (docs/output.md).
#pragma once

#include <string>
#include <vector>

#include "output/export_csv.hpp"

namespace fupin::output {

// Whether `path` is an HDF5 file written by `fupin sweep` (/meta@created_by = "fupin sweep").
bool is_sweep_file(const std::string& path);

// Writes the tables into `directory` (created if missing), each to a temporary renamed when
// complete. Throws OutputError naming the file for anything that fails.
std::vector<ExportedTable> export_sweep_csv(const std::string& sweep_file,
                                            const std::string& directory);

}  // namespace fupin::output
