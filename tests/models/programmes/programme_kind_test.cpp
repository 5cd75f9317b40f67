// Programme kinds as registered styles: every registered kind has both its scenario-level and its
// run-level part, and a kind registered outside the built-ins (a "grant" defined here, in its
// own spec type, parser, schema and programme class) loads, passes `fupin check`'s planning and
// warnings, and runs, without any change to the loader, the check or the simulation.
#include "models/programmes/programme_kind.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "models/programmes/allocation.hpp"
#include "models/programmes/money_plan.hpp"
#include "models/programmes/rule_warnings.hpp"
#include "models/programmes/unit_check.hpp"
#include "models/scenario/funding_network.hpp"
#include "models/scenario/programme_parts.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/scenario_names.hpp"
#include "models/simulation/simulation.hpp"

namespace fupin::models {
namespace {

TEST(ProgrammeKindRegistry, EveryRegisteredKindHasEveryPart) {
  EXPECT_EQ(programme_kind_runs().size(), programme_kind_infos().size());
  for (const std::string& line : incomplete_kinds()) ADD_FAILURE() << line;
  for (std::size_t i = 0; i < programme_kind_infos().size() && i < programme_kind_runs().size();
       ++i) {
    EXPECT_EQ(programme_kind_runs()[i].name, programme_kind_infos()[i].name);
  }
}

TEST(ProgrammeKindRegistry, RefusesARunPartWithoutEveryPart) {
  ProgrammeKindRun r;
  r.name = "incomplete";
  EXPECT_FALSE(missing_parts(r).empty());
  EXPECT_THROW(add_programme_kind_run(r), std::logic_error);
  ProgrammeKindRun again = programme_kind_runs().front();
  EXPECT_THROW(add_programme_kind_run(again), std::logic_error);
}

// A throwaway kind: a fixed amount a year from the province, split down its allocation stages.
struct GrantSpec {
  sim::Money yearly;
  std::vector<AllocationStage> allocation;
  ProjectSpec project;
};

class Grant final : public Programme {
 public:
  Grant(int index, const ProgrammeSpec& spec, SimulationState& s)
      : Programme(index, spec, s), params_(params_of<GrantSpec>(spec)) {
    std::vector<Level> levels;
    for (const AllocationStage& st : params_.allocation) {
      if (st.level != Level::household) levels.push_back(st.level);
    }
    open_accounts(s, levels, true);
    plan_ = make_plan(params_.allocation, params_.project);
  }
  FlowPlan* county_flow() override { return &plan_; }
  void start_year(SimulationState& s, int year) override {
    plan_.date = sim::Date::from_civil(year, 5, 1);
    s.engine.schedule_global({plan_.date, 0}, [this, &s, year](sim::Engine&) {
      issue_from_province(s, plan_, params_.yearly, year);
    });
  }

