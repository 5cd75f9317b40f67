// The behavioural keys: `shocks`, `management`, `interventions`, the guarantee shares of
// `population` and the project keys of every programme kind resolve to the right values, take the
// defaults of scenario.hpp when left out, and are range-checked.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "models/scenario/programme_kind.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/scenario_names.hpp"

namespace fupin::models {
namespace {

const std::string kHead = R"(name: behaviour
period: {start: 2014, end: 2016}
poverty_line: {base: 2800, base_year: 2014, growth: 0}
geography: {counties: 2, townships_per_county: 2, villages_per_township: 3, households_per_village: 10}
)";

Scenario load(const std::string& body) {
  return load_scenario_text(kHead + body, "behaviour.yaml").variants.at(0);
}

std::string error_of(const std::string& body) {
  try {
    (void)load_scenario_text(kHead + body, "behaviour.yaml");
  } catch (const ScenarioError& e) {
    return e.message();
  }
  return "no error";
}

TEST(ScenarioBehaviour, LeftOutSectionsTakeTheHeaderDefaults) {
  const Scenario s = load("");
  const ShocksSpec sh;
  EXPECT_EQ(s.shocks.illness_cause_multiplier, sh.illness_cause_multiplier);
  EXPECT_EQ(s.shocks.medical_cost, sh.medical_cost);
  EXPECT_EQ(s.shocks.insurance_cover, sh.insurance_cover);
  EXPECT_EQ(s.shocks.disability_probability, sh.disability_probability);
  EXPECT_EQ(s.shocks.disability_income_loss, sh.disability_income_loss);
  EXPECT_EQ(s.shocks.disaster_probability, sh.disaster_probability);
  EXPECT_EQ(s.shocks.disaster_income_loss, sh.disaster_income_loss);
  EXPECT_EQ(s.shocks.safe_house_factor, sh.safe_house_factor);
  EXPECT_TRUE(s.shocks.markets.empty());

  const ManagementSpec m;
  EXPECT_EQ(s.management.exclusion_error, m.exclusion_error);
  EXPECT_EQ(s.management.inclusion_error, m.inclusion_error);
  EXPECT_EQ(s.management.inclusion_band, m.inclusion_band);
  EXPECT_EQ(s.management.exit_reviews, m.exit_reviews);
  EXPECT_EQ(s.management.verify_guarantees, m.verify_guarantees);
  EXPECT_TRUE(s.management.verify_guarantees);
  EXPECT_EQ(s.management.work_team_share, m.work_team_share);
  EXPECT_EQ(s.management.work_team_error_factor, m.work_team_error_factor);
  EXPECT_EQ(s.management.work_team_success_bonus, m.work_team_success_bonus);
  EXPECT_EQ(s.management.work_team_capture_factor, m.work_team_capture_factor);
  EXPECT_EQ(s.management.county_exit_headcount, m.county_exit_headcount);
  EXPECT_EQ(s.management.dibao_line, m.dibao_line);

  const InterventionSpec iv;
  EXPECT_EQ(s.interventions.job_cost, iv.job_cost);
  EXPECT_EQ(s.interventions.job_wage, iv.job_wage);
  EXPECT_EQ(s.interventions.housing_cost, iv.housing_cost);
  EXPECT_EQ(s.interventions.training_cost, iv.training_cost);
  EXPECT_EQ(s.interventions.migration_probability, iv.migration_probability);
  EXPECT_EQ(s.interventions.remittance, iv.remittance);
  EXPECT_EQ(s.interventions.return_probability, iv.return_probability);
  EXPECT_EQ(s.interventions.relocation_cost_per_person, iv.relocation_cost_per_person);
  EXPECT_EQ(s.interventions.relocation_dip, iv.relocation_dip);
  EXPECT_EQ(s.interventions.relocation_uplift, iv.relocation_uplift);
  EXPECT_EQ(s.interventions.education_cost, iv.education_cost);
  EXPECT_EQ(s.interventions.insurance_premium, iv.insurance_premium);
  EXPECT_EQ(s.interventions.insurance_years, iv.insurance_years);
  EXPECT_EQ(s.interventions.capture, iv.capture);

  const PopulationSpec p;
  EXPECT_EQ(s.population.safe_housing_share, p.safe_housing_share);
  EXPECT_EQ(s.population.insurance_share, p.insurance_share);
  EXPECT_EQ(s.population.schooling_share, p.schooling_share);

  // Empty sections are all defaults too.
  const Scenario e = load("shocks: {}\nmanagement: {}\ninterventions: {}\npopulation: {}\n");
  EXPECT_EQ(e.shocks.medical_cost, sh.medical_cost);
  EXPECT_EQ(e.management.exit_reviews, m.exit_reviews);
  EXPECT_EQ(e.interventions.capture, iv.capture);
  EXPECT_EQ(e.population.insurance_share, p.insurance_share);
}

TEST(ScenarioBehaviour, EveryShocksKeyIsRead) {
  const Scenario s = load(R"(shocks:
  illness_cause_multiplier: 1.5
  medical_cost: 3500.5
  insurance_cover: 0.55
  disability_probability: 0.004
  disability_income_loss: 0.35
  disaster_probability: 0.07
  disaster_income_loss: 0.2
  safe_house_factor: 0.3
  markets:
    - {name: tea, price_sd: 0.2}
    - name: walnut
    - {name: pig-farming, price_sd: 0}
)");
  EXPECT_EQ(s.shocks.illness_cause_multiplier, 1.5);
  EXPECT_EQ(s.shocks.medical_cost, 3500.5);
  EXPECT_EQ(s.shocks.insurance_cover, 0.55);
  EXPECT_EQ(s.shocks.disability_probability, 0.004);
  EXPECT_EQ(s.shocks.disability_income_loss, 0.35);
  EXPECT_EQ(s.shocks.disaster_probability, 0.07);
  EXPECT_EQ(s.shocks.disaster_income_loss, 0.2);
  EXPECT_EQ(s.shocks.safe_house_factor, 0.3);
  ASSERT_EQ(s.shocks.markets.size(), 3U);
  EXPECT_EQ(s.shocks.markets[0].name, "tea");
  EXPECT_EQ(s.shocks.markets[0].price_sd, 0.2);
  EXPECT_EQ(s.shocks.markets[1].name, "walnut");
  EXPECT_EQ(s.shocks.markets[1].price_sd, MarketSpec{}.price_sd);  // default
  EXPECT_EQ(s.shocks.markets[2].name, "pig-farming");
  EXPECT_EQ(s.shocks.markets[2].price_sd, 0);
}

TEST(ScenarioBehaviour, EveryManagementKeyIsRead) {
  const Scenario s = load(R"(management:
  exclusion_error: 0.12
  inclusion_error: 0.08
  inclusion_band: 1.25
  exit_reviews: 2
  verify_guarantees: false
  work_team_share: 0.6
  work_team_error_factor: 0.4
  work_team_success_bonus: 0.15
  work_team_capture_factor: 0.3
  county_exit_headcount: 0.02
  dibao_line: 2434
)");
  EXPECT_EQ(s.management.exclusion_error, 0.12);
  EXPECT_EQ(s.management.inclusion_error, 0.08);
  EXPECT_EQ(s.management.inclusion_band, 1.25);
  EXPECT_EQ(s.management.exit_reviews, 2);
  EXPECT_FALSE(s.management.verify_guarantees);
  EXPECT_EQ(s.management.work_team_share, 0.6);
  EXPECT_EQ(s.management.work_team_error_factor, 0.4);
  EXPECT_EQ(s.management.work_team_success_bonus, 0.15);
  EXPECT_EQ(s.management.work_team_capture_factor, 0.3);
  EXPECT_EQ(s.management.county_exit_headcount, 0.02);
  EXPECT_EQ(s.management.dibao_line, 2434);

  EXPECT_EQ(load("management: {guarantees_from: 2008}\n").management.guarantees_from, 2008);
  EXPECT_EQ(load("management: {exit_reviews: 1}\n").management.guarantees_from, 2016);
  EXPECT_TRUE(load("management: {verify_guarantees: true}\n").management.verify_guarantees);
  EXPECT_TRUE(load("management: {verify_guarantees: True}\n").management.verify_guarantees);
  EXPECT_FALSE(load("management: {verify_guarantees: FALSE}\n").management.verify_guarantees);
}

TEST(ScenarioBehaviour, EveryInterventionsKeyIsRead) {
  const Scenario s = load(R"(interventions:
  job_cost: 40000
  job_wage: 9000
  housing_cost: 25000
  training_cost: 1500
  migration_probability: 0.35
  remittance: 7000
  return_probability: 0.12
  relocation_cost_per_person: 55000
  relocation_dip: 0.15
  relocation_uplift: 0.03
  education_cost: 1200
  insurance_premium: 120
  insurance_years: 3
  capture: 0.05
)");
  EXPECT_EQ(s.interventions.job_cost, 40000);
  EXPECT_EQ(s.interventions.job_wage, 9000);
  EXPECT_EQ(s.interventions.housing_cost, 25000);
  EXPECT_EQ(s.interventions.training_cost, 1500);
  EXPECT_EQ(s.interventions.migration_probability, 0.35);
  EXPECT_EQ(s.interventions.remittance, 7000);
  EXPECT_EQ(s.interventions.return_probability, 0.12);
  EXPECT_EQ(s.interventions.relocation_cost_per_person, 55000);
  EXPECT_EQ(s.interventions.relocation_dip, 0.15);
  EXPECT_EQ(s.interventions.relocation_uplift, 0.03);
  EXPECT_EQ(s.interventions.education_cost, 1200);
  EXPECT_EQ(s.interventions.insurance_premium, 120);
  EXPECT_EQ(s.interventions.insurance_years, 3);
  EXPECT_EQ(s.interventions.capture, 0.05);
}

TEST(ScenarioBehaviour, GuaranteeSharesOfThePopulation) {
  const Scenario s =
      load("population: {safe_housing_share: 0.7, insurance_share: 0.85, schooling_share: 1}\n");
  EXPECT_EQ(s.population.safe_housing_share, 0.7);
  EXPECT_EQ(s.population.insurance_share, 0.85);
  EXPECT_EQ(s.population.schooling_share, 1);
  const Scenario z =
      load("population: {safe_housing_share: 0, insurance_share: 0, schooling_share: 0}\n");
  EXPECT_EQ(z.population.safe_housing_share, 0);
  EXPECT_EQ(z.population.insurance_share, 0);
  EXPECT_EQ(z.population.schooling_share, 0);
}

// One programme of every kind that has a project, each with PROJECT as its project.
const std::string kEveryKind = R"(programmes:
  - name: pkg
    kind: township_package
    stream: s
    cohorts: [{year: 2014, selection: poorest_first, count: 1}]
    tranches: [{programme_year: 1, amount: 1000}]
    allocation: [{level: household, rule: equal}]
    project: PROJECT
  - name: fund
    kind: special_fund
    stream: s
    appropriations: {2014: 1000}
    allocation: [{level: county, rule: equal}, {level: household, rule: equal}]
    project: PROJECT
  - name: villages
    kind: village_package
    stream: s
    cohorts: [{year: 2014, count: 1}]
    tranches: [{programme_year: 1, amount: 1000}]
    allocation: [{level: household, rule: equal}]
    project: PROJECT
  - name: east_west
    kind: east_west
    stream: s
    pairings: [{donor: Shanghai, counties: [C01]}]
    fiscal_aid: {base: 1000}
    allocation: [{level: household, rule: equal}]
    project: PROJECT
  - name: helpers
    kind: paired_assistance
    stream: s
    units: [{name: unit, counties: [C01], money_per_year: 1000, households: 5}]
    allocation: [{level: household, rule: equal}]
    project: PROJECT
  - name: donations
    kind: donation
    stream: s
    amounts: {2014: 1000}
    allocation: [{level: household, rule: equal}]
    project: PROJECT
  - name: credit
    kind: microcredit
    stream: s
    loans: {2014: 5}
    loan: {amount: 1000}
    project: PROJECT
  - name: mutual_aid
    kind: mutual_aid_fund
    stream: s
    seed: {year: 2014, villages: 1, capital: 1000}
    loan: {amount: 100}
    project: PROJECT
  - name: county_plan
    kind: fund_integration
    stream: s
    sources: [fund]
    allocation: [{level: household, rule: equal}]
    project: PROJECT
)";

