// Scoring the scenario's targets (`targets:`): at each year end, the targets due that year are
// measured over their population for the whole scenario or for each region of their level.
//
// Each county's households are measured by one call (any thread, any order: a call writes only
// the slots of its own regions, or its own slot for scenario-level targets); finish_year() then
// combines the counties' partial sums in county order, so scores are the same for any thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "models/results.hpp"
#include "models/scenario/scenario.hpp"
#include "models/world/world.hpp"

namespace fupin::models {

class TargetScorer {
 public:
  TargetScorer(const Scenario& scenario, const World& world);

  [[nodiscard]] bool empty() const { return specs_.empty(); }

  // At the end of `year`, after the exit review: records who was registered in the year (for
  // populations registered_in) and measures the targets due this year over the county's
  // households. `township_cohort` is the selection year of each township (0: never selected).
  void add_county(const World& world, std::span<const std::int32_t> township_cohort,
                  std::size_t county, int year, double line);
  // Combines the counties' sums of the targets due this year into their scores.
  void finish_year(std::span<const std::int32_t> township_cohort, int year);

  [[nodiscard]] std::vector<TargetResult> take() { return std::move(out_); }

 private:
  struct Sum {
    double weight = 0;         // people or households (villages for village metrics)
    double value = 0;          // weighted sum of the measure
    std::int64_t members = 0;  // households or villages in the population
  };
  [[nodiscard]] bool due(const TargetSpec& t, std::span<const std::int32_t> cohort,
                         std::size_t township, int year) const;
  [[nodiscard]] std::size_t slot(const TargetSpec& t, std::size_t county, std::size_t township,
                                 std::size_t village) const;

  std::vector<TargetSpec> specs_;
  std::vector<std::vector<Sum>>
      sums_;  // per target: per county (scenario, county), township or village
  // Per year needed: 1 for each household registered at some time in that year.
  std::map<int, std::vector<std::uint8_t>> registered_in_;
  std::vector<TargetResult> out_;
};

}  // namespace fupin::models
