// Exact money: integer fen (0.01 yuan) in an int64, and splits whose parts add up to the whole.
#pragma once

#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace fupin::sim {

// The project's one 128-bit integer type, for exact intermediate products of amounts (a GCC and
// Clang extension; `__extension__` keeps -Wpedantic quiet).
// NOLINTNEXTLINE(modernize-use-using): `__extension__` applies to a typedef
__extension__ typedef __int128 Int128;

// How a product of money and a rate is rounded to whole fen. Every mode is exact: the product is
// formed without error and rounded once.
enum class Rounding {
  half_away_from_zero,  // nearest fen, halves away from zero (四舍五入): the project's rule
  half_even,            // nearest fen, halves to the even fen (banker's rounding)
  floor,                // toward minus infinity
  ceiling,              // toward plus infinity
  toward_zero,          // truncation
};

// The one rounding rule for money × rate in fupin (administrative cost, fees, interest, subsidy
// shares, captured shares, yearly growth of a budget): nearest fen, halves away from zero, so a
// rate applied to a negative amount gives the negated result of the positive amount.
inline constexpr Rounding kMoneyRounding = Rounding::half_away_from_zero;

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_fen(std::int64_t fen) { return Money(fen); }
  // Whole yuan; throws std::overflow_error if the amount does not fit in int64 fen.
  static Money from_yuan(std::int64_t yuan);

  [[nodiscard]] constexpr std::int64_t fen() const { return fen_; }
  [[nodiscard]] constexpr double yuan() const { return static_cast<double>(fen_) / 100.0; }
  // "1,234,567.89" style, with sign.
  [[nodiscard]] std::string str() const;

  // Arithmetic is checked: a result that does not fit in int64 fen throws std::overflow_error
  // (money never wraps; the largest amount is 92,233,720,368,547,758.07 yuan).
  constexpr Money& operator+=(Money o) { return *this = *this + o; }
  constexpr Money& operator-=(Money o) { return *this = *this - o; }
  friend constexpr Money operator+(Money a, Money b) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a.fen_, b.fen_, &r)) overflow("+", a, b.fen_);
    return Money(r);
  }
  friend constexpr Money operator-(Money a, Money b) {
    std::int64_t r = 0;
    if (__builtin_sub_overflow(a.fen_, b.fen_, &r)) overflow("-", a, b.fen_);
    return Money(r);
  }
  friend constexpr Money operator-(Money a) {
    std::int64_t r = 0;
    if (__builtin_sub_overflow(std::int64_t{0}, a.fen_, &r)) overflow("-", Money(), a.fen_);
    return Money(r);
  }
  friend constexpr Money operator*(Money a, std::int64_t k) {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a.fen_, k, &r)) overflow("×", a, k);
    return Money(r);
  }

  // This amount × `rate`, exact, rounded once to whole fen by `rounding`. The rate is the decimal
  // the double was written as — its shortest decimal that reads back as the same double — so
  // 0.0475 is 475/10000, not its binary approximation 0.047499999999999998...; the product of
  // that decimal and the amount is formed exactly in 128-bit integers. Negative amounts and rates
  // are allowed. Throws std::invalid_argument for a NaN or infinite rate and std::overflow_error
  // if the rounded result does not fit in int64 fen.
  [[nodiscard]] Money times(double rate, Rounding rounding = kMoneyRounding) const;
  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  constexpr explicit Money(std::int64_t fen) : fen_(fen) {}
  // Throws std::overflow_error naming the operation ("money: 1.00 yuan + 92,... overflows ...").
  [[noreturn]] static void overflow(const char* op, Money a, std::int64_t b);
  std::int64_t fen_ = 0;
};

// Largest-remainder (Hamilton) split of `total` in proportion to non-negative `weights`.
// Parts are non-negative (for total >= 0) and sum exactly to `total`. Each part is the floor of
// its exact quota; the leftover fen go one each to the largest fractional remainders, ties to
// the lower index. If every weight is zero (or weights is empty) every part is zero and nothing
// is allocated: the caller keeps the money. Throws std::invalid_argument on a negative or
// non-finite weight or a negative total.
std::vector<Money> split_largest_remainder(Money total, std::span<const double> weights);

// The same with exact integer weights (quota arithmetic in 128-bit integers).
std::vector<Money> split_largest_remainder(Money total, std::span<const std::int64_t> weights);

// `total` in n equal parts: split_largest_remainder with n weights of one, computed directly
// (every quota is total / n, so every remainder ties and the leftover fen go one each to the
// lowest indices): part k is floor(total / n), plus one fen for k < total mod n. Empty for n = 0.
// Throws std::invalid_argument on a negative total.
std::vector<Money> split_equally(Money total, std::size_t n);

// Total of a list of amounts.
Money sum(std::span<const Money> parts);

}  // namespace fupin::sim
