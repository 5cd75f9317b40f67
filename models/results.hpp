// What a run produces: plain data handed to the output layer (which writes HDF5 and tables).
// Nothing here knows about files.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "models/causes.hpp"
#include "sim/ledger.hpp"
#include "sim/money.hpp"

namespace fupin::models {

// Per-capita income components (yuan per person per year); income = earned + returns + wages +
// remittances + transfers − costs.
struct IncomeComponents {
  double earned = 0;       // earned income that persists and grows (the only part that compounds)
  double returns = 0;      // this year's returns of active projects
  double wages = 0;        // this year's wages of local jobs held
  double remittances = 0;  // this year's remittances of labourers working away
  double transfers = 0;    // this year's transfers (minimum living guarantee)
  double costs = 0;  // this year's costs (medical, interest, fees, disaster and moving losses)

  IncomeComponents& operator+=(const IncomeComponents& o) {
    earned += o.earned;
    returns += o.returns;
    wages += o.wages;
    remittances += o.remittances;
    transfers += o.transfers;
    costs += o.costs;
    return *this;
  }
};

// One row of the yearly summary of one variant. People counts are person-weighted sums of
// household sizes; "poor" means per-capita income below the poverty line of the year.
struct YearSummary {
  int year = 0;
  double poverty_line = 0;  // yuan per person per year
  double population = 0;    // people
  std::int64_t households = 0;
  double poor_people = 0;
  std::int64_t poor_households = 0;
  double headcount_ratio = 0;        // FGT(0)
  double fgt1 = 0;                   // poverty gap index
  double fgt2 = 0;                   // squared poverty gap (severity)
  double mean_income = 0;            // yuan per person per year
  IncomeComponents mean_components;  // person-weighted means; they sum to mean_income
  double median_income = 0;          // of incomes bottom-coded at zero
  double gini = 0;                   // of incomes bottom-coded at zero
  std::vector<double> share_above;   // people with income >= threshold / population, per threshold
  std::int64_t registered_households = 0;  // registered poor (建档立卡) at year end, after exits
  std::int64_t newly_registered = 0;       // identified this year
  std::int64_t exits = 0;                  // registered households exiting at the year-end review
  std::int64_t returns = 0;                // households registered again after an earlier exit
  std::int64_t townships_selected = 0;     // cumulative, all programmes
  std::int64_t registered_not_poor = 0;    // registered households at or above the line (inclusion)
  std::int64_t poor_not_registered = 0;    // poor households not registered (exclusion)
  std::vector<std::int64_t>
      registered_by_cause;           // by primary cause, in Cause order (models/causes.hpp)
  double safe_housing_share = 0;     // households in safe housing / households
  double insured_share = 0;          // households with medical insurance / households
  double schooling_share = 0;        // households with the schooling guarantee / households
  std::int64_t counties_exited = 0;  // counties that have exited (摘帽), cumulative
  sim::Money disbursed;              // issued from source accounts this year
  sim::Money spent;                  // reached households as projects this year
  sim::Money idle;                   // held in region accounts at year end
  // Against the scenario's counterfactual variant (NaN without one, or for the counterfactual):
  double people_lifted =
      std::numeric_limits<double>::quiet_NaN();  // its poor people − this variant's
  // (money disbursed since the start − the counterfactual's) / people_lifted, yuan; NaN unless
  // people_lifted > 0
  double cost_per_person_lifted = std::numeric_limits<double>::quiet_NaN();
};

// Regions of one level, in index order; parent is the index in the level above (-1 for counties).
struct RegionTable {
  std::string level;
  std::vector<std::string> names;
  std::vector<std::int32_t> parent;
  // Counties of a geography with provinces: each county's province name (empty otherwise).
  std::vector<std::string> province;
};

// Yearly results of every region of one level (`by_level/<level>` in the run file). Every series
// holds one value per (year, region), year-major: values[y * regions + r].
struct LevelResults {
  struct Real {
    std::string name;
    std::string units;
    std::string description;
    std::vector<double> values;
  };
  struct Count {
    std::string name;
    std::string units;
    std::string description;
    std::vector<std::int64_t> values;
  };
  std::string level;  // "county", "township" or "village"
  std::size_t regions = 0;
  std::vector<int> years;
  std::vector<Real> real;  // measures: population, poor people, P0–P2, mean income and components
  std::vector<Count> counts;  // households, poor and registered households, entries and exits
  std::vector<std::string> programmes;  // scenario order
  // Money of each programme that reached the region's households this year (projects and units
  // bought, fen): [year][region][programme].
  std::vector<std::int64_t> spent_fen;
  std::vector<double> thresholds;  // the scenario's income thresholds
  // People with income at or above each threshold / population: [year][region][threshold].
  std::vector<double> share_above;
};

struct LedgerReport {
  std::vector<sim::Account> accounts;
  std::vector<std::string> streams;
  std::vector<sim::Flow> flows;
  std::vector<int> years;                         // closed years
  std::vector<std::vector<sim::Money>> balances;  // [year][account], closing balances
};

// Yearly series of one programme: where its money went, plus measures of its own kind
// (coverage of a sector channel, helpers assigned, loans outstanding, jobs created, ...).
// Every vector in it has one entry per simulated year.
struct ProgrammeSeries {
  struct Values {
    std::string name;         // dataset name, snake_case
    std::string units;        // e.g. "villages", "share", "households"
    std::string description;  // one line
    std::vector<double> values;
  };
  struct Amounts {
    std::string name;  // written as <name>_fen (int64) and <name>_yuan (float64)
    std::string description;
    std::vector<sim::Money> values;
  };
  std::string name;  // programme name
  std::string kind;  // programme kind
  std::string stream;
  std::vector<int> years;
  std::vector<Amounts> money;
  std::vector<Values> measures;
};

// Scores of one target of the scenario (`targets:`, docs/scenario.md) in one variant: one entry
// per region of the target's level, in index order (one entry for level "scenario"). A region is
// scored (applicable) when its year came within the period and its population is not empty;
// elsewhere value and margin are NaN and met is 0.
struct TargetResult {
  std::string name;
  std::string description;
  std::string metric;              // e.g. "share_income_at_least"
  std::string metric_units;        // "1" for shares, "yuan/person/year" for mean_income
  std::string level;               // "scenario", "county", "township" or "village"
  std::string population;          // the population in words, e.g. "assisted_by: helper_units"
  std::string population_units;    // "households" or "villages"
  int year = 0;                    // calendar year of the target; 0 when relative to selection
  int years_after_selection = -1;  // township targets relative to selection; -1 otherwise
  bool at_least = true;            // value >= threshold (else value <= threshold)
  double threshold = 0;
  std::vector<std::int32_t> year_scored;  // per region; 0: not scored
  std::vector<std::uint8_t> applicable;   // 1: scored with a non-empty population
  std::vector<double> value;              // NaN where not applicable
  std::vector<std::uint8_t> met;
  std::vector<double> margin;  // value − threshold (at_least), threshold − value (at_most)
  std::vector<std::int64_t> population_size;  // households or villages in the population
};

// The household panel (`output: {households: ...}`): the state of every household at the end of
// each chosen year. Series are year-major: values[y * households + i] (received_fen:
// [(y * households + i) * programmes + p]).
struct HouseholdPanel {
  std::vector<int> years;
  std::size_t households = 0;
  std::size_t programmes = 0;
  std::vector<std::int32_t> village;  // [household]: index of its village
  std::vector<double> income, earned, returns, wages, remittances, transfers,
      costs;  // yuan per person
  std::vector<std::uint8_t> size, flags, status, events, cause;
  std::vector<std::int64_t>
      received_fen;  // cumulative money each programme allocated to the household
};

// One target's score in one replicate: the margin (value − threshold, or threshold − value for an
// at-most target) averaged over the regions where it applies, and the share of those regions that
// meet it (for a scenario-level target, its margin and 0 or 1). NaN where it applies nowhere.
struct ReplicateTargetScore {
  double margin = std::numeric_limits<double>::quiet_NaN();
  double met_share = std::numeric_limits<double>::quiet_NaN();
};

// The yearly summaries of every replicate of a variant (`output: {replicates: N}`), replicate 0
// being the variant's own run. Empty (no seeds) when the variant was run once.
struct ReplicateResults {
  std::vector<std::uint64_t> seeds;                        // [replicate]
  std::vector<std::vector<YearSummary>> years;             // [replicate][year]
  std::vector<std::vector<ReplicateTargetScore>> targets;  // [replicate][target], scenario order
};

struct VariantResult {
  std::string name;
  std::string description;
  std::uint64_t seed = 0;  // the variant's own seed
  std::string
      resolved_scenario;  // the document the variant was parsed from (Scenario::resolved_text)
  std::string
      counterfactual;  // the variant it is compared with (Scenario::counterfactual), "" for none
  std::vector<YearSummary> years;
  LedgerReport ledger;
  // Cohort year of each township (0 if never selected), all programmes.
  std::vector<std::int32_t> township_cohort;
  std::uint64_t events = 0;                    // events executed by the engine
  std::vector<ProgrammeSeries> programmes;     // in scenario order
  std::vector<LevelResults> by_level;          // county, township, village
  std::vector<std::uint8_t> village_priority;  // PriorityCategory bits of each village
  std::vector<TargetResult> targets;           // in scenario order
  HouseholdPanel households;                   // empty (no years) unless asked for
  ReplicateResults replicates;                 // empty unless the variant has replicates
};

struct RunResult {
  std::string scenario_name;
  std::string scenario_file;
  std::string scenario_text;  // the file's text as read
  // How the file was made, for the netCDF-style `history` attribute: the command and the options
  // that change results (never the thread count or paths of outputs). Empty: not recorded.
  std::string history;
  std::uint64_t seed = 0;
  unsigned threads = 0;
  std::vector<double> thresholds;
  std::vector<RegionTable> geography;  // county, township, village
  std::int64_t households = 0;
  // What `fupin check` warns about, for every variant (models/programmes/scenario_warnings.hpp).
  std::vector<std::string> warnings;
  std::vector<VariantResult> variants;
};

}  // namespace fupin::models
