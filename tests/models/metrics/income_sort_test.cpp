// Tests for sort_by_income (models/metrics/income_sort.hpp): the radix sort must give exactly the
// order a comparison sort gives, for any thread count, and fall back for input it cannot key.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <random>
#include <span>
#include <stdexcept>
#include <vector>

#include "models/metrics/income_sort.hpp"
#include "models/metrics/poverty_measures.hpp"
#include "sim/parallel.hpp"

namespace fupin::models {
namespace {

using Obs = std::vector<IncomeObservation>;

bool less(const IncomeObservation& a, const IncomeObservation& b) {
  return a.income < b.income || (a.income == b.income && a.weight < b.weight);
}

// Incomes of a household survey: log-normal, some exactly zero, many ties, sizes 1–12.
Obs survey(std::size_t n, unsigned seed) {
  std::mt19937_64 g(seed);
  std::lognormal_distribution<double> income(std::log(3000.0), 0.9);
  std::uniform_int_distribution<int> size(1, 12);
  Obs obs(n);
  for (std::size_t i = 0; i < n; ++i) {
    double y = income(g);
    if (i % 37 == 0) y = 0.0;
    if (i % 11 == 0) y = std::round(y / 100) * 100;  // ties at round numbers
    obs[i] = {y, static_cast<double>(size(g))};
  }
  return obs;
}

bool same_bits(const Obs& a, const Obs& b) {
  // An empty vector's data() may be null, which memcmp must not be given even for 0 bytes.
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(IncomeObservation)) == 0);
}

Obs sorted_by_comparison(Obs obs) {
  std::stable_sort(obs.begin(), obs.end(), less);
  return obs;
}

Obs sorted_by_income(Obs obs, int threads) {
  Obs scratch;
  sim::parallel::Scope scope(threads);
  scope.run([&] { sort_by_income(obs, scratch); });
  return obs;
}

// Inputs of up to 4,096 observations are sorted by comparison as a whole: 4,097 distinct incomes
// of a million yuan and more, far from the incomes under test (a leading-bits range of their
// own), make an input take the radix way.
void pad_past_the_small_input(Obs& obs) {
  for (int k = 0; k < 4097; ++k) obs.push_back({1.0e6 + 0.25 * k, 1 + static_cast<double>(k % 5)});
}

TEST(IncomeSort, GivesTheComparisonSortsOrderForAnyThreadCount) {
  // Sizes around the fixed chunk of 65,536 observations and well beyond it.
  for (std::size_t n : {0UL, 1UL, 2UL, 1000UL, 65535UL, 65537UL, 300001UL}) {
    const Obs obs = survey(n, 7 + static_cast<unsigned>(n));
    const Obs expected = sorted_by_comparison(obs);
    EXPECT_TRUE(same_bits(sorted_by_income(obs, 1), expected)) << n;
    EXPECT_TRUE(same_bits(sorted_by_income(obs, 2), expected)) << n;
    EXPECT_TRUE(same_bits(sorted_by_income(obs, 4), expected)) << n;
  }
}

TEST(IncomeSort, OrdersAcrossEveryDigitOfTheIncome) {
  // Incomes spread over the whole range of positive doubles, so that every 11-bit digit of the
  // bit pattern (exponent included) decides some comparisons; weights up to 2,047.
  std::mt19937_64 g(3);
  std::uniform_int_distribution<int> exponent(-1000, 1000);
  std::uniform_real_distribution<double> mantissa(1.0, 2.0);
  std::uniform_int_distribution<int> weight(0, 2047);
  Obs obs(50000);
  for (auto& o : obs) o = {std::ldexp(mantissa(g), exponent(g)), static_cast<double>(weight(g))};
  obs.push_back({std::numeric_limits<double>::denorm_min(), 1});
  obs.push_back({std::numeric_limits<double>::max(), 1});
  EXPECT_TRUE(same_bits(sorted_by_income(obs, 2), sorted_by_comparison(obs)));
}

