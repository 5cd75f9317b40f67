// The funding network: which programmes an integration may pool, cycles between integrations,
// the levels where each programme's money rests, and the order in which programmes are funded.
#include "models/scenario/funding_network.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "models/scenario/scenario_loader.hpp"

namespace fupin::models {
namespace {

const std::string kBase = R"(name: network
period: {start: 2014, end: 2016}
poverty_line: {base: 2800, base_year: 2014, growth: 0}
geography: {counties: 2, townships_per_county: 2, villages_per_township: 3, households_per_village: 10}
programmes:
  - name: fund
    kind: special_fund
    stream: special_fiscal_fund
    appropriations: {2014: 1000000}
    allocation: [{level: county, rule: equal}, {level: household, rule: equal}]
  - name: gifts
    kind: donation
    stream: social_donations
    amounts: {2015: 1000}
    allocation: [{level: county, rule: equal}, {level: household, rule: equal}]
  - name: roads
    kind: sector_channel
    stream: transport
    channel: roads
    budget: {2014: 1000000}
    unit_cost: 100000
)";

std::string integration(const std::string& name, const std::string& sources) {
  return "  - name: " + name +
         "\n    kind: fund_integration\n    stream: pooled\n    sources: " + sources +
         "\n    allocation: [{level: village, rule: equal}, {level: household, rule: equal}]\n";
}

struct Failure {
  std::string message;
  std::string path;
  int line = 0;
};

Failure failure(const std::string& programmes) {
  try {
    (void)load_scenario_text(kBase + programmes, "network.yaml");
  } catch (const ScenarioError& e) {
    return {e.message(), e.yaml_path(), e.where().line};
  }
  return {"no error", "", 0};
}

TEST(FundingNetwork, IntegrationPoolsCountyMoney) {
  const Scenario s =
      load_scenario_text(kBase + integration("pool", "[fund, gifts]"), "n.yaml").variants.at(0);
  EXPECT_EQ(params_of<FundIntegrationSpec>(s.programmes.at(3)).sources,
            (std::vector<std::string>{"fund", "gifts"}));
}

TEST(FundingNetwork, UnknownSourceSuggestsAName) {
  const Failure f = failure(integration("pool", "[fnd]"));
  EXPECT_EQ(f.path, "programmes[3].sources[0]");
  EXPECT_EQ(f.message,
            "programmes[3].sources[0]: no programme 'fnd' to integrate (did you mean 'fund'?); "
            "programmes: fund, "
            "gifts, roads, pool");
}

TEST(FundingNetwork, SectorChannelsCannotBeIntegrated) {
  const Failure f = failure(integration("pool", "[fund, roads]"));
  EXPECT_EQ(f.path, "programmes[3].sources[1]");
  EXPECT_NE(f.message.find("programme 'roads' (sector_channel) cannot be integrated"),
            std::string::npos);
  EXPECT_NE(f.message.find("stays in its channel"), std::string::npos);
}

TEST(FundingNetwork, OnlyMoneyThatRestsAtCountyCanBePooled) {
  // A special fund going straight to townships never rests at county level.
  const std::string township_fund = R"(  - name: direct
    kind: special_fund
    stream: s
    appropriations: {2014: 1000}
    allocation: [{level: township, rule: equal}, {level: household, rule: equal}]
)";
  const Failure f = failure(township_fund + integration("pool", "[direct]"));
  EXPECT_NE(f.message.find("its first allocation stage is at township; give it a county stage"),
            std::string::npos);
  // Nor does east-west cooperation without fiscal aid.
  const std::string jobs_only = R"(  - name: ew
    kind: east_west
    stream: s
    pairings: [{donor: Zhejiang, counties: [C01]}]
    labour_transfer: {jobs_per_year: 5, wage: 10000, remittance_share: 0.5}
)";
  EXPECT_NE(failure(jobs_only + integration("pool", "[ew]")).message.find("it gives no fiscal_aid"),
            std::string::npos);
}

