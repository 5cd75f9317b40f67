// Variants: `set` paths walk mappings by key and lists by index or element name; each variant
// starts from the base; errors inside replacement values point at the variant's text.
#include <gtest/gtest.h>

#include <string>

#include "models/scenario/scenario_loader.hpp"

namespace fupin::models {
namespace {

const std::string kBase = R"(name: variants
period: {start: 2014, end: 2017}
poverty_line: {base: 2800, base_year: 2014, growth: 0.03}
geography: {counties: 2, townships_per_county: 5, villages_per_township: 2, households_per_village: 10}
dynamics:
  growth: 0.06
programmes:
  - name: first
    kind: township_package
    stream: special_fiscal_fund
    cohorts:
      - {year: 2014, selection: poorest_first, count: 2}
    tranches:
      - {programme_year: 1, amount: 1000}
    allocation:
      - {level: village, rule: equal}
      - {level: household, rule: per_poor_person}
  - name: second
    kind: township_package
    stream: east_west_aid
    cohorts:
      - {year: 2015, selection: poorest_first, share: 0.3}
    tranches:
      - {programme_year: 1, amount: 500}
    allocation:
      - {level: household, rule: equal}
)";

const TownshipPackageSpec& package(const Scenario& s, std::size_t i) {
  return params_of<TownshipPackageSpec>(s.programmes.at(i));
}

ScenarioSet load(const std::string& variants) {
  return load_scenario_text(kBase + variants, "v.yaml");
}

ScenarioError load_error(const std::string& variants) {
  try {
    (void)load(variants);
  } catch (const ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for\n" << variants;
  return ScenarioError({}, "", "", "");
}

TEST(ScenarioVariants, PathsWalkKeysIndicesAndNames) {
  const ScenarioSet set = load(R"(variants:
  - name: by_name
    set:
      programmes.second.allocation:
        - {level: household, rule: poverty_gap}
  - name: by_index
    set:
      programmes.0.allocation.1.rule: per_capita
      dynamics.growth: 0.02
  - name: by_key
    set:
      period.end: 2016
      poverty_line.growth: 0.05
)");
  ASSERT_EQ(set.variants.size(), 3U);
  const Scenario& by_name = set.variants[0];
  EXPECT_EQ(package(by_name, 1).allocation.at(0).rule, "poverty_gap");
  EXPECT_EQ(package(by_name, 0).allocation.at(1).rule, "per_poor_person");
  const Scenario& by_index = set.variants[1];
  EXPECT_EQ(package(by_index, 0).allocation.at(1).rule, "per_capita");
  EXPECT_EQ(package(by_index, 1).allocation.at(0).rule, "equal");
  EXPECT_EQ(by_index.dynamics.growth, 0.02);
  const Scenario& by_key = set.variants[2];
  EXPECT_EQ(by_key.end_year, 2016);
  EXPECT_EQ(by_key.poverty_line.by_year.size(), 3U);
  EXPECT_DOUBLE_EQ(by_key.poverty_line.at(2016), 2800 * 1.05 * 1.05);
  EXPECT_EQ(by_key.dynamics.growth, 0.06);  // not by_index's override
}

TEST(ScenarioVariants, EachVariantStartsFromTheBase) {
  const ScenarioSet set = load(R"(variants:
  - name: a
    set:
      programmes.first.allocation.0.rule: per_capita
  - name: b
  - name: c
    set:
      programmes.first.tranches.0.amount: 2000
)");
  EXPECT_EQ(package(set.variants[0], 0).allocation.at(0).rule, "per_capita");
  EXPECT_EQ(package(set.variants[0], 0).tranches.at(0).amount.fen(), 100'000);
  EXPECT_EQ(package(set.variants[1], 0).allocation.at(0).rule, "equal");
  EXPECT_EQ(package(set.variants[2], 0).allocation.at(0).rule, "equal");
  EXPECT_EQ(package(set.variants[2], 0).tranches.at(0).amount.fen(), 200'000);
}

TEST(ScenarioVariants, AKeyTheFormatAcceptsMayBeAdded) {
  const ScenarioSet set = load(R"(variants:
  - name: seeded
    set:
      seed: 99
      dynamics.noise_sd: 0.3
      programmes.first.disbursement: {month: 6, day: 30}
)");
  EXPECT_EQ(set.variants[0].seed, 99U);
  EXPECT_EQ(set.variants[0].dynamics.noise_sd, 0.3);
  EXPECT_EQ(package(set.variants[0], 0).disbursement_month, 6);
  EXPECT_EQ(package(set.variants[0], 0).disbursement_day, 30);
}

TEST(ScenarioVariants, ErrorsInReplacementValuesPointAtTheVariant) {
  const ScenarioError e = load_error(R"(variants:
  - name: broken
    set:
      programmes.second.allocation:
        - {level: household, rule: nearest}
)");
  EXPECT_EQ(e.where().line, 31);
  EXPECT_EQ(e.where().column, 36);
  EXPECT_EQ(e.yaml_path(), "programmes[1].allocation[0].rule");
  EXPECT_NE(e.message().find("unknown rule 'nearest'"), std::string::npos) << e.what();
  EXPECT_NE(e.message().find("(in variant 'broken')"), std::string::npos) << e.what();
}

TEST(ScenarioVariants, ErrorsCausedByAnOverrideElsewhereNameTheVariant) {
  // Ending the period in 2014 leaves the second programme's 2015 cohort outside it.
  const ScenarioError e = load_error(R"(variants:
  - name: short
    set:
      period.end: 2014
)");
  EXPECT_EQ(e.where().line, 22);  // the 2015 cohort's year, in the base text
  EXPECT_NE(e.message().find(
                "cohort year 2015 is outside the period 2014\u20132014 (in variant 'short')"),
            std::string::npos)
      << e.what();
}

TEST(ScenarioVariants, BadPathsPointAtTheSegment) {
  const std::string variants = R"(variants:
  - name: bad
    set:
      programmes.first.alocation: []
)";
  const ScenarioError e = load_error(variants);
  EXPECT_EQ(e.where().line, 30);
  EXPECT_EQ(e.where().column, 24);  // under "alocation"
  EXPECT_NE(e.message().find("no key 'alocation' in programmes[0] (did you mean 'allocation'?)"),
            std::string::npos)
      << e.what();

  EXPECT_NE(load_error("variants:\n  - name: bad\n    set:\n      programmes.5.kind: x\n")
                .message()
                .find("index 5 is out of range: programmes has 2 elements"),
            std::string::npos);
  EXPECT_NE(load_error("variants:\n  - name: bad\n    set:\n      programmes.third.kind: x\n")
                .message()
                .find("no element named 'third' in programmes; names there: first, second"),
            std::string::npos);
  EXPECT_NE(load_error("variants:\n  - name: bad\n    set:\n      name.first: x\n")
                .message()
                .find("name is a single value; it has no 'first'"),
            std::string::npos);
  EXPECT_NE(load_error("variants:\n  - name: bad\n    set:\n      dynamics.colour: x\n")
                .message()
                .find("no key 'colour' in dynamics; keys there: growth, noise_sd"),
            std::string::npos);
  EXPECT_NE(load_error("variants:\n  - name: bad\n    set:\n      variants.0.name: x\n")
                .message()
                .find("a variant cannot change the variants"),
            std::string::npos);
  EXPECT_NE(load_error("variants:\n  - name: bad\n    set:\n      period..end: 1\n")
                .message()
                .find("empty path segment"),
            std::string::npos);
}

TEST(ScenarioVariants, TheVariantListIsChecked) {
  EXPECT_NE(load_error("variants: []\n").message().find("give at least one variant"),
            std::string::npos);
  EXPECT_NE(load_error("variants:\n  - name: a\n  - name: a\n")
                .message()
                .find("duplicate variant name 'a'"),
            std::string::npos);
  EXPECT_NE(load_error("variants:\n  - name: a b\n").message().find("must use only letters"),
            std::string::npos);
  EXPECT_NE(load_error("variants:\n  - name: a\n    set: [x]\n")
                .message()
                .find("expected a mapping, got a list"),
            std::string::npos);
  EXPECT_NE(load_error("variants:\n  - nme: a\n").message().find("did you mean 'name'"),
            std::string::npos);
}

}  // namespace
}  // namespace fupin::models
