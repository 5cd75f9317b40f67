// `--set key.path=value` overrides: applied to the base document before the variants, checked
// as strictly as the file, errors in them named by the argument, errors elsewhere by the file.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/scenario/scenario_loader.hpp"

namespace fupin::models {
namespace {

const std::string kText = R"(name: overrides
period: {start: 2014, end: 2016}
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
      - {level: household, rule: per_poor_person}
variants:
  - name: plain
  - name: own_growth
    set:
      dynamics.growth: 0.02
)";

std::vector<Override> overrides(const std::vector<std::string>& arguments) {
  std::vector<Override> out;
  out.reserve(arguments.size());
  for (const std::string& a : arguments) out.push_back(parse_override(a));
  return out;
}

ScenarioError load_error(const std::vector<std::string>& arguments) {
  try {
    (void)load_scenario_text(kText, "o.yaml", overrides(arguments));
  } catch (const ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return ScenarioError({}, "", "", "");
}

TEST(CommandLineOverrides, EditTheBaseBeforeTheVariants) {
  const ScenarioSet set = load_scenario_text(
      kText, "o.yaml",
      overrides({"dynamics.growth=0.04", "seed=99", "programmes.first.tranches.0.amount=2000.5"}));
  ASSERT_EQ(set.variants.size(), 2U);
  EXPECT_DOUBLE_EQ(set.variants[0].dynamics.growth, 0.04);
  EXPECT_DOUBLE_EQ(set.variants[1].dynamics.growth,
                   0.02);  // the variant's own set still applies on top
  for (const Scenario& v : set.variants) {
    EXPECT_EQ(v.seed, 99U);
    EXPECT_EQ(params_of<TownshipPackageSpec>(v.programmes.at(0)).tranches.at(0).amount.fen(),
              200050);
    EXPECT_NE(v.resolved_text.find("seed: 99"), std::string::npos) << v.resolved_text;
  }
  EXPECT_EQ(set.text, kText);  // the file's text is what was read
}

TEST(CommandLineOverrides, ArgumentNeedsAPathAndAValue) {
  EXPECT_THROW((void)parse_override("seed"), ScenarioError);
  EXPECT_THROW((void)parse_override("=3"), ScenarioError);
  EXPECT_THROW((void)parse_override("seed="), ScenarioError);
  const Override o = parse_override("formula=a=b");
  EXPECT_EQ(o.path, "formula");
  EXPECT_EQ(o.value, "a=b");
}

TEST(CommandLineOverrides, UnknownKeyNamesTheArgumentWithASuggestion) {
  const ScenarioError e = load_error({"dynamics.grwth=0.1"});
  EXPECT_EQ(e.where().file, "--set dynamics.grwth=0.1");
  EXPECT_EQ(e.where().line, 0);
  EXPECT_NE(e.message().find("did you mean 'growth'?"), std::string::npos) << e.what();
  EXPECT_NE(load_error({"programmes.3.name=x"}).message().find("out of range"), std::string::npos);
  EXPECT_NE(load_error({"variants.0.name=x"}).message().find("variants"), std::string::npos);
}

TEST(CommandLineOverrides, BadValueNamesTheArgumentNotTheFile) {
  for (const char* a :
       {"dynamics.growth=5", "dynamics.growth=fast", "seed=~", "dynamics={growth: 0.1, x: 1}",
        "programmes.0.allocation=[{level: household, rule: equl}]", "dynamics=[1"}) {
    const ScenarioError e = load_error({a});
    EXPECT_EQ(e.where().file, std::string("--set ") + a) << e.what();
    EXPECT_EQ(e.where().line, 0) << e.what();
    EXPECT_EQ(std::string(e.what()).find("o.yaml"), std::string::npos) << e.what();
  }
}

TEST(CommandLineOverrides, ErrorsElsewhereKeepTheirPlaceInTheFile) {
  // One township left: the file's cohort of 2 townships cannot be selected; the error is the
  // cohort's, at its line in the file.
  const ScenarioError e = load_error({"geography.counties=1", "geography.townships_per_county=1"});
  EXPECT_EQ(e.where().file, "o.yaml") << e.what();
  EXPECT_EQ(e.where().line, 12) << e.what();
  // The same check on a count given by --set is reported at the argument.
  const ScenarioError f = load_error({"programmes.0.cohorts.0.count=20"});
  EXPECT_EQ(f.where().file, "--set programmes.0.cohorts.0.count=20") << f.what();
}

TEST(CommandLineOverrides, AnErrorOnAValuesLaterLineNamesTheArgument) {
  // The value spans three lines: its nodes' marks lie on the argument's range of lines, below the
  // file's last line, and not on lines of the file.
  const ScenarioError e = load_error({"seed=3", "dynamics={growth: 0.1,\n\n  x: 1}"});
  EXPECT_EQ(e.where().file, "--set dynamics={growth: 0.1,\n\n  x: 1}") << e.what();
  EXPECT_NE(e.message().find("'x'"), std::string::npos) << e.what();
  // And an error on the file's last line, with overrides given, is still the file's.
  const std::string text = kText + "seed: many";
  try {
    (void)load_scenario_text(text, "o.yaml",
                             overrides({"dynamics={growth: 0.1,\n  noise_sd: 0.1}"}));
    ADD_FAILURE() << "no error";
  } catch (const ScenarioError& f) {
    EXPECT_EQ(f.where().file, "o.yaml") << f.what();
    EXPECT_EQ(f.where().line, 22) << f.what();
  }
  // The same with CR LF line breaks (both bytes counted): the last line is still the file's.
  {
    std::string other;
    for (const char c : text) {
      if (c == '\n')
        other += "\r\n";
      else
        other += c;
    }
    try {
      (void)load_scenario_text(other, "o.yaml", overrides({"dynamics={growth: 0.1}"}));
      ADD_FAILURE() << "no error";
    } catch (const ScenarioError& f) {
      EXPECT_EQ(f.where().file, "o.yaml") << f.what();
      EXPECT_NE(f.message().find("seed"), std::string::npos) << f.what();
    }
  }
}

TEST(CommandLineOverrides, OneVariantLoadedAloneIsTheSameAsLoadedWithTheOthers) {
  const std::vector<Override> given = overrides({"dynamics.growth=0.04", "seed=7"});
  const ScenarioSet all = load_scenario_text(kText, "o.yaml", given);
  for (const Scenario& v : all.variants) {
    const ScenarioSet one = load_scenario_variant(kText, "o.yaml", given, v.variant);
    ASSERT_EQ(one.variants.size(), 1U);
    const Scenario& alone = one.variants.front();
    EXPECT_EQ(alone.variant, v.variant);
    EXPECT_EQ(alone.resolved_text, v.resolved_text);
    EXPECT_EQ(alone.seed, 7U);
    EXPECT_DOUBLE_EQ(alone.dynamics.growth, v.dynamics.growth);
    // Without its document written out: the same variant, an empty resolved_text.
    const Scenario bare =
        load_scenario_variant(kText, "o.yaml", given, v.variant, Resolved::left_empty)
            .variants.front();
    EXPECT_TRUE(bare.resolved_text.empty());
    EXPECT_EQ(bare.variant, v.variant);
    EXPECT_EQ(bare.seed, 7U);
    EXPECT_DOUBLE_EQ(bare.dynamics.growth, v.dynamics.growth);
  }
  // A file without variants has the one variant "base".
  const std::string plain = kText.substr(0, kText.find("variants:"));
  const ScenarioSet base = load_scenario_variant(plain, "o.yaml", given, "base");
  ASSERT_EQ(base.variants.size(), 1U);
  EXPECT_EQ(base.variants.front().resolved_text,
            load_scenario_text(plain, "o.yaml", given).variants.front().resolved_text);
}

TEST(CommandLineOverrides, EveryShippedVariantLoadedAloneIsTheSameAsLoadedWithTheOthers) {
  // The whole resolved document of each variant of each shipped scenario, with and without an
  // override of the base.
  const std::string dir = std::string(FUPIN_SOURCE_DIR) + "/scenarios/";
  for (const char* file :
       {"reference_r1.yaml", "yunnan_whole_township.yaml", "guangdong_plan_to_household.yaml",
        "three_ensures_villages.yaml", "china_2014_2020.yaml", "scaled/china_2014_2020.yaml"}) {
    for (const std::vector<Override>& given :
         {std::vector<Override>{}, overrides({"seed=11", "dynamics.growth=0.045"})}) {
      const ScenarioSet all = load_scenario_file(dir + file, given);
      ASSERT_FALSE(all.variants.empty()) << file;
      for (const Scenario& v : all.variants) {
        const ScenarioSet one = load_scenario_variant(all.text, dir + file, given, v.variant);
        ASSERT_EQ(one.variants.size(), 1U) << file << " " << v.variant;
        EXPECT_EQ(one.variants.front().variant, v.variant);
        EXPECT_EQ(one.variants.front().variant_description, v.variant_description);
        EXPECT_EQ(one.variants.front().counterfactual, v.counterfactual);
        EXPECT_FALSE(v.resolved_text.empty()) << file << " " << v.variant;
        EXPECT_EQ(one.variants.front().resolved_text, v.resolved_text) << file << " " << v.variant;
      }
    }
  }
}

TEST(CommandLineOverrides, OneVariantLoadedAloneLeavesTheOthersUnchecked) {
  // The second variant's own `set` is out of range: loading every variant fails, loading the
  // first alone does not, loading the second alone fails as loading all does.
  std::string text = kText;
  text.replace(text.find("dynamics.growth: 0.02"), 21, "dynamics.growth: 7");
  EXPECT_THROW((void)load_scenario_text(text, "o.yaml"), ScenarioError);
  EXPECT_EQ(load_scenario_variant(text, "o.yaml", {}, "plain").variants.front().variant, "plain");
  try {
    (void)load_scenario_variant(text, "o.yaml", {}, "own_growth");
    ADD_FAILURE() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.where().line, 21) << e.what();
  }
}

TEST(CommandLineOverrides, AnUnknownVariantIsAnErrorNamingTheFilesVariants) {
  try {
    (void)load_scenario_variant(kText, "o.yaml", {}, "own_grwth");
    ADD_FAILURE() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.where().file, "o.yaml");
    EXPECT_NE(e.message().find("no variant 'own_grwth' (variants: plain, own_growth)"),
              std::string::npos)
        << e.what();
  }
}

