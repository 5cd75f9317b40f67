// The subcommands of the fupin CLI. Each returns the process exit code:
// 0 success, 1 run failure (e.g. a ledger that does not balance, an unwritable file), 2 bad input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fupin::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

struct RunOptions {
  std::string scenario;
  std::string output;  // empty: results/<scenario stem>.h5
  unsigned threads = 0;
  std::optional<std::uint64_t> seed;
  // Household panel years for every variant: "all", "none" or "2014,2016" (overrides the
  // scenario's output.households).
  std::optional<std::string> households;
  bool quiet = false;
  // `--set key.path=value` overrides of the scenario, in order (docs/scenario.md).
  std::vector<std::string> set;
  // Runs of every variant with independent seeds (overrides the scenario's output.replicates).
  std::optional<int> replicates;
};

int run_command(const RunOptions& options);
int check_command(const std::string& scenario, const std::vector<std::string>& set = {});
// Writes the tidy CSV tables of run file `run_file` into `directory`.
int export_command(const std::string& run_file, const std::string& directory);

}  // namespace fupin::app
