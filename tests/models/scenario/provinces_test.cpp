// Counties grouped by province: loading, the generated county names and their reading back, and
// the national scenario with its scaled copy.
#include <gtest/gtest.h>

#include <string>

#include "models/scenario/scenario_loader.hpp"

namespace fupin::models {
namespace {

const std::string kScenarios = std::string(FUPIN_SOURCE_DIR) + "/scenarios/";

const std::string kHead = R"(name: provinces
period: {start: 2014, end: 2016}
poverty_line: {base: 2800, base_year: 2014, growth: 0}
)";

const std::string kProvinces = R"(geography:
  provinces:
    - {name: Inner Mongolia, prefix: NM, counties: 3}
    - {name: Jilin, prefix: JL, counties: 1}
    - {name: Tibet, prefix: XZ, counties: 12}
  townships_per_county: 2
  villages_per_township: 2
  households_per_village: 5
)";

GeographySpec geography(const std::string& text) {
  return load_scenario_text(kHead + text, "p.yaml").variants.at(0).geography;
}

TEST(Provinces, CountTheirCountiesAndNameThemWithTheirPrefix) {
  const GeographySpec g = geography(kProvinces);
  ASSERT_EQ(g.provinces.size(), 3U);
  EXPECT_EQ(g.provinces[0].name, "Inner Mongolia");
  EXPECT_EQ(g.provinces[2].prefix, "XZ");
  EXPECT_EQ(g.counties, 16);
  EXPECT_EQ(g.county_name(1), "NM01");
  EXPECT_EQ(g.county_name(3), "NM03");
  EXPECT_EQ(g.county_name(4), "JL01");
  EXPECT_EQ(g.county_name(5), "XZ01");
  EXPECT_EQ(g.county_name(16), "XZ12");
  EXPECT_EQ(g.province_of(1), 0);
  EXPECT_EQ(g.province_of(3), 0);
  EXPECT_EQ(g.province_of(4), 1);
  EXPECT_EQ(g.province_of(16), 2);
}

TEST(Provinces, CountyNamesReadBackToTheirNumberAndNothingElseDoes) {
  const GeographySpec g = geography(kProvinces);
  for (int c = 1; c <= g.counties; ++c) EXPECT_EQ(g.county_number(g.county_name(c)), c) << c;
  for (const std::string bad :
       {"NM04", "JL02", "XZ13", "XZ00", "XZ1", "XZ012", "C01", "NM", "01", "", "nm01", "XZ-1"}) {
    EXPECT_EQ(g.county_number(bad), 0) << bad;
  }
}

TEST(Provinces, WithoutProvincesEveryCountyHasTheOnePrefix) {
  const GeographySpec g = geography(
      "geography: {counties: 12, townships_per_county: 1, villages_per_township: 1, "
      "households_per_village: 1, "
      "county_prefix: YN}\n");
  EXPECT_TRUE(g.provinces.empty());
  EXPECT_EQ(g.county_name(1), "YN01");
  EXPECT_EQ(g.county_name(12), "YN12");
  EXPECT_EQ(g.county_number("YN12"), 12);
  EXPECT_EQ(g.county_number("YN13"), 0);
  EXPECT_EQ(g.province_of(1), -1);
}

TEST(Provinces, ProgrammesNameTheCountiesAndTownshipsOfAProvince) {
  const std::string programmes = R"(programmes:
  - name: pkg
    kind: township_package
    stream: special_fiscal_fund
    cohorts:
      - {year: 2014, selection: listed, townships: [JL01-T02, XZ12-T01]}
    tranches:
      - {programme_year: 1, amount: 1000}
    allocation:
      - {level: household, rule: equal}
  - name: helpers
    kind: paired_assistance
    stream: paired_assistance
    units:
      - {name: Shanghai, counties: [XZ03, NM01], money_per_year: 1000, households: 2}
    allocation:
      - {level: household, rule: equal}
)";
  const ScenarioSet set = load_scenario_text(kHead + kProvinces + programmes, "p.yaml");
  const auto& pkg = params_of<TownshipPackageSpec>(set.variants.at(0).programmes.at(0));
  EXPECT_EQ(pkg.cohorts.at(0).townships, (std::vector<std::string>{"JL01-T02", "XZ12-T01"}));
  const auto& helpers = params_of<PairedAssistanceSpec>(set.variants.at(0).programmes.at(1));
  EXPECT_EQ(helpers.units.at(0).counties, (std::vector<std::string>{"XZ03", "NM01"}));

  try {
    load_scenario_text(kHead + kProvinces + programmes.substr(0, programmes.find("XZ12-T01")) +
                           "XZ13-T01]}\n" + programmes.substr(programmes.find("    tranches:")),
                       "p.yaml");
    FAIL() << "a township of no county loaded";
  } catch (const ScenarioError& e) {
    EXPECT_NE(e.message().find("no township 'XZ13-T01'"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("NM01-T01 to XZ12-T02"), std::string::npos) << e.message();
  }
}

