// Tests for the weighted (lower) median: median_sorted() (models/metrics/poverty_measures.hpp).
#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "models/metrics/poverty_measures.hpp"

namespace fupin::models {
namespace {

using Obs = std::vector<IncomeObservation>;

TEST(Median, OddCountIsTheMiddle) {
  const Obs obs = {{1, 1}, {2, 1}, {3, 1}};
  EXPECT_EQ(median_sorted(obs), 2.0);
}

TEST(Median, EvenCountIsTheLowerMiddle) {
  // Lower median: the smallest income with at least half the people at or below it (2 of 4).
  const Obs obs = {{1, 1}, {2, 1}, {3, 1}, {4, 1}};
  EXPECT_EQ(median_sorted(obs), 2.0);
}

TEST(Median, WeightsCountPeople) {
  // Worked by hand: W = 5, half = 2.5; cumulative 1, 2, 5 -> the third income.
  const Obs obs = {{10, 1}, {20, 1}, {30, 3}};
  EXPECT_EQ(median_sorted(obs), 30.0);
}

TEST(Median, ExactlyHalfTakesTheLowerIncome) {
  const Obs obs = {{10, 2}, {20, 2}};
  EXPECT_EQ(median_sorted(obs), 10.0);
}

TEST(Median, WeightedEqualsReplicated) {
  const Obs weighted = {{100, 2}, {250, 1}, {400, 4}};
  const Obs replicated = {{100, 1}, {100, 1}, {250, 1}, {400, 1}, {400, 1}, {400, 1}, {400, 1}};
  EXPECT_EQ(median_sorted(weighted), median_sorted(replicated));
  EXPECT_EQ(median_sorted(weighted), 400.0);  // 7 people; the 4th is at 400
}

TEST(Median, ZeroWeightObservationsAreSkipped) {
  const Obs obs = {{5, 0}, {10, 1}, {15, 0}, {20, 1}};
  EXPECT_EQ(median_sorted(obs), 10.0);
  const Obs leading_ghost = {{1, 0}, {7, 1}};
  EXPECT_EQ(median_sorted(leading_ghost), 7.0);
}

TEST(Median, EmptyOrZeroPopulationIsZero) {
  EXPECT_EQ(median_sorted({}), 0.0);
  const Obs nobody = {{10, 0}, {20, 0}};
  EXPECT_EQ(median_sorted(nobody), 0.0);
}

TEST(Median, RejectsUnsortedInput) {
  const Obs unsorted = {{3, 1}, {1, 1}};
  EXPECT_THROW((void)median_sorted(unsorted), std::invalid_argument);
}

}  // namespace
}  // namespace fupin::models
