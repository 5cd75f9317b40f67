// The normal distribution from one word (AS241 inversion): accuracy of the quantile, symmetry,
// moments, tail frequencies and the Kolmogorov–Smirnov distance to the exact normal CDF.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "sim/random.hpp"

namespace fupin::sim {
namespace {

constexpr std::uint64_t kLow52 = (std::uint64_t{1} << 52) - 1;
constexpr std::uint64_t kSign = std::uint64_t{1} << 63;

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// 10^6 normals of one purpose, one per household of one year: the layout the income update uses.
std::vector<double> household_normals(std::uint64_t seed, const char* purpose,
                                      std::size_t n = 1'000'000) {
  EntityDraws draws(seed, purpose);
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = draws.normal(i, 2016);
  return x;
}

TEST(NormalQuantile, MatchesBoostOverTheWholeRange) {
  const boost::math::normal_distribution<double> n01;
  double worst = 0.0;
  // Central region, both tail regions (r <= 5 and r > 5, i.e. p below about 1.4e-11) and the
  // smallest u a word gives (2^-54).
  std::vector<double> ps;
  for (int k = 1; k < 1000; ++k) ps.push_back(k / 1000.0);
  for (double p = 1e-300; p < 0.5; p *= 1.7) ps.push_back(p);
  ps.push_back(0x1.0p-54);
  for (double p : ps) {
    const double expected = boost::math::quantile(n01, p);
    const double got = normal_quantile(p);
    const double rel = std::fabs(got - expected) / std::max(1e-300, std::fabs(expected));
    if (p != 0.5) worst = std::max(worst, rel);
    ASSERT_LT(rel, 1e-14) << "p = " << p << ": " << got << " vs " << expected;
  }
  EXPECT_EQ(normal_quantile(0.5), 0.0);
  EXPECT_GT(worst, 0.0);  // the check compared something non-trivial
}

TEST(NormalQuantile, IsOddAboutOneHalf) {
  for (int k = 1; k < 4096; ++k) {
    const double u = k / 8192.0;  // u and 1 - u exact
    EXPECT_NEAR(normal_quantile(u), -normal_quantile(1.0 - u),
                1e-15 * (1.0 + std::fabs(normal_quantile(u))));
  }
}

TEST(NormalFromWord, SignBitMirrorsExactly) {
  EntityDraws draws(11, "test.normal.mirror");
  for (std::uint64_t e = 0; e < 10'000; ++e) {
    const std::uint64_t w = draws.word(e, 0);
    EXPECT_EQ(normal_from_word(w ^ kSign), -normal_from_word(w));
  }
}

TEST(NormalFromWord, UsesSignAndLow52BitsOnly) {
  // The low 52 bits give u = (k + 1/2) 2^-53; bits 52..62 are unused.
  const std::uint64_t w = 0x0123456789abcdefULL;
  EXPECT_EQ(normal_from_word(w), normal_from_word(w | (std::uint64_t{0x7ff} << 52)));
  const double u = (static_cast<double>(w & kLow52) + 0.5) * 0x1.0p-53;
  EXPECT_EQ(normal_from_word(w), -normal_quantile(u));
  EXPECT_EQ(normal_from_word(w | kSign), normal_quantile(u));
}

TEST(NormalFromWord, ExtremesAreFiniteAndBounded) {
  // Low bits all zero: u = 2^-54, the largest magnitude, about 8.22.
  const double largest = normal_from_word(0);
  EXPECT_GT(largest, 8.2);
  EXPECT_LT(largest, 8.3);
  EXPECT_EQ(normal_from_word(kSign), -largest);
  // Low bits all one: u = 1/2 - 2^-54, the smallest magnitude, about 2^-54 sqrt(2 pi).
  const double smallest = normal_from_word(kLow52);
  EXPECT_GT(smallest, 0.0);
  EXPECT_LT(smallest, 1e-15);
}

// The batch equals the word-by-word transform bit for bit: random words (both tails, the centre,
// runs longer than a block and a remainder), the extremes, and the words on either side of the
// split between the central region and the tails (|u - 1/2| = 0.425, u about 0.075).
TEST(NormalsFromWords, EqualNormalFromWordBitForBit) {
  EntityDraws draws(5, "test.normal.batch");
  std::vector<std::uint64_t> words;
  for (std::uint64_t e = 0; e < 100'003; ++e) words.push_back(draws.word(e, 3));
  const auto split = static_cast<std::uint64_t>(0.075 * 0x1.0p53);
  for (std::uint64_t k = split - 4; k <= split + 4; ++k) {
    words.push_back(k);
    words.push_back(k | kSign);
  }
  for (std::uint64_t w : {std::uint64_t{0}, kSign, kLow52, kLow52 | kSign, ~std::uint64_t{0}})
    words.push_back(w);
  std::vector<double> batch(words.size());
  normals_from_words(words, batch);
  std::size_t tails = 0;
  for (std::size_t k = 0; k < words.size(); ++k) {
    const double one = normal_from_word(words[k]);
    ASSERT_EQ(std::bit_cast<std::uint64_t>(batch[k]), std::bit_cast<std::uint64_t>(one))
        << "word " << k << " = " << words[k];
    tails += std::fabs(one) > 1.43 ? 1 : 0;  // |z| > Phi^-1(0.925) ~ 1.44: a tail word
  }
  EXPECT_GT(tails, 10'000U);  // the tails were exercised (about 15% of the random words)
  // A batch shorter than a block, and an empty one.
  std::vector<double> few(3);
  normals_from_words(std::span(words).first(3), few);
  for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(few[k], normal_from_word(words[k]));
  normals_from_words({}, {});
  EXPECT_THROW(normals_from_words(std::span(words).first(3), std::span(few).first(2)),
               std::invalid_argument);
}

TEST(NormalFromWord, MomentsOfAMillionHouseholds) {
  const std::vector<double> x = household_normals(1, "test.normal.moments");
  const auto n = static_cast<double>(x.size());
  double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  for (double v : x) {
    m1 += v;
    m2 += v * v;
    m3 += v * v * v;
    m4 += v * v * v * v;
  }
  m1 /= n;
  m2 /= n;
  m3 /= n;
  m4 /= n;
  // Standard errors under N(0, 1): sqrt(1/n), sqrt(2/n), sqrt(15/n), sqrt(96/n); 5 of each.
  EXPECT_LT(std::fabs(m1), 5 * std::sqrt(1 / n));
  EXPECT_LT(std::fabs(m2 - 1), 5 * std::sqrt(2 / n));
  EXPECT_LT(std::fabs(m3), 5 * std::sqrt(15 / n));
  EXPECT_LT(std::fabs(m4 - 3), 5 * std::sqrt(96 / n));
}

TEST(NormalFromWord, TailFrequencies) {
  const std::vector<double> x = household_normals(2, "test.normal.tails");
  const auto n = static_cast<double>(x.size());
  for (double t : {1.0, 2.0, 3.0, 4.0}) {
    const double p = normal_cdf(-t);
    const auto upper =
        static_cast<double>(std::count_if(x.begin(), x.end(), [t](double v) { return v > t; }));
    const auto lower =
        static_cast<double>(std::count_if(x.begin(), x.end(), [t](double v) { return v < -t; }));
    const double se = std::sqrt(n * p * (1 - p));
    EXPECT_LT(std::fabs(upper - n * p), 5 * se + 1) << "P(X > " << t << ")";
    EXPECT_LT(std::fabs(lower - n * p), 5 * se + 1) << "P(X < -" << t << ")";
  }
  // Far tail: P(|X| > 4.5) = 6.8e-6, about 7 of 10^6; at least one and no more than 25.
  const auto far = std::count_if(x.begin(), x.end(), [](double v) { return std::fabs(v) > 4.5; });
  EXPECT_GE(far, 1);
  EXPECT_LE(far, 25);
}

// Kolmogorov–Smirnov distance between the sample and Phi. Its 0.1% critical value for large n is
// 1.949 / sqrt(n) (0.00195 for 10^6): a generator whose normals are off by 0.01 in the mean or 2%
// in the standard deviation fails it.
double ks_distance(std::vector<double> x) {
  std::sort(x.begin(), x.end());
  const auto n = static_cast<double>(x.size());
  double d = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double f = normal_cdf(x[i]);
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  return d;
}

TEST(NormalFromWord, KolmogorovSmirnovAgainstExactCdf) {
  const std::vector<double> x = household_normals(3, "test.normal.ks");
  const double critical = 1.949 / std::sqrt(static_cast<double>(x.size()));
  EXPECT_LT(ks_distance(x), critical);
  // The statistic has the power to see a small error: the same draws shifted by 0.01 fail.
  std::vector<double> shifted = x;
  for (double& v : shifted) v += 0.01;
  EXPECT_GT(ks_distance(shifted), critical);
}

TEST(NormalFromWord, KolmogorovSmirnovOfAStream) {
  // The cold sites' layout: many normals from one RandomStream.
  RandomStream rs(4, purpose_key("test.normal.stream"), 0, 0);
  std::vector<double> x(1'000'000);
  for (double& v : x) v = rs.normal();
  EXPECT_LT(ks_distance(x), 1.949 / std::sqrt(static_cast<double>(x.size())));
}

}  // namespace
}  // namespace fupin::sim
