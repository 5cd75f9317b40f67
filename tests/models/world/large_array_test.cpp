// Tests for assign_large and advise_huge_pages (models/world/large_array.hpp).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "models/world/large_array.hpp"
#include "sim/parallel.hpp"

namespace fupin::models {
namespace {

TEST(LargeArray, HoldsExactlyTheNewValuesWhateverItHeldBefore) {
  std::vector<double> v(10, 7.0);
  // Larger than a huge page, so the advice applies to part of it.
  const std::size_t n = (std::size_t{5} << 20) / sizeof(double) + 3;
  assign_large(v, n, 1.5);
  ASSERT_EQ(v.size(), n);
  for (double x : v) ASSERT_EQ(x, 1.5);
  assign_large(v, 4, -2.0);
  EXPECT_EQ(v, (std::vector<double>{-2.0, -2.0, -2.0, -2.0}));
  assign_large(v, 0, 3.0);
  EXPECT_TRUE(v.empty());
}

// Memory the array holds is kept when it is large enough (a later variant's store in an earlier
// one's), and every element is written, in parallel pieces, whatever the thread count.
TEST(LargeArray, KeepsItsMemoryWhenLargeEnough) {
  const std::size_t n = (std::size_t{3} << 20) / sizeof(std::int64_t) + 5;
  for (int threads : {1, 2, 4}) {
    sim::parallel::Scope scope(threads);
    scope.run([&] {
      std::vector<std::int64_t> v;
      assign_large(v, n, std::int64_t{7});
      const std::int64_t* memory = v.data();
      for (std::size_t i = 0; i < n; i += 4099) v[i] = -1;
      assign_large(v, n - 1000, std::int64_t{0});
      EXPECT_EQ(v.data(), memory);
      ASSERT_EQ(v.size(), n - 1000);
      for (std::int64_t x : v) ASSERT_EQ(x, 0);
      assign_large(v, n, std::int64_t{3});
      EXPECT_EQ(v.data(), memory);
      for (std::int64_t x : v) ASSERT_EQ(x, 3);
      assign_large(v, 2 * n, std::int64_t{4});  // larger: new memory
      ASSERT_EQ(v.size(), 2 * n);
      for (std::int64_t x : v) ASSERT_EQ(x, 4);
    });
  }
}

TEST(LargeArray, TouchingPagesWritesZeroBytesOnlyInsideTheRange) {
  std::vector<unsigned char> bytes(3 * 4096 + 100, 0xAB);
  touch_pages(bytes.data() + 10, bytes.size() - 20);
  touch_pages(nullptr, 100);
  EXPECT_EQ(bytes[10], 0);
  EXPECT_EQ(bytes[10 + 4096], 0);
  EXPECT_EQ(bytes[9], 0xAB);
  EXPECT_EQ(bytes[11], 0xAB);
  EXPECT_EQ(bytes.back(), 0xAB);
}

TEST(LargeArray, AdviceOnAnyRangeLeavesTheMemoryAsItWas) {
  std::vector<std::uint8_t> bytes(3 << 20, 0xAB);
  advise_huge_pages(bytes.data(), bytes.size());
  advise_huge_pages(bytes.data() + 1, 100);  // less than a huge page: nothing to advise
  advise_huge_pages(nullptr, 1 << 22);
  for (std::uint8_t b : bytes) ASSERT_EQ(b, 0xAB);
}

}  // namespace
}  // namespace fupin::models
