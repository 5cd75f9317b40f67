#include "sim/statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

namespace fupin::sim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean_of(std::span<const double> values) {
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

// Sample variance (divisor n − 1) about `mean`.
double variance_of(std::span<const double> values, double mean) {
  double sum = 0;
  for (double v : values) sum += (v - mean) * (v - mean);
  return sum / static_cast<double>(values.size() - 1);
}

}  // namespace

double student_t_quantile(double p, double df) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
}

Interval mean_interval(std::span<const double> values) {
  Interval out;
  out.n = values.size();
  out.mean = values.empty() ? kNaN : mean_of(values);
  out.lower = out.upper = out.sd = kNaN;
  if (out.n < 2 || std::isnan(out.mean)) return out;
  out.sd = std::sqrt(variance_of(values, out.mean));
  const double half = student_t_quantile(0.975, static_cast<double>(out.n - 1)) * out.sd /
                      std::sqrt(static_cast<double>(out.n));
  out.lower = out.mean - half;
  out.upper = out.mean + half;
  return out;
}

Interval welch_interval(std::span<const double> a, std::span<const double> b) {
  Interval out;
  out.n = std::min(a.size(), b.size());
  out.lower = out.upper = out.sd = kNaN;
  out.mean = a.empty() || b.empty() ? kNaN : mean_of(a) - mean_of(b);
  if (a.size() < 2 || b.size() < 2 || std::isnan(out.mean)) return out;
  const double va = variance_of(a, mean_of(a)) / static_cast<double>(a.size());
  const double vb = variance_of(b, mean_of(b)) / static_cast<double>(b.size());
  const double se = std::sqrt(va + vb);
  out.sd = se;
  if (se == 0) {
    out.lower = out.upper = out.mean;
    return out;
  }
  const double df =
      (va + vb) * (va + vb) /
      (va * va / static_cast<double>(a.size() - 1) + vb * vb / static_cast<double>(b.size() - 1));
  const double half = student_t_quantile(0.975, df) * se;
  out.lower = out.mean - half;
  out.upper = out.mean + half;
  return out;
}

}  // namespace fupin::sim
