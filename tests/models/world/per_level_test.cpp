#include "models/world/per_level.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "models/world/world.hpp"

namespace fupin::models {
namespace {

TEST(PerLevel, IndexesTheNamedMemberOfEachLevel) {
  PerLevel<int> p{1, 2, 3};
  EXPECT_EQ(p[Level::county], 1);
  EXPECT_EQ(p[Level::township], 2);
  EXPECT_EQ(p[Level::village], 3);
  p[Level::township] = 7;
  EXPECT_EQ(p.township, 7);
}

TEST(PerLevel, HouseholdsAreNotARegionLevel) {
  const PerLevel<int> p{};
  EXPECT_THROW((void)p[Level::household], std::logic_error);
}

TEST(PerLevel, WorldRegionsAndCountyOfARegion) {
  const World w = build_world({3, 4, 5, 6, "C", {}});
  EXPECT_EQ(&w.regions(Level::county), &w.counties);
  EXPECT_EQ(&w.regions(Level::township), &w.townships);
  EXPECT_EQ(&w.regions(Level::village), &w.villages);
  EXPECT_EQ(w.county_of_region(Level::county, 2), 2U);
  EXPECT_EQ(w.county_of_region(Level::township, 5), 1U);  // four townships per county
  EXPECT_EQ(w.county_of_region(Level::village, 59), 2U);  // twenty villages per county
  EXPECT_THROW((void)w.regions(Level::household), std::logic_error);
}

}  // namespace
}  // namespace fupin::models
