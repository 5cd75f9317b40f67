#include "sim/select.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace fupin::sim {

namespace {

// Moves the keys of [first, last) for which `in_front(key)` holds to the front, in one pass
// without a branch on the test (Lomuto's scheme with a conditional count); returns where they
// end. The front keys are those and only those; the order within either side is unspecified.
template <class Test>
std::uint64_t* partition_branchless(std::uint64_t* first, std::uint64_t* last, Test in_front) {
  std::uint64_t* front = first;
  for (std::uint64_t* at = first; at < last; ++at) {
    const std::uint64_t key = *at;
    const bool moves = in_front(key);
    *at = *front;
    *front = key;
    front += moves ? 1 : 0;
  }
  return front;
}

std::uint64_t median_of_three(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return std::max(std::min(a, b), std::min(std::max(a, b), c));
}

}  // namespace

std::uint64_t kth_smallest(std::span<std::uint64_t> keys, std::size_t k) {
  if (k >= keys.size()) throw std::out_of_range("kth_smallest: k is not below the number of keys");
  std::uint64_t* first = keys.data();
  std::uint64_t* last = keys.data() + keys.size();
  std::uint64_t* const kth = keys.data() + k;
  // Twice the rounds of a selection that halves the range each time, and a few more.
  auto rounds_left = static_cast<int>(2 * std::bit_width(keys.size()) + 8);
  constexpr std::ptrdiff_t kSmall = 16;
  while (last - first > kSmall && rounds_left-- > 0) {
    const std::ptrdiff_t n = last - first;
    const std::uint64_t pivot = median_of_three(first[0], first[n / 2], first[n - 1]);
    // [first, below) < pivot, [below, equal) == pivot, [equal, last) > pivot.
    std::uint64_t* const below =
        partition_branchless(first, last, [pivot](std::uint64_t x) { return x < pivot; });
    std::uint64_t* const equal =
        partition_branchless(below, last, [pivot](std::uint64_t x) { return x == pivot; });
    if (kth < below) {
      last = below;
    } else if (kth < equal) {
      return pivot;
    } else {
      first = equal;
    }
  }
  std::nth_element(first, kth, last);
  return *kth;
}

}  // namespace fupin::sim
