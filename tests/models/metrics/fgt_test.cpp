// Tests for the Foster–Greer–Thorbecke measures: fgt() and FgtPartial
// (models/metrics/poverty_measures.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "models/metrics/poverty_measures.hpp"

namespace fupin::models {
namespace {

using Obs = std::vector<IncomeObservation>;

// Published worked example: J. Haughton and S. R. Khandker, "Handbook on Poverty and Inequality",
// World Bank, 2009, chapter 4 "Measures of Poverty": the tables "Calculating the Poverty Gap
// Index, Assuming Poverty Line of 125" (p. 70) and the squared-poverty-gap table (p. 72).
// Country C has four people with expenditures 100, 110, 150, 160 and line z = 125.
// The book gives gaps 25, 15, 0, 0; G/z = 0.20, 0.12, 0, 0;
//   P1 = 0.08 [= 0.32/4]  and  P2 = 0.0136 [= 0.0544/4] (0.0544 = 0.04 + 0.0144).
// P0 follows from the same table: 2 of the 4 people are below 125, so P0 = 0.5.
const Obs kCountryC = {{100, 1}, {110, 1}, {150, 1}, {160, 1}};
constexpr double kLineC = 125;

TEST(Fgt, MatchesHaughtonKhandkerCountryC) {
  EXPECT_NEAR(fgt(kCountryC, kLineC, 0), 0.5, 1e-15);
  EXPECT_NEAR(fgt(kCountryC, kLineC, 1), 0.08, 1e-15);
  EXPECT_NEAR(fgt(kCountryC, kLineC, 2), 0.0136, 1e-15);
}

TEST(Fgt, GeneralAlphaOnCountryC) {
  // Worked by hand from the gap ratios 0.20 and 0.12 above:
  //   alpha = 3:   (0.2^3 + 0.12^3) / 4 = (0.008 + 0.001728) / 4 = 0.002432
  //   alpha = 0.5: (sqrt(0.2) + sqrt(0.12)) / 4 = (0.4472136 + 0.3464102) / 4 = 0.19840594
  EXPECT_NEAR(fgt(kCountryC, kLineC, 3), 0.002432, 1e-15);
  EXPECT_NEAR(fgt(kCountryC, kLineC, 0.5), 0.19840594, 1e-8);
}

TEST(Fgt, RegressiveTransferAmongThePoorRaisesOnlySeverity) {
  // Worked by hand. Country C with 5 moved from the 110 person to the 100 person gives
  // {105, 105, 150, 160}: the same P0 = 0.5 and P1 = (20 + 20)/125/4 = 0.08, but
  // P2 = 2 × (20/125)^2 / 4 = 2 × 0.0256 / 4 = 0.0128 < 0.0136: FGT(2) sees the more equal
  // sharing of the same total shortfall (the transfer axiom, Foster, Greer and Thorbecke 1984).
  const Obs equalised = {{105, 1}, {105, 1}, {150, 1}, {160, 1}};
  EXPECT_NEAR(fgt(equalised, kLineC, 0), 0.5, 1e-15);
  EXPECT_NEAR(fgt(equalised, kLineC, 1), 0.08, 1e-15);
  EXPECT_NEAR(fgt(equalised, kLineC, 2), 0.0128, 1e-15);
}

TEST(Fgt, IncomeExactlyAtTheLineIsNotPoor) {
  const Obs obs = {{125, 1}, {124, 1}};
  EXPECT_DOUBLE_EQ(fgt(obs, 125, 0), 0.5);
}

TEST(Fgt, WeightedEqualsReplicated) {
  // A household of three counts like three people with the same income.
  const Obs weighted = {{90, 3}, {120, 1}, {200, 2}};
  const Obs replicated = {{90, 1}, {90, 1}, {90, 1}, {120, 1}, {200, 1}, {200, 1}};
  for (double alpha : {0.0, 1.0, 2.0, 1.5}) {
    EXPECT_NEAR(fgt(weighted, 125, alpha), fgt(replicated, 125, alpha), 1e-15) << "alpha " << alpha;
  }
  // Worked by hand: P0 = 4/6; P1 = (3 × 35/125 + 5/125) / 6 = (0.84 + 0.04) / 6 = 0.146667.
  EXPECT_NEAR(fgt(weighted, 125, 0), 4.0 / 6.0, 1e-15);
  EXPECT_NEAR(fgt(weighted, 125, 1), 0.88 / 6.0, 1e-15);
}

Obs random_observations(std::mt19937_64& rng, std::size_t n) {
  Obs obs;
  for (std::size_t i = 0; i < n; ++i) {
    // Incomes 0..12000 yuan, weights 0..8 people (raw engine output for portability).
    obs.push_back({static_cast<double>(rng() % 1200001) / 100.0, static_cast<double>(rng() % 9)});
  }
  return obs;
}

TEST(Fgt, OrderIndependent) {
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 50; ++trial) {
    Obs obs = random_observations(rng, 1 + rng() % 300);
    const double p0 = fgt(obs, 4000, 0), p1 = fgt(obs, 4000, 1), p2 = fgt(obs, 4000, 2);
    std::shuffle(obs.begin(), obs.end(), rng);
    EXPECT_NEAR(fgt(obs, 4000, 0), p0, 1e-12);
    EXPECT_NEAR(fgt(obs, 4000, 1), p1, 1e-12);
    EXPECT_NEAR(fgt(obs, 4000, 2), p2, 1e-12);
  }
}

TEST(Fgt, SeverityBoundedByGapBoundedByHeadcount) {
  // With non-negative incomes every gap ratio is in [0, 1], so P2 <= P1 <= P0 <= 1.
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 50; ++trial) {
    const Obs obs = random_observations(rng, rng() % 200);
    const double p0 = fgt(obs, 4000, 0), p1 = fgt(obs, 4000, 1), p2 = fgt(obs, 4000, 2);
    EXPECT_LE(p2, p1);
    EXPECT_LE(p1, p0);
    EXPECT_LE(p0, 1.0);
    EXPECT_GE(p2, 0.0);
  }
}

