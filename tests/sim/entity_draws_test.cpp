// EntityDraws: one word per (entity, period) of a purpose, four entities to a Philox block. Its
// layout, its purity (a draw does not depend on which other entities are drawn, in what order or
// on which thread) and the independence of purposes and of neighbouring entities.
#include <Random123/philox.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sim/random.hpp"

namespace fupin::sim {
namespace {

constexpr std::uint64_t kN = 1'000'000;

TEST(EntityDraws, WordIsLaneOfTheEntitysBlock) {
  const std::uint64_t seed = 42;
  const std::uint64_t purpose = purpose_key("test.entity.layout");
  EntityDraws draws(seed, "test.entity.layout");
  for (std::uint64_t period : {0ULL, 2016ULL}) {
    for (std::uint64_t e : {0ULL, 1ULL, 2ULL, 3ULL, 4ULL, 7ULL, 1'000'001ULL}) {
      const philox4x64_key_t k = {{seed, purpose}};
      const philox4x64_ctr_t c = {{e / 4, period, 0, 1}};
      EXPECT_EQ(draws.word(e, period), philox4x64_R(10, c, k).v[e % 4]) << e << " " << period;
    }
  }
  EXPECT_EQ(draws.uniform(5, 1), uniform_from_word(draws.word(5, 1)));
  EXPECT_EQ(draws.normal(5, 1), normal_from_word(draws.word(5, 1)));
}

TEST(EntityDraws, NeverMeetsTheStreamLayout) {
  // Same key, same entity and period: the fourth counter word keeps the layouts apart.
  std::set<std::uint64_t> stream_words;
  for (std::uint64_t e = 0; e < 1024; ++e) {
    RandomStream rs(9, purpose_key("test.entity.apart"), e, 0);
    for (int i = 0; i < 8; ++i) stream_words.insert(rs.next_u64());
  }
  EntityDraws draws(9, "test.entity.apart");
  for (std::uint64_t e = 0; e < 1024; ++e) EXPECT_EQ(stream_words.count(draws.word(e, 0)), 0U);
}

std::vector<std::uint64_t> in_order(std::uint64_t n) {
  EntityDraws draws(7, "test.entity.pure");
  std::vector<std::uint64_t> w(n);
  for (std::uint64_t e = 0; e < n; ++e) w[e] = draws.word(e, 3);
  return w;
}

TEST(EntityDraws, DrawDoesNotDependOnOrderOrOtherEntities) {
  const std::uint64_t n = 10'000;
  const std::vector<std::uint64_t> expected = in_order(n);
  // Backwards.
  {
    EntityDraws draws(7, "test.entity.pure");
    for (std::uint64_t e = n; e-- > 0;) ASSERT_EQ(draws.word(e, 3), expected[e]);
  }
  // A fresh object for each entity: nothing cached.
  for (std::uint64_t e = 0; e < n; e += 13)
    ASSERT_EQ(EntityDraws(7, "test.entity.pure").word(e, 3), expected[e]);
  // A scrambled order, interleaved with draws of other periods and entities out of range.
  {
    std::vector<std::uint64_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    for (std::uint64_t i = n - 1; i > 0; --i) std::swap(order[i], order[(i * 7919) % (i + 1)]);
    EntityDraws draws(7, "test.entity.pure");
    for (std::uint64_t e : order) {
      draws.word(e + 1, 4);
      ASSERT_EQ(draws.word(e, 3), expected[e]);
      draws.word(n + e, 3);
    }
  }
  // Only every third entity drawn.
  {
    EntityDraws draws(7, "test.entity.pure");
    for (std::uint64_t e = 0; e < n; e += 3) ASSERT_EQ(draws.word(e, 3), expected[e]);
  }
}

TEST(EntityDraws, DrawDoesNotDependOnThreads) {
  const std::uint64_t n = 100'000;
  const std::vector<std::uint64_t> expected = in_order(n);
  for (unsigned threads : {2U, 3U, 4U}) {
    std::vector<std::uint64_t> got(n, 0);
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      // Thread t takes entities t, t + threads, ...: blocks are split between threads.
      pool.emplace_back([&got, t, threads] {
        EntityDraws draws(7, "test.entity.pure");
        for (std::uint64_t e = t; e < n; e += threads) got[e] = draws.word(e, 3);
      });
    }
    for (auto& th : pool) th.join();
    EXPECT_EQ(got, expected) << threads << " threads";
  }
}

TEST(EntityDraws, PeriodsAndSeedsGiveDifferentWords) {
  EntityDraws draws(1, "test.entity.keys");
  EntityDraws other_seed(2, "test.entity.keys");
  std::set<std::uint64_t> seen;
  for (std::uint64_t e = 0; e < 1000; ++e) {
    seen.insert(draws.word(e, 0));
    seen.insert(draws.word(e, 1));
    seen.insert(other_seed.word(e, 0));
  }
  EXPECT_EQ(seen.size(), 3000U);
}

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const auto n = static_cast<double>(a.size());
  const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n;
  const double mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return sab / std::sqrt(saa * sbb);
}