std::string every_kind(const std::string& project) {
  std::string text = kEveryKind;
  for (std::size_t at = text.find("PROJECT"); at != std::string::npos;
       at = text.find("PROJECT", at)) {
    text.replace(at, 7, project);
    at += project.size();
  }
  return text;
}

const ProjectSpec* project_of(const ProgrammeSpec& p) { return kind_info(p).project(p); }

TEST(ScenarioBehaviour, EveryKindReadsTheProjectKeys) {
  const std::string markets = "shocks:\n  markets: [{name: tea, price_sd: 0.2}, {name: walnut}]\n";
  const Scenario s =
      load(markets + every_kind("{type: skills, return_rate: 0.12, lag_years: 2, "
                                "success_probability: 0.7, depreciation: 0.1, industry: walnut}"));
  ASSERT_EQ(s.programmes.size(), 9U);
  for (const ProgrammeSpec& p : s.programmes) {
    SCOPED_TRACE(p.kind());
    const ProjectSpec* project = project_of(p);
    ASSERT_NE(project, nullptr);
    EXPECT_EQ(project->type, ProjectType::skills);
    EXPECT_EQ(project->return_rate, 0.12);
    EXPECT_EQ(project->lag_years, 2);
    EXPECT_EQ(project->success_probability, 0.7);
    EXPECT_EQ(project->depreciation, 0.1);
    EXPECT_EQ(project->industry, "walnut");
  }

  // Left out, every project key has its default.
  const ProjectSpec defaults;
  const Scenario d = load(every_kind("{}"));
  for (const ProgrammeSpec& p : d.programmes) {
    SCOPED_TRACE(p.kind());
    const ProjectSpec* project = project_of(p);
    ASSERT_NE(project, nullptr);
    EXPECT_EQ(project->type, defaults.type);
    EXPECT_EQ(project->type, ProjectType::income);
    EXPECT_EQ(project->return_rate, defaults.return_rate);
    EXPECT_EQ(project->lag_years, defaults.lag_years);
    EXPECT_EQ(project->success_probability, defaults.success_probability);
    EXPECT_EQ(project->depreciation, defaults.depreciation);
    EXPECT_TRUE(project->industry.empty());
  }

  // Every kind checks its industry against the markets.
  const std::string unknown = error_of(markets + every_kind("{industry: coffee}"));
  EXPECT_NE(unknown.find("programmes[0].project.industry: unknown industry 'coffee'; valid "
                         "industries: tea, walnut"),
            std::string::npos)
      << unknown;
}

