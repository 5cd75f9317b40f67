// Data-driven: every tests/scenarios/malformed/*.yaml is a complete scenario with one mistake and
// a first line "# expect: LINE:COLUMN fragment ... fragment". Loading it must fail at exactly that
// position with every fragment in the message, in order. Adding a case is adding a file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "models/scenario/scenario_loader.hpp"

namespace fupin::models {
namespace {

namespace fs = std::filesystem;

const fs::path kMalformedDir = fs::path(FUPIN_SOURCE_DIR) / "tests" / "scenarios" / "malformed";

std::vector<std::string> malformed_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(kMalformedDir)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Expectation {
  int line = -1;
  int column = -1;
  std::vector<std::string> fragments;
};

// Parses "# expect: 14:7 unknown key 'cohrts' ... did you mean 'cohorts'".
Expectation read_expectation(const std::string& file) {
  std::ifstream in(file);
  std::string first;
  std::getline(in, first);
  const std::string prefix = "# expect: ";
  Expectation e;
  if (first.rfind(prefix, 0) != 0) return e;
  std::istringstream rest(first.substr(prefix.size()));
  char colon = 0;
  rest >> e.line >> colon >> e.column;
  if (colon != ':') e.line = -1;
  std::string text;
  std::getline(rest, text);
  const std::string sep = " ... ";
  std::size_t begin = text.find_first_not_of(' ');
  while (begin != std::string::npos && begin < text.size()) {
    const std::size_t end = text.find(sep, begin);
    e.fragments.push_back(
        text.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
    begin = end == std::string::npos ? end : end + sep.size();
  }
  return e;
}

class MalformedScenario : public testing::TestWithParam<std::string> {};

TEST_P(MalformedScenario, FailsAtTheExpectedPlaceWithTheExpectedMessage) {
  const std::string& file = GetParam();
  const Expectation expect = read_expectation(file);
  ASSERT_GT(expect.line, 0) << file
                            << ": first line must be '# expect: LINE:COLUMN fragment ... fragment'";
  ASSERT_FALSE(expect.fragments.empty()) << file;
  try {
    (void)load_scenario_file(file);
    FAIL() << file << " loaded without error";
  } catch (const ScenarioError& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.where().file, file);
    EXPECT_EQ(e.where().line, expect.line) << what;
    EXPECT_EQ(e.where().column, expect.column) << what;
    const std::string head = file + ":" + std::to_string(expect.line) + ":" +
                             std::to_string(expect.column) + ": error: ";
    EXPECT_EQ(what.rfind(head, 0), 0U) << what;
    std::size_t from = 0;
    for (const std::string& fragment : expect.fragments) {
      const std::size_t at = what.find(fragment, from);
      EXPECT_NE(at, std::string::npos) << "missing '" << fragment << "' (in order) in:\n" << what;
      if (at != std::string::npos) from = at + fragment.size();
    }
    // The offending line is quoted with its number, and a caret sits under the column.
    std::string number = std::to_string(expect.line);
    number.insert(0, number.size() < 5 ? 5 - number.size() : 0, ' ');
    EXPECT_NE(what.find("\n" + number + " | "), std::string::npos) << what;
    const std::size_t caret_line = what.rfind('\n');
    ASSERT_NE(caret_line, std::string::npos);
    const std::string caret = what.substr(caret_line + 1);
    EXPECT_EQ(caret.size(), 8U + static_cast<std::size_t>(expect.column)) << what;
    EXPECT_EQ(caret.back(), '^') << what;
  }
}

std::string case_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, MalformedScenario, testing::ValuesIn(malformed_files()), case_name);

TEST(MalformedScenarios, EnoughCasesAreOnDisk) { EXPECT_GE(malformed_files().size(), 12U); }

}  // namespace
}  // namespace fupin::models
