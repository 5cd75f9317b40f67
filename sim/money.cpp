#include "sim/money.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace fupin::sim {

Money Money::from_yuan(std::int64_t yuan) {
  std::int64_t fen = 0;
  if (__builtin_mul_overflow(yuan, std::int64_t{100}, &fen)) {
    throw std::overflow_error("money: " + std::to_string(yuan) +
                              " yuan does not fit in a 64-bit count of fen");
  }
  return Money(fen);
}

void Money::overflow(const char* op, Money a, std::int64_t b) {
  const std::string right = std::string(op) == "×" ? std::to_string(b) : Money(b).str() + " yuan";
  throw std::overflow_error("money: " + a.str() + " yuan " + op + " " + right +
                            " does not fit in a 64-bit count of fen (the largest amount is " +
                            Money(std::numeric_limits<std::int64_t>::max()).str() + " yuan)");
}

std::string Money::str() const {
  const bool negative = fen_ < 0;
  // Magnitude in unsigned arithmetic so that INT64_MIN is formatted correctly.
  const std::uint64_t mag = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(fen_)
                                     : static_cast<std::uint64_t>(fen_);
  const std::string digits = std::to_string(mag / 100);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3 + 5);
  if (negative) out.push_back('-');
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  const auto cents = static_cast<unsigned>(mag % 100);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + cents / 10));
  out.push_back(static_cast<char>('0' + cents % 10));
  return out;
}

Money sum(std::span<const Money> parts) {
  std::int64_t total = 0;
  for (Money m : parts) {
    if (__builtin_add_overflow(total, m.fen(), &total)) {
      throw std::overflow_error("money: sum of amounts overflows a 64-bit count of fen");
    }
  }
  return Money::from_fen(total);
}

namespace {

// `rate` as digits × 10^exponent, from its shortest round-trip decimal (at most 17 digits).
struct Decimal {
  std::int64_t digits = 0;
  int exponent = 0;
};

Decimal format_decimal(double rate) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, rate, std::chars_format::scientific);
  if (res.ec != std::errc()) throw std::logic_error("money: cannot format a rate");
  // "-d.ddddde-XX": sign, digits with one point, exponent.
  Decimal d;
  bool negative = false;
  int fraction_digits = 0;
  bool after_point = false;
  const char* p = buf;
  if (*p == '-') {
    negative = true;
    ++p;
  }
  for (; p != res.ptr && *p != 'e'; ++p) {
    if (*p == '.') {
      after_point = true;
      continue;
    }
    d.digits = d.digits * 10 + (*p - '0');
    if (after_point) ++fraction_digits;
  }
  int exp10 = 0;
  if (p != res.ptr) std::from_chars(*(p + 1) == '+' ? p + 2 : p + 1, res.ptr, exp10);
  d.exponent = exp10 - fraction_digits;
  if (negative) d.digits = -d.digits;
  return d;
}

// format_decimal, remembered: a run multiplies by a few rates (a capture share, an interest rate,
// a fee) again and again, and formatting a double to its shortest decimal is most of a product's
// cost. Each thread keeps the last rates it read, by their bits, in a small table of its own.
Decimal decimal_of(double rate) {
  struct Entry {
    std::uint64_t bits = 0;
    bool used = false;
    Decimal decimal;
  };
  constexpr int kSlotBits = 4;
  thread_local std::array<Entry, std::size_t{1} << kSlotBits> remembered{};
  const auto bits = std::bit_cast<std::uint64_t>(rate);
  Entry& e =
      remembered[static_cast<std::size_t>((bits * 0x9E3779B97F4A7C15ULL) >> (64 - kSlotBits))];
  if (!e.used || e.bits != bits) e = Entry{bits, true, format_decimal(rate)};
  return e.decimal;
}

[[noreturn]] void product_overflows(Money amount, double rate) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, rate);
  throw std::overflow_error("money: " + amount.str() + " yuan × " + std::string(buf, res.ptr) +
                            " does not fit in a 64-bit count of fen");
}

