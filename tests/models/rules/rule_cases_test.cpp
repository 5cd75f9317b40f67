// Data-driven runner over the hand-worked reference cases in tests/models/rules/cases/<rule>.yaml:
// one file per rule, named after its YAML key; each case is one ctest entry.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

namespace fs = std::filesystem;

const fs::path kCasesDir = fs::path(FUPIN_SOURCE_DIR) / "tests" / "models" / "rules" / "cases";

struct RuleCase {
  std::string file;
  std::string rule;
  std::string name;
  std::int64_t budget = 0;
  CandidateTable table;
  std::vector<std::int64_t> expected;
  std::string load_error;  // set when the file could not be read; the case then fails
};

// Shown by GoogleTest (and so in ctest's test list) instead of a byte dump.
void PrintTo(const RuleCase& c, std::ostream* os) { *os << c.file << " / " << c.name; }

std::vector<double> column(const YAML::Node& node, const char* key, std::size_t n) {
  if (!node[key]) return std::vector<double>(n, 0.0);
  return node[key].as<std::vector<double>>();
}

std::vector<RuleCase> load_cases() {
  std::vector<RuleCase> out;
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kCasesDir, ec)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  if (ec || files.empty()) {
    RuleCase failed;
    failed.file = "cases";
    failed.name = "load";
    failed.load_error = "no reference cases found in " + kCasesDir.string();
    return {failed};
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    try {
      const YAML::Node doc = YAML::LoadFile(path.string());
      const auto rule = doc["rule"].as<std::string>();
      for (const auto& node : doc["cases"]) {
        RuleCase c;
        c.file = path.filename().string();
        c.rule = rule;
        c.name = node["name"].as<std::string>();
        c.budget = node["budget"].as<std::int64_t>();
        c.expected = node["expected"].as<std::vector<std::int64_t>>();
        const std::size_t n = c.expected.size();
        c.table.people = column(node, "people", n);
        c.table.poor_people = column(node, "poor_people", n);
        c.table.poverty_gap = column(node, "poverty_gap", n);
        out.push_back(std::move(c));
      }
    } catch (const std::exception& e) {
      RuleCase failed;
      failed.file = path.filename().string();
      failed.name = "load";
      failed.load_error = path.string() + ": " + e.what();
      out.push_back(std::move(failed));
    }
  }
  return out;
}

const std::vector<RuleCase>& all_cases() {
  static const std::vector<RuleCase> cases = load_cases();
  return cases;
}

class RuleCases : public ::testing::TestWithParam<RuleCase> {};

TEST_P(RuleCases, MatchHandWorkedAmounts) {
  const RuleCase& c = GetParam();
  ASSERT_TRUE(c.load_error.empty()) << c.load_error;
  // The file's rule key must name a registered rule.
  EXPECT_EQ(c.file, c.rule + ".yaml") << "a case file is named after its rule";
  const RuleInfo* info = builtin_rules().find(c.rule);
  ASSERT_NE(info, nullptr) << c.file << ": unknown rule '" << c.rule << "'";
  ASSERT_EQ(c.table.people.size(), c.expected.size()) << c.file << " / " << c.name << ": column length";
  ASSERT_EQ(c.table.poor_people.size(), c.expected.size()) << c.file << " / " << c.name;
  ASSERT_EQ(c.table.poverty_gap.size(), c.expected.size()) << c.file << " / " << c.name;

  const auto parts = test::fen(info->rule(sim::Money::from_fen(c.budget), c.table));
  EXPECT_EQ(parts, c.expected) << c.file << " / " << c.name;
}

std::string case_name(const ::testing::TestParamInfo<RuleCase>& info) {
  std::string name = info.param.file.substr(0, info.param.file.rfind('.')) + "_" + info.param.name;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Reference, RuleCases, ::testing::ValuesIn(all_cases()), case_name);

TEST(RuleCasesFiles, EveryBuiltinRuleHasSeveralReferenceCases) {
  std::map<std::string, int> per_rule;
  for (const auto& c : all_cases()) {
    if (c.load_error.empty()) ++per_rule[c.rule];
  }
  for (const auto& name : builtin_rules().names()) {
    EXPECT_GE(per_rule[name], 3) << "tests/models/rules/cases/" << name << ".yaml needs reference cases";
  }
}

TEST(RuleCasesFiles, CaseNamesAreUniqueWithinAFile) {
  std::map<std::string, int> seen;
  for (const auto& c : all_cases()) EXPECT_EQ(++seen[c.file + "/" + c.name], 1) << c.file << " / " << c.name;
}

}  // namespace
}  // namespace fupin::models
