#include "sim/money.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace fupin::sim {
namespace {

std::vector<std::int64_t> fen_of(const std::vector<Money>& parts) {
  std::vector<std::int64_t> out;
  out.reserve(parts.size());
  for (Money m : parts) out.push_back(m.fen());
  return out;
}

using Fen = std::vector<std::int64_t>;

TEST(Money, StrFormatsThousandsAndSign) {
  EXPECT_EQ(Money::from_fen(123456789).str(), "1,234,567.89");
  EXPECT_EQ(Money::from_fen(-123456789).str(), "-1,234,567.89");
  EXPECT_EQ(Money().str(), "0.00");
  EXPECT_EQ(Money::from_fen(5).str(), "0.05");
  EXPECT_EQ(Money::from_fen(-5).str(), "-0.05");
  EXPECT_EQ(Money::from_fen(99999).str(), "999.99");
  EXPECT_EQ(Money::from_fen(100000).str(), "1,000.00");
  EXPECT_EQ(Money::from_fen(12345678).str(), "123,456.78");
  EXPECT_EQ(Money::from_fen(std::numeric_limits<std::int64_t>::max()).str(),
            "92,233,720,368,547,758.07");
  EXPECT_EQ(Money::from_fen(std::numeric_limits<std::int64_t>::min()).str(),
            "-92,233,720,368,547,758.08");
}

TEST(Money, FromYuanChecksOverflow) {
  EXPECT_EQ(Money::from_yuan(12).fen(), 1200);
  EXPECT_EQ(Money::from_yuan(-3).fen(), -300);
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max() / 100;
  EXPECT_EQ(Money::from_yuan(kMax).fen(), kMax * 100);
  EXPECT_EQ(Money::from_yuan(-kMax).fen(), -kMax * 100);
  EXPECT_THROW(Money::from_yuan(kMax + 1), std::overflow_error);
  EXPECT_THROW(Money::from_yuan(-kMax - 1), std::overflow_error);
  EXPECT_THROW(Money::from_yuan(std::numeric_limits<std::int64_t>::min()), std::overflow_error);
}

TEST(Money, ArithmeticAndSum) {
  const Money a = Money::from_yuan(10);
  const Money b = Money::from_fen(250);
  EXPECT_EQ((a + b).fen(), 1250);
  EXPECT_EQ((a - b).fen(), 750);
  EXPECT_EQ((-b).fen(), -250);
  EXPECT_EQ((b * 4).fen(), 1000);
  EXPECT_DOUBLE_EQ(b.yuan(), 2.5);
  EXPECT_LT(b, a);
  const std::vector<Money> parts = {a, b, -b};
  EXPECT_EQ(sum(parts), a);
  EXPECT_EQ(sum(std::vector<Money>{}), Money());
  const std::vector<Money> huge = {Money::from_fen(std::numeric_limits<std::int64_t>::max()),
                                   Money::from_fen(1)};
  EXPECT_THROW(sum(huge), std::overflow_error);
}

TEST(Money, ArithmeticRefusesToOverflow) {
  const Money max = Money::from_fen(std::numeric_limits<std::int64_t>::max());
  const Money min = Money::from_fen(std::numeric_limits<std::int64_t>::min());
  const Money fen = Money::from_fen(1);
  EXPECT_THROW((void)(max + fen), std::overflow_error);
  EXPECT_THROW((void)(min - fen), std::overflow_error);
  EXPECT_THROW((void)(-min), std::overflow_error);
  EXPECT_THROW((void)(max * 2), std::overflow_error);
  EXPECT_THROW((void)(min * -1), std::overflow_error);
  Money total = max;
  EXPECT_THROW(total += fen, std::overflow_error);
  EXPECT_EQ(total, max);  // unchanged by the refused addition
  Money low = min;
  EXPECT_THROW(low -= fen, std::overflow_error);
  // At the edges, exact.
  EXPECT_EQ((max - fen + fen), max);
  EXPECT_EQ((min + fen - fen), min);
  EXPECT_EQ((-max).fen(), -std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ((Money::from_fen(std::numeric_limits<std::int64_t>::max() / 2) * 2).fen(),
            std::numeric_limits<std::int64_t>::max() - 1);
  try {
    (void)(max + fen);
  } catch (const std::overflow_error& e) {
    EXPECT_NE(std::string(e.what()).find("92,233,720,368,547,758.07 yuan + 0.01 yuan does not fit"),
              std::string::npos)
        << e.what();
  }
}

// --- hand-worked splits --------------------------------------------------------------------

TEST(LargestRemainder, ThirdsGiveLeftoverToLowerIndex) {
  // Quotas 33.33 each; one leftover fen; equal remainders: lowest index wins.
  EXPECT_EQ(fen_of(split_largest_remainder(Money::from_fen(100), std::vector<double>{1, 1, 1})),
            (Fen{34, 33, 33}));
  EXPECT_EQ(
      fen_of(split_largest_remainder(Money::from_fen(100), std::vector<std::int64_t>{1, 1, 1})),
      (Fen{34, 33, 33}));
  // 33.67 each: two leftover fen.
  EXPECT_EQ(fen_of(split_largest_remainder(Money::from_fen(101), std::vector<double>{1, 1, 1})),
            (Fen{34, 34, 33}));
  // 0.5 each: two fen among four equal weights.
  EXPECT_EQ(fen_of(split_largest_remainder(Money::from_fen(2), std::vector<double>{1, 1, 1, 1})),
            (Fen{1, 1, 0, 0}));
}

// split_equally is the split with n weights of one, computed directly: the same parts for
// totals around multiples of n, large totals and n from 1 to 40; none for n = 0; a negative total
// refused as split_largest_remainder refuses it.
TEST(LargestRemainder, AnEqualSplitIsTheSplitWithWeightsOfOne) {
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  for (std::size_t n = 1; n <= 40; ++n) {
    const std::vector<std::int64_t> ones(n, 1);
    for (const std::int64_t t : {std::int64_t{0}, std::int64_t{1}, static_cast<std::int64_t>(n) - 1,
                                 static_cast<std::int64_t>(n), static_cast<std::int64_t>(n) + 1,
                                 std::int64_t{100}, std::int64_t{123'456'789}, big - 1, big}) {
      if (t < 0) continue;
      EXPECT_EQ(fen_of(split_equally(Money::from_fen(t), n)),
                fen_of(split_largest_remainder(Money::from_fen(t), ones)))
          << t << " fen in " << n << " parts";
    }
  }
  EXPECT_TRUE(split_equally(Money::from_fen(100), 0).empty());
  EXPECT_EQ(fen_of(split_equally(Money::from_fen(100), 3)), (Fen{34, 33, 33}));
  EXPECT_THROW(split_equally(Money::from_fen(-1), 3), std::invalid_argument);
  EXPECT_THROW(split_equally(Money::from_fen(-1), 0), std::invalid_argument);
}

TEST(LargestRemainder, LeftoverGoesToLargestRemainder) {
  // 10 fen by 3:3:1 -> quotas 4.286, 4.286, 1.429: floors 4,4,1, leftover to index 2.
  EXPECT_EQ(fen_of(split_largest_remainder(Money::from_fen(10), std::vector<double>{3, 3, 1})),
            (Fen{4, 4, 2}));
  EXPECT_EQ(
      fen_of(split_largest_remainder(Money::from_fen(10), std::vector<std::int64_t>{3, 3, 1})),
      (Fen{4, 4, 2}));
  // Exact quotas need no leftover.
  EXPECT_EQ(fen_of(split_largest_remainder(Money::from_fen(1000), std::vector<double>{1, 2, 3, 4})),
            (Fen{100, 200, 300, 400}));
  // Weights scale freely: 0.25 : 0.75.
  EXPECT_EQ(fen_of(split_largest_remainder(Money::from_fen(7), std::vector<double>{0.25, 0.75})),
            (Fen{2, 5}));  // 1.75, 5.25 -> 1, 5 + leftover to index 0
}

TEST(LargestRemainder, EqualRemaindersWithDifferentWholePartsTieToLowerIndex) {
  // 2 fen by 1:4:1 -> quotas 1/3, 4/3, 1/3: remainders all exactly 1/3, although in floating
  // point 4/3 - 1 and 1/3 round differently. The single leftover fen goes to index 0.
  EXPECT_EQ(fen_of(split_largest_remainder(Money::from_fen(2), std::vector<double>{1, 4, 1})),
            (Fen{1, 1, 0}));
  EXPECT_EQ(fen_of(split_largest_remainder(Money::from_fen(2), std::vector<std::int64_t>{1, 4, 1})),
            (Fen{1, 1, 0}));
  // 5 fen by 1:7:1 (W = 9): quotas 5/9, 35/9 = 3 + 8/9, 5/9 -> floors 0,3,0, leftover 2:
  // index 1 (8/9) then index 0 (5/9, tied with index 2).
  EXPECT_EQ(fen_of(split_largest_remainder(Money::from_fen(5), std::vector<double>{1, 7, 1})),
            (Fen{1, 4, 0}));
}

TEST(LargestRemainder, ZeroWeightsGetNothing) {
  EXPECT_EQ(fen_of(split_largest_remainder(Money::from_fen(3), std::vector<double>{0, 1, 0, 1})),
            (Fen{0, 2, 0, 1}));
  EXPECT_EQ(
      fen_of(split_largest_remainder(Money::from_fen(3), std::vector<std::int64_t>{0, 1, 0, 1})),
      (Fen{0, 2, 0, 1}));
  // All zero: nothing is allocated, the caller keeps the money.
  EXPECT_EQ(fen_of(split_largest_remainder(Money::from_fen(500), std::vector<double>{0, 0, 0})),
            (Fen{0, 0, 0}));
  EXPECT_EQ(fen_of(split_largest_remainder(Money::from_fen(500), std::vector<std::int64_t>{0, 0})),
            (Fen{0, 0}));
  EXPECT_TRUE(split_largest_remainder(Money::from_fen(500), std::vector<double>{}).empty());
  EXPECT_TRUE(split_largest_remainder(Money::from_fen(500), std::vector<std::int64_t>{}).empty());
  // Zero total.
  EXPECT_EQ(fen_of(split_largest_remainder(Money(), std::vector<double>{1, 2})), (Fen{0, 0}));
}

TEST(LargestRemainder, RejectsBadInput) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const Money t = Money::from_fen(100);
  EXPECT_THROW(split_largest_remainder(t, std::vector<double>{1, -1}), std::invalid_argument);
  EXPECT_THROW(split_largest_remainder(t, std::vector<double>{1, nan}), std::invalid_argument);
  EXPECT_THROW(split_largest_remainder(t, std::vector<double>{inf, 1}), std::invalid_argument);
  EXPECT_THROW(split_largest_remainder(t, std::vector<double>{-inf}), std::invalid_argument);
  EXPECT_THROW(split_largest_remainder(Money::from_fen(-1), std::vector<double>{1}),
               std::invalid_argument);
  EXPECT_THROW(split_largest_remainder(t, std::vector<std::int64_t>{1, -1}), std::invalid_argument);
  EXPECT_THROW(split_largest_remainder(Money::from_fen(-1), std::vector<std::int64_t>{1}),
               std::invalid_argument);
}

TEST(LargestRemainder, ExtremeTotalsAndWeightsStillSumExactly) {
  const Money max = Money::from_fen(std::numeric_limits<std::int64_t>::max());
  for (const auto& w :
       {std::vector<double>{1, 1, 1}, std::vector<double>{1e300, 1e-300, 1},
        std::vector<double>{5e-324, 5e-324}, std::vector<double>{1.7e308, 1.7e308}}) {
    const auto parts = split_largest_remainder(max, w);
    EXPECT_EQ(sum(parts), max);
    for (Money p : parts) EXPECT_GE(p.fen(), 0);
  }
  const auto parts = split_largest_remainder(
      max, std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::max(), 1, 0,
                                     std::numeric_limits<std::int64_t>::max()});
  EXPECT_EQ(sum(parts), max);
  EXPECT_EQ(parts[2].fen(), 0);
  // Denormal weights split like equal weights.
  EXPECT_EQ(
      fen_of(split_largest_remainder(Money::from_fen(3), std::vector<double>{5e-324, 5e-324})),
      (Fen{2, 1}));
}

