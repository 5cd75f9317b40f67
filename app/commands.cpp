#include "app/commands.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

#include "app/interrupt.hpp"
#include "app/memory_estimate.hpp"
#include "app/output_target.hpp"
#include "app/replicates.hpp"
#include "app/summary_table.hpp"
#include "models/programmes/money_plan.hpp"
#include "models/programmes/scenario_warnings.hpp"
#include "models/scenario/programme_kind.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"
#include "models/world/world.hpp"
#include "output/export_csv.hpp"
#include "output/export_sweep_csv.hpp"
#include "output/run_file.hpp"
#include "sim/ledger.hpp"

namespace fupin::app {

namespace fs = std::filesystem;

namespace {

std::string default_output(const std::string& scenario) {
  return (fs::path("results") / fs::path(scenario).stem()).string() + ".h5";
}

int interrupted_exit(int signal) { return 128 + signal; }

// Loads `scenario` with the `--set` arguments applied; ScenarioError on bad input.
models::ScenarioSet load_with_overrides(const std::string& scenario,
                                        const std::vector<std::string>& set) {
  std::vector<models::Override> overrides;
  overrides.reserve(set.size());
  for (const std::string& argument : set) overrides.push_back(models::parse_override(argument));
  return models::load_scenario_file(scenario, overrides);
}

std::string set_history(const std::vector<std::string>& set) {
  std::string out;
  for (const std::string& argument : set) out += " --set " + argument;
  return out;
}

// Applies `--households` to every variant; the error, if the value is not all, none or a list of
// increasing years inside every variant's period.
std::optional<std::string> set_household_years(models::ScenarioSet& set, const std::string& text) {
  for (models::Scenario& v : set.variants) {
    std::vector<int>& years = v.output.household_years;
    years.clear();
    if (text == "none") continue;
    if (text == "all") {
      for (int y = v.start_year; y <= v.end_year; ++y) years.push_back(y);
      continue;
    }
    std::size_t at = 0;
    while (at <= text.size()) {
      const std::size_t comma = std::min(text.find(',', at), text.size());
      const std::string item = text.substr(at, comma - at);
      int year = 0;
      const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), year);
      if (item.empty() || ec != std::errc() || end != item.data() + item.size()) {
        return "expected all, none or years separated by commas (e.g. 2014,2016); '" + item +
               "' is not a year";
      }
      if (year < v.start_year || year > v.end_year) {
        return fmt::format("year {} is outside the period {}–{} of variant '{}'", year,
                           v.start_year, v.end_year, v.variant);
      }
      if (!years.empty() && year <= years.back()) return "years must be in increasing order";
      years.push_back(year);
      at = comma + 1;
    }
  }
  return std::nullopt;
}

}  // namespace

