// Poverty and inequality measures on person-weighted incomes.
//
// Foster–Greer–Thorbecke FGT(alpha) = (1/N) Σ w_i g_i^alpha over y_i < z, with the gap ratio
// g_i = min(1, (z − y_i)/z) (an income at or below zero is the whole line short), where w_i is the
// number of people in unit i and N = Σ w_i. Hence P2 <= P1 <= P0 <= 1. The Gini coefficient is computed from the
// weighted Lorenz curve (trapezoid rule), exact for grouped data.
#pragma once

#include <span>
#include <vector>

namespace fupin::models {

struct IncomeObservation {
  double income;  // per-capita income, yuan per year
  double weight;  // people
};

// Running sums that can be computed per logical process and combined in a fixed order.
struct FgtPartial {
  double people = 0;
  double poor_people = 0;
  double gap_ratio = 0;      // Σ w g over the poor, g = min(1, (z−y)/z)
  double gap_ratio_sq = 0;   // Σ w g² over the poor
  double income_mass = 0;    // Σ w y
  void add(double income, double weight, double line);
  void merge(const FgtPartial& other);  // adds other's sums (caller fixes the order)
  [[nodiscard]] double fgt0() const;
  [[nodiscard]] double fgt1() const;
  [[nodiscard]] double fgt2() const;
  [[nodiscard]] double mean_income() const;
};

// FGT(alpha) for alpha = 0, 1, 2 (or any alpha >= 0) directly.
double fgt(std::span<const IncomeObservation> obs, double line, double alpha);

// Weighted Gini. Sorts a copy by (income, weight) so the result does not depend on input order.
double gini(std::span<const IncomeObservation> obs);
// The same on observations already sorted by (income, weight); no copy.
double gini_sorted(std::span<const IncomeObservation> sorted);

// Weighted median income (lower median of the person distribution) on sorted observations.
double median_sorted(std::span<const IncomeObservation> sorted);

}  // namespace fupin::models
