// `fupin merge -o SWEEP.h5 SHARD...`: joins the shard files of `fupin sweep --shard i/N` into the
// sweep file the unsharded sweep writes (docs/cluster.md).
#pragma once

#include <string>
#include <vector>

namespace fupin::app {

struct MergeOptions {
  std::string output;
  std::vector<std::string> shards;
};

int merge_command(const MergeOptions& options);

}  // namespace fupin::app
