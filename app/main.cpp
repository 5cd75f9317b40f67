// fupin: simulate poverty-alleviation funding programmes from a YAML scenario.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/commands.hpp"
#include "fupin/version.hpp"

int main(int argc, char** argv) {
  using namespace fupin::app;
  CLI::App app{"fupin: parallel discrete-event simulation of poverty-alleviation resource allocation"};
  app.set_version_flag("--version", std::string("fupin ") + fupin::kVersion);
  app.require_subcommand(1);

  RunOptions run;
  CLI::App* run_cmd = app.add_subcommand("run", "Run every variant of a scenario and write one HDF5 file");
  run_cmd->add_option("scenario", run.scenario, "Scenario YAML file")->required();
  run_cmd->add_option("-o,--output", run.output, "HDF5 file to write (default: results/<scenario>.h5)");
  run_cmd->add_option("--threads", run.threads, "Worker threads (0: all cores; results do not depend on it)")
      ->check(CLI::Range(0U, 1024U));
  run_cmd->add_option("--seed", run.seed, "Override the scenario's random seed");
  run_cmd->add_flag("-q,--quiet", run.quiet, "No progress output on stderr");

  std::string check_file;
  CLI::App* check_cmd = app.add_subcommand("check", "Validate a scenario and print the money each stream moves per year");
  check_cmd->add_option("scenario", check_file, "Scenario YAML file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  if (*run_cmd) return run_command(run);
  if (*check_cmd) return check_command(check_file);
  return kExitBadInput;
}
