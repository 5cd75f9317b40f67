// Tests of sim/parallel.hpp: every test of the loops and scopes runs twice, on the std::thread back
// end directly (compiled in every build) and on the facade, i.e. the back end fupin was configured
// with (oneTBB by default, the std::thread one in the tsan preset).
#include "sim/parallel.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "sim/parallel_threads.hpp"

namespace fupin::sim::parallel {
namespace {

struct ThreadsBackend {
  using Scope = threads::Scope;
  static int max_concurrency() { return threads::max_concurrency(); }
  static int default_concurrency() { return threads::default_concurrency(); }
  static void for_range(std::size_t n, std::size_t grain, RangeBody body) {
    threads::for_range(n, grain, body);
  }
};

struct ConfiguredBackend {
  using Scope = parallel::Scope;
  static int max_concurrency() { return parallel::max_concurrency(); }
  static int default_concurrency() { return parallel::default_concurrency(); }
  static void for_range(std::size_t n, std::size_t grain, RangeBody body) {
    parallel::for_range(n, grain, body);
  }
};

template <class B>
class ParallelBackend : public testing::Test {};

using Backends = testing::Types<ThreadsBackend, ConfiguredBackend>;
TYPED_TEST_SUITE(ParallelBackend, Backends);

// How often for_range's pieces covered each index of [0, n).
template <class B>
std::vector<int> coverage(std::size_t n, std::size_t grain) {
  std::vector<int> hits(n, 0);
  B::for_range(n, grain, [&](std::size_t begin, std::size_t end) {
    EXPECT_LT(begin, end);
    EXPECT_LE(end, n);
    for (std::size_t i = begin; i < end; ++i) ++hits[i];  // pieces do not overlap
  });
  return hits;
}

TYPED_TEST(ParallelBackend, PiecesCoverTheRangeExactlyOnce) {
  for (int concurrency : {1, 2, 4}) {
    typename TypeParam::Scope scope(concurrency);
    scope.run([] {
      for (std::size_t n : {0UL, 1UL, 2UL, 7UL, 1000UL, 100003UL}) {
        for (std::size_t grain : {0UL, 1UL, 64UL, 5000UL}) {
          const std::vector<int> hits = coverage<TypeParam>(n, grain);
          EXPECT_EQ(std::count(hits.begin(), hits.end(), 1), static_cast<std::ptrdiff_t>(n))
              << n << " indices, grain " << grain;
        }
      }
    });
  }
  // Outside any scope too.
  const std::vector<int> hits = coverage<TypeParam>(4097, 16);
  EXPECT_EQ(std::count(hits.begin(), hits.end(), 1), 4097);
}

TYPED_TEST(ParallelBackend, AScopeBoundsTheThreadsOfItsLoops) {
  EXPECT_EQ(TypeParam::max_concurrency(), TypeParam::default_concurrency());
  EXPECT_GE(TypeParam::default_concurrency(), 1);
  for (int concurrency : {1, 2, 3}) {
    typename TypeParam::Scope scope(concurrency);
    EXPECT_EQ(scope.concurrency(), concurrency);
    scope.run([&] {
      EXPECT_EQ(TypeParam::max_concurrency(), concurrency);
      std::mutex mutex;
      std::set<std::thread::id> ids;
      TypeParam::for_range(10000, 1, [&](std::size_t, std::size_t) {
        const std::lock_guard lock(mutex);
        ids.insert(std::this_thread::get_id());
      });
      EXPECT_LE(ids.size(), static_cast<std::size_t>(concurrency));
      // One thread: every piece runs on the caller.
      if (concurrency == 1) {
        EXPECT_EQ(ids, std::set<std::thread::id>{std::this_thread::get_id()});
      }
    });
  }
  EXPECT_EQ(TypeParam::max_concurrency(), TypeParam::default_concurrency());
}

TYPED_TEST(ParallelBackend, ScopesNest) {
  typename TypeParam::Scope outer(2);
  outer.run([] {
    typename TypeParam::Scope inner(1);
    inner.run([] { EXPECT_EQ(TypeParam::max_concurrency(), 1); });
    EXPECT_EQ(TypeParam::max_concurrency(), 2);
  });
}

TYPED_TEST(ParallelBackend, TheFirstExceptionOfAPieceReachesTheCaller) {
  typename TypeParam::Scope scope(4);
  scope.run([] {
    std::atomic<int> ran{0};
    try {
      TypeParam::for_range(1000, 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
          ++ran;
          if (i == 17) throw std::runtime_error("boom at 17");
        }
      });
      ADD_FAILURE() << "no exception";
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()), "boom at 17");
    }
    EXPECT_GE(ran.load(), 1);
    // Several pieces throw: one of their exceptions arrives, whole.
    try {
      TypeParam::for_range(64, 1, [](std::size_t begin, std::size_t) {
        if (begin % 2 == 1) throw std::out_of_range(std::to_string(begin));
      });
      ADD_FAILURE() << "no exception";
    } catch (const std::out_of_range& e) {
      EXPECT_EQ(std::stoul(e.what()) % 2, 1U);
    }
    // The back end is usable again.
    const std::vector<int> hits = coverage<TypeParam>(5000, 1);
    EXPECT_EQ(std::count(hits.begin(), hits.end(), 1), 5000);
  });
}

