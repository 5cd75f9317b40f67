#include "sim/random.hpp"

#include <Random123/philox.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace fupin::sim {
namespace {

constexpr double kTwoPi = 6.283185307179586476925286766559;
constexpr double kLogSqrtTwoPi = 0.91893853320467274178032973640562;  // log(sqrt(2 pi))

// fc(k) = log(k!) - [(k + 1/2) log(k + 1) - (k + 1) + log(sqrt(2 pi))], the Stirling
// correction used by BTRD. Table for k < 10 (Hörmann 1993), series beyond.
double stirling_correction(std::int64_t k) {
  static constexpr double kTable[10] = {
      0.08106146679532726,  0.04134069595540929, 0.02767792568499834, 0.02079067210376509,
      0.01664469118982119,  0.01387612882307075, 0.01189670994589177, 0.01041126526197209,
      0.009255462182712733, 0.008330563433362871};
  if (k < 10) return kTable[k];
  const double n = static_cast<double>(k) + 1.0;
  const double n2 = n * n;
  // 1/(12n) - 1/(360n^3) + 1/(1260n^5) - 1/(1680n^7): error below 1e-12 for n >= 11.
  return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - 1.0 / (1680.0 * n2)) / n2) / n2) / n;
}

// log(k!) for k >= 0.
double log_factorial(std::int64_t k) {
  const double kd = static_cast<double>(k);
  return stirling_correction(k) + (kd + 0.5) * std::log(kd + 1.0) - (kd + 1.0) + kLogSqrtTwoPi;
}

[[noreturn]] void bad_parameter(const char* what, double value) {
  throw std::invalid_argument(std::string("random: ") + what + " (got " + std::to_string(value) +
                              ")");
}

}  // namespace

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t purpose, std::uint64_t entity,
                           std::uint64_t period)
    : key_{seed, purpose}, ctr_{entity, period, 0, 0} {}

// One Philox4x64-10 block: key {seed, purpose}, counter {entity, period, block, 0}.
void RandomStream::refill() {
  const philox4x64_key_t k = {{key_[0], key_[1]}};
  const philox4x64_ctr_t c = {{ctr_[0], ctr_[1], ctr_[2], ctr_[3]}};
  const philox4x64_ctr_t r = philox4x64_R(10, c, k);
  for (int i = 0; i < 4; ++i) buf_[static_cast<std::size_t>(i)] = r.v[i];
  ++ctr_[2];
  used_ = 0;
}

std::uint64_t RandomStream::next_u64() {
  if (used_ >= 4) refill();
  return buf_[static_cast<std::size_t>(used_++)];
}

double RandomStream::uniform() {
  // Top 53 bits, centred in their interval: never exactly 0 or 1.
  return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53;
}

double RandomStream::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

double RandomStream::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_normal_;
  }
  const double u1 = uniform();
  const double u2 = uniform();
  const double r = std::sqrt(-2.0 * std::log(u1));
  const double theta = kTwoPi * u2;
  spare_normal_ = r * std::sin(theta);
  has_spare_ = true;
  return r * std::cos(theta);
}

double RandomStream::normal(double mean, double sd) {
  if (!(sd >= 0.0)) bad_parameter("normal: sd must be >= 0", sd);
  return mean + sd * normal();
}

double RandomStream::lognormal(double mu, double sigma) {
  if (!(sigma >= 0.0)) bad_parameter("lognormal: sigma must be >= 0", sigma);
  return std::exp(mu + sigma * normal());
}

// Always consumes exactly one draw, so that streams stay aligned whatever p is.
bool RandomStream::bernoulli(double p) {
  if (!(p >= 0.0 && p <= 1.0)) bad_parameter("bernoulli: p must be in [0, 1]", p);
  return uniform() < p;
}

