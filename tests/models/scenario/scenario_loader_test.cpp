// The example scenarios load with the right values; defaults, money, errors and their format.
#include "models/scenario/scenario_loader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "models/scenario/scenario_parser.hpp"

namespace fupin::models {
namespace {

const std::string kScenarios = std::string(FUPIN_SOURCE_DIR) + "/scenarios/";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const TownshipPackageSpec& package(const Scenario& s, std::size_t i = 0) {
  return params_of<TownshipPackageSpec>(s.programmes.at(i));
}

// A minimal scenario for the small cases below; tests append or replace lines.
const std::string kMinimal = R"(name: minimal
period: {start: 2014, end: 2016}
poverty_line: {base: 2800, base_year: 2014, growth: 0}
geography: {counties: 2, townships_per_county: 3, villages_per_township: 2, households_per_village: 10}
)";

const std::string kProgramme = R"(programmes:
  - name: pkg
    kind: township_package
    stream: special_fiscal_fund
    cohorts:
      - {year: 2014, selection: poorest_first, count: 2}
    tranches:
      - {programme_year: 1, amount: AMOUNT}
    allocation:
      - {level: household, rule: equal}
)";

std::string with_amount(const std::string& amount) {
  std::string p = kProgramme;
  p.replace(p.find("AMOUNT"), 6, amount);
  return kMinimal + p;
}

