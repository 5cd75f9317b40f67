#include "models/state/county_state.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace fupin::models {
namespace {

// The structure of arrays gives back every project as it was added, in activation order, with
// its own depreciation and industry, however many projects share terms.
TEST(ActiveProjects, KeepEveryProjectInOrderWithItsOwnTerms) {
  const std::vector<ActiveProject> added{
      {7, 120.5, 0.05F, 0}, {3, 80.25, 0.0F, 1}, {7, 10.0, 0.05F, 0},
      {9, 1.0, 0.1F, -1},   {3, 99.0, 0.05F, 1}, {2, 5.0, 0.0F, 1},
  };
  ActiveProjects active;
  EXPECT_TRUE(active.empty());
  for (const ActiveProject& p : added) active.push_back(p);
  ASSERT_EQ(active.size(), added.size());
  for (std::size_t k = 0; k < added.size(); ++k) {
    const ActiveProject got = active[k];
    EXPECT_EQ(got.household, added[k].household) << k;
    EXPECT_EQ(got.return_per_capita, added[k].return_per_capita) << k;
    EXPECT_EQ(got.depreciation, added[k].depreciation) << k;
    EXPECT_EQ(got.industry, added[k].industry) << k;
  }
  // Four distinct (depreciation, industry) pairs, kept once each in order of first use.
  ASSERT_EQ(active.terms().size(), 4U);
  EXPECT_EQ(active.terms()[0], (ActiveProjects::Terms{0.05F, 0}));
  EXPECT_EQ(active.terms()[1], (ActiveProjects::Terms{0.0F, 1}));
  EXPECT_EQ(active.terms()[2], (ActiveProjects::Terms{0.1F, -1}));
  EXPECT_EQ(active.terms()[3], (ActiveProjects::Terms{0.05F, 1}));
  EXPECT_EQ(active.terms_index(), (std::vector<std::uint16_t>{0, 1, 0, 2, 3, 1}));
}

// Reserving exactly the year's activations makes room for them without doubling the list.
TEST(ActiveProjects, ReserveMoreMakesRoomForExactlyThatMany) {
  ActiveProjects active;
  for (std::uint32_t i = 0; i < 1000; ++i) active.push_back({i, 1.0, 0.05F, -1});
  active.reserve_more(100);
  const double* before = active.returns().data();
  for (std::uint32_t i = 0; i < 100; ++i) active.push_back({i, 2.0, 0.05F, -1});
  EXPECT_EQ(active.returns().data(), before);  // no reallocation
  EXPECT_EQ(active.returns().capacity(), 1100U);
  EXPECT_EQ(active.households().capacity(), 1100U);
  EXPECT_EQ(active.terms_index().capacity(), 1100U);
}

}  // namespace
}  // namespace fupin::models
