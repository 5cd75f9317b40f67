#include "app/summary_table.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace fupin::app {

namespace {

double million(sim::Money m) { return m.yuan() / 1e6; }

}  // namespace

void print_summary(std::ostream& out, const models::RunResult& run) {
  fmt::print(out, "{} — {} households, seed {}\n", run.scenario_name, run.households, run.seed);
  for (const models::VariantResult& v : run.variants) {
    fmt::print(out, "\nvariant {}{}{}\n", v.name, v.description.empty() ? "" : ": ", v.description);
    fmt::print(out, "{:>6} {:>6} {:>7} {:>7} {:>7} {:>6} {:>8} {:>8} {:>7} {:>11} {:>11}\n", "year", "line",
               "P0", "P1", "P2", "Gini", "mean", "poor hh", "exits", "disbursed", "spent");
    for (const models::YearSummary& y : v.years) {
      fmt::print(out, "{:>6} {:>6.0f} {:>7.4f} {:>7.4f} {:>7.4f} {:>6.3f} {:>8.0f} {:>8} {:>7} {:>10.1f}M {:>10.1f}M\n",
                 y.year, y.poverty_line, y.headcount_ratio, y.fgt1, y.fgt2, y.gini, y.mean_income,
                 y.poor_households, y.exits, million(y.disbursed), million(y.spent));
    }
  }
  if (run.variants.size() < 2) return;
  fmt::print(out, "\nfinal year by variant (same random draws in every variant)\n");
  fmt::print(out, "{:<24} {:>7} {:>7} {:>7} {:>6} {:>9} {:>12}\n", "variant", "P0", "P1", "P2", "Gini", "exits",
             "total spent");
  for (const models::VariantResult& v : run.variants) {
    if (v.years.empty()) continue;
    const models::YearSummary& y = v.years.back();
    std::int64_t exits = 0;
    sim::Money spent;
    for (const models::YearSummary& e : v.years) {
      exits += e.exits;
      spent += e.spent;
    }
    fmt::print(out, "{:<24} {:>7.4f} {:>7.4f} {:>7.4f} {:>6.3f} {:>9} {:>11.1f}M\n", v.name, y.headcount_ratio,
               y.fgt1, y.fgt2, y.gini, exits, million(spent));
  }
}

}  // namespace fupin::app
