// Splitting a sweep over independent jobs (docs/cluster.md): `--shard i/N` runs the runs r with
// r mod N = i - 1, and `fupin merge` checks that a set of shard files makes one whole sweep.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fupin::app {

// Shard `index` of `count`, counted from 1 (as Slurm's job-array task ids are).
struct Shard {
  std::size_t index = 1;
  std::size_t count = 1;
};

// Parses "i/N" with 1 <= i <= N; nullopt with `error` saying what is wrong otherwise.
std::optional<Shard> parse_shard(const std::string& text, std::string& error);

// "i/N".
std::string shard_name(const Shard& s);

// The shard a run belongs to: run r goes to shard (r mod N) + 1, whatever the threads or ranks.
inline bool in_shard(std::size_t run, const Shard& s) { return run % s.count == s.index - 1; }

// The runs of shard `s` of a sweep of `total` runs, in increasing order.
std::vector<std::size_t> shard_runs(std::size_t total, const Shard& s);

// What a shard file says about itself, as `fupin merge` reads it.
struct ShardHeader {
  std::string file;    // its path, for messages
  std::string digest;  // the sweep's digest (app/sweep_result.hpp)
  std::size_t total = 0;
  Shard shard;
  std::vector<std::int64_t> runs;  // the runs it holds, in file order
};

// Why `shards` do not make one whole sweep — a shard of another sweep or of another split, a
// shard given twice or missing, a run missing from its shard or not its own — naming the
// offending file; nullopt if they do.
std::optional<std::string> check_shards(const std::vector<ShardHeader>& shards);

}  // namespace fupin::app
