// `fupin sweep`: plan the points, check each point's scenario, run the runs in parallel (each run
// single-threaded) with a journal, then write the sweep file and print the sensitivity indices.
#include "app/sweep_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/interrupt.hpp"
#include "app/memory_estimate.hpp"
#include "app/output_target.hpp"
#include "app/shared_loads.hpp"
#include "app/sweep_journal.hpp"
#include "app/sweep_metrics.hpp"
#include "app/sweep_points.hpp"
#include "app/sweep_ranks.hpp"
#include "app/sweep_result.hpp"
#include "app/sweep_shard.hpp"
#include "app/sweep_spec.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"
#include "models/world/world.hpp"
#include "output/output_error.hpp"
#include "output/sweep_file.hpp"
#include "sim/ledger.hpp"
#include "sim/parallel.hpp"

namespace fupin::app {

namespace fs = std::filesystem;

namespace {

// The most bytes of scenario text (points × the scenario file's size) whose points' scenarios a
// sweep keeps from its check for its runs. A loaded scenario takes a small multiple of its file
// (about 1.6 times, docs/sweep.md): 16 MiB of text keeps 1,800 points of a 9 KB scenario.
constexpr std::size_t kKeptPointsText = std::size_t{16} << 20;

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

}  // namespace

int sweep_command(const SweepOptions& o) {
  install_interrupt_handlers();
  SweepRanks ranks;
  std::optional<Shard> shard;
  if (!o.shard.empty()) {
    std::string error;
    shard = parse_shard(o.shard, error);
    if (!shard) {
      std::cerr << "fupin: " << error << '\n';
      return kExitBadInput;
    }
  }
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
  // The variant every run simulates; each point loads it alone (the file's other variants were
  // checked once, above).
  std::string variant;
  {
    std::string error;
    const models::Scenario* v = pick_variant(base, spec.variant, error);
    if (v == nullptr) {
      std::cerr << fmt::format("{}: error: {}\n", o.sweep, error);
      return kExitBadInput;
    }
    variant = v->variant;
  }
  const SweepPlan plan = plan_points(spec);
  const std::size_t replicates = spec.replicates;
  const std::size_t total = plan.points.size() * replicates;
  if (plan.points.empty()) {
    std::cerr << fmt::format("fupin: {}: the design has no points\n", o.sweep);
    return kExitBadInput;
  }
  if (shard && shard->count > total) {
    std::cerr << fmt::format(
        "fupin: --shard {}: the sweep {} has {} runs; split it into at most {} shards\n", o.shard,
        o.sweep, total, total);
    return kExitBadInput;
  }
  // Runs at once: the threads asked for (capped at the cores, as the engine's threads are), and
  // (below) no more than fit in memory together.
  const int cores = sim::parallel::default_concurrency();
  const auto wanted = static_cast<std::size_t>(
      o.threads == 0 ? cores : std::min(cores, static_cast<int>(o.threads)));

  // Every point's scenario is checked before anything runs: a sampled value out of range stops
  // the sweep here, not hours later. The largest run's memory is estimated on the way. The points
  // are loaded side by side (each on its own); the first point in order with a problem is the
  // one reported, whatever the threads.
  // A checked point's scenario is kept for its runs (each point then loaded once, not once to
  // check it and once more to run it) while the points' files together stay small
  // (kKeptPointsText); a sweep of more or larger points loads each again for its runs.
  struct PointCheck {
    std::string error;  // the message, if the point cannot run
    MemoryEstimate run;
    std::optional<models::Scenario> kept;  // the point's scenario, if kept for its runs
  };
  std::vector<PointCheck> checks(plan.points.size());
  const bool keep_checked = plan.points.size() * base.text.size() <= kKeptPointsText;
  const auto check_point = [&](std::size_t p) {
    PointCheck& c = checks[p];
    try {
      models::ScenarioSet set = models::load_scenario_variant(
          base.text, scenario_path, point_overrides(spec, plan.points[p]), variant,
          models::Resolved::left_empty);
      const models::Scenario* v = &set.variants.front();
      for (const SweepMetric& m : spec.metrics) {
        if (m.year != 0 && (m.year < v->start_year || m.year > v->end_year)) {
          c.error = fmt::format(
              "{}: error: metric {}: year {} is outside the period {}–{} of the scenario", o.sweep,
              m.column, m.year, v->start_year, v->end_year);
          return;
        }
      }
      try {
        check_metrics(spec, *v);
      } catch (const models::ScenarioError& e) {
        c.error = e.what();
        return;
      }
      // A run simulates this one variant.
      c.run = estimate_memory(models::ScenarioSet{set.file, {}, {*v}});
      if (keep_checked) c.kept = std::move(set.variants.front());
    } catch (const models::ScenarioError& e) {
      c.error = fmt::format("{}: point {} ({}): {}", o.sweep, p,
                            describe_point(spec, plan.points[p]), e.what());
    }
  };
  {
    sim::parallel::Scope scope(static_cast<int>(wanted));
    scope.run([&] { sim::parallel::for_each(plan.points.size(), 1, check_point); });
  }
  MemoryEstimate per_run;
  for (const PointCheck& c : checks) {
    if (!c.error.empty()) {
      std::cerr << c.error << '\n';
      return kExitBadInput;
    }
    if (c.run.bytes > per_run.bytes) per_run = c.run;
  }

  // No more runs at once than fit in memory together; a sweep whose largest run alone does not
  // fit stops here.
  const MemoryLimit limit = memory_limit();
  // Rank 0 decides the refusal for every rank (below, with the other checks of the output), so
  // that ranks on machines of different memory do not part ways.
  const std::size_t fit = runs_that_fit(per_run.bytes, limit.bytes, wanted);
  const std::size_t at_once = std::max<std::size_t>(fit, 1);
  if (fit != 0 && fit < wanted && !o.quiet && ranks.leader()) {
    std::cerr << fmt::format(
        "fupin: a run needs about {} of memory: {} run{} at once instead of {}, to stay within {} "
        "({}); the results do not depend on it\n",
        bytes_text(per_run.bytes), at_once, at_once == 1 ? "" : "s", wanted, limit.what,
        bytes_text(limit.bytes));
  }

  const std::string out_path =
      o.output.empty() ? (fs::path("results") / fs::path(o.sweep).stem()).string() +
                             (shard ? fmt::format("-shard-{}-of-{}", shard->index, shard->count)
                                    : std::string()) +
                             ".h5"
                       : o.output;
  const std::vector<std::size_t> mine =
      shard ? shard_runs(total, *shard) : std::vector<std::size_t>();
  const std::size_t count = shard ? mine.size() : total;  // the runs this file holds
  const std::string digest = sweep_digest(spec.text, base.text);
  std::vector<std::vector<double>> metrics(total);
  std::optional<SweepJournal> journal;
  std::vector<std::size_t> todo;
  // Rank 0 alone (the only one without MPI) checks the output, keeps the journal and says what
  // is left to run; the other ranks learn it from share().
  int status = kExitOk;
  if (ranks.leader()) {
    status = [&] {
      if (fit == 0) {
        std::cerr << fmt::format(
            "fupin: {}: a run needs about {} of memory ({} households in its scenario), more "
            "than {} ({}); nothing was run. Use a smaller geography.\n",
            o.sweep, bytes_text(per_run.bytes), per_run.households, limit.what,
            bytes_text(limit.bytes));
        return kExitBadInput;
      }
      const std::string what = shard ? "shard file" : "sweep file";
      if (const auto refusal = refuse_output(
              out_path, what, {{o.sweep, "sweep file"}, {scenario_path, "scenario file"}})) {
        std::cerr << "fupin: " << *refusal << '\n';
        return kExitBadInput;
      }
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
      const std::string header = fmt::format(
          "fupin sweep journal 1 {}{} runs {} metrics {}", digest,
          shard ? " shard " + shard_name(*shard) : std::string(), total, spec.metrics.size());
      try {
        journal.emplace(out_path + ".journal", header, o.resume);
      } catch (const std::runtime_error& e) {
        std::cerr << "fupin: " << e.what() << '\n';
        return kExitBadInput;
      }
      std::vector<bool> done(total, false);
      for (const auto& [run, values] : journal->finished()) {
        if (run < static_cast<std::int64_t>(total)) {
          metrics[static_cast<std::size_t>(run)] = values;
          done[static_cast<std::size_t>(run)] = true;
        }
      }
      for (std::size_t i = 0; i < total; ++i) {
        if (!done[i] && (!shard || in_shard(i, *shard))) todo.push_back(i);
      }
      if (!o.quiet) {
        std::cerr << fmt::format(
            "fupin: sweep {}{}: {} points x {} replicate{} = {} runs ({} design), {} to run with "
            "{} thread{}{}{}\n",
            o.sweep, shard ? fmt::format(" shard {} ({} runs)", shard_name(*shard), count) : "",
            plan.points.size(), replicates, replicates == 1 ? "" : "s", total,
            design_name(spec.design), todo.size(),
            o.threads == 0 ? std::string("all") : std::to_string(o.threads),
            o.threads == 1 ? "" : "s",
            at_once < wanted ? fmt::format(" ({} at once for memory)", at_once) : "",
            ranks.size() > 1 ? fmt::format(" on each of {} MPI ranks", ranks.size()) : "");
        if (o.resume)
          std::cerr << fmt::format("fupin: resuming: {} of {} runs already done\n",
                                   count - todo.size(), count);
      }
      return kExitOk;
    }();
  }
  ranks.share(status, todo);
  if (status != kExitOk) return status;

  const auto start = std::chrono::steady_clock::now();
  std::atomic<std::size_t> finished{0};
  std::mutex print_mutex;
  // Rank 0 records every run, its own and the other ranks'.
  const RunDone record = [&](std::size_t run, std::vector<double> values) {
    journal->append(static_cast<std::int64_t>(run), values);
    metrics[run] = std::move(values);
    const std::size_t n = ++finished;
    if (!o.quiet) {
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double eta = seconds / static_cast<double>(n) * static_cast<double>(todo.size() - n);
      std::lock_guard lock(print_mutex);
      std::cerr << fmt::format(
          "[{:7.1f}s] run {}/{} done (point {}, replicate {}); {} left, ETA {:.0f}s\n", seconds,
          run + 1, total, run / replicates, run % replicates, todo.size() - n, eta);
    }
  };
  const RunWork work = [&](const std::vector<std::size_t>& runs, const RunDone& done,
                           std::atomic<bool>& stop) {
    RanksOutcome outcome;
    std::mutex failure_mutex;
    // Each point's scenario is loaded once for the replicates of it that run here.
    std::vector<std::size_t> users(plan.points.size(), 0);
    for (const std::size_t run : runs) ++users[run / replicates];
    // A point run nowhere here (another rank's or shard's, or finished before a resume) lets its
    // kept scenario go now.
    for (std::size_t p = 0; p < users.size(); ++p) {
      if (users[p] == 0) checks[p].kept.reset();
    }
    SharedLoads<models::Scenario> points(users, [&](std::size_t point) {
      // Called once for each point (under the point's lock): its kept scenario is moved out.
      if (std::optional<models::Scenario>& kept = checks[point].kept) {
        models::Scenario scenario = std::move(*kept);
        kept.reset();
        return scenario;
      }
      return models::load_scenario_variant(base.text, scenario_path,
                                           point_overrides(spec, plan.points[point]), variant,
                                           models::Resolved::left_empty)
          .variants.front();
    });
    const auto run_one = [&](std::size_t run) {
      const std::size_t point = run / replicates;
      const std::size_t replicate = run % replicates;
      models::Scenario scenario = points.take(point);
      scenario.seed +=
          replicate;  // common random numbers: replicate r has the same seed at every point
      const models::VariantResult result =
          models::simulate(scenario, 1, [&](const models::YearProgress&) {
            if (const int signal = interrupt_signal(); signal != 0) throw Interrupted(signal);
            if (stop.load()) throw Interrupted(0);
          });
      done(run, run_metrics(spec, scenario, result));
    };
    sim::parallel::Scope scope(static_cast<int>(at_once));
    scope.run([&] {
      sim::parallel::for_each(runs.size(), 1, [&](std::size_t i) {
        if (stop.load() || interrupt_signal() != 0) return;
        try {
          run_one(runs[i]);
        } catch (const Interrupted&) {
          stop = true;
        } catch (const std::exception& e) {
          std::lock_guard lock(failure_mutex);
          if (outcome.failure.empty())
            outcome.failure = fmt::format("run {}: {}", runs[i], e.what());
          stop = true;
        }
      });
    });
    outcome.signal = interrupt_signal();
    return outcome;
  };
  const RanksOutcome outcome = ranks.execute(todo, work, record);
  if (!ranks.leader()) {
    if (outcome.signal != 0) return 128 + outcome.signal;
    return outcome.failure.empty() ? kExitOk : kExitFailure;
  }
  if (outcome.signal != 0) {
    std::cerr << fmt::format(
        "fupin: interrupted by {}; {} of {} runs are in the journal '{}'; `fupin sweep {} -o {}{} "
        "--resume` runs the rest\n",
        interrupt_signal_name(outcome.signal), count - todo.size() + finished.load(), count,
        journal->path(), o.sweep, out_path, shard ? " --shard " + o.shard : std::string());
    return 128 + outcome.signal;
  }
  if (!outcome.failure.empty()) {
    std::cerr << fmt::format("fupin: sweep {}: {}; the finished runs are kept in '{}'\n", o.sweep,
                             outcome.failure, journal->path());
    return kExitFailure;
  }

  const SweepSource source{base.variants.empty() ? std::string() : base.variants.front().name,
                           o.sweep, scenario_path, base.text, o.threads};
  std::vector<std::size_t> runs = mine;
  if (!shard) {
    for (std::size_t i = 0; i < total; ++i) runs.push_back(i);
  }
  output::SweepResult result = sweep_result(spec, plan, source, runs, metrics);
  if (shard) {
    result.history += " --shard " + shard_name(*shard);
    result.shard = static_cast<std::uint32_t>(shard->index);
    result.shards = static_cast<std::uint32_t>(shard->count);
    result.digest = digest;
    result.total_runs = total;
  } else {
    add_indices(spec, plan, metrics, result);
  }
  try {
    output::write_sweep_file(
        result, out_path, [] { return interrupt_signal() != 0; }, o.sweep);
  } catch (const output::WriteCancelled&) {
    std::cerr << fmt::format(
        "fupin: interrupted by {} while writing '{}'; the journal '{}' is kept: --resume writes "
        "it\n",
        interrupt_signal_name(interrupt_signal()), out_path, journal->path());
    return 128 + interrupt_signal();
  } catch (const std::exception& e) {
    std::cerr << "fupin: " << e.what() << '\n';
    return kExitFailure;
  }
  journal->remove();
  if (shard) {
    std::cout << fmt::format(
        "\nwrote {} (shard {}: {} of {} runs); `fupin merge` joins it with the other shards\n",
        out_path, shard_name(*shard), count, total);
  } else {
    std::cout << fmt::format("\nwrote {} ({} runs)\n", out_path, total);
  }
  return kExitOk;
}

}  // namespace fupin::app
