// A scenario: the whole experiment of one YAML file, validated and immutable.
//
// The loader (scenario_loader.hpp) turns YAML into these structs and checks everything that can
// be checked before a run. One Scenario is one fully resolved variant: the base document with the
// variant's overrides applied.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "sim/money.hpp"

namespace fupin::models {

// Poverty line in yuan per person per year, by calendar year (every year of the period present).
struct PovertyLine {
  std::map<int, double> by_year;
  [[nodiscard]] double at(int year) const { return by_year.at(year); }
};

// Synthetic geography: every county has the same number of townships, and so on down.
struct GeographySpec {
  int counties = 1;
  int townships_per_county = 1;
  int villages_per_township = 1;
  int households_per_village = 1;
  // Region names are generated as "<county_prefix>NN", "<county>-TNN", "<township>-VNN".
  std::string county_prefix = "C";
};

// Initial per-capita income: log-normal with this median; sigma is given directly or derived from
// the Gini coefficient (sigma = sqrt(2) * Phi^-1((G + 1) / 2)).
struct IncomeSpec {
  double median = 3000;
  double sigma = 0.7;
};

// Log-normal multiplicative region effects on the median income (standard deviations of the log).
struct RegionEffectsSpec {
  double county_sd = 0;
  double township_sd = 0;
  double village_sd = 0;
};

// Household size = minimum + Binomial(extra_trials, extra_probability).
struct HouseholdSizeSpec {
  int minimum = 1;
  int extra_trials = 5;
  double extra_probability = 0.4;
};

// The causes of poverty a household can be registered with (DESIGN.md, World).
enum class Cause : std::uint8_t {
  illness, disability, schooling, disaster, lack_of_land, lack_of_water, lack_of_skills,
  lack_of_labour, lack_of_capital, remoteness, other
};
inline constexpr int kCauseCount = 11;
const char* cause_name(Cause c);

struct PopulationSpec {
  IncomeSpec income;
  RegionEffectsSpec region_effects;
  HouseholdSizeSpec household_size;
  // Each member of working age is a labourer with this probability.
  double labour_probability = 0.6;
  // Share of households with each primary cause of poverty; sums to 1. Empty: all "other".
  std::vector<std::pair<Cause, double>> cause_shares;
};

// Yearly income update: y <- y * (1 + growth) * exp(noise_sd * e - noise_sd^2 / 2), e ~ N(0, 1);
// then with illness_probability an illness shock y <- y * (1 - illness_income_loss).
struct DynamicsSpec {
  double growth = 0.06;
  double noise_sd = 0.15;
  double illness_probability = 0.05;
  double illness_income_loss = 0.3;
};

// Money reaching a household becomes a project: from lag_years after the funding year on, it adds
// return_rate * amount / household size to per-capita income every year.
struct ProjectSpec {
  double return_rate = 0.15;
  int lag_years = 1;
};

enum class Level : std::uint8_t { county, township, village, household };
const char* level_name(Level l);

// One stage of a split: the money at the level above goes to candidates at `level` by `rule`.
struct AllocationStage {
  Level level = Level::household;
  std::string rule;  // a name in the RuleRegistry
};

enum class Selection : std::uint8_t {
  listed,         // the townships named in `townships`
  poorest_first,  // highest person-weighted headcount ratio at the start of the year; ties: lower index
};

struct Cohort {
  int year = 0;
  Selection selection = Selection::poorest_first;
  int count = 0;                       // poorest_first: number of townships, or
  double share = 0;                    // poorest_first: this share of all townships (rounded)
  std::vector<std::string> townships;  // listed: township names
};

struct Tranche {
  int programme_year = 1;  // 1 = the cohort's selection year
  sim::Money amount;       // per township
};

// Extra money for every township of one cohort in one calendar year.
struct TopUp {
  int cohort_year = 0;
  int year = 0;
  sim::Money amount;  // per township
};

// Whole-township advancement (整乡推进): cohorts of townships, tranches per programme year.
struct TownshipPackageSpec {
  std::vector<Cohort> cohorts;
  std::vector<Tranche> tranches;
  std::vector<TopUp> top_ups;
  std::vector<AllocationStage> allocation;  // stages in downward level order, ending at household
  ProjectSpec project;
  int disbursement_month = 3;  // tranches are disbursed on this day of each year
  int disbursement_day = 1;
};

struct ProgrammeSpec {
  std::string name;    // unique within the scenario
  std::string kind;    // "township_package"
  std::string stream;  // funding stream, e.g. "special_fiscal_fund"
  std::variant<TownshipPackageSpec> params;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string variant = "base";  // name of the variant this Scenario resolves
  std::string variant_description;
  int start_year = 0;            // inclusive
  int end_year = 0;              // inclusive
  std::uint64_t seed = 1;
  PovertyLine poverty_line;
  std::vector<double> thresholds;  // yuan per person per year; shares above each are reported
  GeographySpec geography;
  PopulationSpec population;
  DynamicsSpec dynamics;
  std::vector<ProgrammeSpec> programmes;

  [[nodiscard]] int years() const { return end_year - start_year + 1; }
};

// The file as loaded: its text and every variant, resolved and validated.
struct ScenarioSet {
  std::string file;
  std::string text;
  std::vector<Scenario> variants;
};

}  // namespace fupin::models