TEST(ScenarioLoader, LoadsTheYunnanExample) {
  const std::string path = kScenarios + "yunnan_whole_township.yaml";
  const ScenarioSet set = load_scenario_file(path);
  EXPECT_EQ(set.file, path);
  EXPECT_EQ(set.text, read_file(path));
  ASSERT_EQ(set.variants.size(), 5U);
  EXPECT_EQ(set.variants[4].variant, "no_programme");
  EXPECT_EQ(set.variants[0].variant, "equal_per_village");
  EXPECT_EQ(set.variants[3].variant, "cause_matched_projects");
  EXPECT_EQ(set.variants[1].variant, "per_poor_person");
  EXPECT_EQ(set.variants[2].variant, "poverty_gap");
  EXPECT_NE(set.variants[2].variant_description.find("poverty gap"), std::string::npos);

  for (const Scenario& s : set.variants) {
    SCOPED_TRACE(s.variant);
    EXPECT_EQ(s.name, "Yunnan whole-township advancement");
    EXPECT_EQ(s.description.back(), '.');
    EXPECT_EQ(s.start_year, 2013);
    EXPECT_EQ(s.end_year, 2016);
    EXPECT_EQ(s.years(), 4);
    EXPECT_EQ(s.seed, 20140101U);
    ASSERT_EQ(s.poverty_line.by_year.size(), 4U);
    EXPECT_EQ(s.poverty_line.at(2013), 2736);
    EXPECT_EQ(s.poverty_line.at(2016), 2952);
    EXPECT_EQ(s.thresholds, (std::vector<double>{2300, 4000}));
    EXPECT_EQ(s.geography.counties, 25);
    EXPECT_EQ(s.geography.townships_per_county, 12);
    EXPECT_EQ(s.geography.villages_per_township, 10);
    EXPECT_EQ(s.geography.households_per_village, 350);
    EXPECT_EQ(s.geography.county_prefix, "YN");
    EXPECT_EQ(s.population.income.median, 4200);
    EXPECT_NEAR(std::erf(s.population.income.sigma / 2), 0.31,
                1e-12);  // G = 2 Phi(sigma / sqrt 2) - 1
    EXPECT_EQ(s.population.region_effects.township_sd, 0.20);
    EXPECT_EQ(s.population.household_size.extra_trials, 6);
    EXPECT_EQ(s.population.household_size.extra_probability, 0.45);
    ASSERT_EQ(s.population.cause_shares.size(), 11U);
    EXPECT_EQ(s.population.cause_shares[0].first, Cause::illness);
    EXPECT_EQ(s.population.cause_shares[0].second, 0.42);
    EXPECT_EQ(s.population.cause_shares[10].first, Cause::other);
    EXPECT_EQ(s.dynamics.growth, 0.14);

    ASSERT_EQ(s.programmes.size(), 1U);
    EXPECT_EQ(s.programmes[0].name, "whole_township");
    EXPECT_EQ(s.programmes[0].kind(), "township_package");
    EXPECT_EQ(s.programmes[0].stream, "special_fiscal_fund");
    const TownshipPackageSpec& p = package(s);
    ASSERT_EQ(p.cohorts.size(), 2U);
    EXPECT_EQ(p.cohorts[0].year, 2013);
    EXPECT_EQ(p.cohorts[0].selection, Selection::poorest_first);
    EXPECT_EQ(p.cohorts[0].count, 56);
    EXPECT_EQ(p.cohorts[1].year, 2014);
    EXPECT_EQ(p.cohorts[1].count, 60);
    ASSERT_EQ(p.tranches.size(), 2U);
    EXPECT_EQ(p.tranches[0].programme_year, 1);
    const std::int64_t each =
        s.variant == "no_programme" ? 0 : 1'000'000'000;  // the counterfactual
    EXPECT_EQ(p.tranches[0].amount.fen(), each);
    EXPECT_EQ(p.tranches[1].programme_year, 2);
    EXPECT_EQ(p.tranches[1].amount.fen(), each);
    ASSERT_EQ(p.top_ups.size(), 1U);
    EXPECT_EQ(p.top_ups[0].cohort_year, 2013);
    EXPECT_EQ(p.top_ups[0].year, 2014);
    EXPECT_EQ(p.top_ups[0].amount.fen(), each);
    EXPECT_EQ(p.disbursement_month, 3);
    EXPECT_EQ(p.disbursement_day, 1);
    EXPECT_EQ(p.project.return_rate, 0.15);
    EXPECT_EQ(p.project.lag_years, 1);
  }

  const auto& base_alloc = package(set.variants[0]).allocation;
  ASSERT_EQ(base_alloc.size(), 2U);
  EXPECT_EQ(base_alloc[0].level, Level::village);
  EXPECT_EQ(base_alloc[0].rule, "equal");
  EXPECT_EQ(base_alloc[1].level, Level::household);
  EXPECT_EQ(base_alloc[1].rule, "per_poor_person");
  const auto& ppp = package(set.variants[1]).allocation;
  ASSERT_EQ(ppp.size(), 1U);
  EXPECT_EQ(ppp[0].level, Level::household);
  EXPECT_EQ(ppp[0].rule, "per_poor_person");
  const auto& gap = package(set.variants[2]).allocation;
  ASSERT_EQ(gap.size(), 1U);
  EXPECT_EQ(gap[0].level, Level::household);
  EXPECT_EQ(gap[0].rule, "poverty_gap");
  // The last variant replaces the project: the intervention that fits each household's cause.
  EXPECT_EQ(package(set.variants[0]).project.type, ProjectType::income);
  EXPECT_EQ(package(set.variants[3]).project.type, ProjectType::matched);
  EXPECT_EQ(package(set.variants[3]).project.industry, "specialty_crops");
  EXPECT_EQ(set.variants[3].shocks.markets.size(), 1U);
  EXPECT_EQ(set.variants[3].management.work_team_share, 0.5);
  EXPECT_EQ(set.variants[3].management.dibao_line, 2000);
}

