// Counter-based random numbers (Random123 Philox4x64-10) and fupin's own portable distributions.
//
// A draw is a pure function of (seed, purpose, entity, period, index): no generator state is
// shared between threads, so results do not depend on scheduling or thread count. The
// distributions are implemented here, not taken from <random>, because the std:: distributions
// differ between standard libraries.
//
// The layout. Every purpose has its own Philox key {seed, purpose_key(purpose)}, so changing how
// one purpose draws (or how often) never moves another purpose's numbers.
// - EntityDraws: one 64-bit word per (entity, period), for the hot sites that need one draw per
//   household and year. Entities 4k .. 4k+3 share the block at counter {k, period, 0, 1}; entity e
//   takes word e % 4. Still a pure function of (seed, purpose, entity, period): it does not matter
//   which other entities are drawn, in what order or on which thread.
// - RandomStream: any number of words for one (entity, period), blocks at counter
//   {entity, period, block, 0}. The last counter word keeps the two layouts apart.
// A normal takes exactly one word (the inverse CDF, normal_from_word), a uniform one word.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

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

// Uniform on the open interval (0, 1) from the top 53 bits of a word, centred in their interval.
inline double uniform_from_word(std::uint64_t w) {
  return (static_cast<double>(w >> 11) + 0.5) * 0x1.0p-53;
}

// The standard normal quantile: Phi^-1(p) for p in (0, 1), by Wichura's algorithm AS241 (PPND16,
// Applied Statistics 37 (1988) 477-484), relative error about 1e-16.
double normal_quantile(double p);

// A standard normal from one word by inversion: the top bit is the sign, the low 52 bits give
// u = (k + 1/2) 2^-53 in (0, 1/2), and the magnitude is -Phi^-1(u). Exactly symmetric; |x| < 8.3.
double normal_from_word(std::uint64_t w);

// normal_from_word of every word, out[k] from words[k] (the same bits), several at a time: for
// loops that draw a normal for each of many entities. Throws std::invalid_argument unless the
// spans have the same size.
void normals_from_words(std::span<const std::uint64_t> words, std::span<double> out);

// One entity's draws in one period for one purpose. Cheap to construct; keeps a small buffer.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t purpose, std::uint64_t entity,
               std::uint64_t period);

  std::uint64_t next_u64();
  // Uniform on the open interval (0, 1), 53 bits.
  double uniform();
  double uniform(double lo, double hi);
  // Standard normal from one word (normal_from_word).
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
};

// An index drawn with probabilities proportional to fixed weights, as RandomStream::categorical
// draws it (the same uniform, the same sums, the same index), the weights checked and summed once.
class Categorical {
 public:
  // Throws std::invalid_argument for a negative or infinite weight, or no positive finite sum.
  Categorical(const double* weights, std::size_t n);
  std::size_t draw(RandomStream& rs) const;

 private:
  std::vector<std::size_t> index_;  // the positive weights' indices, in order
  std::vector<double> cum_;         // their running sums
  double total_ = 0.0;
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

// One draw per (entity, period) of one purpose: the cheap layout for draws made once per household
// and year (see the top of this file). Keeps the last Philox block, so drawing consecutive entities
// in turn costs a quarter of a block each; the values never depend on that cache. Not shared
// between threads: make one per loop.
class EntityDraws {
 public:
  EntityDraws(std::uint64_t seed, std::string_view purpose)
      : EntityDraws(seed, purpose_key(purpose)) {}
  EntityDraws(std::uint64_t seed, std::uint64_t purpose) : key_{seed, purpose} {}

  std::uint64_t word(std::uint64_t entity, std::uint64_t period) {
    const std::uint64_t block = entity >> 2;
    if (!valid_ || block != block_ || period != period_) fill(block, period);
    return buf_[entity & 3];
  }
  double uniform(std::uint64_t entity, std::uint64_t period) {
    return uniform_from_word(word(entity, period));
  }
  double normal(std::uint64_t entity, std::uint64_t period) {
    return normal_from_word(word(entity, period));
  }
  // uniform(entity, period) < p; p <= 0 and p >= 1 decide without drawing (u lies in (0, 1)).
  // Inline: the hot sites call it for every household and year.
  bool bernoulli(double p, std::uint64_t entity, std::uint64_t period) {
    if (!(p >= 0.0 && p <= 1.0)) [[unlikely]]
      bad_probability(p);
    if (p <= 0.0) return false;
    if (p >= 1.0) return true;
    return uniform(entity, period) < p;
  }

 private:
  [[noreturn]] static void bad_probability(double p);
  void fill(std::uint64_t block, std::uint64_t period);
  std::array<std::uint64_t, 2> key_;
  std::array<std::uint64_t, 4> buf_{};
  std::uint64_t block_ = 0;
  std::uint64_t period_ = 0;
  bool valid_ = false;
};

}  // namespace fupin::sim