// --- properties over random inputs ---------------------------------------------------------

// A random weight from a mix meant to stress the arithmetic: many zeros, tiny and huge
// magnitudes, ordinary fractions and small integers.
double random_weight(std::mt19937_64& g) {
  const auto kind = g() % 6;
  const double u = static_cast<double>(g() >> 11) * 0x1.0p-53;
  switch (kind) {
    case 0: return 0.0;
    case 1: return u * std::ldexp(1.0, -static_cast<int>(g() % 1000));  // as small as 1e-301
    case 2: return u * std::ldexp(1.0, static_cast<int>(g() % 1000));   // as large as 1e301
    case 3: return static_cast<double>(g() % 1000);
    default: return u;
  }
}

std::int64_t random_total(std::mt19937_64& g) {
  constexpr std::uint64_t kMax = 10'000'000'000'000ULL;  // 1e13 fen = 100 billion yuan
  switch (g() % 3) {
    case 0: return static_cast<std::int64_t>(g() % 1000);
    case 1: return static_cast<std::int64_t>(g() % 1'000'000);
    default: return static_cast<std::int64_t>(g() % (kMax + 1));
  }
}

TEST(LargestRemainder, DoubleWeightsPropertiesOnRandomInputs) {
  std::mt19937_64 g(20160101);
  for (int trial = 0; trial < 3000; ++trial) {
    const std::size_t n = 1 + g() % 60;
    std::vector<double> w(n);
    // Some trials are dominated by one scale; others mix scales across 600 orders of magnitude.
    for (double& x : w) x = random_weight(g);
    const Money total = Money::from_fen(random_total(g));
    const auto parts = split_largest_remainder(total, w);
    ASSERT_EQ(parts.size(), n);

    long double wsum = 0.0L;
    for (double x : w) wsum += x;
    if (wsum == 0.0L) {
      for (Money p : parts) ASSERT_EQ(p.fen(), 0);
      continue;
    }
    ASSERT_EQ(sum(parts), total) << "trial " << trial;
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_GE(parts[i].fen(), 0);
      if (w[i] == 0.0) {
        ASSERT_EQ(parts[i].fen(), 0) << "zero weight received money";
      }
      const long double quota = static_cast<long double>(total.fen()) * w[i] / wsum;
      // Each part is its quota rounded down or up: within one fen (plus rounding slack).
      ASSERT_LT(std::fabs(static_cast<long double>(parts[i].fen()) - quota), 1.0L + 1e-4L)
          << "trial " << trial << " part " << i << " quota " << static_cast<double>(quota);
    }
  }
}

