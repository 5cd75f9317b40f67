// What the HTML report shows of a sweep file (`fupin sweep`, docs/output.md "Sweep file"), read
// back into plain structures (sweep_data.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "output/sweep_file.hpp"

namespace fupin::output::report {

// One column of the runs table, as the sweep file's writer holds it.
using SweepValues = SweepColumn;

// One metric's indices by one method: columns by name (first, first_low, … or mu, mu_star,
// sigma), one value per parameter.
struct SweepIndexData {
  std::string metric;
  std::string method;  // "sobol" or "morris"
  std::vector<std::string> parameters;
  std::vector<std::pair<std::string, std::vector<double>>> columns;
  // The column `name`, or an empty vector when the file has none.
  [[nodiscard]] const std::vector<double>& column(const std::string& name) const;
};

struct SweepData {
  std::string path;
  std::string title;
  std::string history;
  std::string fupin_version;
  std::string conventions;
  std::string sweep_file;
  std::string scenario_file;
  std::string variant;
  std::string design;
  std::uint64_t seed = 0;
  int layout_version = 0;
  std::vector<std::int64_t> run, point, replicate;
  std::vector<SweepValues> parameters;  // in the sweep file's order
  std::vector<SweepValues> metrics;
  std::vector<SweepIndexData> indices;  // per metric and method, in file order

  [[nodiscard]] std::size_t points() const;      // distinct design points
  [[nodiscard]] std::size_t replicates() const;  // replicates at each point
};

// Whether `path` is a sweep file (/meta@created_by = "fupin sweep" and /runs); false for any
// other file, including a missing one.
bool is_sweep_file(const std::string& path);

// Reads `path`. Throws NotARunFile when it is not a sweep file with at least one run, OutputError
// when reading fails.
SweepData read_sweep_data(const std::string& path);

}  // namespace fupin::output::report
