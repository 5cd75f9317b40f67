// Tests for the east–west pairing graph: donors_of_county() (models/network/helper_assignment.hpp).
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "models/network/helper_assignment.hpp"

namespace fupin::models {
namespace {

using Donors = std::vector<std::vector<std::uint32_t>>;

TEST(DonorsOfCounty, ListsEveryDonorOfACountyAscending) {
  // Donor 0 helps counties 0 and 2, donor 1 helps 2 and 3, donor 2 helps 2; county 1 has none.
  const std::vector<Pairing> pairings = {
      {"Guangdong", {0, 2}}, {"Shenzhen", {3, 2}}, {"Zhuhai", {2}}};
  const Donors expected = {{0}, {}, {0, 1, 2}, {1}};
  EXPECT_EQ(donors_of_county(pairings, 4), expected);
}

TEST(DonorsOfCounty, RepeatedCountyInOnePairingCountsOnce) {
  const std::vector<Pairing> pairings = {{"Beijing", {1, 1, 1}}};
  const Donors expected = {{}, {0}};
  EXPECT_EQ(donors_of_county(pairings, 2), expected);
}

TEST(DonorsOfCounty, NoPairingsGivesEmptyListsForEveryCounty) {
  EXPECT_EQ(donors_of_county({}, 3), Donors(3));
  EXPECT_TRUE(donors_of_county({}, 0).empty());
}

TEST(DonorsOfCounty, DoesNotDependOnTheOrderCountiesAreListed) {
  const std::vector<Pairing> a = {{"Shanghai", {4, 0, 2}}, {"Zhejiang", {2, 4}}};
  const std::vector<Pairing> b = {{"Shanghai", {2, 4, 0}}, {"Zhejiang", {4, 2}}};
  EXPECT_EQ(donors_of_county(a, 5), donors_of_county(b, 5));
}

TEST(DonorsOfCounty, CountyOutOfRangeThrows) {
  const std::vector<Pairing> pairings = {{"Tianjin", {0, 3}}};
  EXPECT_THROW(donors_of_county(pairings, 3), std::invalid_argument);
}

}  // namespace
}  // namespace fupin::models
