// Selection: the k-th smallest of an array of integer keys.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace fupin::sim {

// The k-th smallest (counted from 0) of `keys`, which it reorders. A quickselect whose partitions
// are branchless (each key is moved by a conditional count, not a branch on how it compares
// with the pivot, which is as unpredictable as the data: std::nth_element's compare branches were
// most of its time on a few hundred keys); keys equal to the pivot are set apart, so ties end it.
// After as many rounds as a balanced selection would take, twice over, the rest is left to
// std::nth_element (a guard against inputs that defeat the median-of-three pivot). The value is
// the one a full sort would put at k, whatever the method. Throws std::out_of_range if
// k >= keys.size().
std::uint64_t kth_smallest(std::span<std::uint64_t> keys, std::size_t k);

}  // namespace fupin::sim
