// The `targets` section: every key resolves to its TargetSpec field, and bad input is refused at
// its line and column.
#include <gtest/gtest.h>

#include <string>

#include "models/scenario/scenario_loader.hpp"

namespace fupin::models {
namespace {

// Lines 1–14; the targets start at line 15.
const std::string kHead = R"(name: targets
period: {start: 2013, end: 2016}
poverty_line: {base: 2800, base_year: 2013, growth: 0}
geography: {counties: 2, townships_per_county: 2, villages_per_township: 3, households_per_village: 10}
programmes:
  - name: package
    kind: township_package
    stream: special_fiscal_fund
    cohorts: [{year: 2013, selection: poorest_first, count: 2}]
    tranches: [{programme_year: 1, amount: 100000}]
    allocation: [{level: household, rule: per_poor_person}]
  - name: roads
    kind: sector_channel
    stream: transport
)";
const std::string kRoads = R"(    channel: roads
    budget: {2013: 100000}
    unit: village
    unit_cost: 50000
targets:
)";

Scenario load(const std::string& targets) {
  return load_scenario_text(kHead + kRoads + targets, "targets.yaml").variants.at(0);
}

struct Failure {
  std::string message;
  int line = 0;
  int column = 0;
};

Failure error_of(const std::string& targets) {
  try {
    (void)load_scenario_text(kHead + kRoads + targets, "targets.yaml");
  } catch (const ScenarioError& e) {
    return {e.message(), e.where().line, e.where().column};
  }
  return {"no error"};
}

// Targets begin on this line (1-based) of the text.
constexpr int kFirst = 20;

TEST(ScenarioTargets, EveryKeyResolves) {
  const Scenario s = load(R"(  - name: reach
    description: assisted households reach 2,500 yuan
    metric: share_income_at_least
    income: 2500
    weight: households
    population: {assisted_by: package, registered_in: 2014, village_categories: [border, ethnic_minority]}
    level: county
    year: 2015
    at_least: 0.8
  - name: solved
    description: township poverty solved
    metric: headcount_ratio
    population: {registered_in: selection}
    level: township
    years_after_selection: 1
    at_most: 0.03
  - name: roads
    description: roads everywhere
    metric: village_coverage
    channel: roads
    year: 2016
    at_least: 1
  - name: reached
    description: villages reached
    metric: villages_reached
    programme: roads
    population: all
    level: village
    year: 2014
    at_least: 0.5
)");
  ASSERT_EQ(s.targets.size(), 4U);
  const TargetSpec& a = s.targets[0];
  EXPECT_EQ(a.name, "reach");
  EXPECT_EQ(a.description, "assisted households reach 2,500 yuan");
  EXPECT_EQ(a.metric, TargetMetric::share_income_at_least);
  EXPECT_EQ(a.income, 2500);
  EXPECT_FALSE(a.weight_people);
  EXPECT_EQ(a.assisted_by, 0);
  EXPECT_EQ(a.registered_in, 2014);
  EXPECT_FALSE(a.registered_in_selection);
  EXPECT_EQ(a.village_categories, kBorder | kEthnicMinority);
  EXPECT_EQ(a.level, TargetLevel::county);
  EXPECT_EQ(a.year, 2015);
  EXPECT_EQ(a.years_after_selection, -1);
  EXPECT_TRUE(a.at_least);
  EXPECT_EQ(a.threshold, 0.8);

  const TargetSpec& b = s.targets[1];
  EXPECT_EQ(b.metric, TargetMetric::headcount_ratio);
  EXPECT_TRUE(b.weight_people);
  EXPECT_TRUE(b.registered_in_selection);
  EXPECT_EQ(b.level, TargetLevel::township);
  EXPECT_EQ(b.year, 0);
  EXPECT_EQ(b.years_after_selection, 1);
  EXPECT_FALSE(b.at_least);
  EXPECT_EQ(b.threshold, 0.03);

  EXPECT_EQ(s.targets[2].metric, TargetMetric::village_coverage);
  EXPECT_EQ(s.targets[2].channel, Channel::roads);
  EXPECT_EQ(s.targets[2].level, TargetLevel::scenario);
  EXPECT_EQ(s.targets[3].programme, 1);
  EXPECT_EQ(s.targets[3].level, TargetLevel::village);
}

