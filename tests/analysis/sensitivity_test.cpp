// Sobol indices of the Ishigami function against their analytic values; Morris ranking of Sobol's
// G-function; determinism of the bootstrap.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "analysis/designs.hpp"
#include "analysis/sensitivity.hpp"

namespace fupin::analysis {
namespace {

// Ishigami & Homma (1990): f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3, a = 7, b = 0.1.
// Analytic indices (Saltelli et al., Global Sensitivity Analysis: The Primer, 2008, section 4.10):
// S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
double ishigami(const std::vector<double>& u) {
  const double pi = std::numbers::pi;
  const double x1 = -pi + 2 * pi * u[0];
  const double x2 = -pi + 2 * pi * u[1];
  const double x3 = -pi + 2 * pi * u[2];
  return std::sin(x1) + 7.0 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

TEST(SobolIndices, IshigamiRecoversTheAnalyticValues) {
  // n = 2^13 base rows (8192 * 5 = 40,960 evaluations). With independent random points the
  // standard error of these estimators for Ishigami is about 1/sqrt(n) times a factor below 1.5
  // (Saltelli et al. 2010, fig. 3), i.e. below 0.017; quasi-random Sobol points converge faster
  // (close to 1/n). A tolerance of 0.02 is therefore above one random-sampling standard error
  // yet tight enough to tell the indices apart (the smallest gap between values is 0.07).
  const std::size_t n = 8192;
  const std::size_t d = 3;
  const Points p = saltelli(n, d);
  std::vector<double> y;
  for (const auto& x : p) y.push_back(ishigami(x));
  const SobolIndices s = sobol_indices(y, n, d, 200, 5);
  const double first[] = {0.3139, 0.4424, 0.0};
  const double total[] = {0.5576, 0.4424, 0.2437};
  const double tolerance = 0.02;
  for (std::size_t i = 0; i < d; ++i) {
    EXPECT_NEAR(s.first[i].estimate, first[i], tolerance) << "S" << i + 1;
    EXPECT_NEAR(s.total[i].estimate, total[i], tolerance) << "ST" << i + 1;
    EXPECT_LE(s.first[i].low, s.first[i].high);
    EXPECT_LT(s.first[i].high - s.first[i].low, 0.1) << "interval of S" << i + 1;
    EXPECT_LT(s.total[i].high - s.total[i].low, 0.1) << "interval of ST" << i + 1;
  }
  // The variance of Ishigami: a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 = 13.8446.
  EXPECT_NEAR(s.variance, 13.8446, 0.2);
  // Deterministic given the seed.
  const SobolIndices again = sobol_indices(y, n, d, 200, 5);
  for (std::size_t i = 0; i < d; ++i) {
    EXPECT_EQ(again.first[i].low, s.first[i].low);
    EXPECT_EQ(again.total[i].high, s.total[i].high);
  }
}

TEST(SobolIndices, AnOutputFarFromZeroGivesTheSameIndices) {
  // Indices are of variance, so adding a constant to the output (a mean income of 5,000 yuan
  // rather than 0) must not change them. An estimator that multiplies raw outputs,
  // S1 = mean(f_B (f_ABi - f_A)) / V, carries the constant times the sampling error of
  // mean(f_ABi - f_A): with small samples and large outputs that made S1 of a sweep 3 ± 20.
  // Centring f_B on the sample mean removes it; the indices of f + c equal those of f.
  const std::size_t n = 64;
  const std::size_t d = 3;
  const Points p = saltelli(n, d);
  std::vector<double> y;
  std::vector<double> shifted;
  for (const auto& x : p) {
    y.push_back(ishigami(x));
    shifted.push_back(ishigami(x) + 5000.0);
  }
  const SobolIndices s = sobol_indices(y, n, d, 100, 5);
  const SobolIndices t = sobol_indices(shifted, n, d, 100, 5);
  for (std::size_t i = 0; i < d; ++i) {
    EXPECT_NEAR(t.first[i].estimate, s.first[i].estimate, 1e-9) << "S" << i + 1;
    EXPECT_NEAR(t.total[i].estimate, s.total[i].estimate, 1e-9) << "ST" << i + 1;
    EXPECT_NEAR(t.first[i].high, s.first[i].high, 1e-9) << "S" << i + 1;
    EXPECT_LE(t.first[i].estimate, 1.5) << "S" << i + 1;
  }
}

TEST(SobolIndices, ConstantOutputHasNoIndicesAndWrongSizesAreRefused) {
  const std::vector<double> y(4 * 4, 1.0);
  const SobolIndices s = sobol_indices(y, 4, 2, 10, 1);
  EXPECT_EQ(s.first[0].estimate, 0.0);
  EXPECT_EQ(s.total[1].estimate, 0.0);
  EXPECT_THROW((void)sobol_indices(std::vector<double>(7, 1.0), 4, 2, 10, 1),
               std::invalid_argument);
}

// Sobol's G-function, G = prod_i (|4 x_i - 2| + a_i) / (1 + a_i), with a = 0, 1, 4.5, 9, 99, 99:
// the test case of Morris screening in Campolongo, Cariboni & Saltelli (2007), Environ. Model.
// Softw. 22, 1509, table 4 (from Saltelli & Sobol 1995). The smaller a_i, the more important x_i:
// x1 > x2 > x3 > x4, and x5, x6 nearly inert.
double g_function(const std::vector<double>& x) {
  const double a[] = {0.0, 1.0, 4.5, 9.0, 99.0, 99.0};
  double g = 1.0;
  for (std::size_t i = 0; i < 6; ++i) g *= (std::abs(4.0 * x[i] - 2.0) + a[i]) / (1.0 + a[i]);
  return g;
}

TEST(MorrisIndices, RanksTheGFunctionParameters) {
  const MorrisDesign m = morris(50, 6, 4, 2007);
  std::vector<double> y;
  for (const auto& x : m.points) y.push_back(g_function(x));
  const MorrisIndices mi = morris_indices(y, m);
  ASSERT_EQ(mi.mu_star.size(), 6U);
  for (std::size_t i = 0; i + 1 < 4; ++i)
    EXPECT_GT(mi.mu_star[i], mi.mu_star[i + 1]) << "x" << i + 1;
  EXPECT_GT(mi.mu_star[3], mi.mu_star[4]);
  EXPECT_GT(mi.mu_star[3], mi.mu_star[5]);
  EXPECT_LT(mi.mu_star[4], 0.05 * mi.mu_star[0]);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_LE(std::abs(mi.mu[i]), mi.mu_star[i] + 1e-12);
    EXPECT_GE(mi.sigma[i], 0.0);
  }
}

TEST(MorrisIndices, LinearFunctionHasItsSlopesAndNoSpread) {
  const MorrisDesign m = morris(8, 3, 6, 1);
  std::vector<double> y;
  for (const auto& x : m.points) y.push_back(2.0 * x[0] - 3.0 * x[1] + 0.0 * x[2]);
  const MorrisIndices mi = morris_indices(y, m);
  EXPECT_NEAR(mi.mu[0], 2.0, 1e-12);
  EXPECT_NEAR(mi.mu[1], -3.0, 1e-12);
  EXPECT_NEAR(mi.mu_star[1], 3.0, 1e-12);
  EXPECT_NEAR(mi.mu_star[2], 0.0, 1e-12);
  EXPECT_NEAR(mi.sigma[0], 0.0, 1e-12);
}

}  // namespace
}  // namespace fupin::analysis
