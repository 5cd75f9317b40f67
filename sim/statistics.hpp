// Means and 95% confidence intervals of a small sample (replicates of a run), with Student's t.
// Domain-free: the sample is a list of numbers in a fixed order, so the result is the same for the
// same list on every machine and thread count.
#pragma once

#include <cstddef>
#include <span>

namespace fupin::sim {

struct Interval {
  std::size_t n = 0;  // sample size
  double mean = 0;    // NaN for an empty sample or one holding a NaN
  double lower = 0;   // mean − t(0.975, n−1) · sd / √n; NaN when n < 2 or the mean is NaN
  double upper = 0;   // mean + t(0.975, n−1) · sd / √n
  double sd = 0;      // sample standard deviation (divisor n − 1); NaN when n < 2

  // The interval holds values on one side of 0 only (it "excludes 0"): the sample tells a sign.
  [[nodiscard]] bool excludes_zero() const { return lower > 0 || upper < 0; }
};

// The quantile t(p, df) of Student's t distribution (df > 0).
double student_t_quantile(double p, double df);

// Mean and 95% interval of `values` (summed in order): mean ± t(0.975, n−1) · s / √n.
Interval mean_interval(std::span<const double> values);

// 95% interval of mean(a) − mean(b) for independent (unpaired) samples, by Welch's t with the
// Welch–Satterthwaite degrees of freedom. NaN bounds when either sample has fewer than 2 values.
Interval welch_interval(std::span<const double> a, std::span<const double> b);

}  // namespace fupin::sim