TEST(IncomeSort, NegativeZeroSortsWithZeroByWeight) {
  Obs obs = {{5, 1}, {-0.0, 3}, {0.0, 2}, {0.0, 4}, {-0.0, 1}};
  obs = sorted_by_income(obs, 2);
  ASSERT_EQ(obs.size(), 5U);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(obs[i].income, 0.0);
  EXPECT_EQ(obs[0].weight, 1);
  EXPECT_EQ(obs[1].weight, 2);
  EXPECT_EQ(obs[2].weight, 3);
  EXPECT_EQ(obs[3].weight, 4);
  EXPECT_EQ(obs[4].income, 5);
}

// The working memory is the largest range of incomes sorted by radix (incomes sharing their
// leading 16 bits), not a second copy of the input.
TEST(IncomeSort, WorkingMemoryIsTheLargestRangeOfIncomes) {
  const Obs obs = survey(300001, 5);
  Obs sorted = obs;
  Obs scratch;
  sim::parallel::Scope scope(2);
  scope.run([&] { sort_by_income(sorted, scratch); });
  EXPECT_TRUE(same_bits(sorted, sorted_by_comparison(obs)));
  EXPECT_GT(scratch.size(), 0U);  // the zeros (one in 37) and the densest ranges are radix sorted
  EXPECT_LT(scratch.size(), obs.size() / 10);
}

// Incomes that all share their leading bits form one range, radix sorted whole; ranges just
// below and above the size sorted by comparison give the same order too (each in an input large
// enough to take the radix way).
TEST(IncomeSort, OneRangeOfIncomesAndRangesAroundTheComparisonLimit) {
  std::mt19937_64 g(9);
  std::uniform_real_distribution<double> narrow(4096.0, 4100.0);  // one leading-bits range
  std::uniform_int_distribution<int> size(1, 9);
  for (std::size_t n : {4095UL, 4096UL, 4097UL, 200000UL}) {
    Obs obs(n);
    for (auto& o : obs) o = {std::round(narrow(g) * 4) / 4, static_cast<double>(size(g))};
    pad_past_the_small_input(obs);
    const Obs expected = sorted_by_comparison(obs);
    for (int threads : {1, 2})
      EXPECT_TRUE(same_bits(sorted_by_income(obs, threads), expected)) << n;
  }
}

// A range of at most 4,096 observations is sorted by a counting pass on the bits below its
// leading 16 and by insertion within each bucket: every size up to the limit, with incomes that
// tie, that differ only in bits below the counting pass's, and that fill one bucket, in one
// range and in many ranges at once (each in an input large enough to take the radix way).
TEST(IncomeSort, SmallRangesOfEverySizeGiveTheComparisonOrder) {
  std::mt19937_64 g(21);
  std::uniform_real_distribution<double> within(4096.0, 4352.0);  // one leading-bits range
  std::uniform_int_distribution<int> size(1, 9);
  std::uniform_int_distribution<int> kind(0, 4);
  std::uniform_int_distribution<std::uint64_t> low(0, 1023);
  for (std::size_t n : {2UL, 3UL, 15UL, 16UL, 17UL, 18UL, 33UL, 100UL, 1000UL, 2047UL, 2048UL,
                        2049UL, 4095UL, 4096UL}) {
    for (std::size_t ranges : {1UL, 7UL}) {
      Obs obs(n * ranges);
      for (std::size_t i = 0; i < obs.size(); ++i) {
        double y = within(g);
        switch (kind(g)) {
          case 0:
            y = std::round(y);  // ties
            break;
          case 1: {
            // 4200 and a few units in the last place: one bucket, told apart by comparison
            std::uint64_t bits = std::bit_cast<std::uint64_t>(4200.0) + low(g);
            y = std::bit_cast<double>(bits);
            break;
          }
          case 2:
            y = 4200.0;  // one income for a fifth of the range: one bucket of many ties
            break;
          default: break;
        }
        obs[i] = {std::ldexp(y, static_cast<int>(i % ranges)), static_cast<double>(size(g))};
      }
      pad_past_the_small_input(obs);
      const Obs expected = sorted_by_comparison(obs);
      for (int threads : {1, 2})
        EXPECT_TRUE(same_bits(sorted_by_income(obs, threads), expected)) << n << " " << ranges;
    }
  }
}

