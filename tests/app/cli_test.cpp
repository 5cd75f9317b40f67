// Runs the fupin executable as a user would and checks exit codes, messages and files.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code;
  std::string output;  // stdout and stderr together
};

Outcome run(const std::string& args) {
  const std::string cmd = std::string(FUPIN_EXE) + " " + args + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::string out;
  char buf[4096];
  while (const std::size_t n = fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(FUPIN_BINARY_DIR) / "tests" / "app" / "scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

const fs::path kSource{FUPIN_SOURCE_DIR};

TEST(Cli, VersionAndHelp) {
  const Outcome v = run("--version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.output.find("fupin "), std::string::npos);
  const Outcome h = run("run --help");
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.output.find("--threads"), std::string::npos);
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run("").exit_code, 2);
  EXPECT_EQ(run("run").exit_code, 2);
  EXPECT_EQ(run("run x.yaml --threads many").exit_code, 2);
  EXPECT_EQ(run("frobnicate").exit_code, 2);
}

TEST(Cli, MissingScenarioFileIsBadInput) {
  const Outcome o = run("check /nonexistent/scenario.yaml");
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.output.find("/nonexistent/scenario.yaml"), std::string::npos);
}

TEST(Cli, CheckPrintsMoneyPerStreamAndYear) {
  const Outcome o = run("check " + (kSource / "scenarios/yunnan_whole_township.yaml").string());
  ASSERT_EQ(o.exit_code, 0) << o.output;
  // 2013: 56 townships × 10 M; 2014: 56 × 20 M + 60 × 10 M; 2015: 60 × 10 M.
  EXPECT_NE(o.output.find("560,000,000.00"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("1,720,000,000.00"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("600,000,000.00"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("2,880,000,000.00"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("special_fiscal_fund"), std::string::npos);
}

// `check` warns, on standard error and without failing, about a weight that cancels out: the
// three-ensures scenario with its village package's households weighted by the village's category.
TEST(Cli, CheckWarnsAboutAWeightThatCancels) {
  std::ifstream in(kSource / "scenarios/three_ensures_villages.yaml");
  std::stringstream text;
  text << in.rdbuf();
  const std::string yaml = text.str() + R"y(  - name: households_of_ethnic_villages
    set:
      programmes.whole_village.allocation:
        - {level: household, rule: formula, formula: "poverty_gap * (1 + ethnic_minority)"}
)y";
  const fs::path file = scratch("check_warns") / "cancelling.yaml";
  std::ofstream(file) << yaml;
  const Outcome o = run("check " + file.string());
  ASSERT_EQ(o.exit_code, 0) << o.output;
  const std::string expected = "warning: " + file.string() +
                               ": variant 'households_of_ethnic_villages', programme 'whole_village' "
                               "(programmes.whole_village.allocation[0], rule 'formula')";
  EXPECT_NE(o.output.find(expected), std::string::npos) << o.output;
  // Only that variant warns, and the warning is on standard error.
  EXPECT_EQ(o.output.find("warning: " + file.string() + ": variant 'three_ensures'"), std::string::npos) << o.output;
  FILE* pipe = popen((std::string(FUPIN_EXE) + " check " + file.string() + " 2>/dev/null").c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string stdout_only;
  char buf[4096];
  while (const std::size_t n = fread(buf, 1, sizeof buf, pipe)) stdout_only.append(buf, n);
  pclose(pipe);
  EXPECT_NE(stdout_only.find("valid, 4 variants"), std::string::npos) << stdout_only;
  EXPECT_EQ(stdout_only.find("warning:"), std::string::npos) << stdout_only;
}

// `check` prints, per stream and year, what each level receives after administrative costs.
TEST(Cli, CheckPrintsTheMoneyEachLevelReceives) {
  const Outcome o = run("check " + (kSource / "scenarios/guangdong_plan_to_household.yaml").string());
  ASSERT_EQ(o.exit_code, 0) << o.output;
  EXPECT_NE(o.output.find("reaches the county level"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("reaches the household level"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("paired_assistance"), std::string::npos) << o.output;
}

// Relocation costs 60,000 yuan a person; a township's money split among its poor households can
// never pay for it. The warning goes to stderr, and the scenario is still valid.
TEST(Cli, CheckWarnsWhenAProgrammesMoneyPerHouseholdCanNeverBuyItsUnit) {
  const std::string file = (kSource / "scenarios/yunnan_whole_township.yaml").string();
  EXPECT_EQ(run("check " + file).exit_code, 0);
  const Outcome err = run("check " + file + " 2>&1 >/dev/null | cat; true");
  EXPECT_NE(err.output.find("variant 'cause_matched_projects', programme 'whole_township'"), std::string::npos)
      << err.output;
  EXPECT_NE(err.output.find("a relocation"), std::string::npos) << err.output;
  EXPECT_EQ(err.output.find("variant 'per_poor_person'"), std::string::npos) << err.output;
  EXPECT_EQ(err.output.find("reaches the"), std::string::npos) << "stdout stays out: " << err.output;
}

// Money a county fund integration takes over is shown pooled at county level, where the run pools
// it, and then under the integration's own stages; enterprise investment and interest subsidy,
// which the run posts to the ledger, are shown too.
TEST(Cli, CheckShowsPooledMoneyWhereTheRunPoolsIt) {
  const Outcome o = run("check " + (kSource / "scenarios/three_ensures_villages.yaml").string());
  ASSERT_EQ(o.exit_code, 0) << o.output;
  EXPECT_NE(o.output.find("reaches the county level, pooled there into county_plan"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("pooled from its sources"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("enterprise investment, not poverty funds"), std::string::npos) << o.output;
  // matching_fund 2008: 10,000,000 reaches the counties and is pooled; no household line of its own.
  const std::size_t from = o.output.find("matching_fund");
  ASSERT_NE(from, std::string::npos);
  const std::size_t to = o.output.find("social_donations", from);
  EXPECT_EQ(o.output.substr(from, to - from).find("household level"), std::string::npos) << o.output;
  const Outcome g = run("check " + (kSource / "scenarios/guangdong_plan_to_household.yaml").string());
  EXPECT_NE(g.output.find("interest_subsidy"), std::string::npos) << g.output;
}

TEST(Cli, RunWritesFileAndSummary) {
  const fs::path dir = scratch("run");
  const fs::path out = dir / "r1.h5";
  const Outcome o = run("run " + (kSource / "scenarios/yunnan_whole_township.yaml").string() + " -o " +
                        out.string() + " --threads 2 --seed 7");
  ASSERT_EQ(o.exit_code, 0) << o.output;
  EXPECT_TRUE(fs::exists(out));
  EXPECT_NE(o.output.find("year 2016 (4/4)"), std::string::npos) << "progress lines on stderr";
  EXPECT_NE(o.output.find("final year by variant"), std::string::npos);
  EXPECT_NE(o.output.find("poverty_gap"), std::string::npos);
  EXPECT_NE(o.output.find("seed 7"), std::string::npos);
  // No temporary left behind.
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1);
}

// Every malformed scenario is rejected by both commands with exit code 2, an error at
// file:line:column, and no output file.
TEST(Cli, MalformedScenariosExitTwoAndWriteNothing) {
  const fs::path dir = scratch("malformed");
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(kSource / "tests/scenarios/malformed")) {
    if (entry.path().extension() != ".yaml") continue;
    ++cases;
    const fs::path out = dir / (entry.path().stem().string() + ".h5");
    const Outcome r = run("run " + entry.path().string() + " -o " + out.string());
    EXPECT_EQ(r.exit_code, 2) << entry.path() << "\n" << r.output;
    const std::regex located(std::regex_replace(entry.path().filename().string(), std::regex(R"([.])"), R"(\.)") +
                             R"(:\d+:\d+: error: )");
    EXPECT_TRUE(std::regex_search(r.output, located)) << r.output;
    EXPECT_FALSE(fs::exists(out)) << out;
    const Outcome c = run("check " + entry.path().string());
    EXPECT_EQ(c.exit_code, 2) << entry.path();
  }
  EXPECT_GE(cases, 12);
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 0);
}

}  // namespace
