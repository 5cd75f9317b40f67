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

// The free-form key a mapping at generic `path` takes in place of `key` ("<year>", "<name>",
// "<path>"), or empty when `key` is one of its listed keys or it takes none.
std::string free_key(const std::string& path, const std::string& key) {
  std::string free;
  for (const MappingSchema& m : scenario_schema()) {
    if (m.path != path) continue;
    for (const KeySpec& k : m.keys) {
      if (k.name == key) return "";
    }
    if (!m.free_key.empty()) free = m.free_key;
  }
  return free;
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
    const std::string free = free_key(path, key);
    if (!free.empty()) key = free;
    const std::string child = path.empty() ? key : path + "." + key;
    out.push_back(child);
    if (free != "<path>") collect_keys(it->second, child, out);
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
  for (const std::string& rule : builtin_rules().names())
    EXPECT_TRUE(spans.count(rule) == 1) << rule;
  for (std::string_view level : level_names())
    EXPECT_TRUE(spans.count(std::string(level)) == 1) << level;
  for (std::string_view s : selection_names()) EXPECT_TRUE(spans.count(std::string(s)) == 1) << s;
  for (std::string_view k : programme_kinds()) EXPECT_TRUE(spans.count(std::string(k)) == 1) << k;
  for (std::string_view c : channel_names()) EXPECT_TRUE(spans.count(std::string(c)) == 1) << c;
  for (std::string_view u : unit_kind_names()) EXPECT_TRUE(spans.count(std::string(u)) == 1) << u;
  for (std::string_view i : idle_money_names()) EXPECT_TRUE(spans.count(std::string(i)) == 1) << i;
  for (std::string_view c : priority_category_names())
    EXPECT_TRUE(spans.count(std::string(c)) == 1) << c;
  for (std::string_view o : channel_order_names())
    EXPECT_TRUE(spans.count(std::string(o)) == 1) << o;
  for (std::string_view t : project_type_names())
    EXPECT_TRUE(spans.count(std::string(t)) == 1) << t;
}

TEST(ScenarioDocs, ExampleScenariosUseOnlyAcceptedKeys) {
  const std::vector<std::string> accepted = documented_scenario_keys();
  for (const char* file : {"yunnan_whole_township.yaml", "reference_r1.yaml",
                           "guangdong_plan_to_household.yaml", "three_ensures_villages.yaml"}) {
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
// two examples (the two forms of poverty_line), each is tried in turn. An example that starts with
// "  - " is one more element of the `programmes` list (the example of a programme kind).
TEST(ScenarioDocs, ExamplesMakeAValidScenario) {
  const std::string md = read_file(kSource + "/docs/scenario.md");
  std::vector<std::string> keys;                             // first key of each example, in order
  std::map<std::string, std::vector<std::string>> examples;  // first key -> its examples
  std::string more_programmes;
  const std::string open = "```yaml\n";
  for (std::size_t pos = md.find(open); pos != std::string::npos; pos = md.find(open, pos)) {
    const std::size_t begin = pos + open.size();
    const std::size_t end = md.find("```", begin);
    ASSERT_NE(end, std::string::npos);
    const std::string text = md.substr(begin, end - begin);
    pos = end + 3;
    if (text.rfind("  - ", 0) == 0) {
      more_programmes += text;
      continue;
    }
    const std::string key = text.substr(0, text.find(':'));
    if (examples[key].empty()) keys.push_back(key);
    examples[key].push_back(text);
  }
  ASSERT_GE(keys.size(), 8U);
  ASSERT_EQ(examples["programmes"].size(), 1U);
  examples["programmes"][0] += more_programmes;
  for (std::size_t choice = 0; choice < 2; ++choice) {
    std::string scenario;
    for (const std::string& key : keys) {
      const auto& texts = examples[key];
      scenario += texts[std::min(choice, texts.size() - 1)];
    }
    SCOPED_TRACE(scenario);
    ScenarioSet set;
    try {
      set = load_scenario_text(scenario, "docs/scenario.md");
    } catch (const ScenarioError& e) {
      FAIL() << e.what();
    }
    // Every programme kind has its example.
    std::set<std::string> kinds;
    for (const ProgrammeSpec& p : set.variants.at(0).programmes) kinds.insert(p.kind());
    for (std::string_view k : programme_kinds()) EXPECT_EQ(kinds.count(std::string(k)), 1U) << k;
  }
}

TEST(ScenarioDocs, KeysAreListedOnceAndSorted) {
  const std::vector<std::string> keys = documented_scenario_keys();
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
  EXPECT_TRUE(std::binary_search(keys.begin(), keys.end(), "programmes[].cohorts[].year"));
  EXPECT_TRUE(std::binary_search(keys.begin(), keys.end(), "poverty_line.<year>"));
  EXPECT_TRUE(std::binary_search(keys.begin(), keys.end(), "population.cause_shares.illness"));
  EXPECT_TRUE(std::binary_search(keys.begin(), keys.end(), "shocks.markets[].price_sd"));
  EXPECT_TRUE(std::binary_search(keys.begin(), keys.end(), "management.exit_reviews"));
  EXPECT_TRUE(std::binary_search(keys.begin(), keys.end(), "interventions.capture"));
  EXPECT_TRUE(std::binary_search(keys.begin(), keys.end(), "programmes[].project.industry"));
}

TEST(ScenarioDocs, CauseTableListsTheCausesInOrder) {
  std::istringstream md(read_file(kSource + "/docs/scenario.md"));
  const std::string row = "| `population.cause_shares.";
  std::vector<std::string> documented;
  std::string line;
  while (std::getline(md, line)) {
    if (!line.starts_with(row)) continue;
    const std::size_t end = line.find('`', row.size());
    if (end != std::string::npos) documented.push_back(line.substr(row.size(), end - row.size()));
  }
  const std::vector<std::string> names(kCauseNames.begin(), kCauseNames.end());
  EXPECT_EQ(documented, names) << "docs/scenario.md, the table of population.cause_shares";
}

}  // namespace
}  // namespace fupin::models