// Many ranges above the comparison limit are radix sorted side by side, each lane in working
// memory of its own: the order is the comparison sort's for any thread count (lanes taking the
// ranges in any order), and the working memory is the largest range for each lane (at most four).
TEST(IncomeSort, LargeRangesSortedSideBySideGiveTheOneOrder) {
  // 40 ranges of 5,000 to 9,000 incomes each (one leading-bits range is a sixteenth of an octave:
  // [1024 + 64 r, 1024 + 64 (r + 1)) for r < 16), in shuffled input order.
  std::mt19937_64 g(21);
  std::uniform_int_distribution<int> size(1, 12);
  Obs obs;
  std::size_t largest = 0;
  for (int octave = 0; octave < 3; ++octave) {
    for (int r = 0; r < 16 && obs.size() < 300000; ++r) {
      const double low = std::ldexp(1024.0 + 64.0 * r, octave);
      const double width = std::ldexp(64.0, octave);
      const std::size_t n = 5000 + static_cast<std::size_t>(r % 5) * 1000;
      largest = std::max(largest, n);
      std::uniform_real_distribution<double> in(low, low + width - 1);  // rounded: inside
      for (std::size_t k = 0; k < n; ++k)
        obs.push_back({std::round(in(g)*8) / 8, static_cast<double>(size(g))});
    }
  }
  std::shuffle(obs.begin(), obs.end(), g);
  const Obs expected = sorted_by_comparison(obs);
  for (int threads : {1, 2, 3, 4, 8}) {
    Obs sorted = obs;
    Obs scratch;
    sim::parallel::Scope scope(threads);
    scope.run([&] { sort_by_income(sorted, scratch); });
    EXPECT_TRUE(same_bits(sorted, expected)) << threads;
    EXPECT_GE(scratch.size(), largest) << threads;
    EXPECT_LE(scratch.size(), static_cast<std::size_t>(std::min(threads, 4)) * largest) << threads;
  }
}

// With a −0.0 among the incomes the two zeros keep their input order within a weight, as the
// stable comparison sort keeps them.
TEST(IncomeSort, NegativeZeroAmongManyIncomesKeepsTheStableOrder) {
  Obs obs = survey(100000, 17);
  for (std::size_t i = 5; i < obs.size(); i += 41) obs[i] = {-0.0, obs[i].weight};
  EXPECT_TRUE(same_bits(sorted_by_income(obs, 2), sorted_by_comparison(obs)));
}

TEST(IncomeSort, InputTheRadixCannotKeyIsSortedByComparison) {
  // A negative income takes the fallback; a fractional weight and a weight above 2,047 (weights are
  // compared, never keyed) the radix path. Each gives the comparison sort's order.
  for (const IncomeObservation odd :
       {IncomeObservation{-12.5, 1}, IncomeObservation{40, 1.5}, IncomeObservation{40, 5000}}) {
    Obs obs = survey(70000, 11);
    obs[123] = odd;
    const Obs expected = sorted_by_comparison(obs);
    const Obs got = sorted_by_income(obs, 2);
    ASSERT_EQ(got.size(), expected.size());
    EXPECT_TRUE(std::is_sorted(got.begin(), got.end(), less));
    // Equal pairs are identical bit for bit, so any correct order is this order.
    EXPECT_TRUE(same_bits(got, expected));
  }
}

// The input is checked in pieces of at least 2^18 observations: one the radix cannot key, or a
// −0.0, in a later piece decides the method as in the first.
TEST(IncomeSort, OddInputInALaterPieceOfALargeInputDecidesTheMethod) {
  for (const IncomeObservation odd : {IncomeObservation{-12.5, 1}, IncomeObservation{-0.0, 3}}) {
    Obs obs = survey(600000, 13);
    obs[590000] = odd;
    const Obs expected = sorted_by_comparison(obs);
    for (int threads : {1, 2}) EXPECT_TRUE(same_bits(sorted_by_income(obs, threads), expected));
  }
}

