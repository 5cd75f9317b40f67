// What the HTML report shows of a compare file (`fupin compare -o`, docs/output.md "Compare
// files"), read back into plain structures (compare_data.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fupin::output::report {

// One metric's difference (variant − against): per year, or one value for a target's score.
struct MetricComparison {
  std::string name;
  std::string units;
  std::string description;
  bool yearly = true;
  std::vector<int> years;  // empty for a target's score
  std::vector<double> difference, lower, upper, unpaired_lower, unpaired_upper;
  std::vector<int> distinguishable;  // 1: the interval excludes 0
};

struct ComparisonData {
  std::string variant;
  std::string against;
  std::string file;
  std::string against_file;
  bool paired = false;
  int replicates = 0;
  std::vector<std::uint64_t> seeds;          // layout 2; empty in older files
  std::vector<std::uint64_t> against_seeds;  // layout 2; empty in older files
  std::vector<MetricComparison> metrics;     // in file order
};

struct CompareData {
  std::string path;
  std::string history;
  std::string fupin_version;
  std::string conventions;
  std::string interval;  // /meta@interval: how the intervals were computed, in words
  int layout_version = 0;
  std::vector<ComparisonData> comparisons;
};

// Whether `path` is a compare file (/meta@kind = "compare" and /comparisons). Throws NotARunFile
// when it is no fupin file at all.
bool is_compare_file(const std::string& path);

// Reads `path`. Throws NotARunFile when it is not a compare file with at least one comparison,
// OutputError when reading fails.
CompareData read_compare_data(const std::string& path);

}  // namespace fupin::output::report
