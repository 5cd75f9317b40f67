// Tests for assign_large and advise_huge_pages (models/world/large_array.hpp).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "models/world/large_array.hpp"

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

TEST(LargeArray, AdviceOnAnyRangeLeavesTheMemoryAsItWas) {
  std::vector<std::uint8_t> bytes(3 << 20, 0xAB);
  advise_huge_pages(bytes.data(), bytes.size());
  advise_huge_pages(bytes.data() + 1, 100);  // less than a huge page: nothing to advise
  advise_huge_pages(nullptr, 1 << 22);
  for (std::uint8_t b : bytes) ASSERT_EQ(b, 0xAB);
}

}  // namespace
}  // namespace fupin::models
