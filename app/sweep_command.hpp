// `fupin sweep SWEEP.yaml`: runs every point of a sensitivity design (docs/sweep.md).
#pragma once

#include <string>

namespace fupin::app {

struct SweepOptions {
  std::string sweep;
  std::string output;  // empty: results/<sweep stem>.h5
  unsigned threads = 0;
  std::string shard;  // "i/N": only the runs of shard i of N (app/sweep_shard.hpp); empty: all
  bool resume = false;
  bool quiet = false;
};

int sweep_command(const SweepOptions& options);

}  // namespace fupin::app
