// From design coordinates to parameter values.
#include "app/sweep_points.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace fupin::app {

namespace {

ParameterValue number_value(const SweepParameter& p, double v) {
  if (p.decimals >= 0) {
    std::string text = fmt::format("{:.{}f}", v, p.decimals);
    if (text == "-0" || text.rfind("-0.", 0) == 0) {
      if (std::strtod(text.c_str(), nullptr) == 0.0) text.erase(0, 1);  // no negative zero
    }
    return {text, std::strtod(text.c_str(), nullptr)};
  }
  return {fmt::format("{}", v), v};
}

ParameterValue level_value(const SweepParameter& p, std::size_t i) {
  const std::string& text = p.levels[i];
  return {text, p.text_levels ? std::numeric_limits<double>::quiet_NaN()
                              : std::strtod(text.c_str(), nullptr)};
}

// The value at quantile u of the parameter's range or distribution.
double quantile(const SweepParameter& p, double u) {
  switch (p.kind) {
    case SweepParameter::Kind::range:
    case SweepParameter::Kind::uniform: return p.min + u * (p.max - p.min);
    case SweepParameter::Kind::normal:
      return boost::math::quantile(boost::math::normal_distribution<>(p.mean, p.sd), u);
    case SweepParameter::Kind::triangular:
      return boost::math::quantile(boost::math::triangular_distribution<>(p.min, p.mode, p.max), u);
    case SweepParameter::Kind::levels: break;
  }
  return u;
}

ParameterValue at_unit(const SweepParameter& p, double u) {
  if (p.kind == SweepParameter::Kind::levels) {
    const std::size_t n = p.levels.size();
    return level_value(p, std::min(static_cast<std::size_t>(u * static_cast<double>(n)), n - 1));
  }
  return number_value(p, quantile(p, u));
}

ParameterValue at_step(const SweepParameter& p, std::size_t i) {
  if (p.kind == SweepParameter::Kind::levels) return level_value(p, i);
  const auto n = static_cast<double>(p.steps);
  if (p.kind == SweepParameter::Kind::range) {
    // Both ends included; the last step is max itself.
    return number_value(
        p, i + 1 == p.steps ? p.max : p.min + static_cast<double>(i) * (p.max - p.min) / (n - 1));
  }
  return number_value(p, quantile(p, (static_cast<double>(i) + 0.5) / n));
}

}  // namespace

SweepPlan plan_points(const SweepSpec& spec) {
  SweepPlan plan;
  const std::size_t d = spec.parameters.size();
  const auto from_unit = [&](const analysis::Points& points) {
    for (const auto& u : points) {
      std::vector<ParameterValue> row;
      for (std::size_t k = 0; k < d; ++k) row.push_back(at_unit(spec.parameters[k], u[k]));
      plan.points.push_back(std::move(row));
    }
  };
  switch (spec.design) {
    case Design::grid: {
      std::vector<std::size_t> counts;
      for (const SweepParameter& p : spec.parameters) {
        counts.push_back(p.kind == SweepParameter::Kind::levels ? p.levels.size() : p.steps);
      }
      for (const auto& index : analysis::full_grid(counts)) {
        std::vector<ParameterValue> row;
        for (std::size_t k = 0; k < d; ++k) row.push_back(at_step(spec.parameters[k], index[k]));
        plan.points.push_back(std::move(row));
      }
      break;
    }
    case Design::latin_hypercube:
      from_unit(analysis::latin_hypercube(spec.size, d, spec.seed));
      break;
    case Design::sobol:
      plan.sobol_base = spec.size;
      from_unit(analysis::saltelli(spec.size, d));
      break;
    case Design::morris:
      plan.morris = analysis::morris(spec.size, d, spec.morris_levels, spec.seed);
      from_unit(plan.morris.points);
      break;
  }
  return plan;
}

}  // namespace fupin::app
