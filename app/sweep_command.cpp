// `fupin sweep`: plan the points, check each point's scenario, run the runs in parallel (each run
// single-threaded) with a journal, then write the sweep file and print the sensitivity indices.
#include "app/sweep_command.hpp"

#include <fmt/format.h>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analysis/sensitivity.hpp"
#include "app/commands.hpp"
#include "app/interrupt.hpp"
#include "app/sweep_journal.hpp"
#include "app/sweep_points.hpp"
#include "app/sweep_spec.hpp"
#include "fupin/version.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"
#include "models/world/world.hpp"
#include "output/output_error.hpp"
#include "output/sweep_file.hpp"
#include "sim/ledger.hpp"
#include "sim/random.hpp"

namespace fupin::app {

namespace fs = std::filesystem;

namespace {

// The overrides of one point: the sweep's fixed `set`, then each parameter's value.
std::vector<models::Override> point_overrides(const SweepSpec& spec,
                                              const std::vector<ParameterValue>& point) {
  std::vector<models::Override> out = spec.set;
  for (std::size_t k = 0; k < spec.parameters.size(); ++k)
    out.push_back({spec.parameters[k].path, point[k].text});
  return out;
}

std::string describe_point(const SweepSpec& spec, const std::vector<ParameterValue>& point) {
  std::string out;
  for (std::size_t k = 0; k < spec.parameters.size(); ++k) {
    if (k > 0) out.append(", ");
    out.append(spec.parameters[k].path).append("=").append(point[k].text);
  }
  return out;
}

// The variant a sweep runs, from a loaded scenario set; nullopt with `error` set if it is missing.
const models::Scenario* pick_variant(const models::ScenarioSet& set, const std::string& name,
                                     std::string& error) {
  if (name.empty()) {
    if (set.variants.size() == 1) return &set.variants.front();
    error = "the scenario has " + std::to_string(set.variants.size()) +
            " variants; name one with `variant:`";
    return nullptr;
  }
  for (const models::Scenario& v : set.variants) {
    if (v.variant == name) return &v;
  }
  std::string names;
  for (const models::Scenario& v : set.variants) {
    if (!names.empty()) names.append(", ");
    names.append(v.variant);
  }
  error = "the scenario has no variant '" + name + "' (variants: " + names + ")";
  return nullptr;
}

// The metrics of one finished run, in the sweep's order.
std::vector<double> run_metrics(const SweepSpec& spec, const models::VariantResult& result) {
  std::vector<double> out;
  for (const SweepMetric& m : spec.metrics) {
    if (m.year != 0) {
      for (const models::YearSummary& y : result.years) {
        if (y.year == m.year) out.push_back(metric_value(m.name, y));
      }
    } else {
      double sum = 0.0;
      for (const models::YearSummary& y : result.years) sum += metric_value(m.name, y);
      out.push_back(result.years.empty() ? 0.0 : sum / static_cast<double>(result.years.size()));
    }
  }
  return out;
}

std::uint64_t fingerprint(const SweepSpec& spec, const std::string& scenario_text) {
  std::string all = spec.text;
  all.push_back('\0');
  all.append(scenario_text);
  all.push_back('\0');
  all.append(fupin::kVersion);
  return sim::purpose_key(all);
}

output::SweepColumn number_column(std::string name, std::string description,
                                  std::vector<double> values) {
  return output::SweepColumn{std::move(name), std::string(1, '1'), std::move(description),
                             false,           std::move(values),   {}};
}

// The sensitivity indices of every metric the design supports, and their printout.
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

}  // namespace

int sweep_command(const SweepOptions& o) {
  install_interrupt_handlers();
  SweepSpec spec;
  models::ScenarioSet base;
  std::string scenario_path;
  try {
    spec = load_sweep_file(o.sweep);
    scenario_path = (fs::path(o.sweep).parent_path() / spec.scenario).string();
    base = models::load_scenario_file(scenario_path, spec.set);
  } catch (const models::ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return kExitBadInput;
  }
  const SweepPlan plan = plan_points(spec);
  const std::size_t replicates = spec.replicates;
  const std::size_t total = plan.points.size() * replicates;
  if (plan.points.empty()) {
    std::cerr << fmt::format("fupin: {}: the design has no points\n", o.sweep);
    return kExitBadInput;
  }
  // Every point's scenario is checked before anything runs: a sampled value out of range stops
  // the sweep here, not hours later.
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    try {
      const models::ScenarioSet set = models::load_scenario_text(
          base.text, scenario_path, point_overrides(spec, plan.points[p]));
      std::string error;
      const models::Scenario* v = pick_variant(set, spec.variant, error);
      if (v == nullptr) {
        std::cerr << fmt::format("{}: error: {}\n", o.sweep, error);
        return kExitBadInput;
      }
      for (const SweepMetric& m : spec.metrics) {
        if (m.year != 0 && (m.year < v->start_year || m.year > v->end_year)) {
          std::cerr << fmt::format(
              "{}: error: metric {}: year {} is outside the period {}–{} of the scenario\n",
              o.sweep, m.column, m.year, v->start_year, v->end_year);
          return kExitBadInput;
        }
      }
    } catch (const models::ScenarioError& e) {
      std::cerr << fmt::format("{}: point {} ({}): {}\n", o.sweep, p,
                               describe_point(spec, plan.points[p]), e.what());
      return kExitBadInput;
    }
  }

