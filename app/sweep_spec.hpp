// The sweep file (docs/sweep.md): a base scenario, parameters by key path with their levels,
// range or distribution, a design, replicates and the metrics to keep. Every key is checked with
// errors at file:line:column, like scenario files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/results.hpp"
#include "models/scenario/scenario_loader.hpp"

namespace fupin::app {

enum class Design { grid, latin_hypercube, sobol, morris };
const char* design_name(Design d);

struct SweepParameter {
  enum class Kind { levels, range, uniform, normal, triangular };
  std::string path;
  Kind kind = Kind::levels;
  std::vector<std::string> levels;  // as YAML text, in order
  bool text_levels = false;         // a level that is not a number: the column holds strings
  double min = 0, max = 0, mode = 0, mean = 0, sd = 0;
  std::size_t steps = 0;  // grid only, for a range or a distribution
  int decimals = -1;      // round sampled values to this many decimals (-1: no rounding)
};

struct SweepMetric {
  enum class Kind {
    summary,  // a yearly summary measure (metric_names())
    target,   // a target of the scenario: its value, margin or met_share
    region,   // a by-level series (models::level_real_names()) of one region
  };
  Kind kind = Kind::summary;
  std::string name;    // the measure, or (target) the target's name
  std::string of;      // target: "value", "margin" or "met_share"
  std::string level;   // region: "county", "township" or "village"
  std::string region;  // region: the region's name
  int year = 0;        // 0: the mean over the period (not for targets)
  std::string column;  // "headcount_ratio_2010", "target_x_margin", "poor_people_county_C01_2010"
  std::string where;   // YAML path of the metric's name, target or region ("metrics[2].target")
  models::SourceLocation at;  // its place in the sweep file, for errors found against the scenario
};

struct SweepSpec {
  std::string file;
  std::string text;
  std::string scenario;  // path of the base scenario (relative to the sweep file's directory)
  std::string variant;   // empty: the scenario's only variant
  std::vector<models::Override> set;  // fixed overrides of every run
  Design design = Design::grid;
  std::size_t size = 0;  // points (latin_hypercube), base rows (sobol), trajectories (morris)
  std::size_t morris_levels = 4;
  std::size_t replicates = 1;
  std::uint64_t seed = 0;
  std::size_t bootstrap = 200;
  std::vector<SweepParameter> parameters;
  std::vector<SweepMetric> metrics;
};

// Reads and checks a sweep file; throws models::ScenarioError located in it.
SweepSpec load_sweep_file(const std::string& path);
// The same for a sweep file's text already read (e.g. from a shard file's /meta/sweep); `path`
// locates errors.
SweepSpec load_sweep_text(const std::string& path, const std::string& text);

// The yearly summary measures a metric may name, and one's value.
const std::vector<std::string>& metric_names();
double metric_value(const std::string& name, const models::YearSummary& y);

}  // namespace fupin::app