TYPED_TEST(ParallelBackend, LoopsInsidePiecesComplete) {
  typename TypeParam::Scope scope(2);
  scope.run([] {
    std::vector<std::vector<int>> hits(50, std::vector<int>(300, 0));
    TypeParam::for_range(hits.size(), 1, [&](std::size_t begin, std::size_t end) {
      for (std::size_t row = begin; row < end; ++row) {
        TypeParam::for_range(hits[row].size(), 7, [&](std::size_t b, std::size_t e) {
          for (std::size_t i = b; i < e; ++i) ++hits[row][i];
        });
      }
    });
    for (const std::vector<int>& row : hits) EXPECT_EQ(std::count(row.begin(), row.end(), 1), 300);
  });
}

TYPED_TEST(ParallelBackend, LoopsFromSeveralThreadsAtOnceComplete) {
  std::vector<std::vector<int>> hits(4);
  std::vector<std::thread> callers;
  callers.reserve(hits.size());
  for (std::vector<int>& h : hits) {
    callers.emplace_back([&h] { h = coverage<TypeParam>(20000, 3); });
  }
  for (std::thread& t : callers) t.join();
  for (const std::vector<int>& h : hits) EXPECT_EQ(std::count(h.begin(), h.end(), 1), 20000);
}

// The std::thread back end really runs a loop on two threads in a scope of two: the piece that
// starts first waits until another piece has started on a different thread (a single thread would
// wait for ever, and the test would time out).
TEST(ParallelThreads, AScopeOfTwoRunsTwoPiecesAtOnce) {
  threads::Scope scope(2);
  scope.run([] {
    std::mutex mutex;
    std::condition_variable started;
    std::set<std::thread::id> ids;
    threads::for_range(2, 1, [&](std::size_t, std::size_t) {
      std::unique_lock lock(mutex);
      ids.insert(std::this_thread::get_id());
      started.notify_all();
      started.wait(lock, [&] { return ids.size() == 2; });
    });
    EXPECT_EQ(ids.size(), 2U);
  });
}

TEST(Parallel, ForEachVisitsEveryIndexOnce) {
  std::vector<int> hits(12345, 0);
  parallel::for_each(hits.size(), 10, [&](std::size_t i) { ++hits[i]; });
  EXPECT_EQ(std::count(hits.begin(), hits.end(), 1), 12345);
}

TEST(Parallel, ReduceCombinesPiecesInIndexOrder) {
  // Floating-point sums depend on their order: the parallel sum must be the sequential sum of the
  // same pieces, bit for bit, in any scope.
  std::mt19937_64 g(5);
  std::lognormal_distribution<double> value(0.0, 3.0);
  std::vector<double> x(100001);
  for (double& v : x) v = value(g);
  const std::size_t grain = 1000;
  double expected = 0;
  for (std::size_t begin = 0; begin < x.size(); begin += grain) {
    double piece = 0;
    for (std::size_t i = begin; i < std::min(x.size(), begin + grain); ++i) piece += x[i];
    expected += piece;
  }
  for (int concurrency : {1, 2, 4}) {
    Scope scope(concurrency);
    double total = -1;
    scope.run([&] {
      total = parallel::reduce(
          x.size(), grain, 0.0,
          [&](std::size_t begin, std::size_t end) {
            double piece = 0;
            for (std::size_t i = begin; i < end; ++i) piece += x[i];
            return piece;
          },
          [](double a, double b) { return a + b; });
    });
    EXPECT_EQ(total, expected) << concurrency;
  }
  // Booleans, whose std::vector would pack neighbouring pieces into one word.
  const auto all_positive = [&](std::size_t n) {
    return parallel::reduce(
        n, 3, true,
        [&](std::size_t begin, std::size_t end) {
          return std::all_of(x.begin() + static_cast<std::ptrdiff_t>(begin),
                             x.begin() + static_cast<std::ptrdiff_t>(end),
                             [](double v) { return v > 0; });
        },
        [](bool a, bool b) { return a && b; });
  };
  EXPECT_TRUE(all_positive(x.size()));
  x[77777] = -1;
  EXPECT_FALSE(all_positive(x.size()));
  EXPECT_TRUE(all_positive(0));
}

TEST(Parallel, StableSortKeepsTheOrderOfEqualKeys) {
  // Keys with many ties, and the original position as the payload: a stable sort has one answer.
  std::mt19937_64 g(9);
  std::uniform_int_distribution<int> key(0, 999);
  for (std::size_t n : {0UL, 1UL, 5000UL, 32768UL, 32769UL, 200003UL}) {
    std::vector<std::pair<int, std::size_t>> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = {key(g), i};
    const auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
    std::vector<std::pair<int, std::size_t>> expected = v;
    std::stable_sort(expected.begin(), expected.end(), by_key);
    for (int concurrency : {1, 2, 4}) {
      std::vector<std::pair<int, std::size_t>> got = v;
      Scope scope(concurrency);
      scope.run([&] { parallel::stable_sort(got.begin(), got.end(), by_key); });
      EXPECT_EQ(got, expected) << n << " elements, concurrency " << concurrency;
    }
  }
}

}  // namespace
}  // namespace fupin::sim::parallel