// A net income at or below zero (this year's costs above everything earned) is the whole line
// short: its gap ratio is capped at 1, so the ordering P2 <= P1 <= P0 <= 1 holds for any income.
TEST(Fgt, GapRatioOfIncomesAtOrBelowZeroIsOne) {
  const Obs obs = {{-3000, 2}, {0, 1}, {500, 1}};
  EXPECT_DOUBLE_EQ(fgt(obs, 1000, 0), 1.0);
  EXPECT_DOUBLE_EQ(fgt(obs, 1000, 1), (2 * 1.0 + 1.0 + 0.5) / 4.0);
  EXPECT_DOUBLE_EQ(fgt(obs, 1000, 2), (2 * 1.0 + 1.0 + 0.25) / 4.0);
  FgtPartial p;
  for (const auto& o : obs) p.add(o.income, o.weight, 1000);
  EXPECT_DOUBLE_EQ(p.fgt1(), fgt(obs, 1000, 1));
  EXPECT_DOUBLE_EQ(p.fgt2(), fgt(obs, 1000, 2));
}

TEST(Fgt, OrderingHoldsWithNegativeIncomes) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> income(-20000, 8000);
  for (int trial = 0; trial < 50; ++trial) {
    Obs obs;
    for (int k = 0; k < 100; ++k)
      obs.push_back({income(rng), 1.0 + static_cast<double>(rng() % 6)});
    const double p0 = fgt(obs, 4000, 0), p1 = fgt(obs, 4000, 1), p2 = fgt(obs, 4000, 2);
    EXPECT_LE(p2, p1);
    EXPECT_LE(p1, p0);
    EXPECT_LE(p0, 1.0);
  }
}

TEST(Fgt, EmptyOrZeroPopulationIsZero) {
  EXPECT_EQ(fgt({}, 100, 0), 0.0);
  EXPECT_EQ(fgt({}, 100, 2), 0.0);
  const Obs nobody = {{10, 0}, {20, 0}};
  EXPECT_EQ(fgt(nobody, 100, 0), 0.0);
  EXPECT_EQ(fgt(nobody, 100, 1), 0.0);
}

