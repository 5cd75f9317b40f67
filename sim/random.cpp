#include "sim/random.hpp"

#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace fupin::sim {
namespace {

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

constexpr double kCentral = 0.425;  // AS241's split of the central region

// The central region of AS241, |q| <= 0.425 with q = p - 1/2: a rational function of degree 7 in
// r = 0.180625 - q^2. Inline, so that the batch of normals_from_words evaluates it side by side
// with the same operations in the same order (the same bits).
inline double central_quantile(double q) {
  const double r = 0.180625 - q * q;
  return q *
         (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r +
               6.7265770927008700853e+4) *
                  r +
              4.5921953931549871457e+4) *
                 r +
             1.3731693765509461125e+4) *
                r +
            1.9715909503065514427e+3) *
               r +
           1.3314166789178437745e+2) *
              r +
          3.3871328727963666080e+0) /
         (((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r +
               3.9307895800092710610e+4) *
                  r +
              2.1213794301586595867e+4) *
                 r +
             5.3941960214247511077e+3) *
                r +
            6.8718700749205790830e+2) *
               r +
           4.2313330701600911252e+1) *
              r +
          1.0);
}

}  // namespace

double normal_quantile(double p) {
  // AS241 PPND16: a rational approximation of degree 7 in (p - 1/2)^2 for |p - 1/2| <= 0.425,
  // otherwise two in r = sqrt(-log(min(p, 1 - p))), split at r = 5.
  const double q = p - 0.5;
  if (std::fabs(q) <= kCentral) return central_quantile(q);
  double r = q < 0.0 ? p : 1.0 - p;
  r = std::sqrt(-std::log(r));
  double x = 0.0;
  if (r <= 5.0) {
    r -= 1.6;
    x = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r +
              2.41780725177450611770e-1) *
                 r +
             1.27045825245236838258e+0) *
                r +
            3.64784832476320460504e+0) *
               r +
           5.76949722146069140550e+0) *
              r +
          4.63033784615654529590e+0) *
             r +
         1.42343711074968357734e+0) /
        (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r +
              1.51986665636164571966e-2) *
                 r +
             1.48103976427480074590e-1) *
                r +
            6.89767334985100004550e-1) *
               r +
           1.67638483018380384940e+0) *
              r +
          2.05319162663775882187e+0) *
             r +
         1.0);
  } else {
    r -= 5.0;
    x = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r +
              1.24266094738807843860e-3) *
                 r +
             2.65321895265761230930e-2) *
                r +
            2.96560571828504891230e-1) *
               r +
           1.78482653991729133580e+0) *
              r +
          5.46378491116411436990e+0) *
             r +
         6.65790464350110377720e+0) /
        (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r +
              1.84631831751005468180e-5) *
                 r +
             7.86869131145613259100e-4) *
                r +
            1.48753612908506148525e-2) *
               r +
           1.36929880922735805310e-1) *
              r +
          5.99832206555887937690e-1) *
             r +
         1.0);
  }
  return q < 0.0 ? -x : x;
}

namespace {

constexpr std::uint64_t kLow52 = (std::uint64_t{1} << 52) - 1;
constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;

// u = (k + 1/2) 2^-53 for k the word's low 52 bits. k < 2^52 is converted exactly by putting it in
// the mantissa of 2^52 and subtracting 2^52: the value of static_cast<double>(k), in a form the
// batch loop of normals_from_words vectorises (there is no vector conversion of 64-bit integers).
inline double low_uniform(std::uint64_t w) {
  const double k =
      std::bit_cast<double>((w & kLow52) | std::bit_cast<std::uint64_t>(0x1.0p52)) - 0x1.0p52;
  return (k + 0.5) * 0x1.0p-53;
}

// x with its sign bit flipped if the word's top bit is set (as -x flips it).
inline double signed_by_word(double x, std::uint64_t w) {
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) ^ (w & kSignBit));
}

}  // namespace

double normal_from_word(std::uint64_t w) {
  // u = (2k + 1) 2^-54 < 1/2 is exact, and so is 1/2 - u inside normal_quantile: both tails are
  // resolved as finely, and -x is the draw of the word with the other sign bit.
  return signed_by_word(-normal_quantile(low_uniform(w)), w);
}

void normals_from_words(std::span<const std::uint64_t> words, std::span<double> out) {
  if (out.size() != words.size())
    throw std::invalid_argument("normals_from_words: as many outputs as words");
  // In blocks: first every word's central value side by side (no branch; the tails' values are
  // discarded), then the words in the tails, about 15%, found without a branch and drawn one by
  // one. Each value is normal_from_word's, bit for bit.
  constexpr std::size_t kBlock = 256;
  std::array<std::uint16_t, kBlock> tails{};
  for (std::size_t first = 0; first < words.size(); first += kBlock) {
    const std::size_t n = std::min(kBlock, words.size() - first);
    const std::uint64_t* __restrict w = words.data() + first;
    double* __restrict x = out.data() + first;
    for (std::size_t k = 0; k < n; ++k)
      x[k] = signed_by_word(-central_quantile(low_uniform(w[k]) - 0.5), w[k]);
    std::size_t m = 0;
    for (std::size_t k = 0; k < n; ++k) {
      tails[m] = static_cast<std::uint16_t>(k);
      m += std::fabs(low_uniform(w[k]) - 0.5) <= kCentral ? 0 : 1;
    }
    for (std::size_t j = 0; j < m; ++j) x[tails[j]] = normal_from_word(w[tails[j]]);
  }
}

