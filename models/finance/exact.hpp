// Exact arithmetic shared by the finance mechanisms: rates checked and applied to amounts with
// sim::Money::times (the project's rounding rule, sim::kMoneyRounding), and overflow-checked sums.
#pragma once

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "sim/money.hpp"

namespace fupin::models::finance::detail {

// `value` after checking that it is finite and in [0, 1].
inline double checked_rate(double value, const char* what) {
  if (!std::isfinite(value) || value < 0.0 || value > 1.0) {
    throw std::invalid_argument(std::string("finance: ") + what + " must be in [0, 1], got " +
                                std::to_string(value));
  }
  return value;
}

// amount × rate for amount >= 0 and 0 <= rate <= 1, exact, rounded to the nearest fen with halves
// up (sim::Money::times with sim::kMoneyRounding): never negative and never more than `amount`.
inline sim::Money apply_rate(sim::Money amount, double rate) { return amount.times(rate); }

// a + b, throwing std::overflow_error instead of wrapping.
inline sim::Money checked_add(sim::Money a, sim::Money b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a.fen(), b.fen(), &out)) {
    throw std::overflow_error("finance: amount overflows a 64-bit count of fen");
  }
  return sim::Money::from_fen(out);
}

}  // namespace fupin::models::finance::detail
