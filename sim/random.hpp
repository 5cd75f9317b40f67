// Counter-based random streams (Random123 Philox4x64-10) and fupin's own portable distributions.
//
// A draw is a pure function of (seed, purpose, entity, period, index): no generator state is
// shared between threads, so results do not depend on scheduling or thread count. The
// distributions are implemented here, not taken from <random>, because the std:: distributions
// differ between standard libraries.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace fupin::sim {

// 64-bit FNV-1a of a purpose name: a stable key for a stream family ("income.noise").
constexpr std::uint64_t purpose_key(std::string_view purpose) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : purpose) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// One entity's draws in one period for one purpose. Cheap to construct; keeps a small buffer.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t purpose, std::uint64_t entity, std::uint64_t period);

  std::uint64_t next_u64();
  // Uniform on the open interval (0, 1), 53 bits.
  double uniform();
  double uniform(double lo, double hi);
  // Standard normal by the Box–Muller transform (both values of a pair are used).
  double normal();
  double normal(double mean, double sd);
  // exp(N(mu, sigma^2)).
  double lognormal(double mu, double sigma);
  bool bernoulli(double p);
  // Exact for every n and p: inversion for small n*min(p,1-p), BTRD (Hörmann 1993) otherwise.
  std::int64_t binomial(std::int64_t n, double p);
  // Exact: inversion for small lambda, PTRS (Hörmann 1993) otherwise.
  std::int64_t poisson(double lambda);
  // Index drawn with probabilities proportional to `weights` (at least one positive).
  std::size_t categorical(const double* weights, std::size_t n);

 private:
  void refill();
  std::array<std::uint64_t, 2> key_;
  std::array<std::uint64_t, 4> ctr_;
  std::array<std::uint64_t, 4> buf_{};
  int used_ = 4;
  double spare_normal_ = 0.0;
  bool has_spare_ = false;
};

// A stream family keyed by (seed, purpose). `stream(entity, period)` gives independent streams.
class RandomSource {
 public:
  RandomSource(std::uint64_t seed, std::string_view purpose)
      : seed_(seed), purpose_(purpose_key(purpose)) {}
  [[nodiscard]] RandomStream stream(std::uint64_t entity, std::uint64_t period) const {
    return {seed_, purpose_, entity, period};
  }

 private:
  std::uint64_t seed_;
  std::uint64_t purpose_;
};

}  // namespace fupin::sim