TEST(ScenarioBehaviour, EveryProjectTypeByName) {
  ASSERT_EQ(project_type_names().size(), static_cast<std::size_t>(kProjectTypeCount));
  for (std::size_t i = 0; i < project_type_names().size(); ++i) {
    const auto t = static_cast<ProjectType>(i);
    const std::string name(project_type_names()[i]);
    EXPECT_EQ(project_type_name(t), name);
    EXPECT_EQ(project_type_from_name(name), t);
    const Scenario s = load(every_kind("{type: " + name + "}"));
    for (const ProgrammeSpec& p : s.programmes)
      EXPECT_EQ(project_of(p)->type, t) << name << " " << p.kind();
  }
  EXPECT_EQ(project_type_name(ProjectType::health_insurance), std::string("health_insurance"));
  EXPECT_EQ(project_type_name(ProjectType::matched), std::string("matched"));
  EXPECT_FALSE(project_type_from_name("Income").has_value());
  EXPECT_EQ(error_of(every_kind("{type: housng}")),
            "programmes[0].project.type: unknown project type 'housng' (did you mean 'housing'?); "
            "valid project "
            "types: income, village_industry, housing, skills, relocation, education, "
            "health_insurance, matched");
}

TEST(ScenarioBehaviour, IndustryMustNameAMarket) {
  EXPECT_EQ(error_of(every_kind("{industry: tea}")),
            "programmes[0].project.industry: unknown industry 'tea': there are no markets; an "
            "industry names one of "
            "shocks.markets, e.g. shocks: {markets: [{name: tea, price_sd: 0.15}]}");
  const std::string markets = "shocks: {markets: [{name: tea}, {name: walnut}]}\n";
  EXPECT_EQ(error_of(markets + every_kind("{industry: walnt}")),
            "programmes[0].project.industry: unknown industry 'walnt' (did you mean 'walnut'?); "
            "valid industries: "
            "tea, walnut");
  EXPECT_EQ(error_of(markets + every_kind("{industry: tea}")), "no error");
}

