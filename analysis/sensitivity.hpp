// Sensitivity indices from the outputs of a design (designs.hpp): Sobol first-order and total
// indices with bootstrap confidence intervals, Morris mu, mu* and sigma. Deterministic given a
// seed: every sum runs in a fixed order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "analysis/designs.hpp"

namespace fupin::analysis {

struct Interval {
  double estimate = 0.0;
  double low = 0.0;  // bootstrap percentile interval
  double high = 0.0;
};

struct SobolIndices {
  std::vector<Interval> first;  // S_i, Saltelli et al. (2010) estimator
  std::vector<Interval> total;  // ST_i, Jansen (1999) estimator
  double variance = 0.0;        // of the outputs at A and B
  double confidence = 0.95;
};

// `y` holds the outputs at the points of saltelli(n, d), in its order. The estimators, with
// f_A, f_B, f_ABi the outputs at row j of A, B and AB_i and V the variance of f_A and f_B together:
//   S_i  = mean_j (f_B - m) (f_ABi - f_A) / V      (Saltelli et al. 2010, table 2 (b), with f_B
//          centred on the mean m of f_A and f_B: the same in expectation, and the indices no
//          longer carry the output's level times the sampling error of mean(f_ABi - f_A))
//   ST_i = mean_j (f_A - f_ABi)^2 / (2 V)          (Jansen 1999; Saltelli et al. 2010, table 2 (f))
// Confidence intervals: `resamples` bootstrap resamples of the n base rows (drawn from `seed`),
// the (1 - confidence)/2 and (1 + confidence)/2 percentiles of the resampled indices.
// A constant output (V = 0) gives indices of 0.
SobolIndices sobol_indices(const std::vector<double>& y, std::size_t n, std::size_t d,
                           std::size_t resamples, std::uint64_t seed, double confidence = 0.95);

struct MorrisIndices {
  std::vector<double> mu;       // mean elementary effect
  std::vector<double> mu_star;  // mean absolute elementary effect (Campolongo et al. 2007)
  std::vector<double> sigma;    // standard deviation of the elementary effects (n - 1 divisor)
};

// `y` holds the outputs at design.points, in its order; the elementary effect of step s of a
// trajectory is (y after - y before) / step.
MorrisIndices morris_indices(const std::vector<double>& y, const MorrisDesign& design);

}  // namespace fupin::analysis
