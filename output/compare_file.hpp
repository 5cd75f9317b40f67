// Paired differences of key metrics between variants (`fupin compare`), computed from the
// replicates of run files (replicate_reader.hpp), and the HDF5 file that stores them
// (docs/output.md, "Compare files").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "output/replicate_reader.hpp"

namespace fupin::output {

// Version of the compare file's layout (/meta@layout_version).
inline constexpr int kCompareFileLayoutVersion = 2;  // 2: adds seed and against_seed

// One metric's difference (variant − against) per year (one entry for a target's score).
struct MetricDifference {
  std::string name;
  std::string units;
  std::string description;
  bool yearly = true;
  std::vector<std::int32_t> years;  // the variant's years (empty for a target's score)
  // Per year: mean of the differences; with pairs, the Student-t 95% interval of the paired
  // differences, else Welch's interval of the difference of means (NaN with < 2 replicates).
  std::vector<double> difference, lower, upper;
  // Welch's interval, treating the two variants' replicates as independent samples (for reference:
  // how wide the interval would be without common random numbers).
  std::vector<double> unpaired_lower, unpaired_upper;
  std::vector<std::uint8_t> distinguishable;  // 1: the interval excludes 0
};

struct Comparison {
  std::string variant;         // the variant compared (values of variant − against)
  std::string against;         // the variant it is compared with
  std::string file;            // the file of `variant`
  std::string against_file;    // the file of `against`
  bool paired = false;         // replicates paired by index: the two variants' seeds are the same
  std::size_t replicates = 0;  // pairs used (paired), else the smaller of the two replicate counts
  std::vector<std::uint64_t> seeds;          // every replicate's seed of `variant`
  std::vector<std::uint64_t> against_seeds;  // and of `against`
  std::vector<MetricDifference> metrics;
};

// `variant` − `against` for every metric both have; years are the variant's years that `against`
// has too.
Comparison compare_variants(const VariantReplicates& variant, const std::string& file,
                            const VariantReplicates& against, const std::string& against_file);

// Writes the comparisons to `path` atomically (as run files are). `history` is the command line.
void write_compare_file(const std::vector<Comparison>& comparisons, const std::string& path,
                        const std::string& history);

}  // namespace fupin::output
