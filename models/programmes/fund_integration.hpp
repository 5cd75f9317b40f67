// County fund integration (整合涉农资金): the county-level money of several programmes is pooled
// in one county account and spent under one plan (this programme's allocation stages).
#pragma once

#include "models/programmes/programme.hpp"

namespace fupin::models {

class FundIntegration final : public Programme {
 public:
  FundIntegration(int index, const ProgrammeSpec& spec, SimulationState& s);
  void start_year(SimulationState&, int) override {}
  [[nodiscard]] FlowPlan& plan() { return plan_; }
  FlowPlan* pool_flow() override { return &plan_; }

 private:
  FlowPlan plan_;
};

}  // namespace fupin::models
