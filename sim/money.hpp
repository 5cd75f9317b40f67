// Exact money: integer fen (0.01 yuan) in an int64, and splits whose parts add up to the whole.
#pragma once

#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace fupin::sim {

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

  constexpr Money& operator+=(Money o) { fen_ += o.fen_; return *this; }
  constexpr Money& operator-=(Money o) { fen_ -= o.fen_; return *this; }
  friend constexpr Money operator+(Money a, Money b) { return Money(a.fen_ + b.fen_); }
  friend constexpr Money operator-(Money a, Money b) { return Money(a.fen_ - b.fen_); }
  friend constexpr Money operator-(Money a) { return Money(-a.fen_); }
  friend constexpr Money operator*(Money a, std::int64_t k) { return Money(a.fen_ * k); }
  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  constexpr explicit Money(std::int64_t fen) : fen_(fen) {}
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

// Total of a list of amounts.
Money sum(std::span<const Money> parts);

}  // namespace fupin::sim
