// The sweep file's contents from a sweep's runs, and its sensitivity indices.
#include "app/sweep_result.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iostream>

#include "analysis/sensitivity.hpp"
#include "app/sweep_metrics.hpp"
#include "fupin/version.hpp"
#include "sim/random.hpp"

namespace fupin::app {

namespace {

output::SweepColumn number_column(std::string name, std::string description,
                                  std::vector<double> values) {
  return output::SweepColumn{std::move(name), std::string(1, '1'), std::move(description),
                             false,           std::move(values),   {}};
}

}  // namespace

std::string sweep_digest(const std::string& sweep_text, const std::string& scenario_text) {
  std::string all = sweep_text;
  all.push_back('\0');
  all.append(scenario_text);
  all.push_back('\0');
  all.append(fupin::kVersion);
  return fmt::format("{:016x}", sim::purpose_key(all));
}

output::SweepResult sweep_result(const SweepSpec& spec, const SweepPlan& plan,
                                 const SweepSource& source, const std::vector<std::size_t>& runs,
                                 const std::vector<std::vector<double>>& metrics) {
  const std::size_t replicates = spec.replicates;
  output::SweepResult result;
  result.title = source.title;
  result.history = "fupin sweep " + source.sweep_file;
  result.sweep_file = source.sweep_file;
  result.sweep_text = spec.text;
  result.scenario_file = source.scenario_file;
  result.scenario_text = source.scenario_text;
  result.variant = spec.variant;
  result.design = design_name(spec.design);
  result.seed = spec.seed;
  result.threads = source.threads;
  for (const std::size_t i : runs) {
    result.run.push_back(static_cast<std::int64_t>(i));
    result.point.push_back(static_cast<std::int64_t>(i / replicates));
    result.replicate.push_back(static_cast<std::int64_t>(i % replicates));
  }
  for (std::size_t k = 0; k < spec.parameters.size(); ++k) {
    output::SweepColumn c;
    c.name = spec.parameters[k].path;
    c.description = "value of the scenario key " + c.name + " in the run";
    c.text = spec.parameters[k].text_levels;
    if (!c.text) c.units.assign(1, '1');
    for (const std::size_t i : runs) {
      const ParameterValue& v = plan.points[i / replicates][k];
      if (c.text) {
        c.strings.push_back(v.text);
      } else {
        c.numbers.push_back(v.number);
      }
    }
    result.parameters.push_back(std::move(c));
  }
  for (std::size_t m = 0; m < spec.metrics.size(); ++m) {
    std::vector<double> values;
    values.reserve(runs.size());
    for (const std::size_t i : runs) values.push_back(metrics[i][m]);
    const SweepMetric& metric = spec.metrics[m];
    result.metrics.push_back(
        number_column(metric.column, metric_description(metric), std::move(values)));
  }
  return result;
}

void add_indices(const SweepSpec& spec, const SweepPlan& plan,
                 const std::vector<std::vector<double>>& metrics, output::SweepResult& out) {
  if (spec.design != Design::sobol && spec.design != Design::morris) return;
  const std::size_t points = plan.points.size();
  const std::size_t r = spec.replicates;
  std::vector<std::string> names;
  for (const SweepParameter& p : spec.parameters) names.push_back(p.path);
  for (std::size_t m = 0; m < spec.metrics.size(); ++m) {
    std::vector<double> y(points, 0.0);
    bool finite = true;
    for (std::size_t p = 0; p < points; ++p) {
      double sum = 0.0;
      for (std::size_t k = 0; k < r; ++k) sum += metrics[p * r + k][m];
      y[p] = sum / static_cast<double>(r);
      finite = finite && std::isfinite(y[p]);
    }
    const std::string& metric = spec.metrics[m].column;
    if (!finite) {
      std::cout << fmt::format("\n{}: not a number at some points; no sensitivity indices\n",
                               metric);
      continue;
    }
    output::SweepIndices ix;
    ix.metric = metric;
    ix.parameters = names;
    std::cout << fmt::format("\nsensitivity of {} (mean over {} replicate{})\n", metric, r,
                             r == 1 ? "" : "s");
    if (spec.design == Design::sobol) {
      const analysis::SobolIndices s =
          analysis::sobol_indices(y, plan.sobol_base, names.size(), spec.bootstrap, spec.seed);
      ix.method = "sobol";
      const auto column = [&](const char* name, const char* what, auto pick) {
        std::vector<double> v;
        for (std::size_t k = 0; k < names.size(); ++k) v.push_back(pick(k));
        ix.columns.push_back(number_column(name, what, std::move(v)));
      };
      column("first", "first-order Sobol index (Saltelli et al. 2010)",
             [&](std::size_t k) { return s.first[k].estimate; });
      column("first_low", "lower end of the 95% bootstrap interval of first",
             [&](std::size_t k) { return s.first[k].low; });
      column("first_high", "upper end of the 95% bootstrap interval of first",
             [&](std::size_t k) { return s.first[k].high; });
      column("total", "total Sobol index (Jansen 1999)",
             [&](std::size_t k) { return s.total[k].estimate; });
      column("total_low", "lower end of the 95% bootstrap interval of total",
             [&](std::size_t k) { return s.total[k].low; });
      column("total_high", "upper end of the 95% bootstrap interval of total",
             [&](std::size_t k) { return s.total[k].high; });
      std::cout << fmt::format("  {:<40} {:>24} {:>24}\n", "parameter", "first-order [95% CI]",
                               "total [95% CI]");
      for (std::size_t k = 0; k < names.size(); ++k) {
        std::cout << fmt::format(
            "  {:<40} {:>7.3f} [{:>6.3f}, {:>6.3f}] {:>7.3f} [{:>6.3f}, {:>6.3f}]\n", names[k],
            s.first[k].estimate, s.first[k].low, s.first[k].high, s.total[k].estimate,
            s.total[k].low, s.total[k].high);
      }
    } else {
      const analysis::MorrisIndices mi = analysis::morris_indices(y, plan.morris);
      ix.method = "morris";
      ix.columns.push_back(number_column(
          "mu", "mean elementary effect (per unit of the parameter's quantile)", mi.mu));
      ix.columns.push_back(number_column("mu_star", "mean absolute elementary effect", mi.mu_star));
      ix.columns.push_back(
          number_column("sigma", "standard deviation of the elementary effects", mi.sigma));
      std::cout << fmt::format("  {:<40} {:>12} {:>12} {:>12}\n", "parameter", "mu*", "mu",
                               "sigma");
      for (std::size_t k = 0; k < names.size(); ++k) {
        std::cout << fmt::format("  {:<40} {:>12.5g} {:>12.5g} {:>12.5g}\n", names[k],
                                 mi.mu_star[k], mi.mu[k], mi.sigma[k]);
      }
    }
    out.indices.push_back(std::move(ix));
  }
}

}  // namespace fupin::app
