// Cost of one household's draw in the hot loops, per layout and per normal method.
//   bench_random [--benchmark_repetitions=5]
// The "stream" cases are the layout before 2026-11-26 (a fresh Philox stream per household and
// draw); Box–Muller is kept here only as the reference the inverse-CDF normal replaced.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <numbers>

#include "sim/random.hpp"

namespace {

using fupin::sim::EntityDraws;
using fupin::sim::RandomSource;
using fupin::sim::RandomStream;

constexpr std::uint64_t kHouseholds = 1 << 16;

void StreamUniform(benchmark::State& state) {
  const RandomSource src(1, "bench.uniform");
  for (auto _ : state) {
    double sum = 0.0;
    for (std::uint64_t i = 0; i < kHouseholds; ++i) sum += src.stream(i, 2016).uniform();
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kHouseholds));
}
BENCHMARK(StreamUniform);

void EntityUniform(benchmark::State& state) {
  for (auto _ : state) {
    EntityDraws draws(1, "bench.uniform");
    double sum = 0.0;
    for (std::uint64_t i = 0; i < kHouseholds; ++i) sum += draws.uniform(i, 2016);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kHouseholds));
}
BENCHMARK(EntityUniform);

// The former normal: Box–Muller from a fresh stream, the second value of the pair thrown away.
void StreamBoxMuller(benchmark::State& state) {
  const RandomSource src(1, "bench.normal");
  for (auto _ : state) {
    double sum = 0.0;
    for (std::uint64_t i = 0; i < kHouseholds; ++i) {
      RandomStream rs = src.stream(i, 2016);
      const double u1 = rs.uniform();
      const double u2 = rs.uniform();
      sum += std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kHouseholds));
}
BENCHMARK(StreamBoxMuller);

void StreamInverse(benchmark::State& state) {
  const RandomSource src(1, "bench.normal");
  for (auto _ : state) {
    double sum = 0.0;
    for (std::uint64_t i = 0; i < kHouseholds; ++i) sum += src.stream(i, 2016).normal();
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kHouseholds));
}
BENCHMARK(StreamInverse);

void EntityInverse(benchmark::State& state) {
  for (auto _ : state) {
    EntityDraws draws(1, "bench.normal");
    double sum = 0.0;
    for (std::uint64_t i = 0; i < kHouseholds; ++i) sum += draws.normal(i, 2016);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kHouseholds));
}
BENCHMARK(EntityInverse);

}  // namespace

BENCHMARK_MAIN();
