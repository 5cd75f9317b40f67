// The sweep file: one tidy table of a sensitivity sweep's runs (run, point, replicate, parameter
// values, metrics) and the sensitivity indices, written atomically (docs/output.md, "Sweep file").
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace fupin::output {

// One column of the runs table: numbers, or strings for a parameter with named levels.
struct SweepColumn {
  std::string name;
  std::string units;
  std::string description;
  bool text = false;
  std::vector<double> numbers;
  std::vector<std::string> strings;
};

// One metric's indices by one method, one value per parameter in each column.
struct SweepIndices {
  std::string metric;
  std::string method;  // "sobol" or "morris"
  std::vector<std::string> parameters;
  std::vector<SweepColumn> columns;  // numbers only
};

struct SweepResult {
  std::string title;
  std::string history;  // the command line that made the file (not threads, paths or --resume)
  std::string sweep_file;
  std::string sweep_text;
  std::string scenario_file;
  std::string scenario_text;
  std::string variant;
  std::string design;
  std::uint64_t seed = 0;
  std::uint32_t threads = 0;
  std::vector<std::int64_t> run;
  std::vector<std::int64_t> point;
  std::vector<std::int64_t> replicate;
  std::vector<SweepColumn> parameters;
  std::vector<SweepColumn> metrics;
  std::vector<SweepIndices> indices;
  // A shard file (`fupin sweep --shard i/N`, docs/cluster.md) when `shards` > 0: the runs of shard
  // `shard` of `shards`, the sweep's digest and its number of runs.
  std::uint32_t shard = 0;
  std::uint32_t shards = 0;
  std::string digest;
  std::uint64_t total_runs = 0;
};

// A shard file as `fupin merge` reads it back.
struct SweepShardFile {
  std::string path;
  std::string fupin_version;
  std::string title;
  std::string sweep_file;
  std::string sweep_text;
  std::string scenario_file;
  std::string scenario_text;
  std::uint32_t threads = 0;
  std::uint32_t shard = 0;
  std::uint32_t shards = 0;
  std::string digest;
  std::uint64_t total_runs = 0;
  std::vector<std::int64_t> run;
  std::vector<SweepColumn> metrics;  // in /runs@metrics order
};

// Writes `sweep` to `path` atomically (temporary, fsync, rename; atomic_file.hpp), never over the
// file `protect` names. Throws OutputError, or WriteCancelled when `cancelled` returns true.
void write_sweep_file(const SweepResult& sweep, const std::string& path,
                      const std::function<bool()>& cancelled, const std::string& protect);

// Reads a shard file of `fupin sweep --shard`. Throws NotARunFile for a file that is not one (a
// whole sweep file, a run file, not HDF5, missing) and OutputError for a damaged one; messages
// start "cannot merge '<path>'".
SweepShardFile read_sweep_shard_file(const std::string& path);

}  // namespace fupin::output