TEST(FundingNetwork, AProgrammeIsIntegratedOnce) {
  const Failure f = failure(integration("pool", "[fund]") + integration("pool2", "[gifts, fund]"));
  EXPECT_EQ(f.path, "programmes[4].sources[1]");
  EXPECT_NE(f.message.find("programme 'fund' is already integrated by 'pool' (line 25)"),
            std::string::npos);
  EXPECT_NE(failure(integration("pool", "[fund, fund]")).message.find("listed twice"),
            std::string::npos);
}

TEST(FundingNetwork, AnIntegrationCannotPoolItself) {
  const Failure f = failure(integration("pool", "[fund, pool]"));
  EXPECT_EQ(f.path, "programmes[3].sources[1]");
  EXPECT_EQ(f.message, "programmes[3].sources[1]: integration 'pool' pools from itself");
}

TEST(FundingNetwork, CyclesAreNamed) {
  const Failure two = failure(integration("a", "[b]") + integration("b", "[a]"));
  EXPECT_NE(two.message.find("in a cycle: a \u2192 b \u2192 a"), std::string::npos) << two.message;
  const Failure three =
      failure(integration("a", "[c, fund]") + integration("b", "[a]") + integration("c", "[b]"));
  EXPECT_NE(three.message.find("a \u2192 b \u2192 c \u2192 a"), std::string::npos) << three.message;
  EXPECT_EQ(three.path.substr(0, 14), "programmes[3].");
}

TEST(FundingNetwork, IntegrationsOfIntegrationsAreFine) {
  const Scenario s =
      load_scenario_text(
          kBase + integration("top", "[inner]") + integration("inner", "[fund, gifts]"), "n.yaml")
          .variants.at(0);
  // Sources come before the integration that pools them; the rest keep file order.
  const std::vector<std::size_t> order = funding_order(s);
  ASSERT_EQ(order.size(), 5U);
  auto position = [&order](std::size_t i) {
    return std::find(order.begin(), order.end(), i) - order.begin();
  };
  EXPECT_LT(position(0), position(4));  // fund before inner
  EXPECT_LT(position(1), position(4));  // gifts before inner
  EXPECT_LT(position(4), position(3));  // inner before top
  EXPECT_LT(position(0), position(1));
}

TEST(FundingNetwork, LevelsHoldingMoney) {
  const std::string extra = R"(  - name: villages
    kind: village_package
    stream: s
    cohorts: [{year: 2014, count: 2}]
    tranches: [{programme_year: 1, amount: 100}]
    allocation: [{level: household, rule: equal}]
  - name: towns
    kind: township_package
    stream: s
    cohorts: [{year: 2014, selection: poorest_first, count: 1}]
    tranches: [{programme_year: 1, amount: 100}]
    allocation: [{level: village, rule: equal}, {level: household, rule: equal}]
)";
  const Scenario s =
      load_scenario_text(kBase + extra + integration("pool", "[fund]"), "n.yaml").variants.at(0);
  using L = std::vector<Level>;
  EXPECT_EQ(levels_holding_money(s.programmes[0]), (L{Level::county}));
  EXPECT_EQ(levels_holding_money(s.programmes[2]), L{});
  EXPECT_EQ(levels_holding_money(s.programmes[3]), (L{Level::village}));
  EXPECT_EQ(levels_holding_money(s.programmes[4]), (L{Level::township, Level::village}));
  EXPECT_EQ(levels_holding_money(s.programmes[5]), (L{Level::county, Level::village}));
  EXPECT_TRUE(reaches_county(s.programmes[0]));
  EXPECT_FALSE(reaches_county(s.programmes[3]));
  EXPECT_FALSE(reaches_county(s.programmes[4]));
  EXPECT_TRUE(reaches_county(s.programmes[5]));
}

TEST(FundingNetwork, ErrorsInVariantsNameTheVariant) {
  const std::string text = kBase + integration("pool", "[fund]") + R"(variants:
  - name: base
  - name: pool_roads
    set:
      programmes.pool.sources: [roads]
)";
  try {
    (void)load_scenario_text(text, "n.yaml");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_NE(e.message().find("cannot be integrated"), std::string::npos);
    EXPECT_NE(e.message().find("(in variant 'pool_roads')"), std::string::npos);
    EXPECT_EQ(e.where().line, 31);  // the override's value
  }
}

}  // namespace
}  // namespace fupin::models