// Integer-valued double weights must split exactly like the exact integer version when the
// arithmetic can resolve the remainders (here W <= 6e4 and totals <= 1e9 fen).
TEST(LargestRemainder, DoubleWeightsMatchExactIntegerSplit) {
  std::mt19937_64 g(42);
  for (int trial = 0; trial < 5000; ++trial) {
    const std::size_t n = 1 + g() % 60;
    std::vector<std::int64_t> wi(n);
    std::vector<double> wd(n);
    const auto range = 1 + g() % 1000;  // small ranges make many exact ties
    for (std::size_t i = 0; i < n; ++i) {
      wi[i] = (g() % 4 == 0) ? 0 : static_cast<std::int64_t>(g() % range);
      wd[i] = static_cast<double>(wi[i]);
    }
    const Money total = Money::from_fen(static_cast<std::int64_t>(g() % 1'000'000'001ULL));
    ASSERT_EQ(fen_of(split_largest_remainder(total, wd)),
              fen_of(split_largest_remainder(total, wi)))
        << "trial " << trial;
  }
}

TEST(LargestRemainder, IntegerWeightsFollowHamiltonRuleExactly) {
  std::mt19937_64 g(7);
  for (int trial = 0; trial < 3000; ++trial) {
    const std::size_t n = 1 + g() % 60;
    std::vector<std::int64_t> w(n);
    for (auto& x : w) {
      switch (g() % 4) {
        case 0: x = 0; break;
        case 1: x = static_cast<std::int64_t>(g() % 10); break;
        case 2: x = static_cast<std::int64_t>(g() >> 1); break;  // up to 2^63 - 1
        default: x = static_cast<std::int64_t>(g() % 1'000'000); break;
      }
    }
    // A third of the trials split with small weights in runs (products in 64 bits, a quota
    // computed once for a run), a third equally (every weight the same, or zero).
    if (trial % 3 == 1) {
      for (auto& x : w) x = static_cast<std::int64_t>(g() % 4);
      std::sort(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(n / 2));
    } else if (trial % 3 == 2) {
      const auto same = static_cast<std::int64_t>(1 + g() % 5);
      for (auto& x : w) x = g() % 8 == 0 ? 0 : same;
    }
    const std::int64_t t =
        trial % 10 == 0 ? std::numeric_limits<std::int64_t>::max() : random_total(g);
    const auto parts = split_largest_remainder(Money::from_fen(t), w);
    Int128 wsum = 0;
    for (auto x : w) wsum += x;
    if (wsum == 0) {
      for (Money p : parts) ASSERT_EQ(p.fen(), 0);
      continue;
    }
    ASSERT_EQ(sum(parts).fen(), t);
    // Exact check: part_i is floor(q_i) or floor(q_i) + 1, and every part that got the extra
    // fen has a remainder larger than (or equal with lower index to) every part that did not.
    std::vector<Int128> rem(n);
    std::vector<bool> extra(n);
    for (std::size_t i = 0; i < n; ++i) {
      const Int128 num = static_cast<Int128>(t) * w[i];
      const Int128 fl = num / wsum;
      rem[i] = num % wsum;
      ASSERT_TRUE(parts[i].fen() == fl || parts[i].fen() == fl + 1) << "trial " << trial;
      extra[i] = parts[i].fen() == fl + 1;
      if (extra[i]) {
        ASSERT_GT(rem[i], 0);
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        if (extra[i] && !extra[j]) {
          ASSERT_TRUE(rem[i] > rem[j] || (rem[i] == rem[j] && i < j))
              << "trial " << trial << ": " << i << " got the fen before " << j;
        }
      }
    }
  }
}

// Money × rate: the rate is the decimal the double was written as (its shortest round-trip
// decimal), the product is exact, and one rounding step gives whole fen.

TEST(MoneyTimes, RateIsTheDecimalAsWritten) {
  // 0.0475 is 0.04749999999999999889 in binary; 200 fen × 0.0475 is exactly 9.5 fen.
  EXPECT_EQ(Money::from_fen(200).times(0.0475).fen(), 10);
  EXPECT_EQ(Money::from_fen(200).times(0.0475, Rounding::floor).fen(), 9);
  EXPECT_EQ(Money::from_fen(200).times(0.0475, Rounding::ceiling).fen(), 10);
  // 0.015 is below 0.015 in binary: a rounded double product gives 1.4999… → 1.
  EXPECT_EQ(Money::from_fen(100).times(0.015).fen(), 2);
  // 0.07 is above 0.07 in binary: a floored long double product gives 7 + 1e-17 → 7, but
  // 100 × 0.07 written is exactly 7: every mode agrees.
  for (Rounding r : {Rounding::half_away_from_zero, Rounding::half_even, Rounding::floor,
                     Rounding::ceiling, Rounding::toward_zero}) {
    EXPECT_EQ(Money::from_fen(100).times(0.07, r).fen(), 7);
    EXPECT_EQ(Money::from_fen(300).times(0.1, r).fen(), 30);
    EXPECT_EQ(Money::from_fen(12345).times(1.0, r).fen(), 12345);
    EXPECT_EQ(Money::from_fen(12345).times(0.0, r).fen(), 0);
  }
}

TEST(MoneyTimes, ExactWhereDoubleArithmeticIsNot) {
  // 2^53 + 1 fen is not a double: a product through double loses the last fen.
  const std::int64_t big = (std::int64_t{1} << 53) + 1;
  EXPECT_EQ(Money::from_fen(big).times(1.0).fen(), big);
  EXPECT_EQ(Money::from_fen(big).times(3.0).fen(), 3 * big);
  // 9,007,199,254,740,993 × 0.5 = 4,503,599,627,370,496.5 exactly.
  EXPECT_EQ(Money::from_fen(big).times(0.5, Rounding::floor).fen(), big / 2);
  EXPECT_EQ(Money::from_fen(big).times(0.5, Rounding::half_away_from_zero).fen(), big / 2 + 1);
  EXPECT_EQ(Money::from_fen(big).times(0.5, Rounding::half_even).fen(), big / 2);
  // Largest amount, rate just below one: (2^63 − 1) × 0.999999999999 is exact in 128 bits.
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  const Int128 exact = static_cast<Int128>(max) * 999999999999;
  const Int128 q = exact / 1000000000000, r = exact % 1000000000000;
  EXPECT_EQ(Money::from_fen(max).times(0.999999999999, Rounding::floor).fen(),
            static_cast<std::int64_t>(q));
  EXPECT_EQ(Money::from_fen(max).times(0.999999999999).fen(),
            static_cast<std::int64_t>(q + (2 * r >= 1000000000000 ? 1 : 0)));
  // A rate with 17 significant digits and a tiny rate are still exact.
  EXPECT_EQ(Money::from_fen(1000000000000).times(0.12345678901234567, Rounding::floor).fen(),
            123456789012);
  EXPECT_EQ(Money::from_fen(max).times(1e-30, Rounding::floor).fen(), 0);
  EXPECT_EQ(Money::from_fen(max).times(1e-30, Rounding::ceiling).fen(), 1);
  EXPECT_EQ(Money::from_fen(max).times(1e-300, Rounding::ceiling).fen(), 1);
  EXPECT_EQ(Money::from_fen(max).times(5e-324, Rounding::half_away_from_zero).fen(), 0);
  EXPECT_EQ(Money::from_fen(3).times(1e18).fen(), 3000000000000000000);
}

TEST(MoneyTimes, RoundingModesOnTiesAndBetween) {
  struct Case {
    std::int64_t fen;
    double rate;
    std::int64_t away, even, floor, ceiling, zero;
  };
  const Case cases[] = {
      {25, 0.1, 3, 2, 2, 3, 2},        // 2.5
      {35, 0.1, 4, 4, 3, 4, 3},        // 3.5
      {24, 0.1, 2, 2, 2, 3, 2},        // 2.4
      {26, 0.1, 3, 3, 2, 3, 2},        // 2.6
      {-25, 0.1, -3, -2, -3, -2, -2},  // −2.5
      {-35, 0.1, -4, -4, -4, -3, -3},  // −3.5
      {-24, 0.1, -2, -2, -3, -2, -2},  // −2.4
      {-26, 0.1, -3, -3, -3, -2, -2},  // −2.6
      {25, -0.1, -3, -2, -3, -2, -2},  // negative rate
      {-25, -0.1, 3, 2, 2, 3, 2},      // both negative
      {1, 0.5, 1, 0, 0, 1, 0},        {-1, 0.5, -1, 0, -1, 0, 0},
  };
  for (const Case& c : cases) {
    const Money m = Money::from_fen(c.fen);
    EXPECT_EQ(m.times(c.rate, Rounding::half_away_from_zero).fen(), c.away)
        << c.fen << " × " << c.rate;
    EXPECT_EQ(m.times(c.rate, Rounding::half_even).fen(), c.even) << c.fen << " × " << c.rate;
    EXPECT_EQ(m.times(c.rate, Rounding::floor).fen(), c.floor) << c.fen << " × " << c.rate;
    EXPECT_EQ(m.times(c.rate, Rounding::ceiling).fen(), c.ceiling) << c.fen << " × " << c.rate;
    EXPECT_EQ(m.times(c.rate, Rounding::toward_zero).fen(), c.zero) << c.fen << " × " << c.rate;
  }
  // The project's rule is round half away from zero (四舍五入), symmetric in sign.
  EXPECT_EQ(kMoneyRounding, Rounding::half_away_from_zero);
  EXPECT_EQ(Money::from_fen(25).times(0.1).fen(), 3);
  EXPECT_EQ(Money::from_fen(-25).times(0.1).fen(), -3);
}

TEST(MoneyTimes, AgreesWithExactRationalArithmetic) {
  // Rates with up to 6 decimals, k / 10^6, against integer arithmetic done here.
  std::mt19937_64 gen(7);
  std::uniform_int_distribution<std::int64_t> amount(-2000000000000, 2000000000000);
  std::uniform_int_distribution<std::int64_t> micro(0, 3000000);
  for (int trial = 0; trial < 20000; ++trial) {
    const std::int64_t a = amount(gen);
    const std::int64_t k = micro(gen);
    const double rate = static_cast<double>(k) / 1e6;
    const Int128 p = static_cast<Int128>(a) * k;
    const Int128 q = p / 1000000, r = p % 1000000;
    const Int128 floor = r < 0 ? q - 1 : q;
    const Int128 away = (r >= 500000) ? q + 1 : (r <= -500000 ? q - 1 : q);
    ASSERT_EQ(Money::from_fen(a).times(rate, Rounding::floor).fen(),
              static_cast<std::int64_t>(floor))
        << a << " × " << k << "e-6";
    ASSERT_EQ(Money::from_fen(a).times(rate).fen(), static_cast<std::int64_t>(away))
        << a << " × " << k << "e-6";
  }
}

// The decimal of a rate is remembered by each thread (a run multiplies by the same few rates again
// and again): rates used in turn, as capture's shares with and without a work team are, each give
// their own products, and so do more rates than are remembered, and rates one unit in the last
// place apart (different bits, different decimals): against integer arithmetic done here.
TEST(MoneyTimes, RatesUsedInTurnGiveTheProductsOfTheirDecimals) {
  std::mt19937_64 gen(17);
  std::uniform_int_distribution<std::int64_t> amount(-2000000000000, 2000000000000);
  std::uniform_int_distribution<std::int64_t> micro(0, 3000000);
  const auto exact = [](std::int64_t a, std::int64_t k) {  // a × k / 10^6, halves away from zero
    const Int128 p = static_cast<Int128>(a) * k;
    const Int128 q = p / 1000000, r = p % 1000000;
    return static_cast<std::int64_t>((r >= 500000) ? q + 1 : (r <= -500000 ? q - 1 : q));
  };
  for (const std::size_t in_turn : {2UL, 5UL, 40UL}) {
    std::vector<std::int64_t> k(in_turn);
    for (auto& x : k) x = micro(gen);
    for (int use = 0; use < 2000; ++use) {
      const std::int64_t a = amount(gen);
      const std::int64_t r = k[static_cast<std::size_t>(use) % in_turn];
      ASSERT_EQ(Money::from_fen(a).times(static_cast<double>(r) / 1e6).fen(), exact(a, r))
          << a << " × " << r << "e-6, " << in_turn << " rates in turn";
    }
  }
  // 0.1 and the doubles next to it: 0.1 × 5 fen = 0.5 → 1 fen; the neighbours are the decimals
  // 0.10000000000000002 and 0.09999999999999999, whose products round to 1 and 0 fen.
  const double tenth = 0.1;
  const double above = std::nextafter(tenth, 1.0);
  const double below = std::nextafter(tenth, 0.0);
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(Money::from_fen(5).times(tenth).fen(), 1);
    EXPECT_EQ(Money::from_fen(5).times(above).fen(), 1);
    EXPECT_EQ(Money::from_fen(5).times(below).fen(), 0);
    EXPECT_EQ(Money::from_fen(-5).times(below).fen(), 0);
    EXPECT_EQ(Money::from_fen(5).times(-tenth).fen(), -1);
  }
}

TEST(MoneyTimes, OverflowAndBadRatesThrow) {
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  EXPECT_THROW((void)Money::from_fen(max).times(1.5), std::overflow_error);
  EXPECT_THROW((void)Money::from_fen(max / 2 + 1).times(2.0), std::overflow_error);
  EXPECT_THROW((void)Money::from_fen(2).times(1e300), std::overflow_error);
  EXPECT_THROW((void)Money::from_fen(-max).times(-1.5), std::overflow_error);
  EXPECT_EQ(Money::from_fen(max).times(1.0).fen(), max);
  EXPECT_EQ(Money::from_fen(0).times(1e300).fen(), 0);
  EXPECT_EQ(Money::from_fen(-max).times(1.0).fen(), -max);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_THROW((void)Money::from_fen(1).times(nan), std::invalid_argument);
  EXPECT_THROW((void)Money::from_fen(1).times(inf), std::invalid_argument);
}

}  // namespace
}  // namespace fupin::sim
