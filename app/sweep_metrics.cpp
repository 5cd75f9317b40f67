// Checking and reading a sweep's metrics.
#include "app/sweep_metrics.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>

#include "models/scenario/edit_distance.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/world/world.hpp"

namespace fupin::app {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const models::RegionLevel& level_of(const models::World& w, const std::string& level) {
  if (level == "county") return w.counties;
  if (level == "township") return w.townships;
  return w.villages;
}

// The index of the region, or -1.
long region_index(const models::RegionLevel& level, const std::string& name) {
  for (std::size_t i = 0; i < level.size(); ++i) {
    if (level.name[i] == name) return static_cast<long>(i);
  }
  return -1;
}

[[noreturn]] void fail(const SweepSpec& spec, const SweepMetric& m, const std::string& message) {
  throw models::ScenarioError(m.at, m.where, m.where + ": " + message, spec.text);
}

// Mean of `value` over the years of a summary or region metric (year 0: every year).
template <typename Value>
double over_years(const std::vector<int>& years, int year, const Value& value) {
  if (year != 0) {
    for (std::size_t y = 0; y < years.size(); ++y) {
      if (years[y] == year) return value(y);
    }
    return kNaN;
  }
  double sum = 0.0;
  for (std::size_t y = 0; y < years.size(); ++y) sum += value(y);
  return years.empty() ? 0.0 : sum / static_cast<double>(years.size());
}

double target_metric(const SweepMetric& m, const models::VariantResult& result) {
  for (const models::TargetResult& t : result.targets) {
    if (t.name != m.name) continue;
    double value = 0.0, margin = 0.0;
    std::size_t applicable = 0, met = 0;
    for (std::size_t i = 0; i < t.applicable.size(); ++i) {
      if (t.applicable[i] == 0) continue;
      ++applicable;
      value += t.value[i];
      margin += t.margin[i];
      if (t.met[i] != 0) ++met;
    }
    if (applicable == 0) return kNaN;
    const auto n = static_cast<double>(applicable);
    if (m.of == "value") return value / n;
    if (m.of == "margin") return margin / n;
    return static_cast<double>(met) / n;
  }
  return kNaN;
}

double region_metric(const SweepMetric& m, long region, const models::VariantResult& result) {
  for (const models::LevelResults& l : result.by_level) {
    if (l.level != m.level) continue;
    for (const models::LevelResults::Real& series : l.real) {
      if (series.name != m.name) continue;
      return over_years(l.years, m.year, [&](std::size_t y) {
        return series.values[y * l.regions + static_cast<std::size_t>(region)];
      });
    }
  }
  return kNaN;
}

}  // namespace

void check_metrics(const SweepSpec& spec, const models::Scenario& scenario) {
  std::optional<models::World> regions;
  for (const SweepMetric& m : spec.metrics) {
    if (m.kind == SweepMetric::Kind::target) {
      std::vector<std::string> names;
      for (const models::TargetSpec& t : scenario.targets) names.push_back(t.name);
      if (std::find(names.begin(), names.end(), m.name) != names.end()) continue;
      if (names.empty())
        fail(spec, m, "the scenario has no targets (targets:) to take '" + m.name + "' from");
      const auto near = models::nearest_name(m.name, names);
      fail(spec, m,
           "the scenario has no target '" + m.name + "'" +
               (near ? " (did you mean '" + *near + "'?)" : "") +
               "; targets: " + models::join_names(names));
    } else if (m.kind == SweepMetric::Kind::region) {
      if (!regions) regions = models::build_regions(scenario.geography);
      const models::RegionLevel& level = level_of(*regions, m.level);
      if (region_index(level, m.region) >= 0) continue;
      const auto near = models::nearest_name(m.region, level.name);
      fail(spec, m,
           "the scenario has no " + m.level + " '" + m.region + "'" +
               (near ? " (did you mean '" + *near + "'?)" : "") + "; its " + m.level +
               " names run from '" + level.name.front() + "' to '" + level.name.back() + "'");
    }
  }
}

std::vector<double> run_metrics(const SweepSpec& spec, const models::Scenario& scenario,
                                const models::VariantResult& result) {
  std::optional<models::World> regions;
  std::vector<double> out;
  std::vector<int> years;
  for (const models::YearSummary& y : result.years) years.push_back(y.year);
  for (const SweepMetric& m : spec.metrics) {
    switch (m.kind) {
      case SweepMetric::Kind::summary:
        out.push_back(over_years(
            years, m.year, [&](std::size_t y) { return metric_value(m.name, result.years[y]); }));
        break;
      case SweepMetric::Kind::target: out.push_back(target_metric(m, result)); break;
      case SweepMetric::Kind::region: {
        if (!regions) regions = models::build_regions(scenario.geography);
        const long r = region_index(level_of(*regions, m.level), m.region);
        out.push_back(r < 0 ? kNaN : region_metric(m, r, result));
        break;
      }
    }
  }
  return out;
}

std::string metric_description(const SweepMetric& m) {
  const std::string when =
      m.year != 0 ? " in " + std::to_string(m.year) : ", mean over the scenario's years";
  switch (m.kind) {
    case SweepMetric::Kind::summary: return m.name + when + " (yearly summary)";
    case SweepMetric::Kind::target:
      if (m.of == "met_share")
        return "share of the regions where target " + m.name + " applies that meet it";
      return "target " + m.name + ": " + m.of + " (mean over the regions where it applies)";
    case SweepMetric::Kind::region: return m.name + " of " + m.level + " " + m.region + when;
  }
  return m.name;
}

}  // namespace fupin::app
