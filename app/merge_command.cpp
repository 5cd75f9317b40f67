// `fupin merge`: read the shard files, check that they make one whole sweep, rebuild the sweep's
// plan from the sweep file's text they carry, compute the sensitivity indices from every run and
// write the sweep file with the same writer as `fupin sweep`.
#include "app/merge_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <iostream>
#include <optional>

#include "app/commands.hpp"
#include "app/output_target.hpp"
#include "app/sweep_points.hpp"
#include "app/sweep_result.hpp"
#include "app/sweep_shard.hpp"
#include "app/sweep_spec.hpp"
#include "fupin/version.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "output/output_error.hpp"
#include "output/sweep_file.hpp"

namespace fupin::app {

int merge_command(const MergeOptions& o) {
  std::vector<InputFile> inputs;
  for (const std::string& s : o.shards) inputs.push_back({s, "shard file"});
  if (const auto refusal = refuse_output(o.output, "sweep file", inputs)) {
    std::cerr << "fupin: " << *refusal << '\n';
    return kExitBadInput;
  }
  std::vector<output::SweepShardFile> files;
  try {
    for (const std::string& path : o.shards) files.push_back(output::read_sweep_shard_file(path));
  } catch (const output::NotARunFile& e) {
    std::cerr << "fupin: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const output::OutputError& e) {
    std::cerr << "fupin: " << e.what() << '\n';
    return kExitFailure;
  }
  std::vector<ShardHeader> headers;
  for (const output::SweepShardFile& f : files) {
    // A shard's digest must be the one its own texts give with this fupin: the sweep file's plan
    // is rebuilt from them below.
    if (sweep_digest(f.sweep_text, f.scenario_text) != f.digest) {
      if (f.fupin_version != fupin::kVersion) {
        std::cerr << fmt::format(
            "fupin: '{}' was written by fupin {}, this is fupin {}: merge shards with the fupin "
            "that ran them\n",
            f.path, f.fupin_version, fupin::kVersion);
      } else {
        std::cerr << fmt::format(
            "fupin: '{}': its /meta@sweep_digest does not match its /meta/sweep and "
            "/meta/scenario: the file was altered\n",
            f.path);
      }
      return kExitBadInput;
    }
    headers.push_back({f.path, f.digest, f.total_runs, Shard{f.shard, f.shards}, f.run});
  }
  if (const auto error = check_shards(headers)) {
    std::cerr << "fupin: cannot merge: " << *error << '\n';
    return kExitBadInput;
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.shard < b.shard; });
  const output::SweepShardFile& first = files.front();
  SweepSpec spec;
  try {
    spec = load_sweep_text(first.sweep_file, first.sweep_text);
  } catch (const models::ScenarioError& e) {
    std::cerr << fmt::format("fupin: '{}': its sweep file's text does not load: {}\n", first.path,
                             e.what());
    return kExitBadInput;
  }
  const SweepPlan plan = plan_points(spec);
  const std::size_t total = first.total_runs;
  if (plan.points.size() * spec.replicates != total) {
    std::cerr << fmt::format("fupin: '{}': the sweep has {} runs, the shard says {}\n", first.path,
                             plan.points.size() * spec.replicates, total);
    return kExitBadInput;
  }
  std::vector<std::vector<double>> metrics(total);
  for (const output::SweepShardFile& f : files) {
    if (f.metrics.size() != spec.metrics.size()) {
      std::cerr << fmt::format("fupin: '{}': {} metric columns, the sweep has {}\n", f.path,
                               f.metrics.size(), spec.metrics.size());
      return kExitBadInput;
    }
    for (std::size_t k = 0; k < f.run.size(); ++k) {
      std::vector<double>& row = metrics[static_cast<std::size_t>(f.run[k])];
      for (const output::SweepColumn& c : f.metrics) row.push_back(c.numbers[k]);
    }
  }
  // The merged file names the sweep as shard 1 does: the sweep file, the scenario file and the
  // thread count it was run with.
  const SweepSource source{first.title, first.sweep_file, first.scenario_file, first.scenario_text,
                           first.threads};
  std::vector<std::size_t> runs(total);
  for (std::size_t i = 0; i < total; ++i) runs[i] = i;
  output::SweepResult result = sweep_result(spec, plan, source, runs, metrics);
  add_indices(spec, plan, metrics, result);
  try {
    output::write_sweep_file(result, o.output, {}, first.path);
  } catch (const std::exception& e) {
    std::cerr << "fupin: " << e.what() << '\n';
    return kExitFailure;
  }
  std::cout << fmt::format("\nwrote {} ({} runs from {} shards)\n", o.output, total, files.size());
  return kExitOk;
}

}  // namespace fupin::app