TEST(Provinces, TheNationalScenarioHasTheDesignatedPoorCountiesOfEachProvince) {
  const ScenarioSet set = load_scenario_file(kScenarios + "china_2014_2020.yaml");
  ASSERT_EQ(set.variants.size(), 2U);
  const GeographySpec& g = set.variants[0].geography;
  EXPECT_EQ(g.provinces.size(), 22U);
  EXPECT_EQ(g.counties, 832);
  EXPECT_EQ(g.provinces.front().name, "Hebei");
  EXPECT_EQ(g.provinces.front().counties, 45);
  EXPECT_EQ(g.provinces[15].name, "Yunnan");
  EXPECT_EQ(g.provinces[15].counties, 88);
  const long long villages =
      static_cast<long long>(g.counties) * g.townships_per_county * g.villages_per_township;
  EXPECT_EQ(villages, 128128);
  EXPECT_EQ(set.variants[1].variant, "no_programme");
  EXPECT_EQ(set.variants[0].counterfactual, "no_programme");
}

// The suite runs the scaled copy (tests/models/simulation/shipped_scenarios.hpp): it must be the
// national scenario with fewer households per village and every budget scaled alike.
TEST(Provinces, TheScaledNationalScenarioKeepsTheStructureAndScalesTheBudgets) {
  const ScenarioSet full = load_scenario_file(kScenarios + "china_2014_2020.yaml");
  const ScenarioSet scaled = load_scenario_file(kScenarios + "scaled/china_2014_2020.yaml");
  ASSERT_EQ(full.variants.size(), scaled.variants.size());
  const GeographySpec& f = full.variants[0].geography;
  const GeographySpec& s = scaled.variants[0].geography;
  ASSERT_EQ(f.provinces.size(), s.provinces.size());
  for (std::size_t p = 0; p < f.provinces.size(); ++p) {
    EXPECT_EQ(f.provinces[p].name, s.provinces[p].name);
    EXPECT_EQ(f.provinces[p].prefix, s.provinces[p].prefix);
    EXPECT_EQ(f.provinces[p].counties, s.provinces[p].counties);
  }
  EXPECT_EQ(f.townships_per_county, s.townships_per_county);
  EXPECT_EQ(f.villages_per_township, s.villages_per_township);
  EXPECT_LT(s.households_per_village, f.households_per_village);
  const double factor = static_cast<double>(s.households_per_village) / f.households_per_village;
  const auto& fund_f = params_of<SpecialFundSpec>(full.variants[0].programmes.at(0)).amounts;
  const auto& fund_s = params_of<SpecialFundSpec>(scaled.variants[0].programmes.at(0)).amounts;
  ASSERT_EQ(fund_f.size(), fund_s.size());
  ASSERT_FALSE(fund_f.empty());
  for (const auto& [year, amount] : fund_f) {
    EXPECT_NEAR(static_cast<double>(fund_s.at(year).fen()),
                static_cast<double>(amount.fen()) * factor, 1.0)
        << year;
  }
  // Everything but the households and the money is the same.
  EXPECT_EQ(full.variants[0].population.income.median, scaled.variants[0].population.income.median);
  EXPECT_EQ(full.variants[0].dynamics.growth, scaled.variants[0].dynamics.growth);
}

}  // namespace
}  // namespace fupin::models