TEST(CommandLineOverrides, ACounterfactualIsCheckedAgainstEveryVariantOfTheFile) {
  std::string text = kText;
  text.replace(text.find("      dynamics.growth: 0.02"), 0, "      counterfactual: plain\n");
  // own_growth's counterfactual is plain, which is not loaded with it.
  EXPECT_EQ(load_scenario_variant(text, "o.yaml", {}, "own_growth").variants.front().counterfactual,
            "plain");
  text.replace(text.find("counterfactual: plain"), 21, "counterfactual: none_such");
  for (const char* name : {"own_growth", "plain"}) {
    const auto load = [&] {
      return name == std::string("plain") ? load_scenario_text(text, "o.yaml")
                                          : load_scenario_variant(text, "o.yaml", {}, name);
    };
    try {
      (void)load();
      ADD_FAILURE() << "no error";
    } catch (const ScenarioError& e) {
      EXPECT_NE(e.message().find("(variants: plain, own_growth)"), std::string::npos) << e.what();
    }
  }
}

TEST(CommandLineOverrides, APathGivenTwiceIsAnError) {
  const ScenarioError e = load_error({"seed=1", "seed=2"});
  EXPECT_NE(e.message().find("give it once"), std::string::npos) << e.what();
}

}  // namespace
}  // namespace fupin::models