void check_total(Money total, const char* split = "split_largest_remainder") {
  if (total.fen() < 0) {
    throw std::invalid_argument(std::string(split) + ": negative total " + total.str());
  }
}

[[noreturn]] void bad_weight(std::size_t i, const std::string& value) {
  throw std::invalid_argument("split_largest_remainder: weight " + std::to_string(i) + " is " +
                              value + " (weights must be finite and non-negative)");
}

}  // namespace

// amount × digits × 10^exponent. |amount| < 2^63 and |digits| < 10^17 < 2^57, so the product
// P = amount × digits is exact in 128 bits (|P| < 2^120 < 10^37). For a negative exponent the
// result is P / 10^-exponent; an exponent below -38 behaves as -38 (10^38 > 2|P| already, so the
// quotient is 0 and the rounding depends only on the sign of P), which keeps 10^38 < 2^127.
Money Money::times(double rate, Rounding rounding) const {
  if (!std::isfinite(rate)) {
    throw std::invalid_argument("money: rate must be finite, got " + std::to_string(rate));
  }
  if (fen_ == 0 || rate == 0.0) return Money();
  const Decimal d = decimal_of(rate);
  const Int128 product = static_cast<Int128>(fen_) * d.digits;
  const Int128 int64_max = std::numeric_limits<std::int64_t>::max();
  const Int128 int64_min = std::numeric_limits<std::int64_t>::min();
  Int128 q = 0;
  if (d.exponent >= 0) {
    q = product;
    for (int k = 0; k < d.exponent; ++k) {
      if (__builtin_mul_overflow(q, Int128{10}, &q) || q > int64_max || q < int64_min) {
        product_overflows(*this, rate);
      }
    }
  } else {
    Int128 denominator = 1;
    for (int k = 0; k < std::min(-d.exponent, 38); ++k) denominator *= 10;
    q = product / denominator;               // toward zero
    const Int128 r = product % denominator;  // sign of product
    const int sign = product < 0 ? -1 : 1;
    if (r != 0) {
      const Int128 mag = r < 0 ? -r : r;
      const Int128 rest = denominator - mag;  // mag > rest: above half; equal: exactly half
      switch (rounding) {
        case Rounding::toward_zero: break;
        case Rounding::floor:
          if (sign < 0) q -= 1;
          break;
        case Rounding::ceiling:
          if (sign > 0) q += 1;
          break;
        case Rounding::half_away_from_zero:
          if (mag >= rest) q += sign;
          break;
        case Rounding::half_even:
          if (mag > rest || (mag == rest && q % 2 != 0)) q += sign;
          break;
      }
    }
  }
  if (q > int64_max || q < int64_min) product_overflows(*this, rate);
  return Money(static_cast<std::int64_t>(q));
}

