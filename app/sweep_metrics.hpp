// The metrics a sweep keeps of each run (docs/sweep.md, "metrics"): checked against a point's
// scenario before anything runs, then read from each finished run.
#pragma once

#include <string>
#include <vector>

#include "app/sweep_spec.hpp"
#include "models/results.hpp"
#include "models/scenario/scenario.hpp"

namespace fupin::app {

// Checks that every target metric names a target of `scenario` and every region metric a region
// of its geography; throws models::ScenarioError located at the metric in the sweep file.
void check_metrics(const SweepSpec& spec, const models::Scenario& scenario);

// The metrics of one finished run of `scenario`, in the sweep's order. A target metric that
// applies to no region is NaN.
std::vector<double> run_metrics(const SweepSpec& spec, const models::Scenario& scenario,
                                const models::VariantResult& result);

// The metric in words, for the description of its column in the sweep file.
std::string metric_description(const SweepMetric& m);

}  // namespace fupin::app
