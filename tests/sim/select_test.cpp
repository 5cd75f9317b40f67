#include "sim/select.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

namespace fupin::sim {
namespace {

// What a full sort puts at k.
std::uint64_t sorted_at(std::vector<std::uint64_t> keys, std::size_t k) {
  std::sort(keys.begin(), keys.end());
  return keys[k];
}

// Every k of random arrays from 0 to 600 keys, drawn from 3 values (many ties), from 50 and from
// the whole 64-bit range: the value a sort puts at k, and the keys reordered, never changed.
TEST(KthSmallest, IsTheValueASortPutsAtKForEveryK) {
  std::mt19937_64 rng(5);
  for (const std::uint64_t spread : {std::uint64_t{3}, std::uint64_t{50}, std::uint64_t{0}}) {
    for (std::size_t n = 1; n <= 600; n += (n < 40 ? 1 : 37)) {
      std::vector<std::uint64_t> keys(n);
      for (auto& x : keys) x = spread == 0 ? rng() : rng() % spread;
      std::vector<std::uint64_t> sorted = keys;
      std::sort(sorted.begin(), sorted.end());
      for (std::size_t k = 0; k < n; ++k) {
        std::vector<std::uint64_t> work = keys;
        ASSERT_EQ(kth_smallest(work, k), sorted[k])
            << "n " << n << " k " << k << " spread " << spread;
        std::sort(work.begin(), work.end());
        ASSERT_EQ(work, sorted) << "the keys were changed, not reordered";
      }
    }
  }
}

// Orders that defeat simple pivots: sorted, reversed, all equal, organ pipe, sawtooth; each k
// checked against the sort (the round guard hands what is left to std::nth_element).
TEST(KthSmallest, OrderedAndAdversarialInputs) {
  const std::size_t n = 1000;
  std::vector<std::vector<std::uint64_t>> inputs(5, std::vector<std::uint64_t>(n));
  for (std::size_t i = 0; i < n; ++i) {
    inputs[0][i] = i;
    inputs[1][i] = n - i;
    inputs[2][i] = 7;
    inputs[3][i] = i < n / 2 ? i : n - i;
    inputs[4][i] = i % 17;
  }
  for (const auto& keys : inputs) {
    for (std::size_t k = 0; k < n; k += 7) {
      std::vector<std::uint64_t> work = keys;
      EXPECT_EQ(kth_smallest(work, k), sorted_at(keys, k)) << "k " << k;
    }
  }
}

TEST(KthSmallest, RefusesAKOutsideTheKeys) {
  std::vector<std::uint64_t> keys{3, 1, 2};
  EXPECT_THROW(kth_smallest(keys, 3), std::out_of_range);
  std::vector<std::uint64_t> none;
  EXPECT_THROW(kth_smallest(none, 0), std::out_of_range);
}

}  // namespace
}  // namespace fupin::sim
