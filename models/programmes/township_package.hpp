// Whole-township advancement (整乡推进): cohorts of townships chosen by list or poorest first,
// tranches by programme year plus cohort top-ups, each split down to villages and households.
#pragma once

#include <cstdint>
#include <vector>

#include "models/programmes/programme.hpp"

namespace fupin::models {

class TownshipPackage final : public Programme {
 public:
  TownshipPackage(int index, const ProgrammeSpec& spec, SimulationState& s);
  void start_year(SimulationState& s, int year) override;
  void end_year(SimulationState& s, int year) override;
  void record_year(const SimulationState& s, int year, ProgrammeSeries& out) const override;

  // Money due to a township of cohort `cohort_year` in calendar `year` (tranches plus top-ups).
  [[nodiscard]] static sim::Money due(const TownshipPackageSpec& p, int cohort_year, int year);

 private:
  void select_cohort(SimulationState& s, const Cohort& cohort);
  void disburse(SimulationState& s, int year);

  const TownshipPackageSpec& params_;
  FlowPlan plan_;
  std::vector<std::int32_t> cohort_;  // per township, 0 if not (yet) selected
  std::vector<double> last_mean_;     // per township: mean per-capita income at the last year end
  double growth_gap_ = 0;             // this year's income growth of selected minus other townships
};

// Person-weighted headcount ratio of every region of `level` at the line of `year` (fan-out over
// LPs).
std::vector<double> headcount_ratios(SimulationState& s, Level level, int year);

// Indices of `open` regions sorted by decreasing ratio (ties: lower index), the first `take`.
std::vector<std::size_t> poorest_first(const std::vector<double>& ratio,
                                       std::vector<std::size_t> open, std::size_t take);

}  // namespace fupin::models
