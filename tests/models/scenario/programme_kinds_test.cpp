// Every programme kind loads with the right values: the two example scenarios that use them, the
// defaults of each kind, the common keys (idle_money, admin_cost) and allocation rule parameters.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/scenario/programme_kind.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/scenario_names.hpp"

namespace fupin::models {
namespace {

const std::string kScenarios = std::string(FUPIN_SOURCE_DIR) + "/scenarios/";

const ProgrammeSpec& programme(const Scenario& s, const std::string& name) {
  for (const ProgrammeSpec& p : s.programmes) {
    if (p.name == name) return p;
  }
  throw std::out_of_range("no programme " + name);
}

template <typename Spec>
const Spec& params(const Scenario& s, const std::string& name) {
  return params_of<Spec>(programme(s, name));
}

sim::Money yuan(std::int64_t y) { return sim::Money::from_yuan(y); }

// A small scenario to which the tests below add programmes: 2 counties x 2 townships x 3 villages
// x 10 households, prefix C (counties C01, C02), 2014-2016.
const std::string kBase = R"(name: kinds
period: {start: 2014, end: 2016}
poverty_line: {base: 2800, base_year: 2014, growth: 0}
geography: {counties: 2, townships_per_county: 2, villages_per_township: 3, households_per_village: 10}
programmes:
)";

Scenario load(const std::string& programmes) {
  return load_scenario_text(kBase + programmes, "kinds.yaml").variants.at(0);
}

std::string error_of(const std::string& programmes) {
  try {
    (void)load_scenario_text(kBase + programmes, "kinds.yaml");
  } catch (const ScenarioError& e) {
    return e.message();
  }
  return "no error";
}

TEST(ProgrammeKinds, KindIsTheTypeOfTheParameters) {
  // A spec's kind is found from the type of its params, so the two cannot disagree.
  const Scenario s = load_scenario_file(kScenarios + "three_ensures_villages.yaml").variants.at(0);
  for (const ProgrammeSpec& p : s.programmes)
    EXPECT_EQ(find_programme_kind(p.kind())->params_type, p.params.type());
  const Scenario g =
      load_scenario_file(kScenarios + "guangdong_plan_to_household.yaml").variants.at(0);
  for (const ProgrammeSpec& p : g.programmes)
    EXPECT_EQ(find_programme_kind(p.kind())->params_type, p.params.type());
  // special_fund and donation share one spec (AppropriationSpec) but keep their own types.
  EXPECT_NE(find_programme_kind("special_fund")->params_type,
            find_programme_kind("donation")->params_type);
}

TEST(ProgrammeKinds, LoadsTheGuangdongExample) {
  const ScenarioSet set = load_scenario_file(kScenarios + "guangdong_plan_to_household.yaml");
  ASSERT_EQ(set.variants.size(), 3U);
  EXPECT_EQ(set.variants[0].variant, "factor_method");
  EXPECT_EQ(set.variants[1].variant, "equal_counties");
  EXPECT_EQ(set.variants[2].variant, "lift_most_people");
  const Scenario& s = set.variants[0];
  EXPECT_EQ(s.start_year, 2009);
  EXPECT_EQ(s.end_year, 2011);
  for (int year = 2009; year <= 2011; ++year) EXPECT_EQ(s.poverty_line.at(year), 1500);
  EXPECT_EQ(s.thresholds, std::vector<double>{2500});
  EXPECT_EQ(s.geography.county_prefix, "GD");
  EXPECT_LE(static_cast<long long>(s.geography.counties) * s.geography.townships_per_county *
                s.geography.villages_per_township * s.geography.households_per_village,
            100'000);
  EXPECT_EQ(s.population.old_revolutionary_base_share, 0.2);
  EXPECT_EQ(s.population.ethnic_minority_share, 0);
  ASSERT_EQ(s.programmes.size(), 5U);

  const ProgrammeSpec& fund = programme(s, "provincial_fund");
  EXPECT_EQ(fund.kind(), "special_fund");
  EXPECT_EQ(fund.stream, "special_fiscal_fund");
  EXPECT_EQ(fund.idle, IdleMoney::carry_over);
  EXPECT_EQ(fund.admin_cost, (std::map<Level, double>{{Level::county, 0.02}}));
  const auto& sf = params_of<SpecialFundSpec>(fund);
  EXPECT_EQ(sf.amounts,
            (YearlyAmounts{
                {2009, yuan(30'000'000)}, {2010, yuan(36'000'000)}, {2011, yuan(43'000'000)}}));
  EXPECT_EQ(sf.disbursement_month, 4);
  EXPECT_EQ(sf.disbursement_day, 1);
  ASSERT_EQ(sf.allocation.size(), 2U);
  EXPECT_EQ(sf.allocation[0].level, Level::county);
  EXPECT_EQ(sf.allocation[0].rule, "factor");
  EXPECT_EQ(sf.allocation[0].params.weights,
            (std::map<std::string, double>{{"poor_people", 0.6}, {"poverty_gap", 0.4}}));
  EXPECT_TRUE(sf.allocation[0].params.formula.empty());
  EXPECT_EQ(sf.allocation[1].level, Level::household);
  EXPECT_EQ(sf.allocation[1].rule, "poverty_gap");
  EXPECT_TRUE(sf.allocation[1].params.weights.empty());

  const auto& pa = params<PairedAssistanceSpec>(s, "helper_units");
  ASSERT_EQ(pa.units.size(), 6U);
  EXPECT_EQ(pa.units[0].name, "Guangzhou");
  EXPECT_EQ(pa.units[0].counties, (std::vector<std::string>{"GD01", "GD02"}));
  EXPECT_EQ(pa.units[0].money_per_year, yuan(6'000'000));
  EXPECT_EQ(pa.units[0].households, 900);
  EXPECT_EQ(pa.units[5].counties, (std::vector<std::string>{"GD01", "GD05", "GD08"}));
  EXPECT_EQ(pa.disbursement_month, 7);
  ASSERT_EQ(pa.allocation.size(), 1U);
  EXPECT_EQ(pa.allocation[0].level, Level::household);

  const auto& mc = params<MicrocreditSpec>(s, "microcredit");
  EXPECT_EQ(programme(s, "microcredit").stream, "poverty_loans");
  EXPECT_EQ(mc.loans, (std::map<int, int>{{2009, 600}, {2010, 800}, {2011, 1000}}));
  EXPECT_EQ(mc.loan_amount, yuan(10'000));
  EXPECT_EQ(mc.term_years, 2);
  EXPECT_EQ(mc.interest_rate, 0.0531);
  EXPECT_EQ(mc.subsidy_share, 1.0);
  EXPECT_EQ(mc.default_probability, 0.03);
  EXPECT_EQ(mc.subsidy_stream, "interest_subsidy");
  EXPECT_EQ(mc.project.return_rate, 0.18);
  EXPECT_EQ(mc.disbursement_month, 3);
  EXPECT_EQ(mc.disbursement_day, 15);

  const auto& ma = params<MutualAidFundSpec>(s, "mutual_aid_pilots");
  EXPECT_EQ(ma.seed_year, 2009);
  EXPECT_EQ(ma.villages, 40);
  EXPECT_EQ(ma.seed_capital, yuan(150'000));
  EXPECT_EQ(ma.loan_amount, yuan(3'000));
  EXPECT_EQ(ma.fee_rate, 0.06);
  EXPECT_EQ(ma.default_probability, 0.03);

  const auto& d = params<DonationSpec>(s, "poverty_relief_day");
  EXPECT_EQ(d.amounts, (YearlyAmounts{{2010, yuan(8'000'000)}, {2011, yuan(8'000'000)}}));
  EXPECT_EQ(d.disbursement_month, 7);
  ASSERT_EQ(d.allocation.size(), 2U);
  EXPECT_EQ(d.allocation[0].level, Level::county);
  EXPECT_EQ(d.allocation[0].rule, "per_poor_person");

  const auto& equal = params<SpecialFundSpec>(set.variants[1], "provincial_fund").allocation;
  ASSERT_EQ(equal.size(), 2U);
  EXPECT_EQ(equal[0].rule, "equal");
  const auto& lift = params<SpecialFundSpec>(set.variants[2], "provincial_fund").allocation;
  ASSERT_EQ(lift.size(), 2U);
  EXPECT_EQ(lift[1].rule, "optimal");
  EXPECT_EQ(lift[1].params.objective, "people_lifted");
}

TEST(ProgrammeKinds, LoadsTheThreeEnsuresExample) {
  const ScenarioSet set = load_scenario_file(kScenarios + "three_ensures_villages.yaml");
  ASSERT_EQ(set.variants.size(), 3U);
  const Scenario& s = set.variants[0];
  EXPECT_EQ(s.variant, "three_ensures");
  EXPECT_EQ(s.start_year, 2008);
  EXPECT_EQ(s.end_year, 2010);
  EXPECT_EQ(s.poverty_line.at(2010), 1274);
  EXPECT_EQ(s.population.ethnic_minority_share, 0.15);
  EXPECT_EQ(s.population.border_share, 0.10);
  EXPECT_EQ(s.population.old_revolutionary_base_share, 0.25);
  ASSERT_EQ(s.programmes.size(), 9U);

  const ProgrammeSpec& village = programme(s, "whole_village");
  EXPECT_EQ(village.admin_cost, (std::map<Level, double>{{Level::village, 0.01}}));
  const auto& vp = params_of<VillagePackageSpec>(village);
  ASSERT_EQ(vp.cohorts.size(), 2U);
  EXPECT_EQ(vp.cohorts[0].year, 2008);
  EXPECT_EQ(vp.cohorts[0].count, 80);
  EXPECT_EQ(vp.cohorts[1].year, 2009);
  ASSERT_EQ(vp.tranches.size(), 2U);
  EXPECT_EQ(vp.tranches[0].amount, yuan(150'000));
  EXPECT_EQ(vp.tranches[1].programme_year, 2);
  EXPECT_EQ(vp.tranches[1].amount, yuan(50'000));
  EXPECT_EQ(vp.priority_categories, kEthnicMinority | kBorder | kOldRevolutionaryBase);
  EXPECT_EQ(vp.priority_deadline, 2010);
  ASSERT_EQ(vp.allocation.size(), 1U);
  EXPECT_EQ(vp.allocation[0].rule, "poverty_gap");

  const ProgrammeSpec& roads_p = programme(s, "village_roads");
  EXPECT_EQ(roads_p.idle, IdleMoney::returned);
  const auto& roads = params_of<SectorChannelSpec>(roads_p);
  EXPECT_EQ(roads.channel, Channel::roads);
  EXPECT_EQ(roads.budget.at(2010), yuan(28'000'000));
  EXPECT_EQ(roads.unit, UnitKind::village);
  EXPECT_EQ(roads.unit_cost, yuan(400'000));
  EXPECT_EQ(roads.initial_coverage, 0.45);
  EXPECT_EQ(roads.goal_coverage, 1.0);
  EXPECT_EQ(roads.goal_year, 2010);
  EXPECT_EQ(roads.order, "priority_first");
  EXPECT_EQ(roads.growth_uplift, 0.01);
  EXPECT_EQ(roads.income_gain, 0);
  const auto& water = params<SectorChannelSpec>(s, "drinking_water");
  EXPECT_EQ(water.channel, Channel::drinking_water);
  EXPECT_EQ(water.goal_coverage, 0.8);
  const auto& power = params<SectorChannelSpec>(s, "household_power");
  EXPECT_EQ(power.channel, Channel::electricity);
  EXPECT_EQ(power.unit, UnitKind::household);
  EXPECT_EQ(power.income_gain, 60);
  const auto& housing = params<SectorChannelSpec>(s, "safe_housing");
  EXPECT_EQ(housing.channel, Channel::housing);
  EXPECT_EQ(housing.budget.size(), 2U);
  EXPECT_EQ(housing.disbursement_month, 5);  // default

  const auto& ew = params<EastWestSpec>(s, "east_west_aid");
  ASSERT_EQ(ew.pairings.size(), 2U);
  EXPECT_EQ(ew.pairings[0].donor, "Shanghai");
  EXPECT_EQ(ew.pairings[0].counties, (std::vector<std::string>{"YN01", "YN02", "YN03", "YN04"}));
  EXPECT_EQ(ew.pairings[1].donor, "Jiangsu");
  EXPECT_EQ(ew.aid_base, yuan(4'000'000));
  EXPECT_EQ(ew.aid_growth, 0.10);
  EXPECT_EQ(ew.investment_per_year, yuan(5'000'000));
  EXPECT_EQ(ew.jobs_per_million, 4);
  EXPECT_EQ(ew.local_wage, 9000);
  EXPECT_EQ(ew.transfer_jobs_per_year, 150);
  EXPECT_EQ(ew.migrant_wage, 14000);
  EXPECT_EQ(ew.remittance_share, 0.5);
  EXPECT_EQ(ew.disbursement_month, 6);
  ASSERT_EQ(ew.allocation.size(), 2U);
  EXPECT_EQ(ew.allocation[0].level, Level::village);
  EXPECT_EQ(ew.allocation[0].rule, "priority");
  EXPECT_EQ(ew.allocation[0].params.base, "poor_people");
  EXPECT_EQ(ew.allocation[0].params.weights.size(), 3U);

  const auto& plan = params<FundIntegrationSpec>(s, "county_plan");
  EXPECT_EQ(plan.sources, (std::vector<std::string>{"matching_fund", "social_donations"}));
  EXPECT_EQ(programme(s, "county_plan").admin_cost.at(Level::county), 0.01);
  ASSERT_EQ(plan.allocation.size(), 2U);
  EXPECT_EQ(plan.allocation[0].level, Level::village);

  // ethnic_weighted weights the county plan's split among villages (inside one village the
  // village's category would cancel out).
  const auto& weighted = params<FundIntegrationSpec>(set.variants[1], "county_plan").allocation;
  ASSERT_EQ(weighted.size(), 2U);
  EXPECT_EQ(weighted[0].level, Level::village);
  EXPECT_EQ(weighted[0].rule, "formula");
  EXPECT_EQ(weighted[0].params.formula, "poor_people * (1 + ethnic_minority)");
  EXPECT_EQ(weighted[1].rule, "poverty_gap");
  EXPECT_EQ(params<SectorChannelSpec>(set.variants[2], "village_roads").order, "poorest_first");
}

TEST(ProgrammeKinds, CommonKeysHaveTheirDefaults) {
  const Scenario s = load(R"(  - name: fund
    kind: special_fund
    stream: s
    appropriations: {2015: 1000}
    allocation: [{level: household, rule: equal}]
)");
  const ProgrammeSpec& p = s.programmes.at(0);
  EXPECT_EQ(p.idle, IdleMoney::carry_over);
  EXPECT_TRUE(p.admin_cost.empty());
  const auto& sf = params_of<SpecialFundSpec>(p);
  const SpecialFundSpec defaults;
  EXPECT_EQ(sf.disbursement_month, defaults.disbursement_month);
  EXPECT_EQ(sf.disbursement_day, defaults.disbursement_day);
  EXPECT_EQ(sf.project.return_rate, defaults.project.return_rate);
  EXPECT_EQ(sf.amounts, (YearlyAmounts{{2015, yuan(1000)}}));
}

TEST(ProgrammeKinds, IdleMoneyAndAdminCost) {
  const Scenario s = load(R"(  - name: fund
    kind: special_fund
    stream: s
    idle_money: lost
    admin_cost: {county: 0.02, township: 0.01, village: 0}
    appropriations: {2014: 1000.5}
    allocation:
      - {level: county, rule: per_capita}
      - {level: township, rule: equal}
      - {level: village, rule: equal}
      - {level: household, rule: equal}
)");
  const ProgrammeSpec& p = s.programmes.at(0);
  EXPECT_EQ(p.idle, IdleMoney::lost);
  EXPECT_EQ(p.admin_cost,
            (std::map<Level, double>{
                {Level::county, 0.02}, {Level::township, 0.01}, {Level::village, 0}}));
  EXPECT_EQ(params_of<SpecialFundSpec>(p).amounts.at(2014).fen(), 100'050);
  EXPECT_NE(error_of(R"(  - name: fund
    kind: special_fund
    stream: s
    admin_cost: {township: 0.01}
    appropriations: {2014: 1000}
    allocation: [{level: county, rule: equal}, {level: household, rule: equal}]
)")
                .find("never rests at township (it rests at county)"),
            std::string::npos);
}

TEST(ProgrammeKinds, SectorChannelDefaults) {
  const Scenario s = load(R"(  - name: health
    kind: sector_channel
    stream: health_sector
    channel: health
    budget: {2014: 100000}
    unit_cost: 50000
)");
  const auto& c = params_of<SectorChannelSpec>(s.programmes.at(0));
  const SectorChannelSpec defaults;
  EXPECT_EQ(c.channel, Channel::health);
  EXPECT_EQ(c.unit, UnitKind::village);
  EXPECT_EQ(c.goal_year, 0);  // no goal
  EXPECT_EQ(c.goal_coverage, defaults.goal_coverage);
  EXPECT_EQ(c.order, "poorest_first");
  EXPECT_EQ(c.initial_coverage, 0);
  EXPECT_EQ(c.disbursement_month, defaults.disbursement_month);
}

TEST(ProgrammeKinds, EveryChannelHasItsName) {
  for (std::size_t i = 0; i < channel_names().size(); ++i) {
    const auto c = static_cast<Channel>(i);
    EXPECT_EQ(channel_name(c), channel_names()[i]);
    EXPECT_EQ(channel_from_name(channel_name(c)), c);
  }
  EXPECT_EQ(channel_names().size(), static_cast<std::size_t>(kChannelCount));
  EXPECT_FALSE(channel_from_name("road").has_value());
}

TEST(ProgrammeKinds, SectorChannelRules) {
  const std::string head = R"(  - name: houses
    kind: sector_channel
    stream: housing
    channel: housing
    budget: {2014: 20000, 2015: 20000}
)";
  // With idle money carried over, two years of 20,000 can buy a 30,000 unit; returned, never.
  EXPECT_EQ(error_of(head + "    unit_cost: 30000\n"), "no error");
  EXPECT_NE(error_of(head + "    unit_cost: 40001\n").find("more than the whole budget"),
            std::string::npos);
  EXPECT_NE(error_of(head + "    unit_cost: 30000\n    idle_money: returned\n")
                .find("more than every yearly budget"),
            std::string::npos);
  EXPECT_NE(error_of(head + "    unit_cost: 0\n").find("more than 0 yuan"), std::string::npos);
  // A village unit may also lower its households' costs (income_gain); construction takes 0–10
  // years.
  EXPECT_EQ(error_of(head + "    unit_cost: 100\n    income_gain: 50\n    construction_years: 2\n"),
            "no error");
  EXPECT_NE(
      error_of(head + "    unit_cost: 100\n    construction_years: 11\n").find("between 0 and 10"),
      std::string::npos);
  EXPECT_EQ(error_of(head + "    unit_cost: 100\n    unit: household\n    income_gain: 50\n"),
            "no error");
  EXPECT_NE(
      error_of(
          head +
          "    unit_cost: 100\n    initial_coverage: 0.9\n    goal: {coverage: 0.8, year: 2016}\n")
          .find("already reached"),
      std::string::npos);
  EXPECT_NE(error_of(head + "    unit_cost: 100\n    order: richest_first\n")
                .find("valid orders: poorest_first"),
            std::string::npos);
}

TEST(ProgrammeKinds, VillagePackageDefaultsAndShares) {
  const Scenario s = load(R"(  - name: villages
    kind: village_package
    stream: s
    cohorts: [{year: 2014, share: 0.5}, {year: 2015, count: 2}]
    tranches: [{programme_year: 1, amount: 100000}]
    allocation: [{level: household, rule: per_poor_person}]
)");
  const auto& v = params_of<VillagePackageSpec>(s.programmes.at(0));
  ASSERT_EQ(v.cohorts.size(), 2U);
  EXPECT_EQ(v.cohorts[0].share, 0.5);
  EXPECT_EQ(v.cohorts[0].count, 0);
  EXPECT_EQ(v.cohorts[1].count, 2);
  EXPECT_EQ(v.priority_categories, 0);
  EXPECT_EQ(v.priority_deadline, 0);
  // 12 villages: half of them and then 7 more is too many.
  EXPECT_NE(error_of(R"(  - name: villages
    kind: village_package
    stream: s
    cohorts: [{year: 2014, share: 0.5}, {year: 2015, count: 7}]
    tranches: [{programme_year: 1, amount: 100000}]
    allocation: [{level: household, rule: per_poor_person}]
)")
                .find("select 13 villages but the geography has only 12"),
            std::string::npos);
}

TEST(ProgrammeKinds, EastWestNeedsSomethingToGive) {
  EXPECT_NE(error_of(R"(  - name: ew
    kind: east_west
    stream: s
    pairings: [{donor: Shanghai, counties: [C01]}]
)")
                .find("needs at least one of 'fiscal_aid', 'enterprise' and 'labour_transfer'"),
            std::string::npos);
  const Scenario s = load(R"(  - name: ew
    kind: east_west
    stream: s
    pairings: [{donor: Shanghai, counties: [C01, C02]}]
    labour_transfer: {jobs_per_year: 10, wage: 12000, remittance_share: 0.4}
)");
  const auto& ew = params_of<EastWestSpec>(s.programmes.at(0));
  EXPECT_EQ(ew.aid_base, sim::Money());
  EXPECT_TRUE(ew.allocation.empty());
  EXPECT_EQ(ew.transfer_jobs_per_year, 10);
  EXPECT_NE(error_of(R"(  - name: ew
    kind: east_west
    stream: s
    pairings: [{donor: Shanghai, counties: [C01]}]
    fiscal_aid: {base: 100}
)")
                .find("missing key 'allocation'"),
            std::string::npos);
}

TEST(ProgrammeKinds, PairedAssistanceUnitsFitTheirCounties) {
  // A county has 2 x 3 x 10 = 60 households.
  EXPECT_NE(error_of(R"(  - name: pa
    kind: paired_assistance
    stream: s
    units: [{name: u, counties: [C01], money_per_year: 100, households: 61}]
    allocation: [{level: household, rule: equal}]
)")
                .find("its 1 county has 60"),
            std::string::npos);
  EXPECT_EQ(error_of(R"(  - name: pa
    kind: paired_assistance
    stream: s
    units: [{name: u, counties: [C01, C02], money_per_year: 100, households: 120}]
    allocation: [{level: household, rule: equal}]
)"),
            "no error");
}

TEST(ProgrammeKinds, MicrocreditAndMutualAidDefaults) {
  const Scenario s = load(R"(  - name: mc
    kind: microcredit
    stream: loans
    loans: {2014: 10}
    loan: {amount: 5000}
  - name: ma
    kind: mutual_aid_fund
    stream: s
    seed: {year: 2015, villages: 12, capital: 100000}
    loan: {amount: 2000}
)");
  const auto& mc = params_of<MicrocreditSpec>(s.programmes.at(0));
  const MicrocreditSpec mc_defaults;
  EXPECT_EQ(mc.loans, (std::map<int, int>{{2014, 10}}));
  EXPECT_EQ(mc.term_years, mc_defaults.term_years);
  EXPECT_EQ(mc.interest_rate, mc_defaults.interest_rate);
  EXPECT_EQ(mc.subsidy_share, mc_defaults.subsidy_share);
  EXPECT_EQ(mc.default_probability, mc_defaults.default_probability);
  EXPECT_EQ(mc.subsidy_stream, "interest_subsidy");
  EXPECT_EQ(mc.disbursement_day, 15);
  const auto& ma = params_of<MutualAidFundSpec>(s.programmes.at(1));
  const MutualAidFundSpec ma_defaults;
  EXPECT_EQ(ma.seed_year, 2015);
  EXPECT_EQ(ma.villages, 12);
  EXPECT_EQ(ma.fee_rate, ma_defaults.fee_rate);
  EXPECT_EQ(ma.default_probability, ma_defaults.default_probability);
  // 60 loans a year in a geography of 120 households is fine, 121 is not.
  EXPECT_NE(error_of(R"(  - name: mc
    kind: microcredit
    stream: loans
    loans: {2014: 121}
    loan: {amount: 5000}
)")
                .find("121 loans in one year, but the geography has only 120"),
            std::string::npos);
  EXPECT_NE(error_of(R"(  - name: mc
    kind: microcredit
    stream: loans
    loans: {2014: 1}
    loan: {amount: 5000, interest_rate: 1}
)")
                .find("a yearly rate must be at least 0 and below 1"),
            std::string::npos);
}

TEST(ProgrammeKinds, MicrocreditStreamMayBeAnotherProgrammesSubsidyStream) {
  EXPECT_EQ(error_of(R"(  - name: mc
    kind: microcredit
    stream: loans
    subsidy_stream: special_fiscal_fund
    loans: {2014: 1}
    loan: {amount: 5000}
  - name: fund
    kind: special_fund
    stream: special_fiscal_fund
    appropriations: {2014: 1000}
    allocation: [{level: household, rule: equal}]
  - name: mc2
    kind: microcredit
    stream: interest_subsidy
    loans: {2014: 1}
    loan: {amount: 5000}
)"),
            "no error");
}

TEST(ProgrammeKinds, RuleParametersAreCheckedAgainstTheRule) {
  const std::string head = R"(  - name: fund
    kind: special_fund
    stream: s
    appropriations: {2014: 1000}
    allocation:
)";
  EXPECT_EQ(error_of(head + "      - {level: household, rule: equal, weights: {people: 1}}\n"),
            "programmes[0].allocation[0].weights: rule 'equal' takes no 'weights'; it takes no "
            "parameters");
  EXPECT_EQ(error_of(head + "      - {level: household, rule: equal, formula: \"people\"}\n"),
            "programmes[0].allocation[0].formula: rule 'equal' takes no 'formula'; it takes no "
            "parameters");
  EXPECT_NE(
      error_of(head + "      - {level: household, rule: factor, weights: {people: 1, people: 2}}\n")
          .find("given twice"),
      std::string::npos);
  EXPECT_NE(error_of(head + "      - {level: household, rule: factor, weights: {}}\n")
                .find("no weights given"),
            std::string::npos);
  EXPECT_NE(error_of(head + "      - {level: household, rule: factor, weights: {people: high}}\n")
                .find("expected a number"),
            std::string::npos);
  const Scenario s =
      load(head + "      - {level: county, rule: factor, weights: {people: 1, poverty_gap: 2}}\n" +
           "      - {level: household, rule: poverty_gap}\n");
  const auto& stages = params_of<SpecialFundSpec>(s.programmes.at(0)).allocation;
  EXPECT_EQ(stages[0].params.weights,
            (std::map<std::string, double>{{"people", 1}, {"poverty_gap", 2}}));
}

TEST(ProgrammeKinds, RuleParameterCheckIsReportedAtTheOffendingKey) {
  const std::string head = R"(  - name: fund
    kind: special_fund
    stream: s
    appropriations: {2014: 1000}
    allocation:
)";
  auto where = [&head](const std::string& stage) {
    try {
      (void)load_scenario_text(kBase + head + stage, "kinds.yaml");
    } catch (const ScenarioError& e) {
      return e.yaml_path();
    }
    return std::string("no error");
  };
  EXPECT_EQ(
      where("      - {level: household, rule: factor, weights: {people: 1, poor_peple: 1}}\n"),
      "programmes[0].allocation[0].weights.poor_peple");
  EXPECT_EQ(where("      - {level: household, rule: formula, formula: \"poverty_gapp * 2\"}\n"),
            "programmes[0].allocation[0].formula");
  EXPECT_EQ(where("      - {level: household, rule: optimal, objective: most_money}\n"),
            "programmes[0].allocation[0].objective");
}

TEST(ProgrammeKinds, FormulaErrorsPointAtTheWord) {
  // Column of the caret for a formula on line 11 of the document.
  auto column = [](const std::string& formula) {
    const std::string text = kBase + R"(  - name: fund
    kind: special_fund
    stream: s
    appropriations: {2014: 1000}
    allocation:
      - {level: household, rule: formula, formula: )" +
                             formula + "}\n";
    try {
      (void)load_scenario_text(text, "kinds.yaml");
    } catch (const ScenarioError& e) {
      EXPECT_EQ(e.where().line, 11) << e.what();
      return e.where().column;
    }
    return 0;
  };
  const int start = 52;  // where the formula value starts
  EXPECT_EQ(column("\"poverty_gap * (1 + incme)\""), start + 1 + 19);
  EXPECT_EQ(column("poverty_gap * gap"), start + 14);  // the whole word, not the end of poverty_gap
  EXPECT_EQ(column("\"people = 1\""), start + 1 + 7);  // the '=' that assigns
  EXPECT_EQ(column("\"a\\x62\""), start);              // an escaped scalar: its start
}

TEST(ProgrammeKinds, VariantsMayAddYearsAndWeights) {
  const std::string text = kBase + R"(  - name: fund
    kind: special_fund
    stream: s
    appropriations: {2014: 1000}
    allocation:
      - {level: county, rule: factor, weights: {people: 1}}
      - {level: household, rule: equal}
variants:
  - name: more
    set:
      programmes.fund.appropriations.2015: 2000
      programmes.fund.allocation.0.weights.poverty_gap: 3
)";
  const Scenario s = load_scenario_text(text, "kinds.yaml").variants.at(0);
  const auto& sf = params_of<SpecialFundSpec>(s.programmes.at(0));
  EXPECT_EQ(sf.amounts.size(), 2U);
  EXPECT_EQ(sf.allocation[0].params.weights.at("poverty_gap"), 3);
}

}  // namespace
}  // namespace fupin::models
