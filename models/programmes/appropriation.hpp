// Yearly appropriations issued at province level and split down the levels: the special fiscal
// poverty fund (财政专项扶贫资金, usually by the factor method 因素法 at each level) and donations.
#pragma once

#include "models/programmes/programme.hpp"

namespace fupin::models {

class Appropriation final : public Programme {
 public:
  Appropriation(int index, const ProgrammeSpec& spec, const AppropriationSpec& params,
                SimulationState& s);
  void start_year(SimulationState& s, int year) override;
  FlowPlan* county_flow() override;

 private:
  const YearlyAmounts& amounts_;
  std::vector<AllocationStage> stages_;
  int month_;
  int day_;
  FlowPlan plan_;
};

}  // namespace fupin::models
