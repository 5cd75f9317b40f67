// fupin: simulate poverty-alleviation funding programmes from a YAML scenario.
#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/compare_command.hpp"
#include "app/merge_command.hpp"
#include "app/report_command.hpp"
#include "app/sweep_command.hpp"
#include "fupin/version.hpp"
#include "models/scenario/scenario.hpp"

namespace {

// The range of the scenario's `seed` key: a whole number from 0 to 2^64 - 1, digits only.
std::string check_seed(const std::string& text) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return "must be a whole number from 0 to 18446744073709551615, got '" + text + "'";
  }
  return {};
}

// Last resort for an exception that cannot be caught in main (thrown from a destructor or a
// noexcept function): say so and exit 1 instead of aborting.
[[noreturn]] void on_terminate() noexcept {
  std::string what = "unknown error";
  if (const std::exception_ptr current = std::current_exception()) {
    try {
      std::rethrow_exception(current);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
  }
  std::cerr << "fupin: internal error: " << what << '\n';
  std::_Exit(fupin::app::kExitFailure);
}

}  // namespace

// The commands run inside a try that catches everything. What the option setup and parsing before
// it could throw (std::bad_alloc, a CLI::ConstructionError for a malformed option) reaches
// on_terminate, installed first, which says so and exits 1.
// NOLINTNEXTLINE(bugprone-exception-escape): on_terminate handles what escapes, as above
int main(int argc, char** argv) {
  std::set_terminate(&on_terminate);
  using namespace fupin::app;
  CLI::App app{
      "fupin: parallel discrete-event simulation of poverty-alleviation resource allocation"};
  app.set_version_flag("--version", std::string("fupin ") + fupin::kVersion);
  app.require_subcommand(1);

  RunOptions run;
  CLI::App* run_cmd =
      app.add_subcommand("run", "Run every variant of a scenario and write one HDF5 file");
  run_cmd->add_option("scenario", run.scenario, "Scenario YAML file")->required();
  run_cmd->add_option("-o,--output", run.output,
                      "HDF5 file to write (default: results/<scenario>.h5)");
  run_cmd
      ->add_option("--threads", run.threads,
                   "Worker threads (0: all cores; results do not depend on it)")
      ->check(CLI::Range(0U, 1024U));
  run_cmd->add_option("--seed", run.seed, "Override the scenario's random seed (0 to 2^64-1)")
      ->check(CLI::Validator(check_seed, "UINT64"));
  run_cmd->add_option(
      "--households", run.households,
      "Household panel years: all, none or a comma-separated list (overrides output.households)");
  run_cmd->add_flag("-q,--quiet", run.quiet, "No progress output on stderr");
  run_cmd
      ->add_option("--set", run.set,
                   "Override a scenario key: key.path=value (repeatable; docs/scenario.md)")
      ->allow_extra_args(false);
  run_cmd
      ->add_option("--replicates", run.replicates,
                   "Run every variant N times with independent seeds (overrides output.replicates; "
                   "1 to 1000)")
      ->check(CLI::Range(1, fupin::models::kMaxReplicates));

  std::string check_file;
  CLI::App* check_cmd = app.add_subcommand(
      "check", "Validate a scenario and print the money each stream moves per year");
  check_cmd->add_option("scenario", check_file, "Scenario YAML file")->required();
  std::vector<std::string> check_set;
  check_cmd
      ->add_option("--set", check_set,
                   "Override a scenario key: key.path=value (repeatable; docs/scenario.md)")
      ->allow_extra_args(false);

  std::string export_file;
  std::string export_dir;
  CLI::App* export_cmd = app.add_subcommand(
      "export", "Write a run file's results as tidy CSV tables (one value per row)");
  export_cmd
      ->add_option("run_file", export_file,
                   "HDF5 run file written by fupin run, or sweep file of fupin sweep")
      ->required();
  export_cmd->add_option("--csv", export_dir, "Directory for the CSV tables (created if missing)")
      ->required();

  SweepOptions sweep;
  CLI::App* sweep_cmd = app.add_subcommand(
      "sweep",
      "Run a sensitivity sweep over scenario keys and write one HDF5 file (docs/sweep.md); "
      "in an MPI build under mpirun, over its ranks (docs/cluster.md)");
  sweep_cmd->add_option("sweep", sweep.sweep, "Sweep YAML file")->required();
  sweep_cmd->add_option("-o,--output", sweep.output,
                        "HDF5 file to write (default: results/<sweep>.h5)");
  sweep_cmd
      ->add_option("--threads", sweep.threads,
                   "Runs at once (0: all cores; results do not depend on it)")
      ->check(CLI::Range(0U, 1024U));
  sweep_cmd->add_option(
      "--shard", sweep.shard,
      "Run only shard i of N (i from 1 to N: runs r with r mod N = i-1) and write a shard file "
      "for `fupin merge` (docs/cluster.md)");
  sweep_cmd->add_flag("--resume", sweep.resume,
                      "Finish an interrupted sweep from its journal (<output>.journal)");
  sweep_cmd->add_flag("-q,--quiet", sweep.quiet, "No progress output on stderr");
  MergeOptions merge;
  CLI::App* merge_cmd = app.add_subcommand("merge",
                                           "Join the shard files of `fupin sweep --shard i/N` into "
                                           "the sweep's HDF5 file (docs/cluster.md)");
  merge_cmd->add_option("-o,--output", merge.output, "Sweep file to write")->required();
  merge_cmd
      ->add_option("shards", merge.shards, "Shard files, every shard 1/N to N/N once, in any order")
      ->required();
  CompareOptions compare;
  CLI::App* compare_cmd = app.add_subcommand("compare",
                                             "Paired differences of key metrics between variants, "
                                             "with 95% intervals from their replicates");
  compare_cmd->add_option("run_file", compare.file, "HDF5 run file written by fupin run")
      ->required();
  compare_cmd->add_option(
      "other", compare.other,
      "A second run file: compare its variants with the same-named variants of the first");
  compare_cmd->add_option("-o,--output", compare.output,
                          "HDF5 file to store the differences of every year");
  compare_cmd->add_option(
      "--against", compare.against,
      "The variant of the run file the others are compared with (default: the counterfactual the "
      "run file records, else the first)");
  ReportOptions report;
  CLI::App* report_cmd = app.add_subcommand(
      "report",
      "Write a self-contained HTML report (charts and tables) of a run, compare or sweep file");
  report_cmd
      ->add_option("file", report.file,
                   "HDF5 file written by fupin run, fupin compare -o or fupin sweep")
      ->required();
  report_cmd->add_option("-o,--output", report.output,
                         "HTML file to write (default: the file with .html)");
  report_cmd->add_option("--lang", report.language, "Language of the labels: en or zh")
      ->check(CLI::IsMember({"en", "zh"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  // Nothing escapes: an unexpected exception is a failed run (exit 1) with a message saying what
  // failed, never std::terminate.
  const std::string what = *run_cmd       ? "run " + run.scenario
                           : *check_cmd   ? "check " + check_file
                           : *sweep_cmd   ? "sweep " + sweep.sweep
                           : *compare_cmd ? "compare " + compare.file
                           : *report_cmd  ? "report " + report.file
                           : *merge_cmd   ? "merge -o " + merge.output
                                          : "export " + export_file;
  try {
    if (*run_cmd) return run_command(run);
    if (*check_cmd) return check_command(check_file, check_set);
    if (*export_cmd) return export_command(export_file, export_dir);
    if (*sweep_cmd) return sweep_command(sweep);
    if (*compare_cmd) {
      compare.command_line = "fupin compare " + compare.file +
                             (compare.other.empty() ? "" : " " + compare.other) +
                             (compare.against ? " --against " + *compare.against : std::string());
      return compare_command(compare);
    }
    if (*report_cmd) return report_command(report);
    if (*merge_cmd) return merge_command(merge);
  } catch (const std::bad_alloc&) {
    std::cerr << "fupin: " << what << ": out of memory\n";
    return kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "fupin: " << what << ": failed: " << e.what() << '\n';
    return kExitFailure;
  } catch (...) {
    std::cerr << "fupin: " << what << ": failed with an unknown error\n";
    return kExitFailure;
  }
  return kExitBadInput;
}
