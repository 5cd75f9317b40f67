// Exact arithmetic shared by the finance mechanisms: rates applied to amounts with
// round-half-up to the fen, and overflow-checked sums.
#pragma once

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "sim/money.hpp"

namespace fupin::models::finance::detail {

// Rates and shares are fixed-point numbers with 12 decimal places: a double is first rounded to
// the nearest 1e-12, so a rate written as a decimal (0.0475) is taken exactly as written rather
// than as its binary approximation (0.04749999999999999889...). The product with an amount is
// then exact in 128-bit integers.
inline constexpr std::int64_t kRateScale = 1'000'000'000'000;  // 1e12

// `value` as a count of 1e-12, after checking that it is finite and in [0, 1].
inline std::int64_t fixed_rate(double value, const char* what) {
  if (!std::isfinite(value) || value < 0.0 || value > 1.0) {
    throw std::invalid_argument(std::string("finance: ") + what + " must be in [0, 1], got " +
                                std::to_string(value));
  }
  return std::llround(value * static_cast<double>(kRateScale));
}

// round-half-up(amount × rate / 1e12) for amount >= 0 and 0 <= rate <= 1e12: never negative and
// never more than `amount`.
inline sim::Money apply_rate(sim::Money amount, std::int64_t rate) {
  __extension__ typedef __int128 i128;  // GCC/Clang extension; -Wpedantic is silenced here
  const i128 product = static_cast<i128>(amount.fen()) * rate + kRateScale / 2;
  return sim::Money::from_fen(static_cast<std::int64_t>(product / kRateScale));
}

// a + b, throwing std::overflow_error instead of wrapping.
inline sim::Money checked_add(sim::Money a, sim::Money b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a.fen(), b.fen(), &out)) {
    throw std::overflow_error("finance: amount overflows a 64-bit count of fen");
  }
  return sim::Money::from_fen(out);
}

}  // namespace fupin::models::finance::detail