int run_command(const RunOptions& o) {
  install_interrupt_handlers();
  models::ScenarioSet set;
  try {
    set = load_with_overrides(o.scenario, o.set);
  } catch (const models::ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return kExitBadInput;
  }
  if (o.seed) {
    for (models::Scenario& v : set.variants) v.seed = *o.seed;
  }
  if (o.replicates) {
    for (models::Scenario& v : set.variants) v.output.replicates = *o.replicates;
  }
  if (o.households) {
    if (const auto error = set_household_years(set, *o.households)) {
      std::cerr << "fupin: --households " << *o.households << ": " << *error << '\n';
      return kExitBadInput;
    }
  }
  const std::string output = o.output.empty() ? default_output(o.scenario) : o.output;
  if (const auto refusal = refuse_output(output, "run file", {{o.scenario, "scenario file"}})) {
    std::cerr << "fupin: " << *refusal << '\n';
    return kExitBadInput;
  }
  // Before anything is allocated: a run that cannot fit stops here, not in std::bad_alloc (or
  // the kernel's out-of-memory killer) hours later.
  const MemoryEstimate estimate = estimate_memory(set);
  if (const MemoryLimit limit = memory_limit(); limit.bytes != 0 && estimate.bytes > limit.bytes) {
    std::cerr << fmt::format(
        "fupin: {}: the run needs about {} of memory ({} households in the largest variant), more "
        "than {} ({}); "
        "nothing was run. Use a smaller geography or fewer variants.\n",
        o.scenario, bytes_text(estimate.bytes), estimate.households, limit.what,
        bytes_text(limit.bytes));
    return kExitBadInput;
  }
  const fs::path parent = fs::path(output).parent_path();
  if (!parent.empty() && !fs::exists(parent)) {
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) {
      std::cerr << fmt::format("fupin: cannot create directory '{}': {}\n", parent.string(),
                               ec.message());
      return kExitFailure;
    }
  }

  const auto start = std::chrono::steady_clock::now();
  // Called at the end of every simulated year: the point where a signal stops the run.
  const auto progress = [&](const models::YearProgress& p) {
    if (const int signal = interrupt_signal(); signal != 0) {
      std::cerr << fmt::format(
          "fupin: interrupted by {} after year {} of variant '{}'; stopping, no run file written\n",
          interrupt_signal_name(signal), p.year, p.variant);
      throw Interrupted(signal);
    }
    if (o.quiet) return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << fmt::format(
        "[{:7.1f}s] {}: year {} ({}/{})  P0 {:.4f}  exits {}  disbursed {:.1f}M yuan\n", seconds,
        p.variant, p.year, p.year - p.first_year + 1, p.last_year - p.first_year + 1,
        p.summary.headcount_ratio, p.summary.exits, p.summary.disbursed.yuan() / 1e6);
  };
  // Each panel year goes into the run file (a temporary until finish) as it ends, and each variant
  // as soon as it has run: no household panel is held in memory, and neither are the results by
  // region of the variants already written (every village's series: a fixed cost of the geography,
  // 280 MB a variant in the national scenario). Nothing after the variant's write reads them (the
  // comparisons with counterfactuals and the summary are of the yearly totals).
  output::RunFileWriter file(output, [] { return interrupt_signal() != 0; });
  remove_on_second_signal(output + ".tmp-" + std::to_string(::getpid()));
  const auto write_variant = [&](const models::RunResult& so_far, models::VariantResult& variant) {
    file.add_variant(so_far, variant);
    variant.households = {};
    std::vector<models::LevelResults>().swap(variant.by_level);
  };
  const auto write_panel_year = [&](const models::HouseholdYear& year) {
    file.add_panel_year(year);
  };
  models::RunResult run;
  try {
    if (!o.quiet) {
      std::cerr << fmt::format("fupin: running {} ({} variant{}) with {} thread{}\n", o.scenario,
                               set.variants.size(), set.variants.size() == 1 ? "" : "s",
                               o.threads == 0 ? std::string("all") : std::to_string(o.threads),
                               o.threads == 1 ? "" : "s");
    }
    run = models::begin_run(set, o.threads);
    run.history =
        "fupin run " + o.scenario +
        (o.seed ? " --seed " + std::to_string(*o.seed) : std::string()) +
        (o.households ? " --households " + *o.households : std::string()) +
        (o.replicates ? " --replicates " + std::to_string(*o.replicates) : std::string()) +
        set_history(o.set);
    models::run_variants(set, run, progress, write_variant, write_panel_year);
    add_replicates(set, o, run, start);
  } catch (const Interrupted& e) {
    return interrupted_exit(e.signal());
  } catch (const output::WriteCancelled&) {
    const int signal = interrupt_signal();
    std::cerr << fmt::format(
        "fupin: interrupted by {} while storing a variant's results; stopping, no run file "
        "written\n",
        interrupt_signal_name(signal));
    return interrupted_exit(signal);
  } catch (const output::OutputError& e) {
    std::cerr << "fupin: " << e.what() << '\n';
    return kExitFailure;
  } catch (const sim::LedgerError& e) {
    std::cerr << "fupin: ledger check failed: " << e.what() << '\n';
    return kExitFailure;
  } catch (const models::IncomeError& e) {
    std::cerr << "fupin: " << o.scenario << ": run failed: " << e.what() << '\n';
    return kExitFailure;
  } catch (const std::invalid_argument& e) {
    std::cerr << "fupin: " << o.scenario << ": " << e.what() << '\n';
    return kExitBadInput;
  }
  if (const int signal = interrupt_signal(); signal != 0) {
    std::cerr << fmt::format(
        "fupin: interrupted by {} after the simulation; stopping, no run file written\n",
        interrupt_signal_name(signal));
    return interrupted_exit(signal);
  }
  try {
    file.finish(run);
  } catch (const output::WriteCancelled&) {
    const int signal = interrupt_signal();
    std::cerr << fmt::format(
        "fupin: interrupted by {} while writing '{}'; the temporary file '{}.tmp-{}' was removed "
        "and '{}' is "
        "unchanged\n",
        interrupt_signal_name(signal), output, output, ::getpid(), output);
    return interrupted_exit(signal);
  } catch (const std::exception& e) {
    std::cerr << "fupin: " << e.what() << '\n';
    return kExitFailure;
  }
  print_summary(std::cout, run);
  print_targets(std::cout, run);
  std::cout << "\nwrote " << output << '\n';
  return kExitOk;
}

