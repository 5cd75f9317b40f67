#include "models/programmes/fund_integration.hpp"

namespace fupin::models {

FundIntegration::FundIntegration(int index, const ProgrammeSpec& spec, SimulationState& s) : Programme(index, spec, s) {
  const auto& p = std::get<FundIntegrationSpec>(spec.params);
  std::vector<Level> levels{Level::county};
  for (const AllocationStage& st : p.allocation) {
    if (st.level != Level::household) levels.push_back(st.level);
  }
  open_accounts(s, levels, true);
  plan_ = make_plan(p.allocation, p.project);
}

}  // namespace fupin::models