TEST(Fgt, RejectsInvalidInput) {
  const Obs ok = {{10, 1}};
  EXPECT_THROW((void)fgt(ok, 0, 1), std::invalid_argument);
  EXPECT_THROW((void)fgt(ok, -5, 1), std::invalid_argument);
  EXPECT_THROW((void)fgt(ok, std::numeric_limits<double>::infinity(), 1), std::invalid_argument);
  EXPECT_THROW((void)fgt(ok, 100, -1), std::invalid_argument);
  const Obs negative_weight = {{10, -1}};
  EXPECT_THROW((void)fgt(negative_weight, 100, 1), std::invalid_argument);
  const Obs nan_income = {{std::numeric_limits<double>::quiet_NaN(), 1}};
  EXPECT_THROW((void)fgt(nan_income, 100, 1), std::invalid_argument);
}

// The running sums refuse what fgt() refuses, and add nothing for a refused observation.
TEST(FgtPartial, RejectsInvalidInputAndAddsNothing) {
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const struct {
    double income, weight, line;
  } bad[] = {{kNan, 1, 100}, {kInf, 1, 100}, {10, -1, 100}, {10, kNan, 100}, {10, kInf, 100},
             {10, 1, 0},     {10, 1, -5},    {10, 1, kInf}, {10, 1, kNan}};
  for (const auto& b : bad) {
    FgtPartial p;
    p.add(50, 2, 100);
    EXPECT_THROW(p.add(b.income, b.weight, b.line), std::invalid_argument)
        << b.income << " " << b.weight << " " << b.line;
    EXPECT_EQ(p.people, 2.0);
    EXPECT_EQ(p.poor_people, 2.0);
    EXPECT_EQ(p.income_mass, 100.0);
  }
}

FgtPartial one_pass(const Obs& obs, double line) {
  FgtPartial p;
  for (const auto& o : obs) p.add(o.income, o.weight, line);
  return p;
}

TEST(FgtPartial, MatchesHaughtonKhandkerCountryC) {
  const FgtPartial p = one_pass(kCountryC, kLineC);
  EXPECT_NEAR(p.fgt0(), 0.5, 1e-15);
  EXPECT_NEAR(p.fgt1(), 0.08, 1e-15);
  EXPECT_NEAR(p.fgt2(), 0.0136, 1e-15);
  EXPECT_DOUBLE_EQ(p.mean_income(), 130.0);  // (100 + 110 + 150 + 160) / 4
  EXPECT_DOUBLE_EQ(p.people, 4.0);
  EXPECT_DOUBLE_EQ(p.poor_people, 2.0);
}

TEST(FgtPartial, AgreesWithDirectFgt) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 20; ++trial) {
    const Obs obs = random_observations(rng, rng() % 500);
    const FgtPartial p = one_pass(obs, 3500);
    EXPECT_DOUBLE_EQ(p.fgt0(), fgt(obs, 3500, 0));
    EXPECT_DOUBLE_EQ(p.fgt1(), fgt(obs, 3500, 1));
    EXPECT_DOUBLE_EQ(p.fgt2(), fgt(obs, 3500, 2));
  }
}

TEST(FgtPartial, MergeInFixedOrderEqualsOnePass) {
  // Per-LP partials combined in LP order give the same measures as one pass over everybody.
  std::mt19937_64 rng(9);
  for (int trial = 0; trial < 20; ++trial) {
    const Obs obs = random_observations(rng, 1 + rng() % 1000);
    const FgtPartial whole = one_pass(obs, 4000);
    FgtPartial merged;
    std::size_t begin = 0;
    while (begin < obs.size()) {
      const std::size_t end = std::min(obs.size(), begin + 1 + rng() % 100);
      merged.merge(one_pass(Obs(obs.begin() + static_cast<std::ptrdiff_t>(begin),
                                obs.begin() + static_cast<std::ptrdiff_t>(end)),
                            4000));
      begin = end;
    }
    EXPECT_DOUBLE_EQ(merged.people, whole.people);  // whole numbers: exact
    EXPECT_DOUBLE_EQ(merged.poor_people, whole.poor_people);
    EXPECT_NEAR(merged.fgt0(), whole.fgt0(), 1e-14);
    EXPECT_NEAR(merged.fgt1(), whole.fgt1(), 1e-14);
    EXPECT_NEAR(merged.fgt2(), whole.fgt2(), 1e-14);
    EXPECT_NEAR(merged.mean_income(), whole.mean_income(), 1e-9);
  }
}

