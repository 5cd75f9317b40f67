// Data-driven runner over the hand-worked reference cases in tests/models/rules/cases/<rule>.yaml:
// one file per rule, named after its YAML key; each case is one ctest entry.
//
// Case keys: name, budget (fen), expected (fen, one per candidate) or error (a substring of the
// std::invalid_argument message the rule must throw), params (weights, formula, objective, base;
// a file-level `params` applies to every case without its own), and the table columns: people,
// poor_people, poverty_gap (default zeros), income, households, poor_households, need, assessment,
// priority, cause, eligible (default empty: "column not given").
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <stdexcept>
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
  RuleParams params;
  std::vector<std::int64_t> expected;
  std::string error;       // when set, the rule must throw std::invalid_argument containing it
  std::string load_error;  // set when the file could not be read; the case then fails
};

// Shown by GoogleTest (and so in ctest's test list) instead of a byte dump.
void PrintTo(const RuleCase& c, std::ostream* os) { *os << c.file << " / " << c.name; }

std::vector<double> column(const YAML::Node& node, const char* key, std::size_t n) {
  if (!node[key]) return std::vector<double>(n, 0.0);
  return node[key].as<std::vector<double>>();
}

// An optional column: empty when the case does not give it.
template <class T>
std::vector<T> optional_column(const YAML::Node& node, const char* key) {
  if (!node[key]) return {};
  std::vector<T> out;
  for (const auto& v : node[key].as<std::vector<int>>()) out.push_back(static_cast<T>(v));
  return out;
}
template <>
std::vector<double> optional_column<double>(const YAML::Node& node, const char* key) {
  if (!node[key]) return {};
  return node[key].as<std::vector<double>>();
}

RuleParams params_of(const YAML::Node& node) {
  RuleParams p;
  if (!node) return p;
  if (node["weights"]) p.weights = node["weights"].as<std::map<std::string, double>>();
  if (node["formula"]) p.formula = node["formula"].as<std::string>();
  if (node["objective"]) p.objective = node["objective"].as<std::string>();
  if (node["base"]) p.base = node["base"].as<std::string>();
  for (const auto& entry : node) {
    const auto key = entry.first.as<std::string>();
    if (key != "weights" && key != "formula" && key != "objective" && key != "base") {
      throw std::runtime_error("unknown params key '" + key + "'");
    }
  }
  return p;
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
      const RuleParams file_params = params_of(doc["params"]);
      for (const auto& node : doc["cases"]) {
        RuleCase c;
        c.file = path.filename().string();
        c.rule = rule;
        c.name = node["name"].as<std::string>();
        c.budget = node["budget"].as<std::int64_t>();
        c.params = node["params"] ? params_of(node["params"]) : file_params;
        if (node["error"]) {
          c.error = node["error"].as<std::string>();
        } else {
          c.expected = node["expected"].as<std::vector<std::int64_t>>();
        }
        const std::size_t n = node["error"] ? node["people"].size() : c.expected.size();
        c.table.people = column(node, "people", n);
        c.table.poor_people = column(node, "poor_people", n);
        c.table.poverty_gap = column(node, "poverty_gap", n);
        c.table.income = optional_column<double>(node, "income");
        c.table.households = optional_column<double>(node, "households");
        c.table.poor_households = optional_column<double>(node, "poor_households");
        c.table.need = optional_column<double>(node, "need");
        c.table.assessment = optional_column<double>(node, "assessment");
        c.table.priority = optional_column<std::uint8_t>(node, "priority");
        c.table.cause = optional_column<std::int8_t>(node, "cause");
        c.table.eligible = optional_column<std::uint8_t>(node, "eligible");
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
  if (info->check) {
    EXPECT_EQ(info->check(c.params), "")
        << c.file << " / " << c.name << ": the case's params must pass the check";
  }
  if (!c.error.empty()) {
    try {
      (void)info->rule(sim::Money::from_fen(c.budget), c.table, c.params);
      ADD_FAILURE() << c.file << " / " << c.name << ": expected std::invalid_argument containing '"
                    << c.error << "'";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(c.error), std::string::npos)
          << c.file << " / " << c.name << ": message '" << e.what() << "' lacks '" << c.error
          << "'";
    }
    return;
  }
  ASSERT_EQ(c.table.people.size(), c.expected.size())
      << c.file << " / " << c.name << ": column length";
  ASSERT_EQ(c.table.poor_people.size(), c.expected.size()) << c.file << " / " << c.name;
  ASSERT_EQ(c.table.poverty_gap.size(), c.expected.size()) << c.file << " / " << c.name;

  const auto parts = test::fen(info->rule(sim::Money::from_fen(c.budget), c.table, c.params));
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
    EXPECT_GE(per_rule[name], 3) << "tests/models/rules/cases/" << name
                                 << ".yaml needs reference cases";
  }
}

TEST(RuleCasesFiles, CaseNamesAreUniqueWithinAFile) {
  std::map<std::string, int> seen;
  for (const auto& c : all_cases())
    EXPECT_EQ(++seen[c.file + "/" + c.name], 1) << c.file << " / " << c.name;
}

}  // namespace
}  // namespace fupin::models
