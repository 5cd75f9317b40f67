// `fupin run|check --set key.path=value`: bad paths and values exit 2 with a message naming the
// argument; good ones are accepted by both commands.
#include <gtest/gtest.h>

#include "run_fupin.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

using fupin::testing::Outcome;
using fupin::testing::run;

const std::string kScenario =
    (fs::path(FUPIN_SOURCE_DIR) / "scenarios/three_ensures_villages.yaml").string();

TEST(SetOption, CheckAcceptsOverrides) {
  const Outcome o =
      run("check " + kScenario + " --set seed=7 --set geography.households_per_village=10");
  EXPECT_EQ(o.exit_code, 0) << o.output;
  EXPECT_NE(o.output.find("400 villages, 4000 households"), std::string::npos) << o.output;
}

TEST(SetOption, BadPathExitsTwoNamingTheArgument) {
  for (const char* command : {"check", "run"}) {
    const Outcome o = run(std::string(command) + " " + kScenario + " --set dynamics.grwth=0.1");
    EXPECT_EQ(o.exit_code, 2) << o.output;
    EXPECT_NE(
        o.output.find(
            "--set dynamics.grwth=0.1: error: path 'dynamics.grwth': no key 'grwth' in dynamics "
            "(did you mean 'growth'?)"),
        std::string::npos)
        << o.output;
  }
  const Outcome index = run("check " + kScenario + " --set programmes.40.budget=1");
  EXPECT_EQ(index.exit_code, 2);
  EXPECT_NE(index.output.find("index 40 is out of range"), std::string::npos) << index.output;
  const Outcome name =
      run("check " + kScenario + " --set programmes.village_rods.order=poorest_first");
  EXPECT_EQ(name.exit_code, 2);
  EXPECT_NE(name.output.find("did you mean 'village_roads'?"), std::string::npos) << name.output;
}

TEST(SetOption, BadValueExitsTwoWithoutAFileLocation) {
  for (const std::string& a : std::vector<std::string>{"dynamics.growth=3", "seed=-1",
                                                       "programmes.village_roads.order=cheapest"}) {
    const Outcome o = run("check " + kScenario + " --set " + a);
    EXPECT_EQ(o.exit_code, 2) << o.output;
    EXPECT_EQ(o.output.rfind("--set " + a + ": error: ", 0), 0U) << o.output;
    EXPECT_FALSE(std::regex_search(o.output, std::regex("three_ensures_villages\\.yaml:[0-9]+")))
        << o.output;
  }
  const Outcome no_value = run("check " + kScenario + " --set seed");
  EXPECT_EQ(no_value.exit_code, 2);
  EXPECT_NE(no_value.output.find("expected key.path=value"), std::string::npos) << no_value.output;
}

TEST(SetOption, ErrorCausedElsewhereKeepsTheFileLocation) {
  // Fewer villages than the cohorts select: the cohort in the file is where the plan breaks.
  const Outcome o = run("check " + kScenario + " --set geography.counties=2");
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_TRUE(
      std::regex_search(o.output, std::regex("three_ensures_villages\\.yaml:[0-9]+:[0-9]+: error: "
                                             "programmes\\[0\\]\\.cohorts")))
      << o.output;
}

}  // namespace
