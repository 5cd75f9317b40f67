// Edit distance and the nearest-name suggestion behind "did you mean ...?".
#include "models/scenario/edit_distance.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fupin::models {
namespace {

TEST(ScenarioEditDistance, CountsEditsAndTranspositions) {
  EXPECT_EQ(edit_distance("", ""), 0U);
  EXPECT_EQ(edit_distance("abc", ""), 3U);
  EXPECT_EQ(edit_distance("", "abc"), 3U);
  EXPECT_EQ(edit_distance("cohorts", "cohorts"), 0U);
  EXPECT_EQ(edit_distance("cohrts", "cohorts"), 1U);    // deletion
  EXPECT_EQ(edit_distance("cohortss", "cohorts"), 1U);  // insertion
  EXPECT_EQ(edit_distance("cohorst", "cohorts"), 1U);   // transposition
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
  EXPECT_EQ(edit_distance("ca", "abc"), 3U);  // optimal string alignment, not unrestricted Damerau
}

TEST(ScenarioEditDistance, SuggestsOnlyCloseNames) {
  const std::vector<std::string> keys = {"name",    "kind",     "stream",
                                         "cohorts", "tranches", "allocation"};
  EXPECT_EQ(nearest_name("cohrts", keys), "cohorts");
  EXPECT_EQ(nearest_name("alocation", keys), "allocation");
  EXPECT_EQ(nearest_name("knd", keys), "kind");
  EXPECT_EQ(nearest_name("streem", keys), "stream");
  EXPECT_FALSE(nearest_name("colour", keys).has_value());
  EXPECT_FALSE(nearest_name("xy", std::vector<std::string>{"ab"}).has_value());
  EXPECT_FALSE(nearest_name("x", std::vector<std::string>{}).has_value());
  // Longer words tolerate more edits: max(2, len / 3).
  EXPECT_EQ(
      nearest_name("housholds_per_vilage", std::vector<std::string>{"households_per_village"}),
      "households_per_village");
}

TEST(ScenarioEditDistance, TiesGoToTheEarlierCandidate) {
  EXPECT_EQ(nearest_name("cat", std::vector<std::string>{"bat", "cot"}), "bat");
}

TEST(ScenarioEditDistance, JoinsNames) {
  EXPECT_EQ(join_names(std::vector<std::string>{"a", "b", "c"}), "a, b, c");
  EXPECT_EQ(join_names(std::vector<std::string>{}), "");
}

}  // namespace
}  // namespace fupin::models
