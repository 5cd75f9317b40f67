// Throughput of whole simulations of the R1 reference model, in household-years per second.
//   bench_simulation --benchmark_filter=R1 [--benchmark_repetitions=5]
// Peak memory of a whole run is measured on the CLI instead: see bench/README.md.
#include <benchmark/benchmark.h>

#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"

namespace {

void R1(benchmark::State& state) {
  const auto set = fupin::models::load_scenario_file(std::string(FUPIN_SOURCE_DIR) +
                                                     "/scenarios/reference_r1.yaml");
  fupin::models::Scenario s = set.variants.back();  // poverty_gap
  s.geography.households_per_village = static_cast<int>(state.range(0));
  const auto threads = static_cast<unsigned>(state.range(1));
  const double household_years =
      static_cast<double>(s.geography.counties) * s.geography.townships_per_county *
      s.geography.villages_per_township * s.geography.households_per_village * s.years();
  for (auto _ : state) {
    auto r = fupin::models::simulate(s, threads);
    benchmark::DoNotOptimize(r);
  }
  state.counters["household_years_per_s"] =
      benchmark::Counter(household_years, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(R1)
    ->Args({40, 1})
    ->Args({40, 2})
    ->Args({400, 1})
    ->Args({400, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
