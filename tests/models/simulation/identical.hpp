// Bit-for-bit comparison of two variants' results, shared by the simulation tests.
#pragma once

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>

#include "models/results.hpp"

namespace fupin::models {

// Bitwise equality of doubles: determinism means identical bits, not "close".
inline bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

inline void expect_identical(const VariantResult& a, const VariantResult& b) {
  ASSERT_EQ(a.years.size(), b.years.size());
  for (std::size_t i = 0; i < a.years.size(); ++i) {
    const YearSummary& x = a.years[i];
    const YearSummary& y = b.years[i];
    EXPECT_TRUE(same_bits(x.headcount_ratio, y.headcount_ratio)) << x.year;
    EXPECT_TRUE(same_bits(x.fgt1, y.fgt1)) << x.year;
    EXPECT_TRUE(same_bits(x.fgt2, y.fgt2)) << x.year;
    EXPECT_TRUE(same_bits(x.gini, y.gini)) << x.year;
    EXPECT_TRUE(same_bits(x.mean_income, y.mean_income)) << x.year;
    EXPECT_TRUE(same_bits(x.median_income, y.median_income)) << x.year;
    EXPECT_EQ(x.exits, y.exits);
    EXPECT_EQ(x.registered_households, y.registered_households);
    EXPECT_EQ(x.spent, y.spent);
    EXPECT_EQ(x.idle, y.idle);
  }
  ASSERT_EQ(a.ledger.flows.size(), b.ledger.flows.size());
  for (std::size_t i = 0; i < a.ledger.flows.size(); ++i) {
    EXPECT_EQ(a.ledger.flows[i].amount, b.ledger.flows[i].amount);
    EXPECT_EQ(a.ledger.flows[i].to, b.ledger.flows[i].to);
  }
  EXPECT_EQ(a.township_cohort, b.township_cohort);
  // Results by region, bit for bit.
  ASSERT_EQ(a.by_level.size(), b.by_level.size());
  for (std::size_t l = 0; l < a.by_level.size(); ++l) {
    const LevelResults& x = a.by_level[l];
    const LevelResults& y = b.by_level[l];
    ASSERT_EQ(x.real.size(), y.real.size());
    for (std::size_t k = 0; k < x.real.size(); ++k) {
      ASSERT_EQ(x.real[k].values.size(), y.real[k].values.size());
      for (std::size_t i = 0; i < x.real[k].values.size(); ++i) {
        ASSERT_TRUE(same_bits(x.real[k].values[i], y.real[k].values[i]))
            << x.level << " " << x.real[k].name << " " << i;
      }
    }
    ASSERT_EQ(x.counts.size(), y.counts.size());
    for (std::size_t k = 0; k < x.counts.size(); ++k)
      EXPECT_EQ(x.counts[k].values, y.counts[k].values) << x.counts[k].name;
    EXPECT_EQ(x.spent_fen, y.spent_fen) << x.level;
    ASSERT_EQ(x.share_above.size(), y.share_above.size());
    for (std::size_t i = 0; i < x.share_above.size(); ++i)
      ASSERT_TRUE(same_bits(x.share_above[i], y.share_above[i]));
  }
}

}  // namespace fupin::models