using Compact = std::vector<CompactObservation>;

Compact compact(const Obs& obs) {
  Compact out;
  for (const IncomeObservation& o : obs)
    out.push_back({o.income, static_cast<std::uint16_t>(o.weight)});
  return out;
}

// A double's bits: equal bits, not merely equal values (0.0 and -0.0 differ, a NaN equals itself).
std::uint64_t bits_of(double x) { return std::bit_cast<std::uint64_t>(x); }

// Element by element: the income's bits and the weight (the packed struct has no padding).
bool same_observations(const Compact& got, const Obs& expected) {
  if (got.size() != expected.size()) return false;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const double income = got[i].income;  // a copy: a packed member cannot be bound to a reference
    if (bits_of(income) != bits_of(expected[i].income)) return false;
    if (static_cast<double>(got[i].weight) != expected[i].weight) return false;
  }
  return true;
}

Compact sorted_compact(Compact obs, int threads) {
  Compact scratch;
  sim::parallel::Scope scope(threads);
  scope.run([&] { sort_by_income(obs, scratch); });
  return obs;
}

// Compact observations sort into the same order, and their Gini and median are the same bits.
TEST(IncomeSort, CompactObservationsGiveTheSameOrderAndMeasures) {
  for (std::size_t n : {0UL, 1UL, 1000UL, 65537UL, 300001UL}) {
    const Obs obs = survey(n, 21 + static_cast<unsigned>(n));
    const Obs expected = sorted_by_comparison(obs);
    for (int threads : {1, 2, 4}) {
      const Compact got = sorted_compact(compact(obs), threads);
      EXPECT_TRUE(same_observations(got, expected)) << n << " " << threads;
      const double g = gini_sorted_compact(got);
      const double want_g = gini_sorted(expected);
      EXPECT_EQ(bits_of(g), bits_of(want_g)) << n;
      const double m = median_sorted_compact(got);
      const double want_m = median_sorted(expected);
      EXPECT_EQ(bits_of(m), bits_of(want_m)) << n;
      const GiniAndMedian both = gini_and_median_sorted_compact(got);
      EXPECT_EQ(bits_of(both.gini), bits_of(want_g)) << n;
      EXPECT_EQ(bits_of(both.median), bits_of(want_m)) << n;
    }
  }
}

// The one-pass Gini and median equal the two functions bit for bit, also where they return early:
// nobody, nobody with income, people of weight zero around the median.
TEST(IncomeSort, GiniAndMedianInOnePassAreTheSameBits) {
  const std::vector<Obs> cases{
      {},
      {{0, 3}, {0, 2}},
      {{0, 0}, {5, 0}},
      {{1, 0}, {2, 1}, {3, 0}, {4, 0}, {5, 1}},
      {{0, 2}, {0, 5}, {10, 1}, {10, 4}, {250.5, 12}},
      sorted_by_comparison(survey(5000, 3)),
  };
  for (const Obs& c : cases) {
    const Compact got = compact(c);
    const GiniAndMedian both = gini_and_median_sorted_compact(got);
    const double g = gini_sorted_compact(got);
    const double m = median_sorted_compact(got);
    EXPECT_EQ(bits_of(both.gini), bits_of(g)) << c.size();
    EXPECT_EQ(bits_of(both.median), bits_of(m)) << c.size();
  }
  EXPECT_THROW((void)gini_and_median_sorted_compact(compact({{5, 1}, {4, 1}})),
               std::invalid_argument);
}

TEST(IncomeSort, CompactInputTheRadixCannotKeyIsSortedByComparison) {
  // A negative income takes the fallback; a weight above 2,047 the radix path (weights are
  // compared, never keyed). Each gives the comparison sort's order.
  for (const IncomeObservation odd : {IncomeObservation{-12.5, 1}, IncomeObservation{40, 5000}}) {
    Obs obs = survey(70000, 13);
    obs[321] = odd;
    EXPECT_TRUE(same_observations(sorted_compact(compact(obs), 2), sorted_by_comparison(obs)));
  }
  EXPECT_THROW((void)gini_sorted_compact(compact({{5, 1}, {4, 1}})), std::invalid_argument);
}