TEST(ScenarioBehaviour, ValuesAreRangeChecked) {
  struct Case {
    std::string body;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"shocks: {illness_cause_multiplier: -1}\n",
       "shocks.illness_cause_multiplier: must not be negative, got -1"},
      {"shocks: {medical_cost: -5}\n", "shocks.medical_cost: must not be negative, got -5"},
      {"shocks: {insurance_cover: 1.1}\n",
       "shocks.insurance_cover: a share must be between 0 and 1, got 1.1"},
      {"shocks: {disability_probability: 1.01}\n",
       "shocks.disability_probability: a probability must be between 0 and 1, got 1.01"},
      {"shocks: {disability_income_loss: -0.1}\n",
       "shocks.disability_income_loss: a share must be between 0 and 1, got -0.1"},
      {"shocks: {disaster_probability: 2}\n",
       "shocks.disaster_probability: a probability must be between 0 and 1, got 2"},
      {"shocks: {disaster_income_loss: 1.5}\n",
       "shocks.disaster_income_loss: a share must be between 0 and 1, got 1.5"},
      {"shocks: {safe_house_factor: 1.2}\n",
       "shocks.safe_house_factor: a share must be between 0 and 1, got 1.2"},
      {"shocks: {markets: [{name: tea, price_sd: -0.1}]}\n",
       "shocks.markets[0].price_sd: must not be negative, got -0.1"},
      {"shocks: {markets: [{name: tea}, {name: tea}]}\n",
       "shocks.markets[1].name: duplicate market 'tea' (first given at line 5)"},
      {"shocks: {markets: [{name: 2nd}]}\n",
       "shocks.markets[0].name: market name '2nd' must use only letters, digits, '_' and '-' and "
       "not start with a "
       "digit"},
      {"shocks: {markets: [{price_sd: 0.1}]}\n",
       "missing required key 'name' in shocks.markets[0]"},
      {"shocks: {markets: [{name: tea, price: 0.1}]}\n",
       "unknown key 'price' in shocks.markets[0]; valid keys: name, price_sd"},
      {"shocks: {markets: {name: tea}}\n", "shocks.markets: expected a list, got a mapping"},
      {"management: {exclusion_error: 1.5}\n",
       "management.exclusion_error: a probability must be between 0 and 1, got 1.5"},
      {"management: {inclusion_error: -0.5}\n",
       "management.inclusion_error: a probability must be between 0 and 1, got -0.5"},
      {"management: {inclusion_band: 0.9}\n",
       "management.inclusion_band: must be at least 1, got 0.9"},
      {"management: {exit_reviews: 0}\n",
       "management.exit_reviews: a number of years must be between 1 and 100, got 0"},
      {"management: {exit_reviews: 1.5}\n",
       "management.exit_reviews: expected an integer, got '1.5'"},
      {"management: {verify_guarantees: yes}\n",
       "management.verify_guarantees: expected true or false, got 'yes'"},
      {"management: {verify_guarantees: 'true'}\n",
       "management.verify_guarantees: expected true or false, got the string 'true'"},
      {"management: {verify_guarantees: 1}\n",
       "management.verify_guarantees: expected true or false, got '1'"},
      {"management: {guarantees_from: 20016}\n",
       "management.guarantees_from: year 20016 is not between 1900 and 2200"},
      {"management: {guarantees_from: 2016.5}\n",
       "management.guarantees_from: expected an integer, got '2016.5'"},
      {"management: {guarantees_from: true}\n",
       "management.guarantees_from: expected an integer, got 'true'"},
      {"management: {work_team_share: 1.2}\n",
       "management.work_team_share: a share must be between 0 and 1, got 1.2"},
      {"management: {work_team_error_factor: -1}\n",
       "management.work_team_error_factor: must not be negative, got -1"},
      {"management: {work_team_success_bonus: 1.1}\n",
       "management.work_team_success_bonus: a probability must be between 0 and 1, got 1.1"},
      {"management: {work_team_capture_factor: -0.2}\n",
       "management.work_team_capture_factor: must not be negative, got -0.2"},
      {"management: {county_exit_headcount: 1.5}\n",
       "management.county_exit_headcount: a share must be between 0 and 1, got 1.5"},
      {"management: {dibao_line: -1}\n", "management.dibao_line: must not be negative, got -1"},
      {"management: {exit_review: 2}\n",
       "unknown key 'exit_review' in management (did you mean 'exit_reviews'?)"},
      {"interventions: {job_cost: -1}\n", "interventions.job_cost: must not be negative, got -1"},
      {"interventions: {job_wage: -1}\n", "interventions.job_wage: must not be negative, got -1"},
      {"interventions: {housing_cost: -1}\n",
       "interventions.housing_cost: must not be negative, got -1"},
      {"interventions: {training_cost: -1}\n",
       "interventions.training_cost: must not be negative, got -1"},
      {"interventions: {migration_probability: 1.4}\n",
       "interventions.migration_probability: a probability must be between 0 and 1, got 1.4"},
      {"interventions: {remittance: -1}\n",
       "interventions.remittance: must not be negative, got -1"},
      {"interventions: {return_probability: -0.1}\n",
       "interventions.return_probability: a probability must be between 0 and 1, got -0.1"},
      {"interventions: {relocation_cost_per_person: -1}\n",
       "interventions.relocation_cost_per_person: must not be negative, got -1"},
      {"interventions: {relocation_dip: 1.5}\n",
       "interventions.relocation_dip: a share must be between 0 and 1, got 1.5"},
      {"interventions: {relocation_uplift: -0.01}\n",
       "interventions.relocation_uplift: must not be negative, got -0.01"},
      {"interventions: {education_cost: -1}\n",
       "interventions.education_cost: must not be negative, got -1"},
      {"interventions: {insurance_premium: -90}\n",
       "interventions.insurance_premium: must not be negative, got -90"},
      {"interventions: {insurance_years: 0}\n",
       "interventions.insurance_years: a number of years must be between 1 and 100, got 0"},
      {"interventions: {capture: 1.1}\n",
       "interventions.capture: a share must be between 0 and 1, got 1.1"},
      {"interventions: {captur: 0.1}\n",
       "unknown key 'captur' in interventions (did you mean 'capture'?)"},
      {"population: {safe_housing_share: 1.1}\n",
       "population.safe_housing_share: a share must be between 0 and 1, got 1.1"},
      {"population: {insurance_share: -0.1}\n",
       "population.insurance_share: a share must be between 0 and 1, got -0.1"},
      {"population: {schooling_share: 2}\n",
       "population.schooling_share: a share must be between 0 and 1, got 2"},
      {every_kind("{success_probability: 1.2}"),
       "programmes[0].project.success_probability: a probability must be between 0 and 1, got 1.2"},
      {every_kind("{depreciation: 1}"),
       "programmes[0].project.depreciation: depreciation must be at least 0 and below 1 (1 would "
       "end the returns "
       "after one year), got 1"},
      {every_kind("{depreciation: -0.1}"),
       "programmes[0].project.depreciation: depreciation must be at least 0 and below 1 (1 would "
       "end the returns "
       "after one year), got -0.1"},
      {every_kind("{typ: income}"),
       "unknown key 'typ' in programmes[0].project (did you mean 'type'?)"},
  };
  for (const Case& c : cases) EXPECT_EQ(error_of(c.body), c.message) << c.body;
}

