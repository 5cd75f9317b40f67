// Tests for the weighted Gini coefficient: gini() and gini_sorted()
// (models/metrics/poverty_measures.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "models/metrics/poverty_measures.hpp"

namespace fupin::models {
namespace {

using Obs = std::vector<IncomeObservation>;

// The textbook definition, O(n²): G = Σ_i Σ_j w_i w_j |y_i − y_j| / (2 W² μ), μ = Σ w y / W.
double mean_difference_gini(const Obs& obs) {
  long double w_total = 0, mass = 0, diff = 0;
  for (const auto& a : obs) {
    w_total += a.weight;
    mass += static_cast<long double>(a.weight) * a.income;
    for (const auto& b : obs) {
      diff += static_cast<long double>(a.weight) * b.weight *
              std::fabs(static_cast<long double>(a.income) - b.income);
    }
  }
  const long double mean = mass / w_total;
  return static_cast<double>(diff / (2 * w_total * w_total * mean));
}

TEST(Gini, OneToFiveIsFourFifteenths) {
  // Worked by hand for incomes {1, 2, 3, 4, 5}, one person each (W = 5, μ = 3).
  // Mean difference: Σ_{i<j} (y_j − y_i) = 4·1 + 3·2 + 2·3 + 1·4 = 20, so over ordered pairs
  // Σ_i Σ_j |y_i − y_j| = 40 and G = 40 / (2 · 25 · 3) = 40/150 = 4/15.
  // Lorenz trapezoid: S = 1, 3, 6, 10, 15; Σ w_i (2 S_{i−1} + y_i) = 1 + 4 + 9 + 16 + 25 = 55,
  // so G = 1 − 55 / (5 · 15) = 20/75 = 4/15 ≈ 0.2667.
  const Obs obs = {{1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 1}};
  EXPECT_NEAR(gini(obs), 4.0 / 15.0, 1e-15);
  EXPECT_NEAR(mean_difference_gini(obs), 4.0 / 15.0, 1e-15);
}

TEST(Gini, TwoPeopleWith25And75IsOneQuarter) {
  // Worked by hand: Lorenz points (0, 0), (1/2, 1/4), (1, 1); area below the curve
  // = ½·(0 + ¼)/2 + ½·(¼ + 1)/2 = 1/16 + 5/16 = 3/8, so G = 1 − 2 · 3/8 = 1/4.
  // Mean difference: 2 · 50 / (2 · 4 · 50) = 1/4.
  const Obs obs = {{25, 1}, {75, 1}};
  EXPECT_NEAR(gini(obs), 0.25, 1e-15);
}

TEST(Gini, EqualIncomesIsZero) {
  const Obs obs = {{3000, 2}, {3000, 5}, {3000, 1}};
  EXPECT_NEAR(gini(obs), 0.0, 1e-15);
}

TEST(Gini, OnePersonWithEverythingAmongNIsNMinusOneOverN) {
  // Worked by hand: n − 1 people with 0 and one with Y. Every term before the last is 0 and
  // the last is Y, so G = 1 − Y / (n · Y) = (n − 1)/n.
  for (int n = 1; n <= 12; ++n) {
    Obs obs(static_cast<std::size_t>(n - 1), IncomeObservation{0, 1});
    obs.push_back({1e6, 1});
    EXPECT_NEAR(gini(obs), static_cast<double>(n - 1) / n, 1e-15) << "n = " << n;
  }
}

Obs random_observations(std::mt19937_64& rng, std::size_t n) {
  Obs obs;
  for (std::size_t i = 0; i < n; ++i) {
    // Skewed incomes (many small, a few large), weights 0..6, repeated incomes now and then.
    const double u = static_cast<double>(rng() % 1000000) / 1e6;
    const double income = rng() % 10 == 0 ? 2500.0 : std::round(20000.0 * u * u * u);
    obs.push_back({income, static_cast<double>(rng() % 7)});
  }
  return obs;
}

bool has_income(const Obs& obs) {
  return std::any_of(obs.begin(), obs.end(),
                     [](const auto& o) { return o.weight > 0 && o.income > 0; });
}

TEST(Gini, LorenzTrapezoidEqualsMeanDifferenceOnRandomData) {
  std::mt19937_64 rng(2009);
  for (int trial = 0; trial < 100; ++trial) {
    const Obs obs = random_observations(rng, 1 + rng() % 400);
    if (!has_income(obs)) continue;
    EXPECT_NEAR(gini(obs), mean_difference_gini(obs), 1e-12) << "trial " << trial;
  }
}

TEST(Gini, WeightedEqualsReplicated) {
  const Obs weighted = {{100, 3}, {400, 1}, {250, 2}};
  const Obs replicated = {{100, 1}, {100, 1}, {100, 1}, {400, 1}, {250, 1}, {250, 1}};
  EXPECT_NEAR(gini(weighted), gini(replicated), 1e-15);
  EXPECT_NEAR(gini(weighted), mean_difference_gini(replicated), 1e-15);

  std::mt19937_64 rng(17);
  for (int trial = 0; trial < 20; ++trial) {
    const Obs obs = random_observations(rng, 1 + rng() % 100);
    if (!has_income(obs)) continue;
    Obs copies;
    for (const auto& o : obs) {
      for (int k = 0; k < static_cast<int>(o.weight); ++k) copies.push_back({o.income, 1});
    }
    EXPECT_NEAR(gini(obs), gini(copies), 1e-12) << "trial " << trial;
  }
}

TEST(Gini, OrderIndependentBitForBit) {
  std::mt19937_64 rng(23);
  for (int trial = 0; trial < 50; ++trial) {
    Obs obs = random_observations(rng, rng() % 300);
    const double g = gini(obs);
    std::shuffle(obs.begin(), obs.end(), rng);
    EXPECT_EQ(gini(obs), g) << "trial " << trial;  // sorts by (income, weight) first
  }
}

TEST(Gini, ScaleInvariant) {
  std::mt19937_64 rng(29);
  const Obs obs = random_observations(rng, 200);
  Obs scaled = obs;
  for (auto& o : scaled) o.income *= 6.5;
  EXPECT_NEAR(gini(scaled), gini(obs), 1e-13);
}

TEST(Gini, ZeroWeightObservationsDoNotCount) {
  const Obs with_ghosts = {{1, 1}, {1000, 0}, {2, 1}, {3, 1}, {0, 0}, {4, 1}, {5, 1}};
  EXPECT_NEAR(gini(with_ghosts), 4.0 / 15.0, 1e-15);
}

TEST(Gini, SortedMatchesUnsortedEntryPoint) {
  const Obs sorted = {{1, 2}, {2, 1}, {2, 3}, {7, 1}};
  const Obs shuffled = {{2, 3}, {7, 1}, {1, 2}, {2, 1}};
  EXPECT_EQ(gini_sorted(sorted), gini(shuffled));
}

TEST(Gini, EmptyZeroPopulationOrZeroIncomeIsZero) {
  EXPECT_EQ(gini({}), 0.0);
  EXPECT_EQ(gini_sorted({}), 0.0);
  const Obs nobody = {{10, 0}, {20, 0}};
  EXPECT_EQ(gini(nobody), 0.0);
  const Obs penniless = {{0, 3}, {0, 2}};
  EXPECT_EQ(gini(penniless), 0.0);
}

TEST(Gini, SortedRejectsUnsortedInput) {
  const Obs unsorted = {{5, 1}, {1, 1}};
  EXPECT_THROW((void)gini_sorted(unsorted), std::invalid_argument);
}

TEST(Gini, RejectsNegativeWeight) {
  const Obs bad = {{5, 1}, {1, -1}};
  EXPECT_THROW((void)gini(bad), std::invalid_argument);
}

}  // namespace
}  // namespace fupin::models
