// Cost of the yearly sort of (income, people) observations by input size: the run's sort
// (models/metrics/income_sort.hpp, with and without its path for small inputs) against a plain
// comparison sort of the same observations. Items are observations.
//   bench_income_sort [--benchmark_repetitions=5]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "models/metrics/income_sort.hpp"
#include "sim/random.hpp"

namespace {

using fupin::models::CompactObservation;

// Log-normal incomes (median 5,000 yuan, sigma 0.6) and household sizes 1-7, one per household.
std::vector<CompactObservation> households(std::size_t n) {
  fupin::sim::EntityDraws income(7, "bench.income");
  fupin::sim::EntityDraws size(7, "bench.size");
  std::vector<CompactObservation> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double y = 5000.0 * std::exp(0.6 * income.normal(i, 0));
    out[i] = {y, static_cast<std::uint16_t>(1 + static_cast<int>(size.uniform(i, 0) * 7.0))};
  }
  return out;
}

fupin::models::ObservationSource source_of(const std::vector<CompactObservation>& in) {
  return [&in](std::size_t begin, std::size_t end, const fupin::models::IncomeWindow* window,
               CompactObservation* out) {
    std::size_t m = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const double y = in[i].income;
      if (window == nullptr || (y >= window->low && y < window->high)) out[m++] = in[i];
    }
    return m;
  };
}

void RunSort(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<CompactObservation> in = households(n);
  const auto source = source_of(in);
  std::vector<CompactObservation> obs;
  std::vector<CompactObservation> scratch;
  for (auto _ : state) {
    fupin::models::sort_by_income(n, source, obs, scratch);
    benchmark::DoNotOptimize(obs.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(RunSort)->RangeMultiplier(4)->Range(256, 1 << 20)->Arg(6144)->Arg(8192)->Arg(12288);

// A plain comparison sort of the same observations: `std::stable_sort` or `std::sort`.
template <bool kStable>
void ComparisonSortOf(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<CompactObservation> in = households(n);
  std::vector<CompactObservation> obs;
  const auto less = [](const CompactObservation& a, const CompactObservation& b) {
    return a.income < b.income || (a.income == b.income && a.weight < b.weight);
  };
  for (auto _ : state) {
    obs = in;
    if constexpr (kStable)
      std::stable_sort(obs.begin(), obs.end(), less);
    else
      std::sort(obs.begin(), obs.end(), less);
    benchmark::DoNotOptimize(obs.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(ComparisonSortOf<true>)->Name("StableSort")->RangeMultiplier(4)->Range(256, 1 << 20);
BENCHMARK(ComparisonSortOf<false>)
    ->Name("ComparisonSort")
    ->RangeMultiplier(4)
    ->Range(256, 1 << 20)
    ->Arg(6144)
    ->Arg(8192)
    ->Arg(12288);

}  // namespace

BENCHMARK_MAIN();
