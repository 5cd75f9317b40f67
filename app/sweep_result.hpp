// The contents of a sweep file from a sweep's spec, plan and runs' metrics: shared by `fupin
// sweep`, which runs the runs, and `fupin merge`, which reads them from shard files, so that both
// write the same file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app/sweep_points.hpp"
#include "app/sweep_spec.hpp"
#include "output/sweep_file.hpp"

namespace fupin::app {

// The sweep's identity: a hash of the sweep file's and the base scenario's text and of fupin's
// version, as 16 hex digits. Journals and shard files carry it.
std::string sweep_digest(const std::string& sweep_text, const std::string& scenario_text);

// Where the sweep came from, as its file records it.
struct SweepSource {
  std::string title;  // the base scenario's first variant's name
  std::string sweep_file;
  std::string scenario_file;
  std::string scenario_text;
  std::uint32_t threads = 0;
};

// The sweep file's tables for `runs` (increasing run indices); `metrics[run]` holds each one's
// metrics. No sensitivity indices (add_indices) and history "fupin sweep <sweep file>".
output::SweepResult sweep_result(const SweepSpec& spec, const SweepPlan& plan,
                                 const SweepSource& source, const std::vector<std::size_t>& runs,
                                 const std::vector<std::vector<double>>& metrics);

// Adds the sensitivity indices of every metric the design supports, computed from every run's
// `metrics` (indexed by run), and prints them on stdout.
void add_indices(const SweepSpec& spec, const SweepPlan& plan,
                 const std::vector<std::vector<double>>& metrics, output::SweepResult& out);

}  // namespace fupin::app
