// What the HTML report shows of a run file, read back from HDF5 (run_data.cpp) into plain
// structures, so that the report's sections never touch HDF5.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fupin::output::report {

struct ProgrammeMoney {
  std::string name;
  std::string kind;
  std::string stream;
  std::vector<int> years;
  std::vector<std::int64_t> issued_fen;
  std::vector<std::int64_t> spent_fen;
  std::vector<double> assisted_exits;
  std::vector<double> cost_per_exit;  // yuan per household, cumulative; NaN before the first exit
};

struct TargetResult {
  std::string name;
  std::string description;
  std::string metric;
  std::string level;
  std::string comparison;  // at_least / at_most
  double threshold = 0;
  int year = 0;                    // 0 when counted from selection
  int years_after_selection = -1;  // -1 unless counted from selection
  std::size_t regions_scored = 0;  // applicable regions
  std::size_t regions_met = 0;
  std::optional<double> value;  // level `scenario`: the one value
};

// One region's headcount ratio at the first and the last year (by_level).
struct RegionChange {
  std::string name;
  std::string parent;  // the region above (a township's county), "" at the top
  double start = 0;
  double end = 0;
  double population_end = 0;
};

// Person-weighted income histogram of the household panel: shares of people per bin.
struct IncomeHistogram {
  int year = 0;
  std::vector<double> share;  // one per bin, summing to 1
};

struct VariantData {
  std::string name;
  std::string description;
  std::uint64_t seed = 0;
  std::vector<int> years;
  std::vector<double> poverty_line, population, poor_people, headcount_ratio, fgt1, people_lifted,
      cost_per_person_lifted;
  std::vector<std::int64_t> disbursed_fen, spent_fen, exits;
  std::vector<double> thresholds;   // T
  std::vector<double> share_above;  // [N, T]
  std::vector<ProgrammeMoney> programmes;
  std::vector<TargetResult> targets;
  std::vector<std::string> region_levels;          // by_level groups present, e.g. county, township
  std::vector<std::vector<RegionChange>> regions;  // one list per level of region_levels
  std::vector<int> panel_years;                    // household panel years, empty when none
  std::vector<IncomeHistogram> histograms;         // first and last panel year, when a panel exists
};

struct RunData {
  std::string path;
  std::string title;
  std::string scenario_name;
  std::string scenario_file;
  std::string fupin_version;
  std::string source;
  std::string history;
  std::string conventions;
  std::uint64_t seed = 0;
  int layout_version = 0;
  std::int64_t households = 0;
  std::vector<VariantData> variants;
  // Income bins of the panel histograms (yuan/person/year): bin k is [edges[k], edges[k+1]);
  // the first bin also holds incomes below edges[0], the last those at or above the last edge.
  std::vector<double> histogram_edges;
  // The counterfactual variant: recorded in /variants/<v>@counterfactual (layout 6), else (older
  // files) the variant whose people_lifted is 0 in every year; "" if none.
  std::string counterfactual;
};

// Reads `path`. Throws NotARunFile when it is not a fupin run file (missing, not HDF5, no /meta,
// no variant with a summary) and OutputError when reading fails.
RunData read_run_data(const std::string& path);

}  // namespace fupin::output::report
