// Counts of up to 255 each kept in the eight bytes of a 64-bit word: one addition counts a
// household in several counts at once, without a branch or a store per count (the year-end
// passes over every household).
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

namespace fupin::models::byte_lanes {

// Additions of at most 1 a lane between two reads of the lanes: a lane overflows at 256.
inline constexpr std::uint32_t kCapacity = 255;

// Byte j of kSpread[b] is bit j of b: adding kSpread[b] counts every bit of the byte b in a lane
// of its own.
inline constexpr std::array<std::uint64_t, 256> kSpread = [] {
  std::array<std::uint64_t, 256> t{};
  for (std::size_t b = 0; b < 256; ++b) {
    for (int j = 0; j < 8; ++j) t[b] |= ((b >> j) & 1U) << (8 * j);
  }
  return t;
}();

// The count in lane `j` (0..7).
inline std::int64_t lane(std::uint64_t lanes, unsigned j) {
  return static_cast<std::int64_t>((lanes >> (8 * j)) & 0xFF);
}

// The count in the lane of the bit `bit` (a one-bit mask), as kSpread counts it.
inline std::int64_t lane_of_bit(std::uint64_t lanes, unsigned bit) {
  return lane(lanes, static_cast<unsigned>(std::countr_zero(bit)));
}

}  // namespace fupin::models::byte_lanes