TEST(ScenarioBehaviour, BoundariesAreAccepted) {
  const Scenario s =
      load(R"(shocks: {illness_cause_multiplier: 0, medical_cost: 0, insurance_cover: 1,
         disability_probability: 1, disaster_probability: 0, safe_house_factor: 0}
management: {exclusion_error: 1, inclusion_error: 0, inclusion_band: 1, exit_reviews: 1,
             work_team_share: 1, work_team_error_factor: 3, work_team_capture_factor: 0, county_exit_headcount: 0}
interventions: {job_cost: 0, insurance_premium: 0, insurance_years: 1, capture: 1, relocation_dip: 1}
)" + every_kind("{success_probability: 0, depreciation: 0.999}"));
  EXPECT_EQ(s.shocks.illness_cause_multiplier, 0);
  EXPECT_EQ(s.shocks.disability_probability, 1);
  EXPECT_EQ(s.management.inclusion_band, 1);
  EXPECT_EQ(s.management.work_team_error_factor, 3);  // a factor, capped by the simulation
  EXPECT_EQ(s.interventions.job_cost, 0);
  EXPECT_EQ(s.interventions.capture, 1);
  EXPECT_EQ(project_of(s.programmes.at(0))->success_probability, 0);
  EXPECT_EQ(project_of(s.programmes.at(0))->depreciation, 0.999);
}