int check_command(const std::string& scenario, const std::vector<std::string>& overrides) {
  models::ScenarioSet set;
  try {
    set = load_with_overrides(scenario, overrides);
  } catch (const models::ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return kExitBadInput;
  }
  std::cout << fmt::format("{}: valid, {} variant{}\n", scenario, set.variants.size(),
                           set.variants.size() == 1 ? "" : "s");
  const MemoryEstimate estimate = estimate_memory(set);
  const MemoryLimit limit = memory_limit();
  std::cout << fmt::format("memory: `fupin run` needs about {}{}\n", bytes_text(estimate.bytes),
                           limit.bytes == 0 ? std::string()
                           : estimate.bytes > limit.bytes
                               ? fmt::format(", more than {} ({}): the run would be refused",
                                             limit.what, bytes_text(limit.bytes))
                               : fmt::format(" of {} ({})", limit.what, bytes_text(limit.bytes)));
  // Valid, but not what the planner meant: rule weights with a factor that cannot act, money per
  // household that can never buy a programme's unit.
  for (const models::Scenario& v : set.variants) {
    for (const std::string& w : models::scenario_warnings(v))
      std::cerr << "warning: " << scenario << ": " << w << '\n';
  }
  for (const models::Scenario& v : set.variants) {
    const auto& g = v.geography;
    std::cout << fmt::format(
        "\nvariant {} — {}–{}, {} counties, {} townships, {} villages, {} households\n", v.variant,
        v.start_year, v.end_year, g.counties, g.counties * g.townships_per_county,
        g.counties * g.townships_per_county * g.villages_per_township,
        static_cast<long long>(g.counties) * g.townships_per_county * g.villages_per_township *
            g.households_per_village);
    if (!g.provinces.empty()) {
      std::cout << fmt::format("  {} provinces (counties, names):", g.provinces.size());
      int first = 1;
      for (const models::ProvinceSpec& p : g.provinces) {
        std::cout << fmt::format("\n    {} {} ({}–{})", p.name, p.counties, g.county_name(first),
                                 g.county_name(first + p.counties - 1));
        first += p.counties;
      }
      std::cout << '\n';
    }
    std::cout << fmt::format("  {:<22} {:<22} {:>6} {:>20}  {}\n", "programme", "stream", "year",
                             "yuan", "recipients");
    sim::Money total;
    bool at_most = false;
    for (const models::PlannedFlow& f : models::plan_money(v)) {
      const std::string recipients =
          f.recipients > 0 ? fmt::format("{} {}", f.recipients, f.recipient) : f.recipient;
      if (f.account.empty()) {
        std::cout << fmt::format("  {:<22} {:<22} {:>6} {:>20}  pooled from its sources: {}\n",
                                 f.programme, f.stream, f.year, f.amount.str(), recipients);
      } else {
        std::cout << fmt::format("  {:<22} {:<22} {:>6} {:>20}  {}{}\n", f.programme, f.stream,
                                 f.year, f.amount.str(), f.at_most ? "at most; " : "", recipients);
        total += f.amount;
        at_most = at_most || f.at_most;
      }
      for (const models::LevelAmount& l : f.levels) {
        const std::string rounding =
            l.rounding.fen() > 0
                ? fmt::format(" (± {} fen: administrative cost rounded per region)",
                              l.rounding.fen())
                : "";
        if (!l.pooled_into.empty()) {
          std::cout << fmt::format(
              "  {:<22} {:<22} {:>6} {:>20}  reaches the {} level, pooled there into {}{}\n", "",
              "", "", l.amount.str(), l.level, l.pooled_into, rounding);
        } else {
          std::cout << fmt::format("  {:<22} {:<22} {:>6} {:>20}  reaches the {} level{}\n", "", "",
                                   "", l.amount.str(), l.level, rounding);
        }
      }
    }
    std::cout << fmt::format("  {:<22} {:<22} {:>6} {:>20}{}\n", "total", "", "", total.str(),
                             at_most ? "  at most" : "");
    std::cout << "  (money that finds no candidate below a level stays held there, carried over, "
                 "returned or lost\n"
                 "   as the programme's idle_money says; the levels below then receive less)\n";
    for (const models::ProgrammeSpec& p : v.programmes) {
      const std::vector<models::AllocationStage>* stages = models::kind_info(p).allocation(p);
      if (stages == nullptr || stages->empty()) continue;
      std::string pooled_into;
      for (const models::ProgrammeSpec& q : v.programmes) {
        const std::vector<std::string> sources = models::kind_info(q).pools(q);
        if (std::find(sources.begin(), sources.end(), p.name) != sources.end())
          pooled_into = q.name;
      }
      std::string text;
      for (const auto& st : *stages) {
        if (!pooled_into.empty() && st.level != models::Level::county) {
          text +=
              fmt::format("; pooled there into {} (the stages below are not used)", pooled_into);
          break;
        }
        text += fmt::format("{}{} by {}", text.empty() ? "" : ", then ",
                            models::level_name(st.level), st.rule);
      }
      std::cout << fmt::format("  {} ({}): split to {}\n", p.name, p.kind(), text);
    }
    // What the run will score: each target's metric, level, year and threshold.
    for (const models::TargetSpec& t : v.targets) {
      const std::string when = t.years_after_selection >= 0
                                   ? fmt::format("selection year + {}", t.years_after_selection)
                                   : std::to_string(t.year);
      const std::string where = t.level == models::TargetLevel::scenario
                                    ? std::string("for the whole scenario")
                                    : std::string("per ") + models::target_level_name(t.level);
      std::cout << fmt::format("  target {}: {} {} {} by {}, {}\n", t.name,
                               models::target_metric_name(t.metric),
                               t.at_least ? ">=" : "<=", t.threshold, when, where);
    }
    if (!v.counterfactual.empty()) {
      std::cout << fmt::format("  people lifted and cost per person lifted against variant {}\n",
                               v.counterfactual);
    }
    if (v.output.replicates > 1) {
      std::cout << fmt::format(
          "  replicates: {} (replicate 0 with seed {}, the others with seeds derived from it)\n",
          v.output.replicates, v.seed);
    }
    if (!v.output.household_years.empty()) {
      std::cout << fmt::format("  household panel: {} year{} ({}–{})\n",
                               v.output.household_years.size(),
                               v.output.household_years.size() == 1 ? "" : "s",
                               v.output.household_years.front(), v.output.household_years.back());
    }
  }
  return kExitOk;
}

int export_command(const std::string& run_file, const std::string& directory) {
  std::vector<output::ExportedTable> tables;
  try {
    tables = output::is_sweep_file(run_file) ? output::export_sweep_csv(run_file, directory)
                                             : output::export_csv(run_file, directory);
  } catch (const output::NotARunFile& e) {
    std::cerr << "fupin: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const output::OutputError& e) {
    std::cerr << "fupin: " << e.what() << '\n';
    return kExitFailure;
  }
  for (const output::ExportedTable& t : tables)
    std::cout << fmt::format("wrote {} ({} rows)\n", t.path, t.rows);
  return kExitOk;
}

}  // namespace fupin::app
