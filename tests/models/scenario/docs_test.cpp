// docs/scenario.md documents every key the loader accepts (the loader's own key tables), and
// every key used by the example scenarios is one the loader accepts.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/scenario_names.hpp"
#include "models/scenario/scenario_schema.hpp"

namespace fupin::models {
namespace {

const std::string kSource = FUPIN_SOURCE_DIR;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every `code span` of a markdown text.
std::set<std::string> code_spans(const std::string& md) {
  std::set<std::string> spans;
  std::size_t pos = 0;
  while ((pos = md.find('`', pos)) != std::string::npos) {
    if (md.compare(pos, 3, "```") == 0) {  // skip fenced blocks
      const std::size_t end = md.find("```", pos + 3);
      if (end == std::string::npos) break;
      pos = end + 3;
      continue;
    }
    const std::size_t end = md.find('`', pos + 1);
    if (end == std::string::npos) break;
    spans.insert(md.substr(pos + 1, end - pos - 1));
    pos = end + 1;
  }
  return spans;
}

// Generic key paths of a YAML document, as documented_scenario_keys() writes them.
void collect_keys(const YAML::Node& node, const std::string& path, std::vector<std::string>& out) {
  if (node.IsSequence()) {
    for (const YAML::Node& element : node) collect_keys(element, path + "[]", out);
    return;
  }
  if (!node.IsMap()) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    std::string key = it->first.Scalar();
    if (path == "poverty_line" && key.find_first_not_of("0123456789") == std::string::npos) key = "<year>";
    const bool free_path = path == "variants[].set";
    if (free_path) key = "<path>";
    const std::string child = path.empty() ? key : path + "." + key;
    out.push_back(child);
    if (!free_path) collect_keys(it->second, child, out);
  }
}

TEST(ScenarioDocs, EveryAcceptedKeyIsDocumented) {
  const std::string md = read_file(kSource + "/docs/scenario.md");
  ASSERT_FALSE(md.empty()) << "docs/scenario.md is missing";
  const std::set<std::string> spans = code_spans(md);
  const std::vector<std::string> keys = documented_scenario_keys();
  EXPECT_GT(keys.size(), 60U);
  for (const std::string& key : keys) {
    EXPECT_TRUE(spans.count(key) == 1) << "docs/scenario.md does not document `" << key << "`";
  }
}

TEST(ScenarioDocs, EveryNameIsDocumented) {
  const std::set<std::string> spans = code_spans(read_file(kSource + "/docs/scenario.md"));
  for (const std::string& rule : builtin_rules().names()) EXPECT_TRUE(spans.count(rule) == 1) << rule;
  for (std::string_view level : level_names()) EXPECT_TRUE(spans.count(std::string(level)) == 1) << level;
  for (std::string_view s : selection_names()) EXPECT_TRUE(spans.count(std::string(s)) == 1) << s;
  for (std::string_view k : programme_kinds()) EXPECT_TRUE(spans.count(std::string(k)) == 1) << k;
}

TEST(ScenarioDocs, ExampleScenariosUseOnlyAcceptedKeys) {
  const std::vector<std::string> accepted = documented_scenario_keys();
  for (const char* file : {"yunnan_whole_township.yaml", "reference_r1.yaml"}) {
    SCOPED_TRACE(file);
    std::vector<std::string> used;
    collect_keys(YAML::LoadFile(kSource + "/scenarios/" + file), "", used);
    EXPECT_GT(used.size(), 20U);
    for (const std::string& key : used) {
      EXPECT_TRUE(std::binary_search(accepted.begin(), accepted.end(), key)) << key;
    }
  }
}

// The ```yaml examples of the page, put together in order, are one valid scenario. Where a key has
// two examples (the two forms of poverty_line), each is tried in turn.
TEST(ScenarioDocs, ExamplesMakeAValidScenario) {
  const std::string md = read_file(kSource + "/docs/scenario.md");
  std::vector<std::string> keys;                             // first key of each example, in order
  std::map<std::string, std::vector<std::string>> examples;  // first key -> its examples
  const std::string open = "```yaml\n";
  for (std::size_t pos = md.find(open); pos != std::string::npos; pos = md.find(open, pos)) {
    const std::size_t begin = pos + open.size();
    const std::size_t end = md.find("```", begin);
    ASSERT_NE(end, std::string::npos);
    const std::string text = md.substr(begin, end - begin);
    const std::string key = text.substr(0, text.find(':'));
    if (examples[key].empty()) keys.push_back(key);
    examples[key].push_back(text);
    pos = end + 3;
  }
  ASSERT_GE(keys.size(), 8U);
  for (std::size_t choice = 0; choice < 2; ++choice) {
    std::string scenario;
    for (const std::string& key : keys) {
      const auto& texts = examples[key];
      scenario += texts[std::min(choice, texts.size() - 1)];
    }
    SCOPED_TRACE(scenario);
    EXPECT_NO_THROW((void)load_scenario_text(scenario, "docs/scenario.md"));
  }
}

TEST(ScenarioDocs, KeysAreListedOnceAndSorted) {
  const std::vector<std::string> keys = documented_scenario_keys();
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
  EXPECT_TRUE(std::binary_search(keys.begin(), keys.end(), "programmes[].cohorts[].year"));
  EXPECT_TRUE(std::binary_search(keys.begin(), keys.end(), "poverty_line.<year>"));
  EXPECT_TRUE(std::binary_search(keys.begin(), keys.end(), "population.cause_shares.illness"));
}

}  // namespace
}  // namespace fupin::models