  const std::string out_path =
      o.output.empty() ? (fs::path("results") / fs::path(o.sweep).stem()).string() + ".h5"
                       : o.output;
  const fs::path parent = fs::path(out_path).parent_path();
  if (!parent.empty() && !fs::exists(parent)) {
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) {
      std::cerr << fmt::format("fupin: cannot create directory '{}': {}\n", parent.string(),
                               ec.message());
      return kExitFailure;
    }
  }
  const std::string header = fmt::format("fupin sweep journal 1 {:016x} runs {} metrics {}",
                                         fingerprint(spec, base.text), total, spec.metrics.size());
  std::optional<SweepJournal> journal;
  try {
    journal.emplace(out_path + ".journal", header, o.resume);
  } catch (const std::runtime_error& e) {
    std::cerr << "fupin: " << e.what() << '\n';
    return kExitBadInput;
  }

  std::vector<std::vector<double>> metrics(total);
  std::vector<bool> done(total, false);
  for (const auto& [run, values] : journal->finished()) {
    if (run < static_cast<std::int64_t>(total)) {
      metrics[static_cast<std::size_t>(run)] = values;
      done[static_cast<std::size_t>(run)] = true;
    }
  }
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < total; ++i) {
    if (!done[i]) todo.push_back(i);
  }
  if (!o.quiet) {
    std::cerr << fmt::format(
        "fupin: sweep {}: {} points x {} replicate{} = {} runs ({} design), {} to run with {} "
        "thread{}\n",
        o.sweep, plan.points.size(), replicates, replicates == 1 ? "" : "s", total,
        design_name(spec.design), todo.size(),
        o.threads == 0 ? std::string("all") : std::to_string(o.threads), o.threads == 1 ? "" : "s");
    if (o.resume)
      std::cerr << fmt::format("fupin: resuming: {} of {} runs already done\n", total - todo.size(),
                               total);
  }

  const auto start = std::chrono::steady_clock::now();
  std::atomic<bool> stop{false};
  std::atomic<std::size_t> finished{0};
  std::mutex error_mutex;
  std::string failure;  // the first run failure
  const auto run_one = [&](std::size_t run) {
    const std::size_t point = run / replicates;
    const std::size_t replicate = run % replicates;
    const models::ScenarioSet set = models::load_scenario_text(
        base.text, scenario_path, point_overrides(spec, plan.points[point]));
    std::string error;
    models::Scenario scenario = *pick_variant(set, spec.variant, error);
    scenario.seed +=
        replicate;  // common random numbers: replicate r has the same seed at every point
    const models::VariantResult result =
        models::simulate(scenario, 1, [&](const models::YearProgress&) {
          if (const int signal = interrupt_signal(); signal != 0) throw Interrupted(signal);
          if (stop.load()) throw Interrupted(0);
        });
    std::vector<double> values = run_metrics(spec, result);
    journal->append(static_cast<std::int64_t>(run), values);
    metrics[run] = std::move(values);
    const std::size_t n = ++finished;
    if (!o.quiet) {
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double eta = seconds / static_cast<double>(n) * static_cast<double>(todo.size() - n);
      std::lock_guard lock(error_mutex);
      std::cerr << fmt::format(
          "[{:7.1f}s] run {}/{} done (point {}, replicate {}); {} left, ETA {:.0f}s\n", seconds,
          run + 1, total, point, replicate, todo.size() - n, eta);
    }
  };
  // More runs at once than cores would only make TBB complain: capped, as the engine's threads are.
  const int cores = std::max(1, tbb::info::default_concurrency());
  tbb::task_arena arena(o.threads == 0 ? cores : std::min(cores, static_cast<int>(o.threads)));
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, todo.size(), 1),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                        for (std::size_t i = r.begin(); i != r.end(); ++i) {
                          if (stop.load() || interrupt_signal() != 0) return;
                          try {
                            run_one(todo[i]);
                          } catch (const Interrupted&) {
                            stop = true;
                          } catch (const std::exception& e) {
                            std::lock_guard lock(error_mutex);
                            if (failure.empty())
                              failure = fmt::format("run {}: {}", todo[i], e.what());
                            stop = true;
                          }
                        }
                      });
  });
  if (const int signal = interrupt_signal(); signal != 0) {
    std::cerr << fmt::format(
        "fupin: interrupted by {}; {} of {} runs are in the journal '{}'; `fupin sweep {} -o {} "
        "--resume` runs the rest\n",
        interrupt_signal_name(signal), total - todo.size() + finished.load(), total,
        journal->path(), o.sweep, out_path);
    return 128 + signal;
  }
  if (!failure.empty()) {
    std::cerr << fmt::format("fupin: sweep {}: {}; the finished runs are kept in '{}'\n", o.sweep,
                             failure, journal->path());
    return kExitFailure;
  }

  output::SweepResult result;
  result.title = base.variants.empty() ? std::string() : base.variants.front().name;
  result.history = "fupin sweep " + o.sweep;
  result.sweep_file = o.sweep;
  result.sweep_text = spec.text;
  result.scenario_file = scenario_path;
  result.scenario_text = base.text;
  result.variant = spec.variant;
  result.design = design_name(spec.design);
  result.seed = spec.seed;
  result.threads = o.threads;
  for (std::size_t i = 0; i < total; ++i) {
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
    for (std::size_t i = 0; i < total; ++i) {
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
    for (std::size_t i = 0; i < total; ++i) values.push_back(metrics[i][m]);
    const SweepMetric& metric = spec.metrics[m];
    result.metrics.push_back(number_column(
        metric.column,
        metric.year != 0
            ? fmt::format("{} in {} (yearly summary)", metric.name, metric.year)
            : fmt::format("{}, mean over the scenario's years (yearly summary)", metric.name),
        std::move(values)));
  }
  add_indices(spec, plan, metrics, result);
  try {
    output::write_sweep_file(
        result, out_path, [] { return interrupt_signal() != 0; }, o.sweep);
  } catch (const output::WriteCancelled&) {
    std::cerr << fmt::format(
        "fupin: interrupted while writing '{}'; the journal '{}' is kept: --resume writes it\n",
        out_path, journal->path());
    return 128 + interrupt_signal();
  } catch (const std::exception& e) {
    std::cerr << "fupin: " << e.what() << '\n';
    return kExitFailure;
  }
  journal->remove();
  std::cout << fmt::format("\nwrote {} ({} runs)\n", out_path, total);
  return kExitOk;
}

}  // namespace fupin::app