TEST(ScenarioLoader, LoadsTheReferenceR1Example) {
  const ScenarioSet set = load_scenario_file(kScenarios + "reference_r1.yaml");
  ASSERT_EQ(set.variants.size(), 2U);
  EXPECT_EQ(set.variants[0].variant, "equal");
  EXPECT_EQ(set.variants[1].variant, "poverty_gap");
  for (const Scenario& s : set.variants) {
    SCOPED_TRACE(s.variant);
    EXPECT_EQ(s.seed, 1U);
    ASSERT_EQ(s.poverty_line.by_year.size(), 7U);
    for (int year = 2014; year <= 2020; ++year) {
      EXPECT_DOUBLE_EQ(s.poverty_line.at(year), 2800 * std::pow(1.03, year - 2014)) << year;
    }
    EXPECT_EQ(s.poverty_line.by_year.begin()->first, 2014);
    EXPECT_EQ(s.poverty_line.by_year.rbegin()->first, 2020);
    EXPECT_EQ(s.geography.households_per_village, 400);
    EXPECT_EQ(s.geography.county_prefix, "C");  // default
    EXPECT_EQ(s.population.income.median, 3000);
    EXPECT_EQ(s.population.income.sigma, 0.7);
    EXPECT_EQ(s.population.region_effects.county_sd, 0);  // defaults from here on
    EXPECT_EQ(s.population.labour_probability, 0.6);
    EXPECT_TRUE(s.population.cause_shares.empty());
    EXPECT_TRUE(s.thresholds.empty());
    const TownshipPackageSpec& p = package(s);
    ASSERT_EQ(p.cohorts.size(), 5U);
    for (std::size_t i = 0; i < 5; ++i) {
      EXPECT_EQ(p.cohorts[i].year, 2014 + static_cast<int>(i));
      EXPECT_EQ(p.cohorts[i].selection, Selection::poorest_first);
      EXPECT_EQ(p.cohorts[i].share, 0.2);
      EXPECT_EQ(p.cohorts[i].count, 0);
    }
    EXPECT_TRUE(p.top_ups.empty());
    EXPECT_EQ(p.disbursement_month, 3);
    EXPECT_EQ(p.disbursement_day, 1);
    ASSERT_EQ(p.allocation.size(), 1U);
    EXPECT_EQ(p.allocation[0].level, Level::household);

    // R1's own numbers (shared/R1.md).
    EXPECT_EQ(s.population.household_size.minimum, 1);
    EXPECT_EQ(s.population.household_size.extra_trials, 5);
    EXPECT_EQ(s.population.household_size.extra_probability, 0.4);
    EXPECT_EQ(s.dynamics.growth, 0.06);
    EXPECT_EQ(s.dynamics.noise_sd, 0.15);
    EXPECT_EQ(s.dynamics.illness_probability, 0.05);
    EXPECT_EQ(s.dynamics.illness_income_loss, 0.3);
    EXPECT_EQ(p.tranches.size(), 2U);
    for (const Tranche& t : p.tranches) EXPECT_EQ(t.amount.fen(), 1'000'000'000);
    EXPECT_EQ(p.project.return_rate, 0.15);
    EXPECT_EQ(p.project.lag_years, 1);

    // Every mechanism R1 does not have is off (the defaults turn several of them on).
    EXPECT_EQ(p.project.type, ProjectType::income);
    EXPECT_EQ(p.project.success_probability, 1);
    EXPECT_EQ(p.project.depreciation, 0);
    EXPECT_TRUE(p.project.industry.empty());
    EXPECT_EQ(s.population.safe_housing_share, 1);
    EXPECT_EQ(s.population.insurance_share, 1);
    EXPECT_EQ(s.population.schooling_share, 1);
    EXPECT_EQ(s.shocks.illness_cause_multiplier, 1);
    EXPECT_EQ(s.shocks.medical_cost, 0);
    EXPECT_EQ(s.shocks.disability_probability, 0);
    EXPECT_EQ(s.shocks.disaster_probability, 0);
    EXPECT_TRUE(s.shocks.markets.empty());
    EXPECT_EQ(s.management.exclusion_error, 0);
    EXPECT_EQ(s.management.inclusion_error, 0);
    EXPECT_EQ(s.management.exit_reviews, 1);
    EXPECT_FALSE(s.management.verify_guarantees);
    EXPECT_EQ(s.management.work_team_share, 0);
    EXPECT_EQ(s.management.county_exit_headcount, 0);
    EXPECT_EQ(s.management.dibao_line, 0);
    EXPECT_EQ(s.interventions.capture, 0);
  }
  EXPECT_EQ(package(set.variants[0]).allocation[0].rule, "equal");
  EXPECT_EQ(package(set.variants[1]).allocation[0].rule, "poverty_gap");
}

TEST(ScenarioLoader, WithoutVariantsThereIsOneNamedBase) {
  const ScenarioSet set = load_scenario_text(kMinimal, "minimal.yaml");
  ASSERT_EQ(set.variants.size(), 1U);
  EXPECT_EQ(set.variants[0].variant, "base");
  EXPECT_EQ(set.file, "minimal.yaml");
  EXPECT_EQ(set.text, kMinimal);
}

TEST(ScenarioLoader, DefaultsAreThoseOfTheHeader) {
  const Scenario s = load_scenario_text(kMinimal, "minimal.yaml").variants.at(0);
  const Scenario defaults;
  EXPECT_EQ(s.seed, 1U);
  EXPECT_TRUE(s.description.empty());
  EXPECT_EQ(s.population.income.median, defaults.population.income.median);
  EXPECT_EQ(s.population.income.sigma, defaults.population.income.sigma);
  EXPECT_EQ(s.population.household_size.minimum, defaults.population.household_size.minimum);
  EXPECT_EQ(s.dynamics.growth, defaults.dynamics.growth);
  EXPECT_EQ(s.dynamics.illness_income_loss, defaults.dynamics.illness_income_loss);
  EXPECT_TRUE(s.programmes.empty());
  EXPECT_EQ(s.poverty_line.by_year.size(), 3U);
  EXPECT_EQ(s.poverty_line.at(2016), 2800);
}

TEST(ScenarioLoader, ProgrammeDefaults) {
  const Scenario s = load_scenario_text(with_amount("100"), "t.yaml").variants.at(0);
  const TownshipPackageSpec& p = package(s);
  const TownshipPackageSpec defaults;
  EXPECT_EQ(p.project.return_rate, defaults.project.return_rate);
  EXPECT_EQ(p.project.lag_years, defaults.project.lag_years);
  EXPECT_EQ(p.disbursement_month, defaults.disbursement_month);
  EXPECT_EQ(p.disbursement_day, defaults.disbursement_day);
}

TEST(ScenarioLoader, MoneyIsExactFen) {
  auto fen = [](const std::string& amount) {
    return package(load_scenario_text(with_amount(amount), "t.yaml").variants.at(0))
        .tranches.at(0)
        .amount.fen();
  };
  EXPECT_EQ(fen("10000000"), 1'000'000'000);
  EXPECT_EQ(fen("0.1"), 10);
  EXPECT_EQ(fen("12.34"), 1234);
  EXPECT_EQ(fen("12.340"), 1234);
  EXPECT_EQ(fen("1.5e7"), 1'500'000'000);
  EXPECT_EQ(fen("1.2e-1"), 12);
  EXPECT_EQ(fen("0"), 0);
  // Two townships are selected: twice the amount must still fit in int64 fen.
  EXPECT_EQ(fen("40000000000000000"), 4'000'000'000'000'000'000);
}

TEST(ScenarioLoader, MoneyThatIsNotExactFenIsRejected) {
  for (const char* bad :
       {"12.345", "1e-3", "-1", "10,000", "\"100\"", "100 yuan", "9e17", ".nan", "inf"}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW((void)load_scenario_text(with_amount(bad), "t.yaml"), ScenarioError);
  }
}

TEST(ScenarioLoader, SeedTakesTheWholeUint64Range) {
  const Scenario s =
      load_scenario_text(kMinimal + "seed: 18446744073709551615\n", "t.yaml").variants.at(0);
  EXPECT_EQ(s.seed, 18446744073709551615ULL);
  EXPECT_THROW((void)load_scenario_text(kMinimal + "seed: 18446744073709551616\n", "t.yaml"),
               ScenarioError);
  EXPECT_THROW((void)load_scenario_text(kMinimal + "seed: -1\n", "t.yaml"), ScenarioError);
}

TEST(ScenarioLoader, ListedCohortsNameTheirTownships) {
  std::string text = with_amount("100");
  text.replace(text.find("{year: 2014, selection: poorest_first, count: 2}"),
               std::string("{year: 2014, selection: poorest_first, count: 2}").size(),
               "{year: 2014, selection: listed, townships: [C01-T01, C02-T03]}");
  const ScenarioSet set = load_scenario_text(text, "t.yaml");
  const Cohort& c = package(set.variants.at(0)).cohorts.at(0);
  EXPECT_EQ(c.selection, Selection::listed);
  EXPECT_EQ(c.townships, (std::vector<std::string>{"C01-T01", "C02-T03"}));
}

TEST(ScenarioLoader, GiniGivesTheLognormalSigma) {
  for (double g : {0.05, 0.2, 0.38, 0.5, 0.8, 0.99}) {
    const double sigma = lognormal_sigma_from_gini(g);
    EXPECT_NEAR(std::erf(sigma / 2), g, 1e-14) << g;
  }
  EXPECT_NEAR(lognormal_sigma_from_gini(0.5), 0.953873, 1e-6);
}

TEST(ScenarioLoader, UnreadableFileIsReportedAtLineZero) {
  const std::string path = kScenarios + "no_such_scenario.yaml";
  try {
    (void)load_scenario_file(path);
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.where().file, path);
    EXPECT_EQ(e.where().line, 0);
    EXPECT_EQ(std::string(e.what()),
              path + ": error: cannot open the scenario file: No such file or directory");
  }
  EXPECT_THROW((void)load_scenario_file(kScenarios), ScenarioError);  // a directory
}

TEST(ScenarioLoader, EmptyAndNonMappingDocumentsAreErrors) {
  EXPECT_THROW((void)load_scenario_text("", "t.yaml"), ScenarioError);
  EXPECT_THROW((void)load_scenario_text("# only a comment\n", "t.yaml"), ScenarioError);
  EXPECT_THROW((void)load_scenario_text("- a\n- b\n", "t.yaml"), ScenarioError);
  EXPECT_THROW((void)load_scenario_text(kMinimal + "---\nname: second\n", "t.yaml"), ScenarioError);
}

TEST(ScenarioError, MessageQuotesTheLineWithACaret) {
  const std::string text = kMinimal + "dynamics:\n  growht: 0.05\n";
  try {
    (void)load_scenario_text(text, "s.yaml");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.where().line, 6);
    EXPECT_EQ(e.where().column, 3);
    EXPECT_EQ(e.yaml_path(), "dynamics.growht");
    EXPECT_EQ(e.message(), "unknown key 'growht' in dynamics (did you mean 'growth'?)");
    EXPECT_EQ(std::string(e.what()),
              "s.yaml:6:3: error: unknown key 'growht' in dynamics (did you mean 'growth'?)\n"
              "    6 |   growht: 0.05\n"
              "      |   ^");
  }
}

TEST(ScenarioError, ConstructedDirectly) {
  const ScenarioError e({"f.yaml", 2, 5}, "a.b", "bad", "first\nab: xyz\nthird\n");
  EXPECT_EQ(std::string(e.what()), "f.yaml:2:5: error: bad\n    2 | ab: xyz\n      |     ^");
  EXPECT_EQ(e.message(), "bad");
  EXPECT_EQ(e.yaml_path(), "a.b");
  const ScenarioError beyond({"f.yaml", 9, 1}, "", "eof", "one line\n");
  EXPECT_EQ(std::string(beyond.what()), "f.yaml:9:1: error: eof");
}

TEST(ScenarioLoader, WrongTypesSayWhatWasExpected) {
  auto message = [](const std::string& text) {
    try {
      (void)load_scenario_text(text, "t.yaml");
    } catch (const ScenarioError& e) {
      return e.message();
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(kMinimal + "seed: abc\n"), "seed: expected a non-negative integer, got 'abc'");
  EXPECT_EQ(message(kMinimal + "thresholds: 2300\n"), "thresholds: expected a list, got '2300'");
  EXPECT_EQ(message(kMinimal + "dynamics: [1, 2]\n"), "dynamics: expected a mapping, got a list");
  EXPECT_EQ(message(kMinimal + "dynamics: {growth: }\n"),
            "dynamics.growth: expected a number, got nothing");
  EXPECT_EQ(message(kMinimal + "dynamics: {growth: '0.1'}\n"),
            "dynamics.growth: expected a number, got the string '0.1'");
  EXPECT_EQ(message(kMinimal + "thresholds: [4000, 2300]\n"),
            "thresholds[1]: thresholds must be in increasing order; 2300 follows 4000");
}

}  // namespace
}  // namespace fupin::models

