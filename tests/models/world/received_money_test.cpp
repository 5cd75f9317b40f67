// Tests for ReceivedMoney (models/world/received_money.hpp): 32-bit cells that move to 64 bits
// when their total leaves the 32-bit range, with every total exact.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <thread>
#include <vector>

#include "models/world/received_money.hpp"

namespace fupin::models {
namespace {

constexpr std::int64_t kMax32 = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kMin32 = std::numeric_limits<std::int32_t>::min();

TEST(ReceivedMoney, TotalsInsideThirtyTwoBitsStayNarrowAndExact) {
  ReceivedMoney m;
  m.assign(5);
  m.add(0, kMax32);      // the largest narrow total
  m.add(1, kMin32 + 1);  // the smallest narrow total (the marker is one below)
  m.add(2, 1'000'000);
  m.add(2, -999'999);
  EXPECT_EQ(m[0], kMax32);
  EXPECT_EQ(m[1], kMin32 + 1);
  EXPECT_EQ(m[2], 1);
  EXPECT_EQ(m[3], 0);
  EXPECT_EQ(m.wide_cells(), 0U);
  EXPECT_EQ(m.values(), (std::vector<std::int64_t>{kMax32, kMin32 + 1, 1, 0, 0}));
}

TEST(ReceivedMoney, ATotalBeyondThirtyTwoBitsMovesToSixtyFourAndStaysExact) {
  ReceivedMoney m;
  m.assign(4);
  m.add(1, kMax32);
  m.add(1, 1);  // one fen over the bound
  EXPECT_EQ(m[1], kMax32 + 1);
  EXPECT_EQ(m.wide_cells(), 1U);
  m.add(1, -2);  // back inside the range: the cell stays wide and exact
  EXPECT_EQ(m[1], kMax32 - 1);
  m.add(2, kMin32);  // the marker's own value is a wide total
  EXPECT_EQ(m[2], kMin32);
  m.add(3, std::int64_t{5} << 40);
  m.add(3, 7);
  EXPECT_EQ(m[3], (std::int64_t{5} << 40) + 7);
  EXPECT_EQ(m.wide_cells(), 3U);
  EXPECT_EQ(m[0], 0);
  EXPECT_EQ(m.values(),
            (std::vector<std::int64_t>{0, kMax32 - 1, kMin32, (std::int64_t{5} << 40) + 7}));
}

// The same additions as an int64 store, over many cells, some of them crossing the bound.
TEST(ReceivedMoney, EqualsASixtyFourBitStoreForAnySequenceOfAdditions) {
  constexpr std::size_t kCells = 1000;
  ReceivedMoney m;
  m.assign(kCells);
  std::vector<std::int64_t> reference(kCells, 0);
  std::uint64_t state = 12345;
  for (int k = 0; k < 20000; ++k) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const std::size_t cell = (state >> 33) % kCells;
    // Mostly small amounts; one in eight up to 2^31 fen, so totals cross the bound.
    const auto amount =
        static_cast<std::int64_t>((state >> 11) % ((state & 7) == 0 ? 1ULL << 31 : 1'000'000ULL));
    m.add(cell, amount);
    reference[cell] += amount;
  }
  EXPECT_EQ(m.values(), reference);
  EXPECT_GT(m.wide_cells(), 0U);
  EXPECT_LT(m.wide_cells(), kCells);
  const ReceivedMoney copy = m;
  EXPECT_TRUE(copy == m);
  ReceivedMoney other;
  other.assign(kCells);
  for (std::size_t c = 0; c < kCells; ++c) other.add(c, reference[c]);
  EXPECT_TRUE(other == m);  // equal totals, whichever slots hold them
  other.add(0, 1);
  EXPECT_FALSE(other == m);
}

// Cells written by several threads at once (one writer per cell, as logical processes write their
// own households), some of them widening: the totals are those of one thread.
TEST(ReceivedMoney, ConcurrentWritersOfDistinctCellsGiveTheTotalsOfOneWriter) {
  constexpr std::size_t kCells = 4096;
  constexpr int kThreads = 4;
  const auto fill = [](ReceivedMoney& m, std::size_t first, std::size_t step) {
    for (int round = 0; round < 50; ++round) {
      for (std::size_t c = first; c < kCells; c += step) {
        m.add(c, c % 3 == 0 ? (std::int64_t{1} << 27) : static_cast<std::int64_t>(c));
      }
    }
  };
  ReceivedMoney alone;
  alone.assign(kCells);
  fill(alone, 0, 1);
  ReceivedMoney shared;
  shared.assign(kCells);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(fill, std::ref(shared), t, kThreads);
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(shared.values(), alone.values());
  EXPECT_EQ(shared.wide_cells(), alone.wide_cells());
  EXPECT_EQ(alone.wide_cells(), (kCells + 2) / 3);  // 50 × 2^27 > 2^31 - 1: every third cell
  EXPECT_EQ(alone[3], 50 * (std::int64_t{1} << 27));
}

}  // namespace
}  // namespace fupin::models