// Sorting straight from a source (each observation written into its range as it is read) gives the
// same observations as sorting them in order, for any thread count and across the source's pieces
// (up to 2^18 observations each, so 600,001 make three) and blocks; input the radix cannot key (a
// negative income, a −0.0) anywhere in it falls back to the same order, and a weight above 2,047
// (weights are compared, never keyed) gives it too.
TEST(IncomeSort, SortingFromASourceGivesTheSameObservations) {
  const auto from_source = [](const Compact& input, int threads) {
    Compact out;
    Compact scratch;
    const ObservationSource source = [&input](std::size_t begin, std::size_t end,
                                              const IncomeWindow* window,
                                              CompactObservation* into) {
      EXPECT_EQ(window, nullptr);  // one part: every observation
      std::copy(input.begin() + static_cast<std::ptrdiff_t>(begin),
                input.begin() + static_cast<std::ptrdiff_t>(end), into);
      return end - begin;
    };
    sim::parallel::Scope scope(threads);
    scope.run([&] { sort_by_income(input.size(), source, out, scratch); });
    return out;
  };
  for (std::size_t n : {0UL, 1UL, 2UL, 4097UL, 65537UL, 600001UL}) {
    const Obs obs = survey(n, 31 + static_cast<unsigned>(n));
    const Obs expected = sorted_by_comparison(obs);
    for (int threads : {1, 2, 4})
      EXPECT_TRUE(same_observations(from_source(compact(obs), threads), expected))
          << n << " " << threads;
  }
  const Obs base = survey(600001, 41);
  for (const std::size_t at : {5UL, 300000UL, 599999UL}) {
    for (const IncomeObservation odd :
         {IncomeObservation{-12.5, 1}, IncomeObservation{40, 5000}, IncomeObservation{-0.0, 2}}) {
      Obs obs = base;
      obs[at] = odd;
      EXPECT_TRUE(same_observations(from_source(compact(obs), 2), sorted_by_comparison(obs)))
          << at << " " << odd.income << " " << odd.weight;
    }
  }
}

// A source over `input` that gives what for_each_sorted_part asks: everything, or the incomes in a
// window.
ObservationSource windowed_source(const Compact& input) {
  return [&input](std::size_t begin, std::size_t end, const IncomeWindow* window,
                  CompactObservation* into) {
    std::size_t m = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const double y = input[i].income;
      if (window == nullptr || (y >= window->low && y < window->high)) into[m++] = input[i];
    }
    return m;
  };
}

// The sorted sequence given in at most `parts` parts, read again for each part, is the whole
// sorted sequence: for any thread count, and across the source's pieces. Each part is about
// n / parts observations (at most that and one leading-bits range more), so the observations held
// at once are a part, not the input; the Gini and median summed over the parts are the whole
// sequence's bits.
TEST(IncomeSort, SortedPartsMakeTheWholeSortedSequence) {
  for (std::size_t n : {0UL, 1UL, 5000UL, 600001UL}) {
    const Obs obs = survey(n, 51 + static_cast<unsigned>(n));
    const Compact input = compact(obs);
    const Obs expected = sorted_by_comparison(obs);
    const GiniAndMedian whole = gini_and_median_sorted_compact(compact(expected));
    std::uint64_t people = 0;
    std::map<std::uint64_t, std::size_t> in_range;  // observations of each leading-bits range
    for (const IncomeObservation& o : obs) {
      people += static_cast<std::uint64_t>(o.weight);
      ++in_range[bits_of(o.income) >> 48];
    }
    std::size_t largest_range = 0;
    for (const auto& [range, count] : in_range) largest_range = std::max(largest_range, count);
    for (const std::size_t asked : {1UL, 2UL, 7UL, 1000UL}) {
      const std::size_t target = (n + asked - 1) / asked;
      for (int threads : {1, 2}) {
        Compact got;
        Compact obs_memory;
        Compact scratch;
        std::size_t parts = 0;
        SortedGiniAndMedian sums(people);
        sim::parallel::Scope scope(threads);
        scope.run([&] {
          for_each_sorted_part(n, windowed_source(input), asked, obs_memory, scratch,
                               [&](std::span<const CompactObservation> part) {
                                 ++parts;
                                 ASSERT_FALSE(part.empty());
                                 EXPECT_LT(part.size(), target + largest_range);
                                 got.insert(got.end(), part.begin(), part.end());
                                 sums.add(part);
                               });
        });
        EXPECT_TRUE(same_observations(got, expected)) << n << " " << asked << " " << threads;
        EXPECT_LE(parts, asked) << n;
        if (n > 1000 && asked > 1) {
          EXPECT_GT(parts, 1U) << n << " " << asked;
          EXPECT_LT(obs_memory.size(), n) << n << " " << asked;
        }
        const GiniAndMedian both = sums.result();
        EXPECT_EQ(bits_of(both.gini), bits_of(whole.gini)) << n << " " << asked;
        EXPECT_EQ(bits_of(both.median), bits_of(whole.median)) << n << " " << asked;
      }
    }
  }
}

