// Poverty and inequality measures on person-weighted incomes.
//
// Foster–Greer–Thorbecke FGT(alpha) = (1/N) Σ w_i g_i^alpha over y_i < z, with the gap ratio
// g_i = min(1, (z − y_i)/z) (an income at or below zero is the whole line short), where w_i is the
// number of people in unit i and N = Σ w_i. Hence P2 <= P1 <= P0 <= 1. The Gini coefficient is
// computed from the weighted Lorenz curve (trapezoid rule), exact for grouped data.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace fupin::models {

// `value` where `keep`, otherwise zero (+0.0), without a branch: a mask of the value's bits.
// For the sums over households whose test (an income below the line, or above a threshold) is
// as unpredictable as the poverty rate is near one half, where a branch is mispredicted about
// that often. Adding the zero instead of skipping the addition changes no sum's bits; a compiler
// turns `keep ? value : 0.0` and `value * keep` back into a branch.
inline double kept_or_zero(bool keep, double value) {
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(value) &
                               (std::uint64_t{0} - static_cast<std::uint64_t>(keep)));
}

struct IncomeObservation {
  double income;  // per-capita income, yuan per year
  double weight;  // people
};

// An observation whose weight is a whole number of people below 65,536, packed into 10 bytes:
// the yearly summary keeps one per household, twice (the sort's two buffers), so 12 bytes a
// household fewer than IncomeObservation. The measures convert the weight to double exactly, so
// they equal those on the same IncomeObservation bit for bit.
struct [[gnu::packed]] CompactObservation {
  double income;         // per-capita income, yuan per year
  std::uint16_t weight;  // people
};
static_assert(sizeof(CompactObservation) == 10);

// The poverty gap ratio of an income below the line, capped at 1: an income at or below zero (a
// net income after this year's costs may be negative) counts as the whole line short, so that
// P2 <= P1 <= P0 <= 1 always.
inline double poverty_gap_ratio(double income, double line) {
  return std::min(1.0, (line - income) / line);
}

// Running sums that can be computed per logical process and combined in a fixed order.
struct FgtPartial {
  double people = 0;
  double poor_people = 0;
  double gap_ratio = 0;     // Σ w g over the poor, g = min(1, (z−y)/z)
  double gap_ratio_sq = 0;  // Σ w g² over the poor
  double income_mass = 0;   // Σ w y
  // Adds one observation; throws std::invalid_argument for a non-finite income, a weight that is
  // negative or not finite, or a line that is not finite and positive. Inline: the yearly summary
  // calls it for every household.
  void add(double income, double weight, double line) {
    if (!(std::isfinite(income) && std::isfinite(weight) && weight >= 0 && std::isfinite(line) &&
          line > 0)) [[unlikely]] {
      reject(income, weight, line);
    }
    people += weight;
    income_mass += weight * income;
    // Without a branch (kept_or_zero): above the line the weight becomes zero, and adding
    // w g = ±0 and w g² = ±0 changes no sum's bits (g is finite there: 0 < line <= income).
    // Below it, the same products as `weight * g` and `weight * g * g`.
    const double w = kept_or_zero(income < line, weight);
    const double g = poverty_gap_ratio(income, line);
    poor_people += w;
    gap_ratio += w * g;
    gap_ratio_sq += w * g * g;
  }
  void merge(const FgtPartial& other);  // adds other's sums (caller fixes the order)
  [[nodiscard]] double fgt0() const;
  [[nodiscard]] double fgt1() const;
  [[nodiscard]] double fgt2() const;
  [[nodiscard]] double mean_income() const;

 private:
  [[noreturn]] static void reject(double income, double weight, double line);
};

// FGT(alpha) for alpha = 0, 1, 2 (or any alpha >= 0) directly.
double fgt(std::span<const IncomeObservation> obs, double line, double alpha);

// Weighted Gini. Sorts a copy by (income, weight) so the result does not depend on input order.
double gini(std::span<const IncomeObservation> obs);
// The same on observations already sorted by (income, weight); no copy.
double gini_sorted(std::span<const IncomeObservation> sorted);

// Weighted median income (lower median of the person distribution) on sorted observations.
double median_sorted(std::span<const IncomeObservation> sorted);

// gini_sorted and median_sorted of compact observations.
double gini_sorted_compact(std::span<const CompactObservation> sorted);
double median_sorted_compact(std::span<const CompactObservation> sorted);
// Both in one pass over the observations instead of five, the same bits (the yearly summary).
struct GiniAndMedian {
  double gini = 0;
  double median = 0;
};
GiniAndMedian gini_and_median_sorted_compact(std::span<const CompactObservation> sorted);

// gini_and_median_sorted_compact of a sorted sequence given in consecutive parts (for
// for_each_sorted_part, models/metrics/income_sort.hpp), with the same sums in the same order:
// the same bits as on the whole sequence at once.
class SortedGiniAndMedian {
 public:
  // `people`: the weight of the whole sequence (the median needs it before the first part).
  explicit SortedGiniAndMedian(std::uint64_t people) : total_(people) {}
  // The next part. Throws std::invalid_argument, as gini_sorted does, if an observation is
  // invalid or out of order (also across parts); the sums are then not to be used.
  void add(std::span<const CompactObservation> part);
  // Throws std::logic_error if the parts' weights do not add up to the people given.
  [[nodiscard]] GiniAndMedian result() const;

 private:
  std::uint64_t total_;
  std::uint64_t people_ = 0;
  double cumulative_ = 0;
  double area_ = 0;
  bool any_ = false;
  double last_ = 0;  // the last income added
  bool median_found_ = false;
  double median_ = 0;
};

}  // namespace fupin::models