TEST(FgtPartial, MergingEmptyPartialChangesNothing) {
  FgtPartial p = one_pass(kCountryC, kLineC);
  const FgtPartial before = p;
  p.merge(FgtPartial{});
  EXPECT_EQ(p.people, before.people);
  EXPECT_EQ(p.gap_ratio, before.gap_ratio);
  EXPECT_EQ(p.gap_ratio_sq, before.gap_ratio_sq);
  EXPECT_EQ(p.income_mass, before.income_mass);
}

TEST(FgtPartial, IncomeExactlyAtTheLineIsNotPoor) {
  FgtPartial p;
  p.add(125, 1, 125);
  p.add(124, 1, 125);
  EXPECT_DOUBLE_EQ(p.poor_people, 1.0);
  EXPECT_DOUBLE_EQ(p.fgt0(), 0.5);
}

TEST(FgtPartial, EmptyIsZero) {
  const FgtPartial p;
  EXPECT_EQ(p.fgt0(), 0.0);
  EXPECT_EQ(p.fgt1(), 0.0);
  EXPECT_EQ(p.fgt2(), 0.0);
  EXPECT_EQ(p.mean_income(), 0.0);
}

TEST(FgtPartial, RejectsInvalidInput) {
  FgtPartial p;
  EXPECT_THROW(p.add(10, -1, 100), std::invalid_argument);
  EXPECT_THROW(p.add(10, 1, 0), std::invalid_argument);
  EXPECT_EQ(p.people, 0.0);  // a rejected observation leaves the sums untouched
}

TEST(KeptOrZero, IsTheValueOrPositiveZeroBitForBit) {
  const double inf = std::numeric_limits<double>::infinity();
  for (double v : {0.0, -0.0, 1.0, -2.5, 1e-310, -1e308, inf, -inf, 123456.789}) {
    EXPECT_EQ(std::bit_cast<std::uint64_t>(kept_or_zero(true, v)), std::bit_cast<std::uint64_t>(v))
        << v;
    EXPECT_EQ(std::bit_cast<std::uint64_t>(kept_or_zero(false, v)), std::uint64_t{0}) << v;
  }
}

// FgtPartial::add adds a zero weight above the line instead of skipping the poor sums (no
// branch): the sums must be those of the skipping form bit for bit, including incomes exactly at
// the line, at and below zero, far below it, and weights of zero.
TEST(FgtPartial, AddsTheSameBitsAsSkippingTheNonPoor) {
  struct Sums {
    double people = 0, poor_people = 0, gap_ratio = 0, gap_ratio_sq = 0, income_mass = 0;
    void add(double income, double weight, double line) {
      people += weight;
      income_mass += weight * income;
      if (income < line) {
        const double g = poverty_gap_ratio(income, line);
        poor_people += weight;
        gap_ratio += weight * g;
        gap_ratio_sq += weight * g * g;
      }
    }
  };
  const auto bits = [](double x) { return std::bit_cast<std::uint64_t>(x); };
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> income(-2000.0, 12000.0);
  for (int trial = 0; trial < 50; ++trial) {
    const double line = 2000.0 + static_cast<double>(trial) * 37.5;
    Sums skip;
    FgtPartial p;
    for (int i = 0; i < 400; ++i) {
      double y = income(rng);
      if (i % 17 == 0) y = line;
      if (i % 29 == 0) y = 0.0;
      if (i % 31 == 0) y = -1e300;
      const double w = static_cast<double>(rng() % 8);
      skip.add(y, w, line);
      p.add(y, w, line);
    }
    EXPECT_EQ(bits(p.people), bits(skip.people));
    EXPECT_EQ(bits(p.poor_people), bits(skip.poor_people));
    EXPECT_EQ(bits(p.gap_ratio), bits(skip.gap_ratio));
    EXPECT_EQ(bits(p.gap_ratio_sq), bits(skip.gap_ratio_sq));
    EXPECT_EQ(bits(p.income_mass), bits(skip.income_mass));
  }
}

}  // namespace
}  // namespace fupin::models