// Double weights.
//
// The exact quota of part i is T * w_i / W (T the total in fen, W the sum of the weights). We
// cannot afford exact rational arithmetic over the full double exponent range, so:
//
//  1. The weights are scaled by a power of two (exact) so that the largest is in [0.5, 1), and
//     converted to long double, whose exponent range holds every double weight without loss
//     on x86-64.
//  2. W is summed with Neumaier's compensated summation, so its relative error is a few units
//     in the last place of long double (2^-63) whatever the number of weights.
//  3. q_i = (T * s_i) / W in long double (T <= 2^63 is exact in a 64-bit significand), so each
//     quota carries an absolute error of at most a few T * 2^-64: for T up to 1e13 fen that is
//     below 1e-5 fen. f_i = floor(q_i), r_i = q_i - f_i.
//  4. Repair: rounding could in principle make sum(f_i) exceed T or leave T - sum(f_i) >= m
//     (m = number of positive weights; exactly, the leftover is sum(r_i) < m). If so, floors
//     with the smallest remainders are lowered (or those with the largest raised) one fen at a
//     time until 0 <= leftover < m. For realistic totals this never triggers; it is what makes
//     "parts sum to total and none is negative" hold unconditionally.
//  5. The leftover L goes one fen each to the L largest remainders among positive weights (a
//     zero weight never receives money). Remainders are only known to within
//     eps = 16 * LDBL_EPSILON * T, so remainders within eps of the cut-off remainder are
//     treated as tied and resolved by the lower index; this keeps "ties to the lower index"
//     for remainders that are exactly equal but were rounded differently (e.g. 1/3 and 4/3 - 1).
std::vector<Money> split_largest_remainder(Money total, std::span<const double> weights) {
  check_total(total);
  const std::size_t n = weights.size();
  double wmax = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = weights[i];
    if (std::isnan(w)) bad_weight(i, "NaN");
    if (std::isinf(w)) bad_weight(i, "infinite");
    if (w < 0.0) bad_weight(i, std::to_string(w));
    wmax = std::max(wmax, w);
  }
  std::vector<Money> parts(n);
  const std::int64_t t = total.fen();
  if (wmax == 0.0 || t == 0) return parts;

  int exp2 = 0;
  std::frexp(wmax, &exp2);  // wmax = f * 2^exp2, f in [0.5, 1)

  std::vector<std::size_t> pos;  // indices with positive weight
  std::vector<long double> scaled(n, 0.0L);
  long double wsum = 0.0L;
  long double comp = 0.0L;  // Neumaier compensation
  // 2^-exp2, and each weight times it: exact in long double (exponents down to -16382), so each
  // product is ldexp(weight, -exp2), without a call per weight.
  const long double scale = std::ldexp(1.0L, -exp2);
  for (std::size_t i = 0; i < n; ++i) {
    if (weights[i] == 0.0) continue;
    pos.push_back(i);
    const long double s = static_cast<long double>(weights[i]) * scale;
    scaled[i] = s;
    const long double sum_new = wsum + s;
    if (std::fabs(wsum) >= std::fabs(s)) {
      comp += (wsum - sum_new) + s;
    } else {
      comp += (s - sum_new) + wsum;
    }
    wsum = sum_new;
  }
  wsum += comp;

  const long double tl = static_cast<long double>(t);
  std::vector<std::int64_t> fl(n, 0);
  std::vector<long double> rem(n, 0.0L);
  Int128 assigned = 0;
  for (std::size_t i : pos) {
    long double q = (tl * scaled[i]) / wsum;
    if (q > tl) q = tl;
    // 0 <= q <= T < 2^63: the conversion's truncation is the floor (no floorl call).
    fl[i] = static_cast<std::int64_t>(q);
    rem[i] = q - static_cast<long double>(fl[i]);
    assigned += fl[i];
  }

  const auto m = static_cast<Int128>(pos.size());
  auto by_rem_desc = [&](std::size_t a, std::size_t b) {
    if (rem[a] != rem[b]) return rem[a] > rem[b];
    return a < b;
  };
  if (assigned > t) {  // repair: take back from the smallest remainders
    std::vector<std::size_t> order = pos;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return by_rem_desc(b, a); });
    while (assigned > t) {
      for (std::size_t i : order) {
        if (assigned <= t) break;
        if (fl[i] == 0) continue;
        --fl[i];
        rem[i] += 1.0L;
        --assigned;
      }
    }
  }
  if (t - assigned >= m) {  // repair: give to the largest remainders
    std::vector<std::size_t> order = pos;
    std::sort(order.begin(), order.end(), by_rem_desc);
    while (t - assigned >= m) {
      for (std::size_t i : order) {
        if (t - assigned < m) break;
        ++fl[i];
        rem[i] -= 1.0L;
        ++assigned;
      }
    }
  }

  const auto leftover = static_cast<std::size_t>(t - assigned);  // in [0, m)
  if (leftover > 0) {
    const long double eps = 16.0L * LDBL_EPSILON * tl;
    std::nth_element(pos.begin(), pos.begin() + static_cast<std::ptrdiff_t>(leftover - 1),
                     pos.end(), by_rem_desc);
    const long double cut = rem[pos[leftover - 1]];
    std::size_t given = 0;
    std::vector<std::size_t> band;
    for (std::size_t i : pos) {
      if (rem[i] > cut + eps) {
        ++fl[i];
        ++given;
      } else if (rem[i] >= cut - eps) {
        band.push_back(i);
      }
    }
    std::sort(band.begin(), band.end());
    for (std::size_t k = 0; given < leftover; ++k) {
      ++fl[band[k]];
      ++given;
    }
  }
  for (std::size_t i = 0; i < n; ++i) parts[i] = Money::from_fen(fl[i]);
  return parts;
}

