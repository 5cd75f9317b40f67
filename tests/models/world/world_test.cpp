#include "models/world/world.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "sim/parallel.hpp"

namespace fupin::models {
namespace {

// Money reaching households sets one bit per (household, programme) cell; cells of neighbouring
// households share a byte, and households of different counties receive money on different
// threads at once: every bit set by any thread is kept (atomic OR), none other is set, and the
// money is added to its cell. Clearing the bits leaves the money.
TEST(Households, ReachedBitsOfNeighbouringCellsSetFromManyThreads) {
  Households h;
  const std::size_t n = 10007;  // not a multiple of 8: the last byte is part used
  h.size.assign(n, 1);
  h.track_programmes(3);
  ASSERT_EQ(h.reached_bits.size(), (n * 3 + 7) / 8);
  const auto chosen = [](std::size_t i, std::size_t q) { return (i * 7 + q * 3) % 5 < 2; };
  for (int threads : {1, 2, 4}) {
    h.clear_reached();
    sim::parallel::Scope scope(threads);
    scope.run([&] {
      // One household per index, in pieces of 3 households: pieces end mid-byte.
      sim::parallel::for_range(n, 3, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
          for (std::size_t q = 0; q < 3; ++q) {
            if (chosen(i, q)) h.receive(i, q, 5);
          }
        }
      });
    });
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t q = 0; q < 3; ++q) {
        EXPECT_EQ(h.reached(i, q), chosen(i, q)) << threads << " " << i << " " << q;
      }
    }
  }
  h.clear_reached();
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_FALSE(h.reached(i, 0)) << i;
    EXPECT_EQ(h.received(i, 0), chosen(i, 0) ? 15 : 0) << i;
  }
}

TEST(World, RegionsAreContiguousRanges) {
  const World w = build_world({3, 4, 5, 6, "C", {}});
  ASSERT_EQ(w.counties.size(), 3U);
  ASSERT_EQ(w.townships.size(), 12U);
  ASSERT_EQ(w.villages.size(), 60U);
  ASSERT_EQ(w.households.count(), 360U);
  std::uint32_t next = 0;
  for (std::size_t v = 0; v < w.villages.size(); ++v) {
    EXPECT_EQ(w.villages.children[v].begin, next);
    next = w.villages.children[v].end;
    EXPECT_EQ(w.villages.children[v].size(), 6U);
    const auto t = static_cast<std::size_t>(w.villages.parent[v]);
    EXPECT_GE(v, w.townships.children[t].begin);
    EXPECT_LT(v, w.townships.children[t].end);
  }
  EXPECT_EQ(next, 360U);
  EXPECT_EQ(w.township_households(5).begin, 5U * 30U);
  EXPECT_EQ(w.township_households(5).end, 6U * 30U);
  EXPECT_EQ(w.county_households(2).begin, 240U);
  EXPECT_EQ(w.county_households(2).end, 360U);
}

TEST(World, RegionsAloneAreTheWorldsTreeWithoutHouseholds) {
  const World full = build_world({3, 4, 5, 6, "C", {}});
  const World regions = build_regions({3, 4, 5, 6, "C", {}});
  EXPECT_EQ(regions.households.count(), 0U);
  EXPECT_TRUE(regions.village_state.priority.empty());
  for (const auto& [a, b] : {std::pair{&full.counties, &regions.counties},
                             std::pair{&full.townships, &regions.townships},
                             std::pair{&full.villages, &regions.villages}}) {
    EXPECT_EQ(a->name, b->name);
    EXPECT_EQ(a->parent, b->parent);
    ASSERT_EQ(a->children.size(), b->children.size());
    for (std::size_t i = 0; i < a->children.size(); ++i) {
      EXPECT_EQ(a->children[i].begin, b->children[i].begin);
      EXPECT_EQ(a->children[i].end, b->children[i].end);
    }
  }
  EXPECT_EQ(regions.villages.children.back().end, full.households.count());
}

TEST(World, NamesFollowTheTree) {
  const World w = build_world({2, 2, 2, 1, "YN", {}});
  EXPECT_EQ(w.counties.name[1], "YN02");
  EXPECT_EQ(w.townships.name[3], "YN02-T02");
  EXPECT_EQ(w.villages.name[7], "YN02-T02-V02");
  EXPECT_EQ(w.townships.parent[3], 1);
  EXPECT_EQ(w.counties.parent[0], -1);
}

TEST(World, CountiesOfProvincesAreNamedByTheirProvince) {
  GeographySpec g{0, 2, 1, 3, "C", {{"Guizhou", "GZ", 2}, {"Tibet", "XZ", 1}}};
  g.counties = 3;
  const World w = build_world(g);
  EXPECT_EQ(w.counties.name, (std::vector<std::string>{"GZ01", "GZ02", "XZ01"}));
  EXPECT_EQ(w.townships.name[5], "XZ01-T02");
  EXPECT_EQ(w.villages.name[4], "XZ01-T01-V01");
  EXPECT_EQ(w.households.count(), 18U);
}

TEST(World, RejectsEmptyLevels) {
  EXPECT_THROW(build_world({1, 0, 1, 1, "C", {}}), std::invalid_argument);
  EXPECT_THROW(build_world({100000, 1000, 100, 1000, "C", {}}), std::invalid_argument);
}

}  // namespace
}  // namespace fupin::models

namespace fupin::models {
namespace {

TEST(World, VillageAndCountyOfHousehold) {
  const World w = build_world({3, 2, 4, 5, "C", {}});
  for (std::uint32_t i = 0; i < w.households.count(); ++i) {
    const std::uint32_t v = w.village_of(i);
    EXPECT_GE(i, w.villages.children[v].begin);
    EXPECT_LT(i, w.villages.children[v].end);
    const std::uint32_t c = w.county_of(i);
    EXPECT_GE(i, w.county_households(c).begin);
    EXPECT_LT(i, w.county_households(c).end);
  }
}

// The village of a household found by a division in a generated world (all villages the same
// size) and by a search in any other: the first village whose range ends after the household, as a
// scan finds it, also around empty villages and villages of other sizes.
TEST(World, VillageOfHouseholdInWorldsOfEqualAndUnequalVillages) {
  const auto scanned = [](const World& w, std::uint32_t i) {
    const auto& r = w.villages.children;
    std::uint32_t v = 0;
    while (v < r.size() && !(i < r[v].end)) ++v;
    return v;
  };
  World equal = build_world({2, 2, 3, 7, "C", {}});
  for (std::uint32_t i = 0; i < equal.households.count(); ++i)
    EXPECT_EQ(equal.village_of(i), scanned(equal, i)) << i;
  // Villages of 7, 0, 7, 3, 0, 11, 7 households (the first as in a generated world).
  World unequal = equal;
  const std::vector<std::uint32_t> sizes{7, 0, 7, 3, 0, 11, 7};
  unequal.villages.children.clear();
  std::uint32_t at = 0;
  for (const std::uint32_t n : sizes) {
    unequal.villages.children.push_back({at, at + n});
    at += n;
  }
  for (std::uint32_t i = 0; i < at; ++i) EXPECT_EQ(unequal.village_of(i), scanned(unequal, i)) << i;
  EXPECT_EQ(unequal.village_of(7), 2U);   // not the empty village 1
  EXPECT_EQ(unequal.village_of(17), 5U);  // not the empty village 4
}

}  // namespace
}  // namespace fupin::models
