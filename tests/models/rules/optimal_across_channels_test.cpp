// Tests for optimal_across_channels (models/rules/optimal.hpp): constraints, and the objective
// value against exhaustive enumeration on many small random instances.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include "models/rules/optimal.hpp"

namespace fupin::models {
namespace {

using sim::Money;

std::int64_t uniform(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
  return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
}

struct Instance {
  std::vector<Money> budgets;
  std::vector<std::vector<double>> gain;
  std::vector<Money> caps;
};

Instance random_instance(std::mt19937_64& rng, bool integer_gains) {
  Instance x;
  const auto channels = static_cast<std::size_t>(uniform(rng, 1, 3));
  const auto candidates = static_cast<std::size_t>(uniform(rng, 1, 4));
  for (std::size_t c = 0; c < channels; ++c) {
    x.budgets.push_back(Money::from_fen(uniform(rng, 0, 4)));
    std::vector<double> row;
    for (std::size_t i = 0; i < candidates; ++i) {
      const bool allowed = uniform(rng, 0, 2) != 0;
      row.push_back(!allowed        ? 0.0
                    : integer_gains ? static_cast<double>(uniform(rng, 1, 5))
                                    : static_cast<double>(uniform(rng, 1, 1'000'000)) / 1000);
    }
    x.gain.push_back(row);
  }
  for (std::size_t i = 0; i < candidates; ++i)
    x.caps.push_back(Money::from_fen(uniform(rng, 0, 4)));
  return x;
}

double objective(const Instance& x, const std::vector<std::vector<Money>>& flow) {
  double v = 0;
  for (std::size_t c = 0; c < flow.size(); ++c) {
    for (std::size_t i = 0; i < flow[c].size(); ++i)
      v += x.gain[c][i] * static_cast<double>(flow[c][i].fen());
  }
  return v;
}

// Exhaustive: every integer x[c][i] ≥ 0 with x = 0 where gain = 0, Σ_i x[c][i] ≤ budget_c and
// Σ_c x[c][i] ≤ cap_i.
double brute_force(const Instance& x) {
  const std::size_t channels = x.budgets.size();
  const std::size_t candidates = x.caps.size();
  std::vector<std::int64_t> room(candidates);
  for (std::size_t i = 0; i < candidates; ++i) room[i] = x.caps[i].fen();
  double best = 0;
  const auto recurse = [&](auto&& self, std::size_t c, std::size_t i, std::int64_t left,
                           double value) -> void {
    if (c == channels) {
      best = std::max(best, value);
      return;
    }
    if (i == candidates) {
      const std::int64_t next_budget = c + 1 < channels ? x.budgets[c + 1].fen() : 0;
      self(self, c + 1, 0, next_budget, value);
      return;
    }
    const std::int64_t top = x.gain[c][i] > 0 ? std::min(left, room[i]) : 0;
    for (std::int64_t k = 0; k <= top; ++k) {
      room[i] -= k;
      self(self, c, i + 1, left - k, value + x.gain[c][i] * static_cast<double>(k));
      room[i] += k;
    }
  };
  recurse(recurse, 0, 0, channels > 0 ? x.budgets[0].fen() : 0, 0.0);
  return best;
}

void expect_feasible(const Instance& x, const std::vector<std::vector<Money>>& flow, int trial) {
  ASSERT_EQ(flow.size(), x.budgets.size());
  std::vector<std::int64_t> received(x.caps.size(), 0);
  for (std::size_t c = 0; c < flow.size(); ++c) {
    ASSERT_EQ(flow[c].size(), x.caps.size());
    std::int64_t spent = 0;
    for (std::size_t i = 0; i < flow[c].size(); ++i) {
      ASSERT_GE(flow[c][i].fen(), 0) << "trial " << trial;
      if (x.gain[c][i] == 0) {
        ASSERT_EQ(flow[c][i].fen(), 0) << "trial " << trial << ": channel may not fund";
      }
      spent += flow[c][i].fen();
      received[i] += flow[c][i].fen();
    }
    ASSERT_LE(spent, x.budgets[c].fen()) << "trial " << trial;
    // Money stays unspent only when every candidate the channel may fund is full.
    if (spent < x.budgets[c].fen()) {
      for (std::size_t i = 0; i < x.caps.size(); ++i) {
        if (x.gain[c][i] > 0) {
          std::int64_t total = 0;
          for (std::size_t d = 0; d < flow.size(); ++d) total += flow[d][i].fen();
          ASSERT_EQ(total, x.caps[i].fen())
              << "trial " << trial << ": channel " << c << " keeps money";
        }
      }
    }
  }
  for (std::size_t i = 0; i < x.caps.size(); ++i)
    ASSERT_LE(received[i], x.caps[i].fen()) << "trial " << trial;
}

TEST(OptimalAcrossChannels, IntegerGainsMatchBruteForceExactly) {
  std::mt19937_64 rng(404);
  for (int trial = 0; trial < 3000; ++trial) {
    const Instance x = random_instance(rng, true);
    const auto flow = optimal_across_channels(x.budgets, x.gain, x.caps);
    expect_feasible(x, flow, trial);
    // Integer gains and integer fen: both objectives are whole numbers, compared exactly.
    ASSERT_EQ(objective(x, flow), brute_force(x)) << "trial " << trial;
  }
}

TEST(OptimalAcrossChannels, FractionalGainsMatchBruteForceWithinTheScalingBound) {
  std::mt19937_64 rng(505);
  for (int trial = 0; trial < 3000; ++trial) {
    const Instance x = random_instance(rng, false);
    const auto flow = optimal_across_channels(x.budgets, x.gain, x.caps);
    expect_feasible(x, flow, trial);
    double max_gain = 0;
    std::int64_t budgets = 0;
    for (const auto& row : x.gain)
      max_gain = std::max(max_gain, *std::max_element(row.begin(), row.end()));
    for (Money b : x.budgets) budgets += b.fen();
    // The documented bound: 2 · Σ budget · max_gain · 2^-30.
    const double bound = 2 * static_cast<double>(budgets) * max_gain * std::ldexp(1.0, -30) + 1e-9;
    const double best = brute_force(x);
    ASSERT_LE(objective(x, flow), best + 1e-9) << "trial " << trial;
    ASSERT_GE(objective(x, flow), best - bound) << "trial " << trial;
  }
}

TEST(OptimalAcrossChannels, SectorMoneyStaysInItsSector) {
  // Channel 0 (education) may fund only candidate 0, channel 1 (health) candidates 0 and 1.
  // Candidate 0 is worth more to both; the optimum gives it education money and sends health
  // money to candidate 1 rather than crowding education out.
  const std::vector<Money> budgets = {Money::from_fen(100), Money::from_fen(100)};
  const std::vector<std::vector<double>> gain = {{2.0, 0.0}, {2.5, 1.0}};
  const std::vector<Money> caps = {Money::from_fen(100), Money::from_fen(500)};
  const auto flow = optimal_across_channels(budgets, gain, caps);
  EXPECT_EQ(flow[0][0].fen(), 100);
  EXPECT_EQ(flow[0][1].fen(), 0);
  EXPECT_EQ(flow[1][0].fen(), 0);
  EXPECT_EQ(flow[1][1].fen(), 100);
}

TEST(OptimalAcrossChannels, UnspendableMoneyStaysUnspent) {
  const std::vector<Money> budgets = {Money::from_fen(1000), Money::from_fen(0)};
  const std::vector<std::vector<double>> gain = {{1.0, 0.0}, {1.0, 1.0}};
  const std::vector<Money> caps = {Money::from_fen(300), Money::from_fen(0)};
  const auto flow = optimal_across_channels(budgets, gain, caps);
  EXPECT_EQ(flow[0][0].fen(), 300);  // 700 stay with channel 0
  EXPECT_EQ(flow[0][1].fen(), 0);
  EXPECT_EQ(flow[1][0].fen(), 0);
  EXPECT_EQ(flow[1][1].fen(), 0);
}

TEST(OptimalAcrossChannels, TinyPositiveGainStillBeatsKeepingTheMoney) {
  const std::vector<Money> budgets = {Money::from_fen(10)};
  const std::vector<std::vector<double>> gain = {{1e9, 1e-9}};
  const std::vector<Money> caps = {Money::from_fen(4), Money::from_fen(100)};
  const auto flow = optimal_across_channels(budgets, gain, caps);
  EXPECT_EQ(flow[0][0].fen(), 4);
  EXPECT_EQ(flow[0][1].fen(), 6);
}

TEST(OptimalAcrossChannels, EmptyAndAllZeroInputs) {
  EXPECT_TRUE(optimal_across_channels({}, {}, {}).empty());
  const std::vector<Money> budgets = {Money::from_fen(10)};
  const auto flow = optimal_across_channels(
      budgets, {{0.0, 0.0}}, std::vector<Money>{Money::from_fen(5), Money::from_fen(5)});
  EXPECT_EQ(flow[0][0].fen() + flow[0][1].fen(), 0);
}

TEST(OptimalAcrossChannels, LargeBudgetsAndManyCandidates) {
  // A county: 5 sector channels of up to 1e10 fen, 300 villages; feasibility and the
  // no-money-kept-while-room-remains property at scale.
  std::mt19937_64 rng(606);
  Instance x;
  for (int c = 0; c < 5; ++c) {
    x.budgets.push_back(Money::from_fen(uniform(rng, 0, 10'000'000'000)));
    std::vector<double> row;
    row.reserve(300);
    for (int i = 0; i < 300; ++i)
      row.push_back(uniform(rng, 0, 2) == 0 ? 0.0 : static_cast<double>(uniform(rng, 1, 1000)) / 7);
    x.gain.push_back(row);
  }
  for (int i = 0; i < 300; ++i) x.caps.push_back(Money::from_fen(uniform(rng, 0, 200'000'000)));
  const auto flow = optimal_across_channels(x.budgets, x.gain, x.caps);
  expect_feasible(x, flow, -1);
}

TEST(OptimalAcrossChannels, RejectsBadInput) {
  const std::vector<Money> one = {Money::from_fen(1)};
  const std::vector<Money> negative = {Money::from_fen(-1)};
  EXPECT_THROW((void)optimal_across_channels(one, {}, one), std::invalid_argument);  // rows
  EXPECT_THROW((void)optimal_across_channels(one, {{1.0, 1.0}}, one),
               std::invalid_argument);  // columns
  EXPECT_THROW((void)optimal_across_channels(negative, {{1.0}}, one),
               std::invalid_argument);  // budget
  EXPECT_THROW((void)optimal_across_channels(one, {{1.0}}, negative),
               std::invalid_argument);                                                     // cap
  EXPECT_THROW((void)optimal_across_channels(one, {{-1.0}}, one), std::invalid_argument);  // gain
  EXPECT_THROW((void)optimal_across_channels(one, {{std::nan("")}}, one), std::invalid_argument);
  const std::vector<Money> huge = {Money::from_fen(INT64_MAX), Money::from_fen(1)};
  EXPECT_THROW((void)optimal_across_channels(huge, {{1.0}, {1.0}}, one), std::overflow_error);
}

}  // namespace
}  // namespace fupin::models