namespace fupin::models {
namespace {

// output.households: all, none or increasing years of the period, each error at its own value.
TEST(ScenarioLoader, HouseholdPanelYears) {
  EXPECT_TRUE(load_scenario_text(kMinimal, "t.yaml").variants[0].output.household_years.empty());
  EXPECT_EQ(load_scenario_text(kMinimal + "output: {households: all}\n", "t.yaml")
                .variants[0]
                .output.household_years,
            (std::vector<int>{2014, 2015, 2016}));
  EXPECT_TRUE(load_scenario_text(kMinimal + "output: {households: none}\n", "t.yaml")
                  .variants[0]
                  .output.household_years.empty());
  EXPECT_EQ(load_scenario_text(kMinimal + "output:\n  households: [2014, 2016]\n", "t.yaml")
                .variants[0]
                .output.household_years,
            (std::vector<int>{2014, 2016}));
  const auto error = [](const std::string& text) {
    try {
      (void)load_scenario_text(kMinimal + text, "t.yaml");
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error("output:\n  households: [2014, 2017]\n")
                .find("t.yaml:6:22: error: output.households[1]: a household "
                      "panel year 2017 is outside the period 2014–2016"),
            std::string::npos)
      << error("output:\n  households: [2014, 2017]\n");
  EXPECT_NE(error("output:\n  households: [2015, 2014]\n").find("t.yaml:6:22"), std::string::npos);
  EXPECT_NE(error("output:\n  households: some\n").find("t.yaml:6:15"), std::string::npos)
      << error("output:\n  households: some\n");
  EXPECT_NE(error("output:\n  household: all\n").find("t.yaml:6:3"), std::string::npos)
      << error("output:\n  household: all\n");
}

}  // namespace
}  // namespace fupin::models

namespace fupin::models {
namespace {

std::string load_error(const std::string& text) {
  try {
    (void)load_scenario_text(text, "t.yaml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

// yaml-cpp 0.7's LoadAll never returns on a lone comma (found by the loader's fuzzer): the loader
// reads one document and walks the stream for at most two, so these are errors, not hangs.
TEST(ScenarioLoader, AStreamThatYamlCppLoopsOnIsAnError) {
  for (const std::string text : {",", ",)", "\n,\n", "- ,"}) {
    EXPECT_NE(load_error(text).find("t.yaml"), std::string::npos) << text;
  }
  EXPECT_NE(load_error(",").find("the scenario is empty"), std::string::npos) << load_error(",");
  const std::string two = kMinimal + "---\nname: second\n";
  EXPECT_NE(load_error(two).find("t.yaml:5:"), std::string::npos) << load_error(two);
  EXPECT_NE(load_error(two).find("more than one YAML document"), std::string::npos)
      << load_error(two);
}

// The walk for a second document is made once for a text that holds one (a sweep loads the same
// text for every point): loading it again gives the same scenario, and a text that holds a second
// document, or an error only the walk finds, is refused every time it is loaded, also after its
// first document alone was loaded.
TEST(ScenarioLoader, ATextLoadedAgainIsCheckedAsTheFirstTime) {
  const auto resolved = [](const std::string& text) {
    return load_scenario_text(text, "t.yaml").variants.at(0).resolved_text;
  };
  const std::string once = resolved(kMinimal);
  EXPECT_EQ(resolved(kMinimal), once);
  const std::string two = kMinimal + "---\nname: second\n";
  const std::string broken_second = kMinimal + "---\nname: [second\n";
  for (int round = 0; round < 3; ++round) {
    EXPECT_NE(load_error(two).find("more than one YAML document"), std::string::npos)
        << load_error(two);
    EXPECT_NE(load_error(broken_second).find("t.yaml:"), std::string::npos)
        << load_error(broken_second);
    EXPECT_EQ(load_error(broken_second).find("no error"), std::string::npos);
    EXPECT_EQ(resolved(kMinimal), once);
  }
  // More texts than are remembered, in turn: each still loads as itself.
  for (int round = 0; round < 2; ++round) {
    for (int k = 0; k < 6; ++k) {
      const std::string text = kMinimal + "# comment " + std::to_string(k) + "\n";
      EXPECT_EQ(load_error(text), "no error") << k;
      EXPECT_NE(load_error(text + "---\nname: x\n").find("more than one YAML document"),
                std::string::npos)
          << k;
    }
  }
}

}  // namespace
}  // namespace fupin::models