// One Philox4x64-10 block: key {seed, purpose}, counter {entity / 4, period, 0, 1}.
void EntityDraws::fill(std::uint64_t block, std::uint64_t period) {
  const philox4x64_key_t k = {{key_[0], key_[1]}};
  const philox4x64_ctr_t c = {{block, period, 0, 1}};
  const philox4x64_ctr_t r = philox4x64_R(10, c, k);
  for (int i = 0; i < 4; ++i) buf_[static_cast<std::size_t>(i)] = r.v[i];
  block_ = block;
  period_ = period;
  valid_ = true;
}

void EntityDraws::bad_probability(double p) { bad_parameter("bernoulli: p must be in [0, 1]", p); }

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

double RandomStream::uniform() { return uniform_from_word(next_u64()); }

double RandomStream::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

double RandomStream::normal() { return normal_from_word(next_u64()); }

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
// The probabilities the search walks, P(0) = q^n and P(x) = P(x - 1) (a / x - s), for one (n, p):
// computed once on each thread for the last (n, p) of each n mod 64 and extended as the draws
// reach further. The population's draws (household size, labourers) search with a handful of
// (n, p) for every household. The same operations on the same values as computing them in each
// draw (pow is a pure function), so the same bits; without a division per step.
class InversionTable {
 public:
  static InversionTable& of(std::int64_t n, double p) {
    thread_local std::array<InversionTable, 64> seen{};
    InversionTable& t = seen[static_cast<std::size_t>(n) & 63];
    if (t.p_ != p || t.n_ != n) t.reset(n, p);
    return t;
  }
  // The most trials whose search runs without a branch on the draw (search_all).
  static constexpr std::int64_t kSearchAllUpTo = 7;
  // P(0) ... P(n), then +infinity up to kSearchAllUpTo + 1, for n <= kSearchAllUpTo.
  const std::array<double, kSearchAllUpTo + 2>& padded() {
    if (!padded_ready_) {
      for (std::int64_t x = 0; x <= kSearchAllUpTo + 1; ++x) {
        padded_[static_cast<std::size_t>(x)] =
            x <= n_ ? at(x) : std::numeric_limits<double>::infinity();
      }
      padded_ready_ = true;
    }
    return padded_;
  }
  // P(x) for 0 <= x <= n.
  double at(std::int64_t x) {
    while (static_cast<std::int64_t>(r_.size()) <= x) {
      const auto k = static_cast<std::int64_t>(r_.size());
      r_.push_back(r_.back() * (a_ / static_cast<double>(k) - s_));
    }
    return r_[static_cast<std::size_t>(x)];
  }

 private:
  void reset(std::int64_t n, double p) {
    const double q = 1.0 - p;
    p_ = p;
    n_ = n;
    s_ = p / q;
    a_ = (static_cast<double>(n) + 1.0) * s_;
    r_.assign(1, std::pow(q, static_cast<double>(n)));
    padded_ready_ = false;
  }
  double p_ = -1.0;  // no p is negative: an empty table
  std::int64_t n_ = 0;
  double s_ = 0.0;
  double a_ = 0.0;
  std::vector<double> r_;
  std::array<double, kSearchAllUpTo + 2> padded_{};
  bool padded_ready_ = false;
};

// The search of binomial_inversion for n <= kSearchAllUpTo, through every step instead of
// stopping at the first u <= P(x): a step continues only while every step before it did, and u
// less the probabilities passed is the same difference in the same order, so x is the same;
// the steps past n compare with +infinity and stop. x == n + 1 (u beyond the mass) is the
// rejection of binomial_inversion (a probability that underflowed to zero is passed, and so is
// every one after it, so it also ends at n + 1). No branch on u: the search's exit was a
// mispredicted branch in most draws of the population's household sizes and labourers.
std::int64_t search_all(double u, const std::array<double, InversionTable::kSearchAllUpTo + 2>& r) {
  std::int64_t x = 0;
  std::int64_t going = 1;
  for (std::size_t k = 0; k < r.size(); ++k) {
    going &= static_cast<std::int64_t>(u > r[k]);
    x += going;
    u -= r[k];
  }
  return x;
}

std::int64_t binomial_inversion(RandomStream& rs, std::int64_t n, double p) {
  InversionTable& table = InversionTable::of(n, p);
  if (n <= InversionTable::kSearchAllUpTo) {
    const auto& r = table.padded();
    for (;;) {
      const std::int64_t x = search_all(rs.uniform(), r);
      if (x <= n) return x;
    }
  }
  for (;;) {
    double u = rs.uniform();
    double r = table.at(0);
    std::int64_t x = 0;
    bool ok = true;
    while (u > r) {
      u -= r;
      ++x;
      if (x > n) {
        ok = false;
        break;
      }
      r = table.at(x);
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
  return Categorical(weights, n).draw(*this);
}

Categorical::Categorical(const double* weights, std::size_t n) {
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = weights[i];
    if (!(w >= 0.0) || std::isinf(w))
      bad_parameter("categorical: weights must be finite and >= 0", w);
    if (w > 0.0) {
      total += w;
      index_.push_back(i);
      cum_.push_back(total);
    }
  }
  if (index_.empty() || !std::isfinite(total)) {
    bad_parameter("categorical: weights must have a positive, finite sum", total);
  }
  total_ = total;
}

std::size_t Categorical::draw(RandomStream& rs) const {
  const double target = rs.uniform() * total_;
  for (std::size_t k = 0; k < cum_.size(); ++k) {
    if (target < cum_[k]) return index_[k];
  }
  return index_.back();  // rounding left target at the very top: the last positive weight
}

}  // namespace fupin::sim