TEST(ScenarioTargets, UnknownProgrammeIsLocated) {
  const Failure f = error_of(R"(  - name: reach
    description: d
    metric: headcount_ratio
    population: {assisted_by: pakage}
    year: 2015
    at_most: 0.1
)");
  EXPECT_EQ(f.message,
            "targets[0].population.assisted_by: unknown programme 'pakage' (did you mean "
            "'package'?); valid "
            "programmes: package, roads");
  EXPECT_EQ(f.line, kFirst + 3);
  EXPECT_EQ(f.column, 31);
}

TEST(ScenarioTargets, UnknownCategoryIsLocated) {
  const Failure f = error_of(R"(  - name: v
    description: d
    metric: villages_reached
    programme: package
    population: {village_categories: [border, boarder]}
    year: 2015
    at_least: 1
)");
  EXPECT_NE(f.message.find("unknown village category 'boarder'"), std::string::npos) << f.message;
  EXPECT_EQ(f.line, kFirst + 4);
  EXPECT_EQ(f.column, 47);
}

TEST(ScenarioTargets, YearOutsideThePeriodIsLocated) {
  const Failure f = error_of(R"(  - name: late
    description: d
    metric: headcount_ratio
    year: 2020
    at_most: 0.1
)");
  EXPECT_EQ(f.message, "targets[0].year: target year 2020 is outside the period 2013–2016");
  EXPECT_EQ(f.line, kFirst + 3);
  EXPECT_EQ(f.column, 11);
}

TEST(ScenarioTargets, RegistrationYearOutsideThePeriodIsLocated) {
  const Failure f = error_of(R"(  - name: early
    description: d
    metric: headcount_ratio
    population: {registered_in: 2010}
    year: 2015
    at_most: 0.1
)");
  EXPECT_EQ(f.message,
            "targets[0].population.registered_in: registration year 2010 is outside the period "
            "2013–2016");
  EXPECT_EQ(f.line, kFirst + 3);
}

TEST(ScenarioTargets, RegistrationAfterTheTargetYearIsRefused) {
  const Failure f = error_of(R"(  - name: early
    description: d
    metric: headcount_ratio
    population: {registered_in: 2016}
    year: 2015
    at_most: 0.1
)");
  EXPECT_NE(f.message.find("registration year 2016 is after the target year 2015"),
            std::string::npos)
      << f.message;
  EXPECT_EQ(f.line, kFirst + 3);
}

TEST(ScenarioTargets, ShareThresholdOutsideZeroOneIsRefused) {
  const Failure f = error_of(R"(  - name: t
    description: d
    metric: insured_share
    year: 2015
    at_least: 90
)");
  EXPECT_NE(f.message.find("targets[0].at_least"), std::string::npos) << f.message;
  EXPECT_EQ(f.line, kFirst + 4);
  EXPECT_EQ(f.column, 15);
}

TEST(ScenarioTargets, MeanIncomeThresholdIsYuan) {
  const Scenario s = load(R"(  - name: t
    description: d
    metric: mean_income
    year: 2015
    at_least: 3500
)");
  EXPECT_EQ(s.targets.at(0).threshold, 3500);
  EXPECT_TRUE(s.targets.at(0).weight_people);
}

