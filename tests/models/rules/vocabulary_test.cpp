// Tests for models/rules/vocabulary.hpp: the rule vocabulary matches the rest of fupin.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "models/rules/vocabulary.hpp"

namespace fupin::models {
namespace {

// The enumerators of `enum class Cause { ... }` in models/causes.hpp, read from the source, so
// that the names table and the enum beside it are checked word for word.
std::vector<std::string> cause_enumerators() {
  std::ifstream in(std::string(FUPIN_SOURCE_DIR) + "/models/causes.hpp");
  std::stringstream text;
  text << in.rdbuf();
  const std::string source = text.str();
  const auto head = source.find("enum class Cause");
  if (head == std::string::npos) return {};
  const auto open = source.find('{', head);
  const auto close = source.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  std::vector<std::string> names;
  std::string word;
  for (std::size_t i = open + 1; i <= close; ++i) {
    const char ch = source[i];
    if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_') {
      word += ch;
    } else if (!word.empty()) {
      names.push_back(word);
      word.clear();
    }
  }
  return names;
}

TEST(RuleVocabulary, CausesAreTheCauseTable) { EXPECT_EQ(&vocabulary::kCauses, &kCauseNames); }

TEST(RuleVocabulary, CauseNamesMatchTheCauseEnumInOrder) {
  const auto names = cause_enumerators();
  ASSERT_FALSE(names.empty()) << "enum class Cause not found in models/causes.hpp";
  ASSERT_EQ(names.size(), kCauseNames.size());
  for (std::size_t i = 0; i < names.size(); ++i)
    EXPECT_EQ(names[i], kCauseNames[i]) << "index " << i;
}

TEST(RuleVocabulary, PriorityBitsAreTheHeaderEnum) {
  EXPECT_EQ(vocabulary::kPriorityBits[0], kEthnicMinority);
  EXPECT_EQ(vocabulary::kPriorityBits[1], kBorder);
  EXPECT_EQ(vocabulary::kPriorityBits[2], kOldRevolutionaryBase);
  EXPECT_EQ(vocabulary::kAllPriorityBits, 7);
}

TEST(RuleVocabulary, DefaultsComeFirstOrAreListed) {
  EXPECT_EQ(vocabulary::kObjectives.front(), "poverty_gap");
  EXPECT_NE(
      std::find(vocabulary::kBases.begin(), vocabulary::kBases.end(), vocabulary::kDefaultBase),
      vocabulary::kBases.end());
}

}  // namespace
}  // namespace fupin::models
