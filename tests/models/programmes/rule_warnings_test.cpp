// Warnings about rule weights with a factor that is the same for every candidate of every split a
// stage makes (models/programmes/rule_warnings.hpp).
#include "models/programmes/rule_warnings.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "models/scenario/scenario_loader.hpp"

namespace fupin::models {
namespace {

namespace fs = std::filesystem;

// A small scenario; `programme` is the YAML of one programme (indented as a list item).
std::string scenario_text(const std::string& programme, const std::string& population_extra = "") {
  return R"(name: probe
period: {start: 2010, end: 2011}
seed: 1
poverty_line: {2010: 1274, 2011: 2300}
geography: {counties: 2, townships_per_county: 2, villages_per_township: 3, households_per_village: 10}
population:
  income: {median: 2400, gini: 0.38}
  ethnic_minority_share: 0.3
  old_revolutionary_base_share: 0.2
)" + population_extra +
         "programmes:\n" + programme;
}

std::vector<std::string> warnings_of(const std::string& programme,
                                     const std::string& population_extra = "") {
  const ScenarioSet set =
      load_scenario_text(scenario_text(programme, population_extra), "probe.yaml");
  return constant_factor_warnings(set.variants.front());
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::string kVillagePackage = R"(  - name: whole_village
    kind: village_package
    stream: special_fiscal_fund
    cohorts: [{year: 2010, count: 4}]
    tranches: [{programme_year: 1, amount: 100000}]
    allocation:
      - {level: household, rule: RULE}
)";

std::string village_package(const std::string& rule) {
  std::string text = kVillagePackage;
  text.replace(text.find("RULE"), 4, rule);
  return text;
}

TEST(ConstantFactorWarnings, VillageAttributeInAHouseholdSplitOfOneVillage) {
  // A village package gives each village its own amount, so its household stage splits the
  // households of one village at a time: the village's category is the same for all of them.
  const auto w =
      warnings_of(village_package(R"y(formula, formula: "poverty_gap * (1 + ethnic_minority)")y"));
  ASSERT_EQ(w.size(), 1U);
  EXPECT_TRUE(contains(w[0], "programme 'whole_village'")) << w[0];
  EXPECT_TRUE(contains(w[0], "programmes.whole_village.allocation[0]")) << w[0];
  EXPECT_TRUE(contains(w[0], "'ethnic_minority'")) << w[0];
  EXPECT_TRUE(contains(w[0], "one village")) << w[0];
}

TEST(ConstantFactorWarnings, PriorityAndFactorPriorityInAHouseholdSplitOfOneVillage) {
  EXPECT_EQ(warnings_of(village_package(
                            "priority, weights: {ethnic_minority: 1, old_revolutionary_base: 1}"))
                .size(),
            2U);
  EXPECT_EQ(warnings_of(village_package("factor, weights: {poverty_gap: 1, priority: 1}")).size(),
            1U);
  // A category with weight 0 does not act, so it draws no warning.
  EXPECT_EQ(warnings_of(village_package("priority, weights: {ethnic_minority: 0}")).size(), 0U);
  // Attributes of households are not constant within a village.
  EXPECT_TRUE(
      warnings_of(village_package(R"y(formula, formula: "poverty_gap * (income < 1000 ? 2 : 1)")y"))
          .empty());
}

const std::string kSpecialFund = R"(  - name: fund
    kind: special_fund
    stream: special_fiscal_fund
    appropriations: {2010: 1000000}
    allocation:
STAGES)";

std::string special_fund(const std::string& stages) {
  std::string text = kSpecialFund;
  text.replace(text.find("STAGES"), 6, stages);
  return text;
}

TEST(ConstantFactorWarnings, VillageAttributeActsWhereTheSplitSpansVillages) {
  // The county's money is split over the households of all its villages: no warning.
  EXPECT_TRUE(warnings_of(special_fund(R"y(      - {level: county, rule: per_poor_person}
      - {level: household, rule: formula, formula: "poverty_gap * (1 + ethnic_minority)"}
)y"))
                  .empty());
  // Split among villages: the categories differ between them.
  EXPECT_TRUE(warnings_of(special_fund(R"y(      - {level: county, rule: per_poor_person}
      - {level: village, rule: priority, weights: {ethnic_minority: 1}}
      - {level: household, rule: poverty_gap}
)y"))
                  .empty());
}

TEST(ConstantFactorWarnings, CountyAssessmentWithinOneCounty) {
  // The assessment score is the county's: the same for every township, village and household of
  // a county, so it only acts in the province's split among counties.
  EXPECT_TRUE(warnings_of(special_fund(R"y(      - {level: county, rule: performance}
      - {level: household, rule: poverty_gap}
)y"))
                  .empty());
  const auto w = warnings_of(special_fund(R"y(      - {level: county, rule: poverty_gap}
      - {level: household, rule: performance}
)y"));
  ASSERT_EQ(w.size(), 1U);
  EXPECT_TRUE(contains(w[0], "programmes.fund.allocation[1]")) << w[0];
  EXPECT_TRUE(contains(w[0], "'assessment'")) << w[0];
  EXPECT_TRUE(contains(w[0], "one county")) << w[0];
}

TEST(ConstantFactorWarnings, CategoryNoVillageHasIsConstantEverywhere) {
  // No village is a border village (border_share 0): the border weight is zero for every candidate.
  const auto w =
      warnings_of(special_fund(R"y(      - {level: county, rule: priority, weights: {border: 1}}
      - {level: household, rule: poverty_gap}
)y"));
  ASSERT_EQ(w.size(), 1U);
  EXPECT_TRUE(contains(w[0], "'border'")) << w[0];
  EXPECT_TRUE(contains(w[0], "population.border_share")) << w[0];
  // Every village is one: constant too.
  EXPECT_EQ(
      warnings_of(
          special_fund(
              R"y(      - {level: county, rule: formula, formula: "poor_people * (1 + border)"}
      - {level: household, rule: poverty_gap}
)y"),
          "  border_share: 1\n")
          .size(),
      1U);
}

TEST(ConstantFactorWarnings, EveryVariantIsNamed) {
  const std::string text = scenario_text(village_package("poverty_gap")) + R"y(variants:
  - name: plain
  - name: weighted
    set:
      programmes.whole_village.allocation:
        - {level: household, rule: formula, formula: "poverty_gap * (1 + ethnic_minority)"}
)y";
  const ScenarioSet set = load_scenario_text(text, "probe.yaml");
  ASSERT_EQ(set.variants.size(), 2U);
  EXPECT_TRUE(constant_factor_warnings(set.variants[0]).empty());
  const auto w = constant_factor_warnings(set.variants[1]);
  ASSERT_EQ(w.size(), 1U);
  EXPECT_TRUE(contains(w[0], "variant 'weighted'")) << w[0];
}

TEST(ConstantFactorWarnings, NoShippedScenarioHasAWeightThatCancels) {
  for (const auto& e : fs::directory_iterator(fs::path(FUPIN_SOURCE_DIR) / "scenarios")) {
    if (e.path().extension() != ".yaml") continue;
    for (const Scenario& v : load_scenario_file(e.path().string()).variants) {
      for (const std::string& w : constant_factor_warnings(v))
        ADD_FAILURE() << e.path().filename() << ": " << w;
    }
  }
}

}  // namespace
}  // namespace fupin::models