namespace {

// Inversion (sequential search from 0) for n * p < 10, p <= 0.5. P(0) = (1-p)^n >= e^-14, so
// the search starts well inside the representable range. If rounding leaves u beyond the
// accumulated mass (x passes n, or the pmf underflows) the draw is rejected and repeated.
std::int64_t binomial_inversion(RandomStream& rs, std::int64_t n, double p) {
  const double q = 1.0 - p;
  const double s = p / q;
  const double a = (static_cast<double>(n) + 1.0) * s;
  const double p0 = std::pow(q, static_cast<double>(n));
  for (;;) {
    double u = rs.uniform();
    double r = p0;
    std::int64_t x = 0;
    bool ok = true;
    while (u > r) {
      u -= r;
      ++x;
      if (x > n) {
        ok = false;
        break;
      }
      r *= a / static_cast<double>(x) - s;
      if (r <= 0.0) {
        ok = false;
        break;
      }
    }
    if (ok) return x;
  }
}

// BTRD: transformed rejection with decomposition, W. Hörmann, "The generation of binomial
// random variates", J. Statist. Comput. Simul. 46 (1993) 101-110. Requires n * p >= 10, p <= 0.5.
std::int64_t binomial_btrd(RandomStream& rs, std::int64_t n, double p) {
  const double nd = static_cast<double>(n);
  const auto m = static_cast<std::int64_t>(std::floor((nd + 1.0) * p));
  const double md = static_cast<double>(m);
  const double r = p / (1.0 - p);
  const double nr = (nd + 1.0) * r;
  const double npq = nd * p * (1.0 - p);
  const double sqrt_npq = std::sqrt(npq);
  const double b = 1.15 + 2.53 * sqrt_npq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = nd * p + 0.5;
  const double alpha = (2.83 + 5.1 / b) * sqrt_npq;
  const double v_r = 0.92 - 4.2 / b;
  const double u_rv_r = 0.86 * v_r;

  for (;;) {
    double v = rs.uniform();
    double u = 0.0;
    if (v <= u_rv_r) {  // step 1: immediate acceptance
      u = v / v_r - 0.43;
      const double kd = std::floor((2.0 * a / (0.5 - std::fabs(u)) + b) * u + c);
      if (kd >= 0.0 && kd <= nd) return static_cast<std::int64_t>(kd);
      continue;
    }
    if (v >= v_r) {  // step 2
      u = rs.uniform() - 0.5;
    } else {
      u = v / v_r - 0.93;
      u = (u < 0.0 ? -0.5 : 0.5) - u;
      v = rs.uniform() * v_r;
    }
    const double us = 0.5 - std::fabs(u);  // step 3.0
    const double kd = std::floor((2.0 * a / us + b) * u + c);
    if (!(kd >= 0.0 && kd <= nd)) continue;
    const auto k = static_cast<std::int64_t>(kd);
    v = v * alpha / (a / (us * us) + b);
    const double km = std::fabs(kd - md);
    if (km <= 15.0) {  // step 3.1: recursive evaluation of f(k)
      double f = 1.0;
      if (m < k) {
        std::int64_t i = m;
        do {
          ++i;
          f *= nr / static_cast<double>(i) - r;
        } while (i != k);
      } else if (m > k) {
        std::int64_t i = k;
        do {
          ++i;
          v *= nr / static_cast<double>(i) - r;
        } while (i != m);
      }
      if (v <= f) return k;
      continue;
    }
    // step 3.2: squeeze acceptance or rejection
    v = std::log(v);
    const double rho = (km / npq) * (((km / 3.0 + 0.625) * km + 1.0 / 6.0) / npq + 0.5);
    const double t = -km * km / (2.0 * npq);
    if (v < t - rho) return k;
    if (v > t + rho) continue;
    // steps 3.3, 3.4: final acceptance or rejection
    const double nm = nd - md + 1.0;
    const double h = (md + 0.5) * std::log((md + 1.0) / (r * nm)) + stirling_correction(m) +
                     stirling_correction(n - m);
    const double nk = nd - kd + 1.0;
    if (v <= h + (nd + 1.0) * std::log(nm / nk) + (kd + 0.5) * std::log(nk * r / (kd + 1.0)) -
                 stirling_correction(k) - stirling_correction(n - k)) {
      return k;
    }
  }
}

// Inversion for lambda < 10: P(0) = e^-lambda > 4.5e-5. Rejected and repeated if rounding
// leaves u beyond the accumulated mass (the pmf underflows).
std::int64_t poisson_inversion(RandomStream& rs, double lambda) {
  const double p0 = std::exp(-lambda);
  for (;;) {
    double u = rs.uniform();
    double p = p0;
    std::int64_t x = 0;
    bool ok = true;
    while (u > p) {
      u -= p;
      ++x;
      p *= lambda / static_cast<double>(x);
      if (p <= 0.0) {
        ok = false;
        break;
      }
    }
    if (ok) return x;
  }
}

// PTRS: transformed rejection with squeeze, W. Hörmann, "The transformed rejection method for
// generating Poisson random variables", Insurance: Mathematics and Economics 12 (1993) 39-45.
// Requires lambda >= 10.
std::int64_t poisson_ptrs(RandomStream& rs, double lambda) {
  const double slam = std::sqrt(lambda);
  const double loglam = std::log(lambda);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double v_r = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = rs.uniform() - 0.5;
    const double v = rs.uniform();
    const double us = 0.5 - std::fabs(u);
    const double kd = std::floor((2.0 * a / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= v_r && kd >= 0.0) return static_cast<std::int64_t>(kd);
    if (kd < 0.0 || (us < 0.013 && v > us)) continue;
    if (!(kd < 9.0e18)) continue;  // unreachable in practice; keeps the cast defined
    const auto k = static_cast<std::int64_t>(kd);
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -lambda + kd * loglam - log_factorial(k)) {
      return k;
    }
  }
}

}  // namespace

std::int64_t RandomStream::binomial(std::int64_t n, double p) {
  if (n < 0) bad_parameter("binomial: n must be >= 0", static_cast<double>(n));
  if (!(p >= 0.0 && p <= 1.0)) bad_parameter("binomial: p must be in [0, 1]", p);
  if (n == 0 || p == 0.0) return 0;
  if (p == 1.0) return n;
  // By symmetry draw the number of the rarer outcome: X ~ B(n, p) <=> n - X ~ B(n, 1 - p).
  const bool flip = p > 0.5;
  const double pp = flip ? 1.0 - p : p;
  const std::int64_t x = static_cast<double>(n) * pp < 10.0 ? binomial_inversion(*this, n, pp)
                                                            : binomial_btrd(*this, n, pp);
  return flip ? n - x : x;
}

std::int64_t RandomStream::poisson(double lambda) {
  if (!(lambda >= 0.0) || std::isinf(lambda))
    bad_parameter("poisson: lambda must be finite and >= 0", lambda);
  if (lambda == 0.0) return 0;
  return lambda < 10.0 ? poisson_inversion(*this, lambda) : poisson_ptrs(*this, lambda);
}

std::size_t RandomStream::categorical(const double* weights, std::size_t n) {
  double total = 0.0;
  std::size_t last_positive = n;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = weights[i];
    if (!(w >= 0.0) || std::isinf(w))
      bad_parameter("categorical: weights must be finite and >= 0", w);
    total += w;
    if (w > 0.0) last_positive = i;
  }
  if (last_positive == n || !std::isfinite(total)) {
    bad_parameter("categorical: weights must have a positive, finite sum", total);
  }
  const double target = uniform() * total;
  double cum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (weights[i] <= 0.0) continue;
    cum += weights[i];
    if (target < cum) return i;
  }
  return last_positive;  // rounding left target at the very top: the last positive weight
}

}  // namespace fupin::sim