TEST(ScenarioTargets, BothThresholdsOrNoneAreRefused) {
  EXPECT_EQ(error_of(R"(  - name: t
    description: d
    metric: insured_share
    year: 2015
    at_least: 0.5
    at_most: 0.9
)")
                .message,
            "targets[0].at_most: give either 'at_least' or 'at_most', not both");
  const Failure none = error_of(R"(  - name: t
    description: d
    metric: insured_share
    year: 2015
)");
  EXPECT_NE(none.message.find("give the threshold as 'at_least' or 'at_most'"), std::string::npos)
      << none.message;
  EXPECT_EQ(none.line, kFirst);
}

TEST(ScenarioTargets, YearAndYearsAfterSelection) {
  EXPECT_NE(error_of(R"(  - name: t
    description: d
    metric: insured_share
    at_least: 0.5
)")
                .message.find("give the year of the target as 'year' or 'years_after_selection'"),
            std::string::npos);
  const Failure county = error_of(R"(  - name: t
    description: d
    metric: headcount_ratio
    level: county
    years_after_selection: 1
    at_most: 0.1
)");
  EXPECT_NE(county.message.find("it needs 'level: township'"), std::string::npos) << county.message;
  EXPECT_EQ(county.line, kFirst + 4);
  const Failure far = error_of(R"(  - name: t
    description: d
    metric: headcount_ratio
    level: township
    years_after_selection: 4
    at_most: 0.1
)");
  EXPECT_NE(far.message.find("between 0 and 3"), std::string::npos) << far.message;
  const Failure selection = error_of(R"(  - name: t
    description: d
    metric: headcount_ratio
    population: {registered_in: selection}
    year: 2015
    at_most: 0.1
)");
  EXPECT_NE(selection.message.find("'registered_in: selection' needs 'years_after_selection'"),
            std::string::npos)
      << selection.message;
  EXPECT_EQ(selection.line, kFirst + 3);
}

TEST(ScenarioTargets, KeysOfOtherMetricsAreRefused) {
  const Failure f = error_of(R"(  - name: t
    description: d
    metric: headcount_ratio
    income: 2500
    year: 2015
    at_most: 0.1
)");
  EXPECT_EQ(f.message,
            "targets[0].income: 'income' applies only to the metric share_income_at_least, not to "
            "'headcount_ratio'");
  EXPECT_EQ(f.line, kFirst + 3);
  EXPECT_NE(error_of(R"(  - name: t
    description: d
    metric: villages_reached
    programme: package
    population: {assisted_by: package}
    year: 2015
    at_least: 1
)")
                .message.find("its population takes only village_categories"),
            std::string::npos);
  EXPECT_NE(error_of(R"(  - name: t
    description: d
    metric: share_income_at_least
    year: 2015
    at_least: 0.8
)")
                .message.find("missing required key 'income'"),
            std::string::npos);
}

TEST(ScenarioTargets, UnknownKeysMetricsAndDuplicateNames) {
  const Failure key = error_of(R"(  - name: t
    description: d
    metric: insured_share
    yaer: 2015
    at_least: 0.5
)");
  EXPECT_NE(key.message.find("unknown key 'yaer'"), std::string::npos) << key.message;
  EXPECT_NE(key.message.find("did you mean 'year'?"), std::string::npos) << key.message;
  EXPECT_EQ(key.line, kFirst + 3);
  const Failure metric = error_of(R"(  - name: t
    description: d
    metric: headcount_rato
    year: 2015
    at_most: 0.5
)");
  EXPECT_NE(
      metric.message.find("unknown metric 'headcount_rato' (did you mean 'headcount_ratio'?)"),
      std::string::npos)
      << metric.message;
  const Failure twice = error_of(R"(  - name: t
    description: d
    metric: insured_share
    year: 2015
    at_least: 0.5
  - name: t
    description: d
    metric: insured_share
    year: 2016
    at_least: 0.5
)");
  EXPECT_EQ(twice.message, "targets[1].name: duplicate target name 't' (first given at line 20)");
  EXPECT_EQ(twice.line, kFirst + 5);
}

}  // namespace
}  // namespace fupin::models
