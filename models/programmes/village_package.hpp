// Whole-village advancement (整村推进) with the "three ensures" (三个确保): cohorts of the poorest
// villages, where villages of the priority categories go first until their deadline.
#pragma once

#include <cstdint>
#include <vector>

#include "models/programmes/programme.hpp"

namespace fupin::models {

class VillagePackage final : public Programme {
 public:
  VillagePackage(int index, const ProgrammeSpec& spec, SimulationState& s);
  void start_year(SimulationState& s, int year) override;
  void record_year(const SimulationState& s, int year, ProgrammeSeries& out) const override;

 private:
  void select(SimulationState& s, const VillagePackageSpec::VillageCohort& cohort);
  [[nodiscard]] bool is_priority(const SimulationState& s, std::size_t village) const;

  const VillagePackageSpec& params_;
  FlowPlan plan_;
  std::vector<std::int32_t> cohort_;  // per village, 0 if not (yet) selected
};

}  // namespace fupin::models