std::vector<Money> split_equally(Money total, std::size_t n) {
  check_total(total, "split_equally");
  std::vector<Money> parts(n);
  if (n == 0) return parts;
  const std::int64_t t = total.fen();
  const auto each = static_cast<std::int64_t>(static_cast<std::uint64_t>(t) / n);
  const std::size_t leftover = static_cast<std::size_t>(static_cast<std::uint64_t>(t) % n);
  for (std::size_t k = 0; k < n; ++k) parts[k] = Money::from_fen(each + (k < leftover ? 1 : 0));
  return parts;
}

// Integer weights: quotas are exact rationals T * w_i / W; floors and remainders are computed
// exactly in 128-bit arithmetic (T, w_i < 2^63, so T * w_i < 2^126).
std::vector<Money> split_largest_remainder(Money total, std::span<const std::int64_t> weights) {
  check_total(total);
  const std::size_t n = weights.size();
  Int128 wsum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (weights[i] < 0) bad_weight(i, std::to_string(weights[i]));
    wsum += weights[i];
  }
  std::vector<Money> parts(n);
  const std::int64_t t = total.fen();
  if (wsum == 0 || t == 0) return parts;

  std::vector<std::size_t> pos;
  std::vector<Int128> rem(n, 0);
  std::vector<std::int64_t> fl(n, 0);
  Int128 assigned = 0;
  // The quotient and remainder of T * w_i by W, in 64 bits where T * max w and W fit (one
  // division instruction instead of a 128-bit division call), and once for a weight equal to the
  // one before (an equal split: every household the same quota); the same integers either way.
  std::int64_t wmax = 0;
  for (std::size_t i = 0; i < n; ++i) wmax = std::max(wmax, weights[i]);
  const bool narrow = wsum <= std::numeric_limits<std::int64_t>::max() &&
                      t <= std::numeric_limits<std::int64_t>::max() / wmax;
  const auto w64 = static_cast<std::int64_t>(narrow ? wsum : 1);
  std::int64_t last_weight = 0;
  std::int64_t last_floor = 0;
  Int128 last_rem = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t w = weights[i];
    if (w == 0) continue;
    if (w != last_weight) {
      if (narrow) {
        const std::int64_t num = t * w;
        last_floor = num / w64;
        last_rem = num % w64;
      } else {
        const Int128 num = static_cast<Int128>(t) * w;
        last_floor = static_cast<std::int64_t>(num / wsum);
        last_rem = num % wsum;
      }
      last_weight = w;
    }
    fl[i] = last_floor;
    rem[i] = last_rem;
    assigned += last_floor;
    if (last_rem > 0) pos.push_back(i);
  }
  // Exactly: leftover * W = sum(rem_i) with every rem_i < W, so leftover < #(rem_i > 0).
  const auto leftover = static_cast<std::size_t>(t - assigned);
  if (leftover > 0) {
    std::nth_element(pos.begin(), pos.begin() + static_cast<std::ptrdiff_t>(leftover - 1),
                     pos.end(), [&](std::size_t a, std::size_t b) {
                       if (rem[a] != rem[b]) return rem[a] > rem[b];
                       return a < b;
                     });
    for (std::size_t k = 0; k < leftover; ++k) ++fl[pos[k]];
  }
  for (std::size_t i = 0; i < n; ++i) parts[i] = Money::from_fen(fl[i]);
  return parts;
}

}  // namespace fupin::sim
