// The points of a sweep: the design's unit-cube coordinates (or grid indices) turned into each
// parameter's value, as the YAML text given to its `--set`-style override and as a number.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "analysis/designs.hpp"
#include "app/sweep_spec.hpp"

namespace fupin::app {

struct ParameterValue {
  std::string text;  // YAML text of the value
  double number;     // NaN for a level that is not a number
};

struct SweepPlan {
  std::vector<std::vector<ParameterValue>> points;  // [point][parameter]
  std::size_t sobol_base = 0;                       // sobol: n base rows (points = n (d + 2))
  analysis::MorrisDesign morris;                    // morris: the trajectories
};

SweepPlan plan_points(const SweepSpec& spec);

}  // namespace fupin::app
