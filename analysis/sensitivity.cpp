// Sobol (Saltelli 2010 / Jansen 1999) and Morris estimators.
#include "analysis/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sim/random.hpp"

namespace fupin::analysis {

namespace {

// Indices computed from the base rows `rows` (each row index may repeat); returns the variance.
double estimate(const std::vector<double>& y, std::size_t d, const std::vector<std::size_t>& rows,
                std::vector<double>& first, std::vector<double>& total) {
  const std::size_t stride = d + 2;
  const auto n = static_cast<double>(rows.size());
  double sum = 0.0;
  for (const std::size_t j : rows) sum += y[j * stride] + y[j * stride + 1];
  const double mean = sum / (2.0 * n);
  double squares = 0.0;
  for (const std::size_t j : rows) {
    squares += (y[j * stride] - mean) * (y[j * stride] - mean) +
               (y[j * stride + 1] - mean) * (y[j * stride + 1] - mean);
  }
  const double variance = squares / (2.0 * n - 1.0);
  first.assign(d, 0.0);
  total.assign(d, 0.0);
  if (!(variance > 0.0)) return variance;
  for (std::size_t i = 0; i < d; ++i) {
    double s = 0.0;
    double t = 0.0;
    for (const std::size_t j : rows) {
      const double fa = y[j * stride];
      const double fb = y[j * stride + 1];
      const double fab = y[j * stride + 2 + i];
      s += (fb - mean) * (fab - fa);  // centred: invariant to a constant added to y
      t += (fa - fab) * (fa - fab);
    }
    first[i] = s / n / variance;
    total[i] = t / (2.0 * n) / variance;
  }
  return variance;
}

// The q-quantile of sorted values, linear between order statistics.
double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0.0;
  const double at = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(at));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (at - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

}  // namespace

SobolIndices sobol_indices(const std::vector<double>& y, std::size_t n, std::size_t d,
                           std::size_t resamples, std::uint64_t seed, double confidence) {
  if (y.size() != n * (d + 2)) {
    throw std::invalid_argument("Sobol indices need n (d + 2) = " + std::to_string(n * (d + 2)) +
                                " outputs, not " + std::to_string(y.size()));
  }
  if (n < 2) throw std::invalid_argument("Sobol indices need at least 2 base rows");
  SobolIndices out;
  out.confidence = confidence;
  std::vector<std::size_t> rows(n);
  for (std::size_t j = 0; j < n; ++j) rows[j] = j;
  std::vector<double> first;
  std::vector<double> total;
  out.variance = estimate(y, d, rows, first, total);
  std::vector<std::vector<double>> boot_first(d);
  std::vector<std::vector<double>> boot_total(d);
  const sim::RandomSource source(seed, "sweep.bootstrap");
  std::vector<double> f;
  std::vector<double> t;
  for (std::size_t b = 0; b < resamples; ++b) {
    sim::RandomStream s = source.stream(b, 0);
    for (std::size_t j = 0; j < n; ++j) rows[j] = static_cast<std::size_t>(s.next_u64() % n);
    (void)estimate(y, d, rows, f, t);
    for (std::size_t i = 0; i < d; ++i) {
      boot_first[i].push_back(f[i]);
      boot_total[i].push_back(t[i]);
    }
  }
  const double lo = (1.0 - confidence) / 2.0;
  const double hi = (1.0 + confidence) / 2.0;
  for (std::size_t i = 0; i < d; ++i) {
    std::sort(boot_first[i].begin(), boot_first[i].end());
    std::sort(boot_total[i].begin(), boot_total[i].end());
    const bool boot = resamples > 0;
    out.first.push_back({first[i], boot ? quantile(boot_first[i], lo) : first[i],
                         boot ? quantile(boot_first[i], hi) : first[i]});
    out.total.push_back({total[i], boot ? quantile(boot_total[i], lo) : total[i],
                         boot ? quantile(boot_total[i], hi) : total[i]});
  }
  return out;
}

MorrisIndices morris_indices(const std::vector<double>& y, const MorrisDesign& design) {
  const std::size_t d = design.dimensions;
  if (y.size() != design.points.size()) {
    throw std::invalid_argument("Morris indices need " + std::to_string(design.points.size()) +
                                " outputs, not " + std::to_string(y.size()));
  }
  std::vector<std::vector<double>> effects(d);
  for (std::size_t t = 0; t < design.trajectories; ++t) {
    for (std::size_t s = 0; s < d; ++s) {
      const std::size_t before = t * (d + 1) + s;
      const double effect = (y[before + 1] - y[before]) / design.step[t * d + s];
      effects[design.changed[t * d + s]].push_back(effect);
    }
  }
  MorrisIndices out;
  for (std::size_t k = 0; k < d; ++k) {
    const auto r = static_cast<double>(effects[k].size());
    double sum = 0.0;
    double sum_abs = 0.0;
    for (const double e : effects[k]) {
      sum += e;
      sum_abs += std::abs(e);
    }
    const double mu = r > 0 ? sum / r : 0.0;
    double squares = 0.0;
    for (const double e : effects[k]) squares += (e - mu) * (e - mu);
    out.mu.push_back(mu);
    out.mu_star.push_back(r > 0 ? sum_abs / r : 0.0);
    out.sigma.push_back(r > 1 ? std::sqrt(squares / (r - 1.0)) : 0.0);
  }
  return out;
}

}  // namespace fupin::analysis
