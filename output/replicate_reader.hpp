// Reads the replicates of every variant of a run file (/variants/<v>/replicates, layout 5 and
// later), for `fupin compare`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "output/output_error.hpp"

namespace fupin::output {

// The file cannot be compared: missing, not a fupin run file, or written before replicates were
// stored. The message names the file and says why.
class NotComparable : public OutputError {
 public:
  using OutputError::OutputError;
};

// One metric of every replicate: values[r * width + k], k a year (width = years) or, for a
// target's score, the one value (width = 1, yearly = false).
struct ReplicateMetricValues {
  std::string name;  // e.g. "poor_people", "share_above_3000", "target_x_margin"
  std::string units;
  std::string description;
  bool yearly = true;
  std::size_t width = 0;
  std::vector<double> values;
};

struct VariantReplicates {
  std::string name;
  std::string counterfactual;        // /variants/<v>@counterfactual (layout 6), "" when absent
  std::vector<std::uint64_t> seeds;  // [replicate]
  std::vector<std::int32_t> years;
  std::vector<ReplicateMetricValues> metrics;  // in file order; share_above split by threshold
};

struct RunReplicates {
  std::string path;
  std::vector<VariantReplicates> variants;  // in file order
};

// Throws NotComparable (see above) or OutputError for a read that fails.
RunReplicates read_replicates(const std::string& path);

}  // namespace fupin::output
