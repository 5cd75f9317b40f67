// Tests for models/rules/vocabulary.hpp: the rule vocabulary matches the rest of fupin.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "models/rules/vocabulary.hpp"

namespace fupin::models {
namespace {

// The cause names in `enum class Cause { ... }` of models/scenario/scenario.hpp, read from the
// source (fupin_rules cannot link the scenario library, and the test should not either).
std::vector<std::string> scenario_cause_enum() {
  std::ifstream in(std::string(FUPIN_SOURCE_DIR) + "/models/scenario/scenario.hpp");
  std::stringstream text;
  text << in.rdbuf();
  const std::string source = text.str();
  std::smatch m;
  if (!std::regex_search(source, m, std::regex(R"(enum\s+class\s+Cause\s*:[^{]*\{([^}]*)\})"))) return {};
  std::vector<std::string> names;
  const std::string body = m[1].str();
  const std::regex word(R"([A-Za-z_][A-Za-z_0-9]*)");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), word); it != std::sregex_iterator(); ++it) {
    names.push_back(it->str());
  }
  return names;
}

TEST(RuleVocabulary, CausesMatchTheScenarioCauseEnumInOrder) {
  const auto names = scenario_cause_enum();
  ASSERT_FALSE(names.empty()) << "enum class Cause not found in models/scenario/scenario.hpp";
  ASSERT_EQ(names.size(), vocabulary::kCauses.size());
  for (std::size_t i = 0; i < names.size(); ++i) EXPECT_EQ(names[i], vocabulary::kCauses[i]) << "index " << i;
}

TEST(RuleVocabulary, PriorityBitsAreTheHeaderEnum) {
  EXPECT_EQ(vocabulary::kPriorityBits[0], kEthnicMinority);
  EXPECT_EQ(vocabulary::kPriorityBits[1], kBorder);
  EXPECT_EQ(vocabulary::kPriorityBits[2], kOldRevolutionaryBase);
  EXPECT_EQ(vocabulary::kAllPriorityBits, 7);
}

TEST(RuleVocabulary, DefaultsComeFirstOrAreListed) {
  EXPECT_EQ(vocabulary::kObjectives.front(), "poverty_gap");
  EXPECT_NE(std::find(vocabulary::kBases.begin(), vocabulary::kBases.end(), vocabulary::kDefaultBase),
            vocabulary::kBases.end());
}

}  // namespace
}  // namespace fupin::models