TEST(ScenarioBehaviour, VariantsOverrideTheNewSections) {
  const std::string text = kHead + R"(shocks:
  markets:
    - {name: tea, price_sd: 0.2}
management: {exit_reviews: 2}
)" + every_kind("{type: income, industry: tea}") +
                           R"(variants:
  - name: base
  - name: stricter
    set:
      management.exit_reviews: 3
      management.verify_guarantees: false
      shocks.markets.tea.price_sd: 0.4
      interventions: {capture: 0}
      programmes.pkg.project.type: matched
  - name: no_market
    set:
      shocks.markets: []
)";
  try {
    (void)load_scenario_text(text, "v.yaml");
    FAIL() << "the variant without markets loaded";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.message()).find("unknown industry 'tea': there are no markets"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.message()).find("(in variant 'no_market')"), std::string::npos)
        << e.what();
  }
  const std::string good = text.substr(0, text.find("  - name: no_market"));
  const ScenarioSet set = load_scenario_text(good, "v.yaml");
  ASSERT_EQ(set.variants.size(), 2U);
  const Scenario& base = set.variants[0];
  const Scenario& stricter = set.variants[1];
  EXPECT_EQ(base.management.exit_reviews, 2);
  EXPECT_TRUE(base.management.verify_guarantees);
  EXPECT_EQ(base.shocks.markets.at(0).price_sd, 0.2);
  EXPECT_EQ(base.interventions.capture, InterventionSpec{}.capture);
  EXPECT_EQ(project_of(base.programmes.at(0))->type, ProjectType::income);
  EXPECT_EQ(stricter.management.exit_reviews, 3);
  EXPECT_FALSE(stricter.management.verify_guarantees);
  EXPECT_EQ(stricter.shocks.markets.at(0).price_sd, 0.4);
  EXPECT_EQ(stricter.interventions.capture, 0);
  EXPECT_EQ(project_of(stricter.programmes.at(0))->type, ProjectType::matched);
  EXPECT_EQ(project_of(stricter.programmes.at(1))->type, ProjectType::income);
}

}  // namespace
}  // namespace fupin::models
