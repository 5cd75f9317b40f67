// East–west cooperation (东西扶贫协作): eastern donors paired with western counties give fiscal aid
// that grows every year (稳定基数、逐年增加) and flows down the counties' allocation stages; their
// enterprises invest and create local jobs; eastern employers take western workers (labour
// transfer).
#pragma once

#include <cstdint>
#include <vector>

#include "models/programmes/programme.hpp"

namespace fupin::models {

class EastWest final : public Programme {
 public:
  EastWest(int index, const ProgrammeSpec& spec, SimulationState& s);
  void start_year(SimulationState& s, int year) override;
  void record_year(const SimulationState& s, int year, ProgrammeSeries& out) const override;
  FlowPlan* county_flow() override { return &plan_; }

  // Fiscal aid of one donor in `year`: the base in `first_year`, then each year the previous
  // year's aid plus growth × that aid, rounded to the fen (sim::kMoneyRounding).
  [[nodiscard]] static sim::Money aid(const EastWestSpec& p, int first_year, int year);

 private:
  // Gives up to `jobs` households of `county` (registered poor, with labourers, without `flag`,
  // poorest first) the job `flag` and a lasting per-capita income of `yearly / size`. Runs in
  // the county's local event and sees only its slice (its households and its LpState).
  void place_jobs(CountyView county, std::int64_t jobs, std::uint8_t flag, double yearly, int year);

  const EastWestSpec& params_;
  int first_year_;
  FlowPlan plan_;
  std::vector<std::vector<std::uint32_t>> counties_of_donor_;
  sim::AccountId enterprise_source_;
  std::vector<sim::AccountId> enterprise_account_;  // per county
  std::vector<std::int64_t> local_jobs_;            // per county, cumulative (LP-local writes)
  std::vector<std::int64_t> migrants_;              // per county, cumulative (LP-local writes)
  double investment_this_year_ = 0;
  std::size_t paired_counties_ = 0;
  std::size_t several_donors_ = 0;
};

}  // namespace fupin::models