 private:
  const GrantSpec& params_;
  FlowPlan plan_;
};

// The grant's registration: its two parts, as a built-in kind's files would define them.
void register_grant() {
  static std::once_flag once;
  std::call_once(once, [] {
    ProgrammeKindInfo k;
    k.name = "grant";
    k.params_type = typeid(GrantSpec);
    k.schema = {
        {"programmes[]", "", {{"yearly", true}, {"allocation", true}, {"project", false}}, ""}};
    k.parse = [](const yaml::Located& p, const Scenario& s) -> std::any {
      GrantSpec spec;
      spec.yearly = p.child("yearly").as_money();
      spec.allocation = parts::parse_allocation(p.child("allocation"), Level::county,
                                                "a grant starts at the province");
      if (auto project = p.find("project")) spec.project = parts::parse_project(*project, s);
      return spec;
    };
    k.levels_holding_money = [](const ProgrammeSpec& p) {
      std::vector<Level> out;
      kind_parts::add_levels(out, params_of<GrantSpec>(p).allocation);
      return out;
    };
    k.why_not_at_county = [](const ProgrammeSpec&) -> std::string {
      return "its first stage is below county";
    };
    k.pools = kind_parts::pools_nothing;
    k.check = kind_parts::no_check;
    k.allocation = kind_parts::allocation_of<GrantSpec>;
    k.project = kind_parts::project_of<GrantSpec>;
    add_programme_kind(std::move(k));

    ProgrammeKindRun r;
    r.name = "grant";
    r.create = [](int index, const ProgrammeSpec& spec,
                  SimulationState& s) -> std::unique_ptr<Programme> {
      return std::make_unique<Grant>(index, spec, s);
    };
    r.plan_money = [](KindPlan& plan) {
      const auto& g = params_of<GrantSpec>(plan.p);
      for (int year = plan.s.start_year; year <= plan.s.end_year; ++year) {
        Arrival a;
        a.total = g.yearly;
        a.receipts = plan.counties;
        plan.add(year, 0, "county", g.yearly,
                 plan.through_levels(Level::county, g.allocation, a, plan.into));
      }
    };
    r.first_scope = [](const ProgrammeSpec&) -> std::optional<RuleScope> {
      return RuleScope{std::nullopt, ""};
    };
    r.reach = [](const ReachContext& c, const ProgrammeSpec& p) {
      return c.even(params_of<GrantSpec>(p).yearly.yuan() * c.s.years(), c.all, "province");
    };
    add_programme_kind_run(std::move(r));
  });
}

const std::string kGrantScenario = R"(name: grant
period: {start: 2014, end: 2015}
poverty_line: {base: 2800, base_year: 2014, growth: 0}
geography: {counties: 2, townships_per_county: 2, villages_per_township: 3, households_per_village: 10}
programmes:
  - name: relief
    kind: grant
    stream: grants
    yearly: 120000
    allocation:
      - {level: county, rule: equal}
      - {level: household, rule: equal}
  - name: pool
    kind: fund_integration
    stream: grants
    sources: [relief]
    allocation:
      - {level: household, rule: equal}
)";

TEST(ProgrammeKindRegistry, AKindRegisteredOutsideTheBuiltInsLoadsIsCheckedAndRuns) {
  register_grant();
  EXPECT_TRUE(incomplete_kinds().empty());
  EXPECT_NE(find_programme_kind("grant"), nullptr);
  EXPECT_EQ(programme_kinds().back(), "grant");

  // Loaded by the strict loader: its keys are checked against its schema.
  const Scenario s = load_scenario_text(kGrantScenario, "grant.yaml").variants.at(0);
  ASSERT_EQ(s.programmes.size(), 2U);
  EXPECT_EQ(s.programmes[0].kind(), "grant");
  EXPECT_EQ(params_of<GrantSpec>(s.programmes[0]).yearly, sim::Money::from_yuan(120000));
  EXPECT_EQ(levels_holding_money(s.programmes[0]), std::vector<Level>{Level::county});
  try {
    (void)load_scenario_text(kGrantScenario + "    typo: 1\n", "grant.yaml");
    ADD_FAILURE() << "an unknown key of the grant was accepted";
  } catch (const ScenarioError& e) {
    EXPECT_NE(e.message().find("typo"), std::string::npos) << e.message();
  }

  // `fupin check`: the money plan (its county money pooled by the integration) and the warnings.
  const std::vector<PlannedFlow> plan = plan_money(s);
  sim::Money planned;
  sim::Money pooled;
  for (const PlannedFlow& f : plan) (f.programme == "relief" ? planned : pooled) += f.amount;
  EXPECT_EQ(planned, sim::Money::from_yuan(240000));
  EXPECT_EQ(pooled, sim::Money::from_yuan(240000));
  (void)constant_factor_warnings(s);
  (void)unit_warnings(s);

  // The run: the grant's money is issued each year and pooled by the integration at county level.
  const VariantResult r = simulate(s, 1);
  ASSERT_EQ(r.programmes.size(), 2U);
  EXPECT_EQ(r.programmes[0].kind, "grant");
  for (const auto& m : r.programmes[0].money) {
    if (m.name == "issued") {
      EXPECT_EQ(m.values, (std::vector<sim::Money>{sim::Money::from_yuan(120000),
                                                   sim::Money::from_yuan(120000)}));
    }
  }
}

}  // namespace
}  // namespace fupin::models
