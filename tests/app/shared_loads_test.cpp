#include "app/shared_loads.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace fupin::app {
namespace {

TEST(SharedLoads, EachKeyIsLoadedOnceForAllItsUsersAndFreedAfterTheLast) {
  std::vector<int> loads(3, 0);
  SharedLoads<std::string> shared({2, 3, 1}, [&](std::size_t k) {
    ++loads[k];
    return "point " + std::to_string(k);
  });
  // Interleaved, as runs of a sweep finish out of order.
  EXPECT_EQ(shared.take(1), "point 1");
  EXPECT_EQ(shared.take(0), "point 0");
  EXPECT_EQ(shared.held(), 2U);
  EXPECT_EQ(shared.take(1), "point 1");
  EXPECT_EQ(shared.take(0), "point 0");
  EXPECT_EQ(shared.held(), 1U);  // point 0's two users have taken it
  EXPECT_EQ(shared.take(2), "point 2");
  EXPECT_EQ(shared.take(1), "point 1");
  EXPECT_EQ(shared.held(), 0U);
  EXPECT_EQ(loads, (std::vector<int>{1, 1, 1}));
}

TEST(SharedLoads, ALoadThatThrowsIsTriedAgainByTheNextTake) {
  int calls = 0;
  SharedLoads<int> shared({2}, [&](std::size_t) {
    if (++calls == 1) throw std::runtime_error("first load fails");
    return 7;
  });
  EXPECT_THROW(shared.take(0), std::runtime_error);
  EXPECT_EQ(shared.held(), 0U);
  EXPECT_EQ(shared.take(0), 7);
  EXPECT_EQ(calls, 2);
}

TEST(SharedLoads, ConcurrentTakesOfOneKeyLoadItOnce) {
  constexpr std::size_t kUsers = 8;
  std::atomic<int> loads{0};
  SharedLoads<std::vector<int>> shared({kUsers}, [&](std::size_t) {
    ++loads;
    std::this_thread::yield();
    return std::vector<int>(1000, 5);
  });
  std::vector<std::thread> threads;
  std::atomic<int> right{0};
  for (std::size_t t = 0; t < kUsers; ++t) {
    threads.emplace_back([&] {
      if (shared.take(0) == std::vector<int>(1000, 5)) ++right;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(loads.load(), 1);
  EXPECT_EQ(right.load(), static_cast<int>(kUsers));
  EXPECT_EQ(shared.held(), 0U);
}

}  // namespace
}  // namespace fupin::app
