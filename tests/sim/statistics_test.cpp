#include "sim/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace fupin::sim {
namespace {

TEST(StudentT, QuantilesMatchTables) {
  // t(0.975, df) from standard tables.
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.7062047362, 1e-9);
  EXPECT_NEAR(student_t_quantile(0.975, 4), 2.7764451052, 1e-9);
  EXPECT_NEAR(student_t_quantile(0.975, 29), 2.0452296421, 1e-9);
}

TEST(MeanInterval, StudentTHalfWidth) {
  const std::vector<double> x{1, 2, 3, 4, 5};
  const Interval iv = mean_interval(x);
  EXPECT_EQ(iv.n, 5U);
  EXPECT_DOUBLE_EQ(iv.mean, 3);
  EXPECT_NEAR(iv.sd, std::sqrt(2.5), 1e-12);
  const double half = 2.7764451052 * std::sqrt(2.5) / std::sqrt(5.0);
  EXPECT_NEAR(iv.lower, 3 - half, 1e-9);
  EXPECT_NEAR(iv.upper, 3 + half, 1e-9);
  EXPECT_TRUE(iv.excludes_zero());
}

TEST(MeanInterval, OneValueHasNoInterval) {
  const std::vector<double> x{7};
  const Interval iv = mean_interval(x);
  EXPECT_DOUBLE_EQ(iv.mean, 7);
  EXPECT_TRUE(std::isnan(iv.lower));
  EXPECT_TRUE(std::isnan(iv.upper));
  EXPECT_FALSE(iv.excludes_zero());
}

TEST(MeanInterval, NaNValueGivesNaN) {
  const std::vector<double> x{1, NAN, 3};
  const Interval iv = mean_interval(x);
  EXPECT_TRUE(std::isnan(iv.mean));
  EXPECT_TRUE(std::isnan(iv.lower));
}

TEST(MeanInterval, IntervalThatStraddlesZeroDoesNotExcludeIt) {
  const std::vector<double> x{-1, 1, -2, 2.5};
  EXPECT_FALSE(mean_interval(x).excludes_zero());
}

TEST(WelchInterval, EqualVariancesAndSizes) {
  // Equal sizes and variances: df = 2(n − 1), se = sqrt(2 s² / n).
  const std::vector<double> a{1, 2, 3, 4, 5};
  const std::vector<double> b{11, 12, 13, 14, 15};
  const Interval iv = welch_interval(a, b);
  EXPECT_DOUBLE_EQ(iv.mean, -10);
  const double half = student_t_quantile(0.975, 8) * std::sqrt(2 * 2.5 / 5);
  EXPECT_NEAR(iv.lower, -10 - half, 1e-9);
  EXPECT_NEAR(iv.upper, -10 + half, 1e-9);
}

}  // namespace
}  // namespace fupin::sim
