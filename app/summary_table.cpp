#include "app/summary_table.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>
#include <string>

namespace fupin::app {

namespace {

double million(sim::Money m) { return m.yuan() / 1e6; }

}  // namespace

void print_summary(std::ostream& out, const models::RunResult& run) {
  fmt::print(out, "{} — {} households, seed {}\n", run.scenario_name, run.households, run.seed);
  for (const models::VariantResult& v : run.variants) {
    fmt::print(out, "\nvariant {}{}{}\n", v.name, v.description.empty() ? "" : ": ", v.description);
    fmt::print(out, "{:>6} {:>6} {:>7} {:>7} {:>7} {:>6} {:>8} {:>8} {:>7} {:>11} {:>11}\n", "year",
               "line", "P0", "P1", "P2", "Gini", "mean", "poor hh", "exits", "disbursed", "spent");
    for (const models::YearSummary& y : v.years) {
      fmt::print(out,
                 "{:>6} {:>6.0f} {:>7.4f} {:>7.4f} {:>7.4f} {:>6.3f} {:>8.0f} {:>8} {:>7} "
                 "{:>10.1f}M {:>10.1f}M\n",
                 y.year, y.poverty_line, y.headcount_ratio, y.fgt1, y.fgt2, y.gini, y.mean_income,
                 y.poor_households, y.exits, million(y.disbursed), million(y.spent));
    }
  }
  if (run.variants.size() < 2) return;
  fmt::print(out, "\nfinal year by variant (same random draws in every variant)\n");
  bool counterfactual = false;
  for (const models::VariantResult& v : run.variants) {
    counterfactual =
        counterfactual || (!v.years.empty() && std::isfinite(v.years.back().people_lifted));
  }
  fmt::print(out, "{:<24} {:>7} {:>7} {:>7} {:>6} {:>9} {:>12}{}\n", "variant", "P0", "P1", "P2",
             "Gini", "exits", "total spent",
             counterfactual ? fmt::format(" {:>10} {:>13}", "lifted", "yuan/lifted") : "");
  for (const models::VariantResult& v : run.variants) {
    if (v.years.empty()) continue;
    const models::YearSummary& y = v.years.back();
    std::int64_t exits = 0;
    sim::Money spent;
    for (const models::YearSummary& e : v.years) {
      exits += e.exits;
      spent += e.spent;
    }
    std::string lifted;
    if (counterfactual) {
      lifted = std::isfinite(y.people_lifted) ? fmt::format(" {:>10.0f}", y.people_lifted)
                                              : fmt::format(" {:>10}", "-");
      lifted += std::isfinite(y.cost_per_person_lifted)
                    ? fmt::format(" {:>13.0f}", y.cost_per_person_lifted)
                    : fmt::format(" {:>13}", "-");
    }
    fmt::print(out, "{:<24} {:>7.4f} {:>7.4f} {:>7.4f} {:>6.3f} {:>9} {:>11.1f}M{}\n", v.name,
               y.headcount_ratio, y.fgt1, y.fgt2, y.gini, exits, million(spent), lifted);
  }
}

void print_targets(std::ostream& out, const models::RunResult& run) {
  bool any = false;
  for (const models::VariantResult& v : run.variants) any = any || !v.targets.empty();
  if (!any) return;
  const auto region_name = [&run](const std::string& level, std::size_t r) -> std::string {
    for (const models::RegionTable& t : run.geography) {
      if (t.level == level && r < t.names.size()) return t.names[r];
    }
    return level;
  };
  for (const models::VariantResult& v : run.variants) {
    if (v.targets.empty()) continue;
    fmt::print(out,
               "\ntargets of variant {} (met: regions met / regions scored; value: the whole "
               "scenario's, or "
               "the worst region's)\n",
               v.name);
    fmt::print(out, "{:<28} {:<9} {:>6} {:>9} {:>11} {:>11}  {}\n", "target", "level", "year",
               "met", "value", "threshold", "worst region");
    for (const models::TargetResult& t : v.targets) {
      std::size_t scored = 0, met = 0, worst = t.value.size();
      for (std::size_t r = 0; r < t.value.size(); ++r) {
        if (t.applicable[r] == 0) continue;
        ++scored;
        met += t.met[r];
        if (worst == t.value.size() || t.margin[r] < t.margin[worst]) worst = r;
      }
      const std::string year = t.years_after_selection >= 0
                                   ? fmt::format("sel+{}", t.years_after_selection)
                                   : std::to_string(t.year);
      const std::string threshold = fmt::format("{} {:.4g}", t.at_least ? ">=" : "<=", t.threshold);
      const std::string value =
          worst < t.value.size() ? fmt::format("{:.4f}", t.value[worst]) : "n/a";
      const std::string where =
          worst < t.value.size() && t.level != "scenario" ? region_name(t.level, worst) : "";
      fmt::print(out, "{:<28} {:<9} {:>6} {:>9} {:>11} {:>11}  {}\n", t.name, t.level, year,
                 fmt::format("{}/{}", met, scored), value, threshold, where);
    }
  }
}

}  // namespace fupin::app