// Input the radix cannot key (a negative income, a −0.0) is sorted whole and given as one part,
// whatever the parts asked for; a weight above 2,047 is keyed as any (weights are compared, never
// keyed), in several parts that make the sorted sequence; no parts at all are refused.
TEST(IncomeSort, SortedPartsOfInputTheRadixCannotKeyAreOnePart) {
  const Obs base = survey(20000, 61);
  {
    Obs obs = base;
    obs[777] = IncomeObservation{40, 5000};
    const Compact input = compact(obs);
    Compact obs_memory;
    Compact scratch;
    Compact joined;
    std::size_t parts = 0;
    for_each_sorted_part(input.size(), windowed_source(input), 50, obs_memory, scratch,
                         [&](std::span<const CompactObservation> part) {
                           joined.insert(joined.end(), part.begin(), part.end());
                           ++parts;
                         });
    EXPECT_GT(parts, 1U);
    EXPECT_TRUE(same_observations(joined, sorted_by_comparison(obs)));
  }
  for (const IncomeObservation odd : {IncomeObservation{-12.5, 1}, IncomeObservation{-0.0, 2}}) {
    Obs obs = base;
    obs[777] = odd;
    const Compact input = compact(obs);
    Compact obs_memory;
    Compact scratch;
    std::vector<Compact> parts;
    for_each_sorted_part(input.size(), windowed_source(input), 50, obs_memory, scratch,
                         [&](std::span<const CompactObservation> part) {
                           parts.emplace_back(part.begin(), part.end());
                         });
    ASSERT_EQ(parts.size(), 1U) << odd.income;
    EXPECT_TRUE(same_observations(parts[0], sorted_by_comparison(obs))) << odd.income;
  }
  Compact obs_memory;
  Compact scratch;
  const Compact input = compact(base);
  EXPECT_THROW(for_each_sorted_part(input.size(), windowed_source(input), 0, obs_memory, scratch,
                                    [](std::span<const CompactObservation>) {}),
               std::invalid_argument);
}

// The Gini and median over parts check what the whole-sequence function checks, also across
// parts, and that the parts hold the people given.
TEST(IncomeSort, GiniAndMedianOverPartsRefuseWhatTheWholeRefuses) {
  const Compact low = compact({{1, 2}, {4, 1}});
  const Compact lower = compact({{3, 1}});
  SortedGiniAndMedian unsorted(4);
  unsorted.add(low);
  EXPECT_THROW(unsorted.add(lower), std::invalid_argument);
  SortedGiniAndMedian short_of_people(5);
  short_of_people.add(low);
  EXPECT_THROW((void)short_of_people.result(), std::logic_error);
  SortedGiniAndMedian nobody(0);
  EXPECT_EQ(nobody.result().gini, 0.0);
  EXPECT_EQ(nobody.result().median, 0.0);
}

