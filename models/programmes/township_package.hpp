// Whole-township advancement (整乡推进): cohorts of townships chosen by list or poorest first,
// tranches by programme year plus cohort top-ups, each split down to villages and households.
#pragma once

#include <cstdint>
#include <vector>

#include "models/programmes/programme.hpp"

namespace fupin::models {

class TownshipPackage final : public Programme {
 public:
  TownshipPackage(const ProgrammeSpec& spec, SimulationState& s);
  void start_year(SimulationState& s, int year) override;

  // Money due to a township of cohort `cohort_year` in calendar `year` (tranches plus top-ups).
  [[nodiscard]] static sim::Money due(const TownshipPackageSpec& p, int cohort_year, int year);

 private:
  void select_cohort(SimulationState& s, const Cohort& cohort);
  void disburse(SimulationState& s, int year);

  const ProgrammeSpec& spec_;
  const TownshipPackageSpec& params_;
  StreamAccounts accounts_;
  std::vector<std::int32_t> cohort_;  // per township, 0 if not (yet) selected
};

// Person-weighted headcount ratio of every township at the line of `year` (fan-out over LPs).
std::vector<double> township_headcount_ratios(SimulationState& s, int year);

}  // namespace fupin::models
