#include "models/metrics/income_sort.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "sim/parallel.hpp"

namespace fupin::models {
namespace {

constexpr int kDigitBits = 11;
constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
constexpr std::uint64_t kMask = kBuckets - 1;
// Digit 0 is the weight; digits 1..6 the income's 64 bits, least significant first.
constexpr int kDigits = 7;
constexpr double kMaxWeight = kBuckets - 1;
// Observations per chunk of the parallel passes. Fixed, so the chunks do not depend on threads.
constexpr std::size_t kChunk = std::size_t{1} << 16;

template <class Obs>
bool less(const Obs& a, const Obs& b) {
  return a.income < b.income || (a.income == b.income && a.weight < b.weight);
}

std::uint64_t income_bits(double income) {
  if (income == 0.0) return 0;  // −0.0 sorts with 0.0
  std::uint64_t bits = 0;
  std::memcpy(&bits, &income, sizeof bits);
  return bits;
}

template <class Obs>
std::uint32_t digit(const Obs& o, int d) {
  if (d == 0) return static_cast<std::uint32_t>(o.weight);
  return static_cast<std::uint32_t>((income_bits(o.income) >> ((d - 1) * kDigitBits)) & kMask);
}

bool keyable(const IncomeObservation& o) {
  return std::isfinite(o.income) && o.income >= 0 && o.weight >= 0 && o.weight <= kMaxWeight &&
         o.weight == std::floor(o.weight);
}

bool keyable(const CompactObservation& o) {
  const double income = o.income;
  return std::isfinite(income) && income >= 0 && o.weight <= kMaxWeight;
}

template <class Obs>
bool radix_sortable(const std::vector<Obs>& obs) {
  return sim::parallel::reduce(
      obs.size(), kChunk, true,
      [&](std::size_t begin, std::size_t end) {
        bool ok = true;
        for (std::size_t i = begin; ok && i < end; ++i) ok = keyable(obs[i]);
        return ok;
      },
      [](bool a, bool b) { return a && b; });
}

using Histogram = std::array<std::uint32_t, kBuckets>;

template <class Obs>
void radix_sort(std::vector<Obs>& obs, std::vector<Obs>& scratch) {
  const std::size_t n = obs.size();
  if (n < 2) return;
  if (n > UINT32_MAX || !radix_sortable(obs)) {
    sim::parallel::stable_sort(obs.begin(), obs.end(), less<Obs>);
    return;
  }
  scratch.resize(n);
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<Histogram> counts(chunks);
  Obs* src = obs.data();
  Obs* dst = scratch.data();
  for (int d = 0; d < kDigits; ++d) {
    sim::parallel::for_each(chunks, 1, [&](std::size_t c) {
      Histogram& h = counts[c];
      h.fill(0);
      const std::size_t end = std::min(n, (c + 1) * kChunk);
      for (std::size_t i = c * kChunk; i < end; ++i) ++h[digit(src[i], d)];
    });
    // Every observation shares this digit: the pass would not move anything.
    bool shared = false;
    for (std::size_t b = 0; b < kBuckets && !shared; ++b) {
      std::size_t total = 0;
      for (const Histogram& h : counts) total += h[b];
      if (total == n) shared = true;
      if (total != 0) break;
    }
    if (shared) continue;
    // Where each chunk writes each bucket: buckets in order, chunks in order within a bucket, so
    // the pass is stable.
    std::uint32_t offset = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) {
      for (Histogram& h : counts) {
        const std::uint32_t k = h[b];
        h[b] = offset;
        offset += k;
      }
    }
    sim::parallel::for_each(chunks, 1, [&](std::size_t c) {
      Histogram& at = counts[c];
      const std::size_t end = std::min(n, (c + 1) * kChunk);
      for (std::size_t i = c * kChunk; i < end; ++i) dst[at[digit(src[i], d)]++] = src[i];
    });
    std::swap(src, dst);
  }
  if (src != obs.data()) obs.swap(scratch);
}

}  // namespace

void sort_by_income(std::vector<IncomeObservation>& obs, std::vector<IncomeObservation>& scratch) {
  radix_sort(obs, scratch);
}

void sort_by_income(std::vector<CompactObservation>& obs,
                    std::vector<CompactObservation>& scratch) {
  radix_sort(obs, scratch);
}

}  // namespace fupin::models
