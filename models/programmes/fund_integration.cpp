#include "models/programmes/fund_integration.hpp"

#include "models/programmes/programme_kind.hpp"

namespace fupin::models {

FundIntegration::FundIntegration(int index, const ProgrammeSpec& spec, SimulationState& s)
    : Programme(index, spec, s) {
  const auto& p = params_of<FundIntegrationSpec>(spec);
  std::vector<Level> levels{Level::county};
  for (const AllocationStage& st : p.allocation) {
    if (st.level != Level::household) levels.push_back(st.level);
  }
  open_accounts(s, levels, true);
  plan_ = make_plan(p.allocation, p.project);
}

ProgrammeKindRun fund_integration_run() {
  ProgrammeKindRun r;
  r.name = "fund_integration";
  r.create = [](int index, const ProgrammeSpec& spec,
                SimulationState& s) -> std::unique_ptr<Programme> {
    return std::make_unique<FundIntegration>(index, spec, s);
  };
  // What its sources pool is planned with them; plan_money spends the pool (money_plan.cpp).
  r.plan_money = [](KindPlan&) {};
  r.first_scope = [](const ProgrammeSpec&) -> std::optional<RuleScope> {
    return RuleScope{Level::county, "each county splits its own pool"};
  };
  r.reach = [](const ReachContext&, const ProgrammeSpec&) { return HouseholdReach{}; };
  return r;
}

}  // namespace fupin::models
