// Sector channels (行业扶贫): roads, drinking water, electricity, housing, ... Money is bound to
// its channel (渠道不乱): it can only buy that channel's units, at a unit cost, in a stated order,
// towards a coverage goal. What it cannot buy yet waits in the channel's pool.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "models/programmes/programme.hpp"

namespace fupin::models {

class SectorChannel final : public Programme {
 public:
  SectorChannel(int index, const ProgrammeSpec& spec, SimulationState& s);
  void start_year(SimulationState& s, int year) override;
  void end_year(SimulationState& s, int year) override;
  void record_year(const SimulationState& s, int year, ProgrammeSeries& out) const override;

 private:
  void draw_initial_coverage(SimulationState& s);
  void buy_units(SimulationState& s, int year, sim::Date date);
  // A built unit starts to work: growth uplift and income gain (from `year`); a renovated house
  // of the housing channel is safe.
  void complete(SimulationState& s, std::uint32_t unit, int year);
  // The housing channel with household units: covered means living in safe housing.
  [[nodiscard]] bool makes_houses_safe() const;
  [[nodiscard]] std::size_t unit_count(const SimulationState& s) const;
  [[nodiscard]] std::size_t covered_count(const SimulationState& s) const;

  const SectorChannelSpec& params_;
  std::uint16_t bit_;
  sim::AccountId pool_account_;
  std::vector<sim::AccountId> built_account_;  // per village
  sim::Money pool_;                            // money waiting in the pool
  bool initialised_ = false;
  std::vector<std::pair<int, std::uint32_t>> under_construction_;  // (year it works from, unit)
  std::int64_t built_this_year_ = 0;
};

}  // namespace fupin::models