// Incomes that differ only in their 22 lowest bits: a few such neighbours are put in order after
// the passes over the higher digits, many of them (within a chunk or across chunks) take the full
// passes. The order is the comparison sort's either way.
TEST(IncomeSort, OrdersIncomesThatDifferOnlyInTheirLowestBits) {
  std::mt19937_64 g(5);
  std::uniform_int_distribution<std::uint64_t> low(0, (std::uint64_t{1} << 22) - 1);
  std::uniform_int_distribution<int> weight(1, 12);
  const auto near = [&](double base) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &base, sizeof bits);
    bits = (bits & ~((std::uint64_t{1} << 22) - 1)) | low(g);
    double y = 0;
    std::memcpy(&y, &bits, sizeof y);
    return IncomeObservation{y, static_cast<double>(weight(g))};
  };
  for (std::size_t n : {1000UL, 65537UL, 200000UL}) {
    // Mostly spread incomes with a few near-ties; then every income near one value.
    Obs few = survey(n, 17);
    for (std::size_t i = 0; i < n; i += 97) few[i] = near(3000.0);
    Obs many(n);
    for (auto& o : many) o = near(4321.0);
    for (const Obs& obs : {few, many}) {
      const Obs expected = sorted_by_comparison(obs);
      EXPECT_TRUE(same_bits(sorted_by_income(obs, 1), expected)) << n;
      EXPECT_TRUE(same_bits(sorted_by_income(obs, 2), expected)) << n;
      EXPECT_TRUE(same_observations(sorted_compact(compact(obs), 2), expected)) << n;
    }
  }
}

// An input of up to 4,096 observations is sorted as a whole by comparison: the stable sort's order
// for every size up to the limit and just beyond it, with ties, negative and infinite incomes
// (which the radix cannot key) and zeros, and with a −0.0 among the zeros (equal to 0.0 but not the
// same bits: such input keeps the stable order), for any thread count, in a vector and from a
// source.
TEST(IncomeSort, SmallInputsGiveTheStableSortsOrder) {
  const auto from_source = [](const Obs& obs, int threads) {
    const Compact input = compact(obs);
    Compact out;
    Compact scratch;
    std::size_t parts = 0;
    sim::parallel::Scope scope(threads);
    scope.run([&] {
      for_each_sorted_part(input.size(), windowed_source(input), 3, out, scratch,
                           [&](std::span<const CompactObservation>) { ++parts; });
    });
    EXPECT_LE(parts, 3U);
    return out;
  };
  std::mt19937_64 g(71);
  std::uniform_int_distribution<int> kind(0, 9);
  for (std::size_t n : {2UL, 3UL, 16UL, 17UL, 100UL, 1000UL, 4095UL, 4096UL, 4097UL}) {
    for (const bool negative_zero : {false, true}) {
      Obs obs = survey(n, 81 + static_cast<unsigned>(n));
      for (std::size_t i = 0; i < n; ++i) {
        switch (kind(g)) {
          case 0: obs[i].income = 0.0; break;
          case 1: obs[i].income = -obs[i].income; break;
          case 2: obs[i].income = std::numeric_limits<double>::infinity(); break;
          case 3: obs[i].weight = 2; break;  // ties of (income, weight) with the zeros above
          default: break;
        }
      }
      if (negative_zero) {
        for (std::size_t i = 0; i < n; i += 3) obs[i] = {-0.0, 2};
        for (std::size_t i = 1; i < n; i += 3) obs[i] = {0.0, 2};
      }
      const Obs expected = sorted_by_comparison(obs);
      for (int threads : {1, 2}) {
        EXPECT_TRUE(same_bits(sorted_by_income(obs, threads), expected))
            << n << " " << negative_zero << " " << threads;
        EXPECT_TRUE(same_observations(sorted_compact(compact(obs), threads), expected))
            << n << " " << negative_zero << " " << threads;
        EXPECT_TRUE(same_observations(from_source(obs, threads), expected))
            << n << " " << negative_zero << " " << threads;
      }
    }
  }
}

}  // namespace
}  // namespace fupin::models
