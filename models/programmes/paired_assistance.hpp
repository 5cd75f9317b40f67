// Paired assistance (定点帮扶): helper units with capacities follow registered poor households of
// their counties; the assignment is a maximum flow (models/network), recomputed every year as
// households enter and exit, and each unit's money goes to the households it follows.
#pragma once

#include <cstdint>
#include <vector>

#include "models/network/helper_assignment.hpp"
#include "models/programmes/programme.hpp"

namespace fupin::models {

class PairedAssistance final : public Programme {
 public:
  PairedAssistance(int index, const ProgrammeSpec& spec, SimulationState& s);
  void start_year(SimulationState& s, int year) override;
  void record_year(const SimulationState& s, int year, ProgrammeSeries& out) const override;

  // Unit index following each household, -1 if none.
  [[nodiscard]] const std::vector<std::int32_t>& helpers() const { return helper_; }

 private:
  void assign(SimulationState& s);
  void give(SimulationState& s, sim::Date date);

  const PairedAssistanceSpec& params_;
  FlowPlan plan_;
  std::vector<HelperUnit> units_;
  std::vector<sim::AccountId> unit_account_;
  std::vector<std::int32_t> helper_;  // per household
  std::size_t assigned_ = 0;
  std::size_t without_helper_ = 0;
};

}  // namespace fupin::models
