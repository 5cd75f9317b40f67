// Shard assignment (`fupin sweep --shard i/N`) and the check `fupin merge` makes of its shards.
#include "app/sweep_shard.hpp"

#include <gtest/gtest.h>

#include <set>

namespace fupin::app {
namespace {

TEST(ShardParse, AcceptsIOfNCountedFromOne) {
  std::string error;
  const auto s = parse_shard("3/8", error);
  ASSERT_TRUE(s.has_value()) << error;
  EXPECT_EQ(s->index, 3U);
  EXPECT_EQ(s->count, 8U);
  EXPECT_TRUE(parse_shard("1/1", error).has_value());
}

TEST(ShardParse, RejectsZeroOutOfRangeAndMalformed) {
  for (const char* bad :
       {"0/4", "5/4", "1/0", "0/0", "2", "2/", "/4", "a/4", "2/4x", "-1/4", "2 /4"}) {
    std::string error;
    EXPECT_FALSE(parse_shard(bad, error).has_value()) << bad;
    EXPECT_EQ(error.rfind("--shard ", 0), 0U) << error;
    EXPECT_NE(error.find(bad), std::string::npos) << error;
  }
  std::string error;
  (void)parse_shard("0/4", error);
  EXPECT_NE(error.find("counted from 1"), std::string::npos) << error;
}

TEST(ShardRuns, RunRGoesToShardRModNPlusOne) {
  EXPECT_EQ(shard_runs(10, Shard{1, 3}), (std::vector<std::size_t>{0, 3, 6, 9}));
  EXPECT_EQ(shard_runs(10, Shard{2, 3}), (std::vector<std::size_t>{1, 4, 7}));
  EXPECT_EQ(shard_runs(10, Shard{3, 3}), (std::vector<std::size_t>{2, 5, 8}));
  EXPECT_EQ(shard_runs(2, Shard{3, 3}), (std::vector<std::size_t>{}));
}

TEST(ShardRuns, EveryRunInExactlyOneShard) {
  for (std::size_t n = 1; n <= 7; ++n) {
    std::multiset<std::size_t> all;
    for (std::size_t i = 1; i <= n; ++i) {
      for (const std::size_t r : shard_runs(23, Shard{i, n})) {
        EXPECT_TRUE(in_shard(r, Shard{i, n}));
        all.insert(r);
      }
    }
    ASSERT_EQ(all.size(), 23U) << n;
    for (std::size_t r = 0; r < 23; ++r) EXPECT_EQ(all.count(r), 1U) << "run " << r << " of " << n;
  }
}

// The headers of a whole sweep of `total` runs in `n` shards, files "s1.h5"...
std::vector<ShardHeader> whole(std::size_t total, std::size_t n) {
  std::vector<ShardHeader> out;
  for (std::size_t i = 1; i <= n; ++i) {
    std::string file = "s";
    file += std::to_string(i);
    file += ".h5";
    ShardHeader h{file, "00ff00ff00ff00ff", total, Shard{i, n}, {}};
    for (const std::size_t r : shard_runs(total, h.shard))
      h.runs.push_back(static_cast<std::int64_t>(r));
    out.push_back(h);
  }
  return out;
}

TEST(CheckShards, AcceptsEveryShardOnceInAnyOrder) {
  std::vector<ShardHeader> s = whole(10, 3);
  EXPECT_FALSE(check_shards(s).has_value());
  std::swap(s[0], s[2]);
  EXPECT_FALSE(check_shards(s).has_value());
}

TEST(CheckShards, MissingShardIsNamed) {
  std::vector<ShardHeader> s = whole(10, 3);
  s.erase(s.begin() + 1);
  const auto error = check_shards(s);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("shard 2/3 is missing"), std::string::npos) << *error;
  EXPECT_TRUE(check_shards({}).has_value());
}

TEST(CheckShards, DuplicateShardNamesBothFiles) {
  std::vector<ShardHeader> s = whole(10, 3);
  ShardHeader copy = s[1];
  copy.file = "copy.h5";
  s.push_back(copy);
  const auto error = check_shards(s);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("'s2.h5' and 'copy.h5' are both shard 2/3"), std::string::npos) << *error;
}

TEST(CheckShards, ShardOfAnotherSweepIsNamed) {
  std::vector<ShardHeader> s = whole(10, 3);
  s[2].digest = "1111111111111111";
  const auto error = check_shards(s);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("'s3.h5' is a shard of another sweep than 's1.h5'"), std::string::npos)
      << *error;
}

TEST(CheckShards, ShardOfAnotherSplitIsNamed) {
  std::vector<ShardHeader> s = whole(10, 3);
  s[1] = whole(10, 4)[1];
  s[1].file = "four.h5";
  const auto error = check_shards(s);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("'four.h5' is shard 2/4 but 's1.h5' is shard 1/3"), std::string::npos)
      << *error;
}

TEST(CheckShards, RunMissingDuplicatedOrForeignIsNamed) {
  std::vector<ShardHeader> s = whole(10, 3);
  s[0].runs.pop_back();  // run 9
  auto error = check_shards(s);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("'s1.h5': run 9 of shard 1/3 is missing"), std::string::npos) << *error;

  s = whole(10, 3);
  s[1].runs.push_back(4);
  error = check_shards(s);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("'s2.h5': run 4 is in the shard twice"), std::string::npos) << *error;

  s = whole(10, 3);
  s[1].runs.push_back(3);
  error = check_shards(s);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("'s2.h5': run 3 does not belong to shard 2/3"), std::string::npos)
      << *error;
}

}  // namespace
}  // namespace fupin::app