TEST(EntityDraws, PurposesAreIndependent) {
  // Two purposes of the same households and year: uncorrelated (5 standard errors of r under
  // independence, 1 / sqrt(n)), and their events co-occur at the product of their rates.
  EntityDraws income(5, "dynamics.income");
  EntityDraws illness(5, "shocks.illness");
  std::vector<double> a(kN), b(kN);
  std::uint64_t both = 0, ill = 0, low = 0;
  for (std::uint64_t i = 0; i < kN; ++i) {
    a[i] = income.normal(i, 2015);
    b[i] = illness.uniform(i, 2015);
    const bool is_ill = b[i] < 0.05;
    const bool is_low = a[i] < -1.0;
    ill += is_ill ? 1 : 0;
    low += is_low ? 1 : 0;
    both += (is_ill && is_low) ? 1 : 0;
  }
  const auto n = static_cast<double>(kN);
  EXPECT_LT(std::fabs(correlation(a, b)), 5.0 / std::sqrt(n));
  const double p = (static_cast<double>(ill) / n) * (static_cast<double>(low) / n);
  EXPECT_LT(std::fabs(static_cast<double>(both) - n * p), 5.0 * std::sqrt(n * p * (1 - p)));
}

TEST(EntityDraws, ChangingOnePurposesProbabilityLeavesAnothersDraws) {
  // The illness draws are the same whether disability is drawn with 0.01, 0.5 or not at all, and
  // whichever order the two are drawn in.
  std::vector<bool> reference(10'000);
  {
    EntityDraws illness(5, "shocks.illness");
    for (std::uint64_t i = 0; i < reference.size(); ++i)
      reference[i] = illness.bernoulli(0.05, i, 2015);
  }
  for (double p : {0.01, 0.5}) {
    EntityDraws illness(5, "shocks.illness");
    EntityDraws disability(5, "shocks.disability");
    for (std::uint64_t i = 0; i < reference.size(); ++i) {
      if (i % 2 == 0) disability.bernoulli(p, i, 2015);
      ASSERT_EQ(illness.bernoulli(0.05, i, 2015), reference[i]);
      if (i % 2 == 1) disability.bernoulli(p, i, 2015);
    }
  }
}

TEST(EntityDraws, NeighboursInABlockAreIndependent) {
  // Entities 4k + j and 4k + j + 1 share a block: their normals are uncorrelated.
  EntityDraws draws(6, "test.entity.lanes");
  constexpr std::uint64_t kBlocks = kN / 4;  // pairs drawn per lane
  for (std::uint64_t lane = 0; lane < 3; ++lane) {
    std::vector<double> a(kBlocks), b(kBlocks);
    for (std::uint64_t k = 0; k < kBlocks; ++k) {
      a[k] = draws.normal(4 * k + lane, 0);
      b[k] = draws.normal(4 * k + lane + 1, 0);
    }
    EXPECT_LT(std::fabs(correlation(a, b)), 5.0 / std::sqrt(static_cast<double>(kBlocks)))
        << "lane " << lane;
  }
}

TEST(EntityDraws, UniformMomentsAndBernoulli) {
  EntityDraws draws(8, "test.entity.uniform");
  const auto n = static_cast<double>(kN);
  double sum = 0, sum2 = 0;
  std::uint64_t hits = 0;
  for (std::uint64_t i = 0; i < kN; ++i) {
    const double u = draws.uniform(i, 1);
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum2 += u * u;
    hits += draws.bernoulli(0.3, i, 1) ? 1 : 0;
  }
  EXPECT_LT(std::fabs(sum / n - 0.5), 5 * std::sqrt(1.0 / 12.0 / n));
  EXPECT_LT(std::fabs(sum2 / n - 1.0 / 3.0), 5 * std::sqrt(4.0 / 45.0 / n));
  EXPECT_LT(std::fabs(static_cast<double>(hits) - 0.3 * n), 5 * std::sqrt(n * 0.21));
  EXPECT_FALSE(draws.bernoulli(0.0, 1, 1));
  EXPECT_TRUE(draws.bernoulli(1.0, 1, 1));
  EXPECT_THROW(draws.bernoulli(1.5, 1, 1), std::invalid_argument);
  EXPECT_THROW(draws.bernoulli(-0.1, 1, 1), std::invalid_argument);
}

}  // namespace
}  // namespace fupin::sim
