// Results by region: the yearly measures of every county, township and village, built from
// additive per-village sums so that they are the same for any thread count and add up to the
// whole-scenario summary (which is computed from them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "models/metrics/poverty_measures.hpp"
#include "models/results.hpp"
#include "models/state/money_book.hpp"
#include "models/world/world.hpp"
#include "sim/ledger.hpp"

namespace fupin::models {

// Additive sums of one region in one year.
struct RegionSums {
  FgtPartial fgt;               // people, poor people, gap sums, income mass
  IncomeComponents components;  // person-weighted sums of the income components
  std::int64_t households = 0;
  std::int64_t poor_households = 0;
  std::int64_t registered = 0;           // registered at year end
  std::int64_t registered_not_poor = 0;  // registered, at or above the line (inclusion)
  std::int64_t poor_not_registered = 0;  // below the line, not registered (exclusion)
  std::int64_t newly_registered = 0;     // identified this year
  std::int64_t returns = 0;              // registered again after an earlier exit
  std::int64_t exits = 0;                // exits at the year-end review
  std::int64_t safe_housing = 0, insured = 0, schooling = 0;  // households with the guarantee
  // Households for which a unit was bought this year (HouseholdEvent bits 3..7).
  std::int64_t houses_renovated = 0, labourers_trained = 0, households_relocated = 0;
  std::int64_t schooling_guaranteed = 0, households_insured = 0;
  std::vector<double> people_above;     // people with income >= threshold, per threshold
  std::vector<std::int64_t> spent_fen;  // money reaching the region's households, per programme

  void merge(const RegionSums& other);
};

// The names of the real series of every level (LevelResults::real), in their order.
const std::vector<std::string>& level_real_names();

// Builds LevelResults year by year. Each county's villages are summed by one call (any thread,
// any order: a call writes only its county's villages); end_year() rolls villages up into
// townships and counties, and counties into the total, in index order.
class RegionResultsBuilder {
 public:
  // `years`: how many years the run will add, for which every series is sized at once (growing
  // them year by year would leave up to as much again unused).
  RegionResultsBuilder(const World& world, std::vector<std::string> programmes,
                       std::vector<double> thresholds, std::size_t years);

  // The sums of the villages of `county` from the households' state at year end.
  void add_county(const World& world, std::size_t county, double line);
  // Money of this year's flows into `spent` accounts of programmes, by village
  // (MoneyBook::account_village).
  void add_spending(const MoneyBook& book, std::span<const sim::Flow> flows);
  // Rolls this year's village sums up, appends the year to every level, clears the sums and
  // returns the whole scenario's sums (counties merged in index order).
  RegionSums end_year(int year);

  [[nodiscard]] std::vector<LevelResults> take();

 private:
  [[nodiscard]] RegionSums empty() const;

  const World& world_;
  std::vector<std::string> programmes_;
  std::vector<double> thresholds_;
  std::vector<RegionSums> village_;
  std::vector<LevelResults> out_;  // county, township, village
};

}  // namespace fupin::models
