#include "sim/random.hpp"

#include <Random123/philox.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace fupin::sim {
namespace {

// Statistical tolerances. For n independent draws of a variable with mean mu, variance s2 and
// fourth central moment m4, the sample mean has standard error sqrt(s2 / n) and the sample
// variance has standard error about sqrt((m4 - s2^2) / n). Every check allows 5 standard
// errors: |mean - mu| < 5 sqrt(s2 / n), |var - s2| < 5 sqrt((m4 - s2^2) / n) + 30 s2 / n.
// The last term covers the second-order part of the sample variance (taken about the sample
// mean), -(mean - mu)^2, which is below 25 s2 / n whenever the mean passes its check; it
// matters when m4 == s2^2, e.g. a fair coin, whose squared deviations from mu are constant.
// The draws are deterministic (fixed keys), so a test either always passes or always fails;
// 5 standard errors make a failure of a correct generator very unlikely (p < 6e-7 per check
// under normality).
constexpr double kSigmas = 5.0;
constexpr int kDraws = 200'000;

struct Moments {
  double mean = 0.0;
  double var = 0.0;
};

template <class Draw>
Moments sample_moments(int n, Draw&& draw) {
  // Welford's algorithm.
  double mean = 0.0;
  double m2 = 0.0;
  for (int i = 1; i <= n; ++i) {
    const double x = draw();
    const double d = x - mean;
    mean += d / i;
    m2 += d * (x - mean);
  }
  return {mean, m2 / (n - 1)};
}

void expect_moments(const Moments& m, int n, double mu, double s2, double m4) {
  EXPECT_LT(std::fabs(m.mean - mu), kSigmas * std::sqrt(s2 / n))
      << "mean " << m.mean << " vs " << mu;
  EXPECT_LT(std::fabs(m.var - s2), kSigmas * std::sqrt((m4 - s2 * s2) / n) + 30.0 * s2 / n)
      << "variance " << m.var << " vs " << s2;
}

// Fourth central moments.
double binomial_m4(double n, double p) {
  const double pq = p * (1 - p);
  return n * pq * (1 + 3 * pq * (n - 2));
}
double poisson_m4(double lambda) { return lambda * (1 + 3 * lambda); }

// --- the generator -------------------------------------------------------------------------

// Known answers for Philox4x64-10 from Random123's tests/kat_vectors (counter words, key words,
// output words).
TEST(RandomStream, PhiloxKnownAnswerThroughStream) {
  // Key {seed, purpose} = {0, 0}, counter {entity, period, block, 0} = {0, 0, 0, 0}.
  RandomStream s(0, 0, 0, 0);
  EXPECT_EQ(s.next_u64(), 0x16554d9eca36314cULL);
  EXPECT_EQ(s.next_u64(), 0xdb20fe9d672d0fdcULL);
  EXPECT_EQ(s.next_u64(), 0xd7e772cee186176bULL);
  EXPECT_EQ(s.next_u64(), 0x7e68b68aec7ba23bULL);
}

TEST(RandomStream, PhiloxKnownAnswerVectors) {
  {
    const philox4x64_ctr_t c = {{~0ULL, ~0ULL, ~0ULL, ~0ULL}};
    const philox4x64_key_t k = {{~0ULL, ~0ULL}};
    const philox4x64_ctr_t r = philox4x64_R(10, c, k);
    EXPECT_EQ(r.v[0], 0x87b092c3013fe90bULL);
    EXPECT_EQ(r.v[1], 0x438c3c67be8d0224ULL);
    EXPECT_EQ(r.v[2], 0x9cc7d7c69cd777b6ULL);
    EXPECT_EQ(r.v[3], 0xa09caebf594f0ba0ULL);
  }
  {
    const philox4x64_ctr_t c = {{0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL,
                                 0xa4093822299f31d0ULL, 0x082efa98ec4e6c89ULL}};
    const philox4x64_key_t k = {{0x452821e638d01377ULL, 0xbe5466cf34e90c6cULL}};
    const philox4x64_ctr_t r = philox4x64_R(10, c, k);
    EXPECT_EQ(r.v[0], 0xa528f45403e61d95ULL);
    EXPECT_EQ(r.v[1], 0x38c72dbd566e9788ULL);
    EXPECT_EQ(r.v[2], 0xa5a1610e72fd18b5ULL);
    EXPECT_EQ(r.v[3], 0x57bd43b5e52b7fe6ULL);
  }
}

TEST(RandomStream, CounterIsEntityPeriodBlock) {
  // Draws 4..7 come from block 1: counter {entity, period, 1, 0}, key {seed, purpose}.
  RandomStream s(11, 22, 33, 44);
  for (int i = 0; i < 4; ++i) s.next_u64();
  const philox4x64_ctr_t c = {{33, 44, 1, 0}};
  const philox4x64_key_t k = {{11, 22}};
  const philox4x64_ctr_t r = philox4x64_R(10, c, k);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(s.next_u64(), r.v[i]) << i;
}

TEST(RandomStream, SameKeyGivesSameDraws) {
  RandomStream a(7, purpose_key("income.noise"), 123, 2016);
  RandomStream b(7, purpose_key("income.noise"), 123, 2016);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(a.next_u64(), b.next_u64());
  RandomSource src(7, "income.noise");
  RandomStream c = src.stream(123, 2016);
  RandomStream d(7, purpose_key("income.noise"), 123, 2016);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(c.normal(), d.normal());
}

TEST(RandomStream, DifferentKeysGiveDifferentDraws) {
  auto first8 = [](RandomStream s) {
    std::vector<std::uint64_t> v;
    v.reserve(8);
    for (int i = 0; i < 8; ++i) v.push_back(s.next_u64());
    return v;
  };
  const auto base = first8(RandomStream(7, 1, 100, 2016));
  std::set<std::vector<std::uint64_t>> seen = {base};
  EXPECT_TRUE(seen.insert(first8(RandomStream(8, 1, 100, 2016))).second);  // seed
  EXPECT_TRUE(seen.insert(first8(RandomStream(7, 2, 100, 2016))).second);  // purpose
  EXPECT_TRUE(seen.insert(first8(RandomStream(7, 1, 101, 2016))).second);  // entity
  EXPECT_TRUE(seen.insert(first8(RandomStream(7, 1, 100, 2017))).second);  // period
  // Entity and period are not interchangeable.
  EXPECT_TRUE(seen.insert(first8(RandomStream(7, 1, 2016, 100))).second);
}

TEST(RandomStream, PurposeKeyIsFnv1a) {
  EXPECT_EQ(purpose_key(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(purpose_key("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_NE(purpose_key("income.noise"), purpose_key("income.noisf"));
}

// --- distributions -------------------------------------------------------------------------

TEST(RandomStream, UniformIsInOpenUnitIntervalWithRightMoments) {
  RandomStream s(1, purpose_key("test.uniform"), 0, 0);
  double lo = 1.0;
  double hi = 0.0;
  const Moments m = sample_moments(kDraws, [&] {
    const double u = s.uniform();
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    return u;
  });
  EXPECT_GT(lo, 0.0);
  EXPECT_LT(hi, 1.0);
  expect_moments(m, kDraws, 0.5, 1.0 / 12.0, 1.0 / 80.0);
  RandomStream t(1, purpose_key("test.uniform"), 0, 0);
  for (int i = 0; i < 1000; ++i) {
    const double x = t.uniform(-3.0, 5.0);
    ASSERT_GT(x, -3.0);
    ASSERT_LT(x, 5.0);
  }
}

TEST(RandomStream, UniformUsesTop53BitsCentred) {
  RandomStream a(3, 4, 5, 6);
  RandomStream b(3, 4, 5, 6);
  for (int i = 0; i < 10; ++i) {
    const std::uint64_t x = b.next_u64();
    EXPECT_EQ(a.uniform(), (static_cast<double>(x >> 11) + 0.5) * 0x1.0p-53);
  }
}

TEST(RandomStream, NormalTakesOneWordByInversion) {
  RandomStream a(5, 6, 7, 8);
  RandomStream b(5, 6, 7, 8);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a.normal(), normal_from_word(b.next_u64()));
  // One word each: the fifth normal comes from the second block.
  RandomStream c(5, 6, 7, 8);
  for (int i = 0; i < 4; ++i) c.normal();
  RandomStream d(5, 6, 7, 8);
  for (int i = 0; i < 4; ++i) d.next_u64();
  EXPECT_EQ(c.normal(), normal_from_word(d.next_u64()));
}

TEST(RandomStream, NormalMoments) {
  RandomStream s(1, purpose_key("test.normal"), 0, 0);
  expect_moments(sample_moments(kDraws, [&] { return s.normal(); }), kDraws, 0.0, 1.0, 3.0);
  RandomStream t(1, purpose_key("test.normal"), 1, 0);
  // N(10, 2^2): variance 4, fourth moment 3 * 16.
  expect_moments(sample_moments(kDraws, [&] { return t.normal(10.0, 2.0); }), kDraws, 10.0, 4.0,
                 48.0);
  EXPECT_THROW(t.normal(0.0, -1.0), std::invalid_argument);
}

TEST(RandomStream, LognormalMoments) {
  RandomStream s(1, purpose_key("test.lognormal"), 0, 0);
  const double mu = 0.3;
  const double sigma = 0.5;
  // log X ~ N(mu, sigma^2) exactly, so check the moments of log X, then the mean of X.
  expect_moments(sample_moments(kDraws, [&] { return std::log(s.lognormal(mu, sigma)); }), kDraws,
                 mu, sigma * sigma, 3 * std::pow(sigma, 4));
  RandomStream t(1, purpose_key("test.lognormal"), 1, 0);
  const Moments m = sample_moments(kDraws, [&] { return t.lognormal(mu, sigma); });
  const double mean = std::exp(mu + sigma * sigma / 2);
  const double var = (std::exp(sigma * sigma) - 1) * std::exp(2 * mu + sigma * sigma);
  EXPECT_LT(std::fabs(m.mean - mean), kSigmas * std::sqrt(var / kDraws));
}

TEST(RandomStream, BernoulliMoments) {
  RandomStream s(1, purpose_key("test.bernoulli"), 0, 0);
  const double p = 0.3;
  expect_moments(sample_moments(kDraws, [&] { return s.bernoulli(p) ? 1.0 : 0.0; }), kDraws, p,
                 p * (1 - p), p * (1 - p) * (1 - 3 * p * (1 - p)));
  for (int i = 0; i < 1000; ++i) {
    ASSERT_FALSE(s.bernoulli(0.0));
    ASSERT_TRUE(s.bernoulli(1.0));
  }
  EXPECT_THROW(s.bernoulli(1.5), std::invalid_argument);
  EXPECT_THROW(s.bernoulli(std::nan("")), std::invalid_argument);
}

// Moments and range of binomial draws.
void check_binomial(std::int64_t n, double p, std::uint64_t entity) {
  SCOPED_TRACE("binomial n=" + std::to_string(n) + " p=" + std::to_string(p));
  RandomStream s(1, purpose_key("test.binomial"), entity, 0);
  bool in_range = true;
  const Moments m = sample_moments(kDraws, [&] {
    const std::int64_t x = s.binomial(n, p);
    in_range = in_range && x >= 0 && x <= n;
    return static_cast<double>(x);
  });
  EXPECT_TRUE(in_range);
  const double nd = static_cast<double>(n);
  expect_moments(m, kDraws, nd * p, nd * p * (1 - p), binomial_m4(nd, p));
}

TEST(RandomBinomial, InversionBranchMoments) {
  check_binomial(20, 0.2, 0);          // n p = 4
  check_binomial(1, 0.5, 1);           // a coin
  check_binomial(30, 0.9, 2);          // symmetry: n (1 - p) = 3
  check_binomial(100000, 0.00005, 3);  // n p = 5 with a large n
  check_binomial(99, 0.1, 4);          // n p = 9.9, just below the switch
}

// The inversion remembers its probabilities on each thread for the (n, p) it last saw in each slot;
// a draw must not depend on the draws before it. Draws made in turn in one thread, with parameters
// that share a slot of the memory (n and n + 64) or an n (p 0.2 and 0.25), equal the same draws
// made each on a fresh thread, which remembers nothing.
TEST(RandomBinomial, InversionDrawsDoNotDependOnTheDrawsBefore) {
  struct Draw {
    std::int64_t n;
    double p;
  };
  const std::vector<Draw> params{{1, 0.3},   {65, 0.01}, {1, 0.3}, {3, 0.2},
                                 {67, 0.05}, {3, 0.25},  {3, 0.2}, {129, 0.02}};
  constexpr std::uint64_t kEntities = 300;
  const auto draw = [](const Draw& d, std::uint64_t entity) {
    RandomStream s(4, purpose_key("test.binomial.memory"), entity, 0);
    return s.binomial(d.n, d.p);
  };
  std::vector<std::int64_t> in_turn;
  for (std::uint64_t e = 0; e < kEntities; ++e)
    for (const Draw& d : params) in_turn.push_back(draw(d, e));
  std::vector<std::int64_t> fresh(in_turn.size());
  // Each parameter on a thread of its own: its first draw finds nothing remembered, the others its
  // own q^n only.
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < params.size(); ++k) {
    threads.emplace_back([&, k] {
      for (std::uint64_t e = 0; e < kEntities; ++e)
        fresh[e * params.size() + k] = draw(params[k], e);
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(in_turn, fresh);
  // The draws differ between p 0.2 and 0.25 for some entity: the memory tells them apart.
  bool differ = false;
  for (std::uint64_t e = 0; e < kEntities; ++e)
    differ = differ || in_turn[e * params.size() + 3] != in_turn[e * params.size() + 5];
  EXPECT_TRUE(differ);
}

// For a few trials the inversion's search passes every step without a branch on the draw
// (search_all in sim/random.cpp); it must give what the search stopping at the first step does,
// from the same words. The reference here is that search, its probabilities computed in each
// draw as the recurrence does, the rarer outcome counted as binomial does.
TEST(RandomBinomial, InversionThroughEveryStepEqualsTheSearchThatStops) {
  const auto stopping = [](RandomStream& rs, std::int64_t n, double p) -> std::int64_t {
    const bool flip = p > 0.5;
    const double pp = flip ? 1.0 - p : p;
    const double q = 1.0 - pp;
    const double s = pp / q;
    const double a = (static_cast<double>(n) + 1.0) * s;
    for (;;) {
      double u = rs.uniform();
      double r = std::pow(q, static_cast<double>(n));
      std::int64_t x = 0;
      bool ok = true;
      while (u > r) {
        u -= r;
        ++x;
        if (x > n) {
          ok = false;
          break;
        }
        r *= a / static_cast<double>(x) - s;
        if (r <= 0.0) {
          ok = false;
          break;
        }
      }
      if (ok) return flip ? n - x : x;
    }
  };
  for (std::int64_t n = 1; n <= 9; ++n) {
    for (double p : {0.001, 0.1, 0.25, 0.4, 0.5, 0.6, 0.93}) {
      for (std::uint64_t e = 0; e < 4'000; ++e) {
        RandomStream a(6, purpose_key("test.binomial.steps"), e, static_cast<std::uint64_t>(n));
        RandomStream b = a;
        ASSERT_EQ(a.binomial(n, p), stopping(b, n, p)) << n << " " << p << " " << e;
        ASSERT_EQ(a.next_u64(), b.next_u64()) << "the same words: " << n << " " << p;
      }
    }
  }
}

TEST(RandomBinomial, BtrdBranchMoments) {
  check_binomial(100, 0.1, 10);  // n p = 10, at the switch
  check_binomial(50, 0.5, 11);   // mostly the recursive f(k) evaluation (|k - m| <= 15)
  check_binomial(1000, 0.3, 12);
  check_binomial(100, 0.75, 13);    // symmetry: n (1 - p) = 25
  check_binomial(100000, 0.4, 14);  // sd 155: mostly squeeze and final acceptance steps
}

// Frequencies of each value against the exact pmf, 5 standard errors each:
// |f_k - p_k| < 5 sqrt(p_k (1 - p_k) / n). Values expected fewer than 20 times are pooled into
// one bin, so that the normal approximation behind the 5-standard-error rule holds.
void check_pmf(const std::vector<double>& pmf, const std::vector<int>& counts, int n) {
  double pooled_p = 0.0;
  int pooled_count = 0;
  auto check = [n](double p, int count, const std::string& what) {
    const double f = static_cast<double>(count) / n;
    EXPECT_LT(std::fabs(f - p), kSigmas * std::sqrt(p * (1 - p) / n) + 1e-12)
        << what << ": frequency " << f << " vs probability " << p;
  };
  for (std::size_t k = 0; k < pmf.size(); ++k) {
    if (pmf[k] * n < 20.0) {
      pooled_p += pmf[k];
      pooled_count += counts[k];
    } else {
      check(pmf[k], counts[k], "k=" + std::to_string(k));
    }
  }
  check(pooled_p, pooled_count, "pooled rare values");
}

TEST(RandomBinomial, BtrdMatchesPmf) {
  const int n = 40;
  const double p = 0.35;  // n p = 14: BTRD
  RandomStream s(2, purpose_key("test.binomial.pmf"), 0, 0);
  std::vector<int> counts(n + 1, 0);
  for (int i = 0; i < kDraws; ++i) ++counts[static_cast<std::size_t>(s.binomial(n, p))];
  std::vector<double> pmf(n + 1);
  for (int k = 0; k <= n; ++k) {
    pmf[static_cast<std::size_t>(k)] =
        std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) +
                 k * std::log(p) + (n - k) * std::log(1 - p));
  }
  check_pmf(pmf, counts, kDraws);
}

TEST(RandomBinomial, EdgeCases) {
  RandomStream s(1, 2, 3, 4);
  EXPECT_EQ(s.binomial(0, 0.5), 0);
  EXPECT_EQ(s.binomial(10, 0.0), 0);
  EXPECT_EQ(s.binomial(10, 1.0), 10);
  EXPECT_EQ(s.binomial(1'000'000'000'000LL, 1.0), 1'000'000'000'000LL);
  EXPECT_THROW(s.binomial(-1, 0.5), std::invalid_argument);
  EXPECT_THROW(s.binomial(10, -0.1), std::invalid_argument);
  EXPECT_THROW(s.binomial(10, 1.1), std::invalid_argument);
  EXPECT_THROW(s.binomial(10, std::nan("")), std::invalid_argument);
}

void check_poisson(double lambda, std::uint64_t entity) {
  SCOPED_TRACE("poisson lambda=" + std::to_string(lambda));
  RandomStream s(1, purpose_key("test.poisson"), entity, 0);
  bool non_negative = true;
  const Moments m = sample_moments(kDraws, [&] {
    const std::int64_t x = s.poisson(lambda);
    non_negative = non_negative && x >= 0;
    return static_cast<double>(x);
  });
  EXPECT_TRUE(non_negative);
  expect_moments(m, kDraws, lambda, lambda, poisson_m4(lambda));
}

TEST(RandomPoisson, InversionBranchMoments) {
  check_poisson(0.05, 0);
  check_poisson(3.5, 1);
  check_poisson(9.99, 2);
}

TEST(RandomPoisson, PtrsBranchMoments) {
  check_poisson(10.0, 10);
  check_poisson(57.3, 11);
  check_poisson(12345.0, 12);
}

TEST(RandomPoisson, PtrsMatchesPmf) {
  const double lambda = 15.0;
  const std::size_t kmax = 40;  // P(X > 40) ~ 1e-8: fold the tail into the last bin
  RandomStream s(2, purpose_key("test.poisson.pmf"), 0, 0);
  std::vector<int> counts(kmax + 1, 0);
  for (int i = 0; i < kDraws; ++i) {
    ++counts[std::min(kmax, static_cast<std::size_t>(s.poisson(lambda)))];
  }
  std::vector<double> pmf(kmax + 1);
  double below = 0.0;
  for (std::size_t k = 0; k < kmax; ++k) {
    const double kd = static_cast<double>(k);
    pmf[k] = std::exp(kd * std::log(lambda) - lambda - std::lgamma(kd + 1.0));
    below += pmf[k];
  }
  pmf[kmax] = 1.0 - below;
  check_pmf(pmf, counts, kDraws);
}

TEST(RandomPoisson, EdgeCases) {
  RandomStream s(1, 2, 3, 4);
  EXPECT_EQ(s.poisson(0.0), 0);
  EXPECT_THROW(s.poisson(-1.0), std::invalid_argument);
  EXPECT_THROW(s.poisson(std::nan("")), std::invalid_argument);
  EXPECT_THROW(s.poisson(std::numeric_limits<double>::infinity()), std::invalid_argument);
}

TEST(RandomStream, CategoricalFrequenciesFollowWeights) {
  const std::vector<double> w = {1.0, 0.0, 3.0, 6.0};
  RandomStream s(1, purpose_key("test.categorical"), 0, 0);
  std::vector<int> counts(w.size(), 0);
  for (int i = 0; i < kDraws; ++i) ++counts[s.categorical(w.data(), w.size())];
  EXPECT_EQ(counts[1], 0);  // a zero weight is never drawn
  check_pmf({0.1, 0.0, 0.3, 0.6}, counts, kDraws);
  const std::vector<double> zeros = {0.0, 0.0};
  EXPECT_THROW(s.categorical(zeros.data(), zeros.size()), std::invalid_argument);
  EXPECT_THROW(s.categorical(w.data(), 0), std::invalid_argument);
  const std::vector<double> negative = {1.0, -1.0};
  EXPECT_THROW(s.categorical(negative.data(), negative.size()), std::invalid_argument);
}

// Categorical (weights summed once) draws what summing them in every draw does: the same index
// for the same uniform, including at the boundaries the sums' rounding sets.
TEST(Categorical, DrawsTheIndexTheRunningSumOfEachDrawGives) {
  const auto each_draw = [](RandomStream& rs, const std::vector<double>& w) {
    double total = 0.0;
    std::size_t last_positive = w.size();
    for (std::size_t i = 0; i < w.size(); ++i) {
      total += w[i];
      if (w[i] > 0.0) last_positive = i;
    }
    const double target = rs.uniform() * total;
    double cum = 0.0;
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (w[i] <= 0.0) continue;
      cum += w[i];
      if (target < cum) return i;
    }
    return last_positive;
  };
  for (const std::vector<double>& w : {std::vector<double>{0.0, 0.0, 1.0},
                                       {0.1, 0.2, 0.0, 0.3, 0.4},
                                       {1e-300, 1.0, 0.0},
                                       {0.3, 0.3, 0.3, 0.1, 0.0, 0.0},
                                       {5.0},
                                       {0.0, 2.5, 0.0, 2.5, 0.0}}) {
    const Categorical categorical(w.data(), w.size());
    for (std::uint64_t e = 0; e < 20'000; ++e) {
      RandomStream a(3, purpose_key("test.categorical"), e, 0);
      RandomStream b = a;
      ASSERT_EQ(categorical.draw(a), each_draw(b, w)) << e;
      ASSERT_EQ(a.next_u64(), b.next_u64()) << "one draw each";
    }
  }
  const std::vector<double> infinite = {1.0, std::numeric_limits<double>::infinity()};
  EXPECT_THROW(Categorical(infinite.data(), infinite.size()), std::invalid_argument);
  const std::vector<double> overflowing = {std::numeric_limits<double>::max(),
                                           std::numeric_limits<double>::max()};
  EXPECT_THROW(Categorical(overflowing.data(), overflowing.size()), std::invalid_argument);
}

}  // namespace
}  // namespace fupin::sim
