// What crosses counties: signals one part of the run publishes about regions and others read.
// Each has one writer, and is written only in global events or, per county, by that county's
// own task of a fan-out (its own slot), so local events of other counties never race on it.
//
//   signal             writer                                   readers
//   township cohort    TownshipPackage::start_year (global)     results, yearly summary
//   county assessment  the simulation's year end (global)       allocation candidate tables
//   county exit year   review_county_exit (year-end fan-out)    review_county_exit, yearly summary
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace fupin::models {

class RegionSignals {
 public:
  RegionSignals(std::size_t townships, std::size_t counties)
      : township_cohort_(townships, 0),
        // No county has been assessed before the first year: every county starts in the middle.
        county_assessment_(counties, 0.5),
        county_exit_year_(counties, 0) {}

  // Township `t` was selected in the cohort of `year`; the first selection stands.
  void select_township(std::size_t t, std::int32_t year) {
    if (township_cohort_[t] == 0) township_cohort_[t] = year;
  }
  // Cohort year per township, 0 if never selected.
  [[nodiscard]] const std::vector<std::int32_t>& township_cohort() const {
    return township_cohort_;
  }

  // The county's assessment (考核) score of the year just ended, in [0, 1].
  void assess_county(std::size_t county, double score) { county_assessment_[county] = score; }
  [[nodiscard]] double assessment(std::size_t county) const { return county_assessment_[county]; }

  // The county exited (摘帽) in `year`.
  void exit_county(std::size_t county, std::int32_t year) { county_exit_year_[county] = year; }
  // Year the county exited, 0 if not yet.
  [[nodiscard]] std::int32_t exit_year(std::size_t county) const {
    return county_exit_year_[county];
  }
  [[nodiscard]] const std::vector<std::int32_t>& county_exit_years() const {
    return county_exit_year_;
  }

 private:
  std::vector<std::int32_t> township_cohort_;
  std::vector<double> county_assessment_;
  std::vector<std::int32_t> county_exit_year_;
};

}  // namespace fupin::models
