// `fupin sweep SWEEP.yaml`: runs every point of a sensitivity design (docs/sweep.md).
#pragma once

#include <string>

namespace fupin::app {

struct SweepOptions {
  std::string sweep;
  std::string output;  // empty: results/<sweep stem>.h5
  unsigned threads = 0;
  bool resume = false;
  bool quiet = false;
};

int sweep_command(const SweepOptions& options);

}  // namespace fupin::app
