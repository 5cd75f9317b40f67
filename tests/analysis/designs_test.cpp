// The designs: grid order, Latin hypercube strata, Sobol points, Saltelli and Morris structure,
// and determinism given a seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "analysis/designs.hpp"

namespace fupin::analysis {
namespace {

TEST(FullGrid, EveryCombinationLastDimensionFastest) {
  const auto grid = full_grid({2, 3});
  ASSERT_EQ(grid.size(), 6U);
  EXPECT_EQ(grid[0], (std::vector<std::size_t>{0, 0}));
  EXPECT_EQ(grid[1], (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(grid[3], (std::vector<std::size_t>{1, 0}));
  EXPECT_EQ(grid[5], (std::vector<std::size_t>{1, 2}));
  EXPECT_TRUE(full_grid({2, 0}).empty());
}

TEST(LatinHypercube, OnePointPerStratumInEveryDimension) {
  const std::size_t n = 50;
  const Points p = latin_hypercube(n, 4, 11);
  ASSERT_EQ(p.size(), n);
  for (std::size_t k = 0; k < 4; ++k) {
    std::set<std::size_t> strata;
    for (const auto& x : p) {
      ASSERT_GT(x[k], 0.0);
      ASSERT_LT(x[k], 1.0);
      strata.insert(static_cast<std::size_t>(x[k] * static_cast<double>(n)));
    }
    EXPECT_EQ(strata.size(), n) << "dimension " << k;
  }
  EXPECT_EQ(latin_hypercube(n, 4, 11), p);
  EXPECT_NE(latin_hypercube(n, 4, 12), p);
}

TEST(SobolSequence, StartsAfterTheOriginWithTheKnownPoints) {
  // The start of the 2-dimensional sequence as boost::random::sobol documents it.
  const Points p = sobol_sequence(5, 2);
  const std::vector<std::vector<double>> expected = {
      {0.5, 0.5}, {0.75, 0.25}, {0.25, 0.75}, {0.375, 0.375}, {0.875, 0.875}};
  EXPECT_EQ(p, expected);
}

TEST(Saltelli, RowsAreABThenAWithOneColumnOfB) {
  const std::size_t d = 3;
  const Points p = saltelli(8, d);
  ASSERT_EQ(p.size(), 8 * (d + 2));
  for (std::size_t j = 0; j < 8; ++j) {
    const auto& a = p[j * (d + 2)];
    const auto& b = p[j * (d + 2) + 1];
    for (std::size_t i = 0; i < d; ++i) {
      const auto& ab = p[j * (d + 2) + 2 + i];
      for (std::size_t k = 0; k < d; ++k) EXPECT_EQ(ab[k], k == i ? b[k] : a[k]);
    }
  }
}

TEST(Morris, TrajectoriesChangeEachCoordinateOnceByHalf) {
  const std::size_t d = 5;
  const MorrisDesign m = morris(10, d, 4, 3);
  ASSERT_EQ(m.points.size(), 10 * (d + 1));
  for (std::size_t t = 0; t < 10; ++t) {
    std::set<std::size_t> changed;
    for (std::size_t s = 0; s < d; ++s) {
      const auto& before = m.points[t * (d + 1) + s];
      const auto& after = m.points[t * (d + 1) + s + 1];
      const std::size_t k = m.changed[t * d + s];
      changed.insert(k);
      for (std::size_t c = 0; c < d; ++c) {
        if (c == k) {
          EXPECT_DOUBLE_EQ(after[c] - before[c], m.step[t * d + s]);
          EXPECT_DOUBLE_EQ(std::abs(m.step[t * d + s]), 0.5);
        } else {
          EXPECT_EQ(after[c], before[c]);
        }
        // On the grid (i + 0.5) / 4.
        EXPECT_DOUBLE_EQ(std::fmod(after[c] * 4.0, 1.0), 0.5);
      }
    }
    EXPECT_EQ(changed.size(), d);
  }
  EXPECT_EQ(morris(10, d, 4, 3).points, m.points);
  EXPECT_THROW((void)morris(10, d, 3, 3), std::invalid_argument);
}

}  // namespace
}  // namespace fupin::analysis
