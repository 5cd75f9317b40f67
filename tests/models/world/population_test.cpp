#include "models/world/population.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace fupin::models {
namespace {

World populated(unsigned threads, const PopulationSpec& spec, std::uint64_t seed = 42) {
  World w = build_world({4, 3, 5, 200, "C", {}});
  sim::Engine engine(w.counties.size(), threads);
  generate_population(w, spec, seed, engine);
  return w;
}

PopulationSpec spec_with_causes() {
  PopulationSpec p;
  p.income = {3000, 0.7};
  p.region_effects = {0.2, 0.1, 0.05};
  p.cause_shares = {{Cause::illness, 0.5}, {Cause::disaster, 0.25}, {Cause::other, 0.25}};
  return p;
}

TEST(Population, SameForAnyThreadCount) {
  const World a = populated(1, spec_with_causes());
  const World b = populated(2, spec_with_causes());
  const World c = populated(4, spec_with_causes());
  EXPECT_EQ(a.households.income, b.households.income);
  EXPECT_EQ(a.households.income, c.households.income);
  EXPECT_EQ(a.households.size, c.households.size);
  EXPECT_EQ(a.households.cause, c.households.cause);
  EXPECT_EQ(a.households.labourers, c.households.labourers);
}

TEST(Population, SeedChangesDraws) {
  const World a = populated(1, spec_with_causes(), 1);
  const World b = populated(1, spec_with_causes(), 2);
  EXPECT_NE(a.households.income, b.households.income);
}

TEST(Population, SizesAndLabourersWithinBounds) {
  PopulationSpec p = spec_with_causes();
  p.household_size = {2, 3, 0.5};
  const World w = populated(2, p);
  for (std::size_t i = 0; i < w.households.count(); ++i) {
    EXPECT_GE(w.households.size[i], 2);
    EXPECT_LE(w.households.size[i], 5);
    EXPECT_LE(w.households.labourers[i], w.households.size[i]);
  }
}

// Without region effects ln(income) ~ N(ln median, sigma²): the sample mean of the log is within
// 5 standard errors (5 sigma / sqrt(n)) of ln median, and the sample sd within 5 of its standard
// error (about sigma / sqrt(2n)).
TEST(Population, LogIncomeMatchesMedianAndSigma) {
  PopulationSpec p;
  p.income = {4200, 0.6};
  const World w = populated(2, p);
  const auto n = static_cast<double>(w.households.count());
  double sum = 0, sq = 0;
  for (double y : w.households.income) sum += std::log(y);
  const double mean = sum / n;
  for (double y : w.households.income) sq += (std::log(y) - mean) * (std::log(y) - mean);
  const double sd = std::sqrt(sq / (n - 1));
  EXPECT_NEAR(mean, std::log(4200.0), 5 * 0.6 / std::sqrt(n));
  EXPECT_NEAR(sd, 0.6, 5 * 0.6 / std::sqrt(2 * n));
}

// Cause shares: each observed share within 5 binomial standard errors sqrt(p(1-p)/n).
TEST(Population, CauseSharesFollowTheSpec) {
  const World w = populated(2, spec_with_causes());
  const auto n = static_cast<double>(w.households.count());
  double illness = 0, disaster = 0, disability = 0;
  for (Cause c : w.households.cause) {
    illness += c == Cause::illness;
    disaster += c == Cause::disaster;
    disability += c == Cause::disability;
  }
  EXPECT_NEAR(illness / n, 0.5, 5 * std::sqrt(0.25 / n));
  EXPECT_NEAR(disaster / n, 0.25, 5 * std::sqrt(0.1875 / n));
  EXPECT_EQ(disability, 0);
}

}  // namespace
}  // namespace fupin::models
