// A scenario: the whole experiment of one YAML file, validated and immutable.
//
// The loader (scenario_loader.hpp) turns YAML into these structs and checks everything that can
// be checked before a run. One Scenario is one fully resolved variant: the base document with the
// variant's overrides applied.
#pragma once

#include <any>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/causes.hpp"
#include "models/rules/allocation_rule.hpp"
#include "sim/money.hpp"

namespace fupin::models {

// Poverty line in yuan per person per year, by calendar year (every year of the period present).
struct PovertyLine {
  std::map<int, double> by_year;
  [[nodiscard]] double at(int year) const { return by_year.at(year); }
};

// A province of the geography: its counties are named "<prefix>NN", numbered within it.
struct ProvinceSpec {
  std::string name;
  std::string prefix;
  int counties = 1;
  bool operator==(const ProvinceSpec&) const = default;
};

// Synthetic geography: every county has the same number of townships, and so on down.
struct GeographySpec {
  int counties = 1;  // with provinces, the sum of theirs
  int townships_per_county = 1;
  int villages_per_township = 1;
  int households_per_village = 1;
  // Region names are generated as "<county_prefix>NN", "<county>-TNN", "<township>-VNN".
  std::string county_prefix = "C";
  // Counties grouped by province, in order (empty: one prefix for every county). Each province
  // names its counties with its own prefix, which never ends in a digit, so a name has one reading.
  std::vector<ProvinceSpec> provinces;

  // The name of county c (1-based): "<prefix>NN" with at least two digits.
  [[nodiscard]] std::string county_name(int c) const;
  // The number (1-based) of the county `name` names, or 0 if it names none of the geography's.
  [[nodiscard]] long long county_number(const std::string& name) const;
  // The province (index into `provinces`) of county c (1-based); -1 without provinces.
  [[nodiscard]] int province_of(int c) const;

  bool operator==(const GeographySpec&) const = default;
};

// Initial per-capita income: log-normal with this median; sigma is given directly or derived from
// the Gini coefficient (sigma = sqrt(2) * Phi^-1((G + 1) / 2)).
struct IncomeSpec {
  double median = 3000;
  double sigma = 0.7;
  bool operator==(const IncomeSpec&) const = default;
};

// Log-normal multiplicative region effects on the median income (standard deviations of the log).
struct RegionEffectsSpec {
  double county_sd = 0;
  double township_sd = 0;
  double village_sd = 0;
  bool operator==(const RegionEffectsSpec&) const = default;
};

// Household size = minimum + Binomial(extra_trials, extra_probability).
struct HouseholdSizeSpec {
  int minimum = 1;
  int extra_trials = 5;
  double extra_probability = 0.4;
  bool operator==(const HouseholdSizeSpec&) const = default;
};

// The causes of poverty a household can be registered with: Cause and its names are in
// models/causes.hpp.
const char* cause_name(Cause c);

struct PopulationSpec {
  IncomeSpec income;
  RegionEffectsSpec region_effects;
  HouseholdSizeSpec household_size;
  // Each member of working age is a labourer with this probability.
  double labour_probability = 0.6;
  // Share of households with each primary cause of poverty; sums to 1. Empty: all "other".
  std::vector<std::pair<Cause, double>> cause_shares;
  // Share of villages in each priority category of the "three ensures", drawn independently.
  double ethnic_minority_share = 0;
  double border_share = 0;
  double old_revolutionary_base_share = 0;
  // Non-income guarantees held at the start, drawn per household.
  double safe_housing_share = 0.8;
  double insurance_share = 0.9;
  double schooling_share = 0.95;
  // Every key, so that two specs that generate different populations never compare equal.
  bool operator==(const PopulationSpec&) const = default;
};

// Yearly income update: y <- y * (1 + growth) * exp(noise_sd * e - noise_sd^2 / 2), e ~ N(0, 1);
// then with illness_probability an illness shock y <- y * (1 - illness_income_loss).
struct DynamicsSpec {
  double growth = 0.06;
  double noise_sd = 0.15;
  double illness_probability = 0.05;
  double illness_income_loss = 0.3;
};

// A market whose yearly price moves the returns of the income projects in its industry.
struct MarketSpec {
  std::string name;
  double price_sd = 0.15;  // sd of the log price change per year (mean-one multiplier)
};

// Shocks beyond the yearly illness draw of DynamicsSpec. Each happens on a date in the year.
struct ShocksSpec {
  // Illness: households whose primary cause is illness fall ill this many times as often; an
  // episode also costs medical_cost yuan (insured households pay 1 − insurance_cover of it).
  double illness_cause_multiplier = 2.0;
  // Month of every household's illness and disability draws: 0 draws a month per household and
  // year; 1..12 puts them all in that month (12: after the year's disbursements, as in R1).
  int health_month = 0;
  double medical_cost = 4000;
  double insurance_cover = 0.5;
  // Disability: per household-year, a labourer becomes unable to work: the household loses
  // disability_income_loss of its income for good and one labourer.
  double disability_probability = 0.003;
  double disability_income_loss = 0.3;
  // Natural disaster: per village-year, on one date, every household of the village loses
  // disaster_income_loss of its income; households in safe housing lose safe_house_factor of that.
  double disaster_probability = 0.05;
  double disaster_income_loss = 0.25;
  double safe_house_factor = 0.4;
  std::vector<MarketSpec> markets;
};

// Dynamic management (动态管理) of registered poor households.
struct ManagementSpec {
  // Identification errors: a poor household is missed with exclusion_error; a household at or
  // above the line but below inclusion_band × line is registered with inclusion_error.
  double exclusion_error = 0.0;
  double inclusion_error = 0.0;
  double inclusion_band = 1.5;
  // Exit: income at or above the line at this many consecutive year-end reviews, and, when
  // verify_guarantees and from the review of guarantees_from on, the non-income guarantees
  // (两不愁三保障: safe housing, schooling, medical insurance; food and clothing are taken as met
  // by income above the line). Before guarantees_from a household exits on income alone: the
  // verified exit was introduced by the 2016 exit rules (关于建立贫困退出机制的意见).
  int exit_reviews = 1;
  bool verify_guarantees = true;
  int guarantees_from = 2016;
  // Resident work teams (驻村工作队) in this share of villages: identification errors times
  // work_team_error_factor, project success plus work_team_success_bonus, capture times
  // work_team_capture_factor.
  double work_team_share = 0.0;
  double work_team_error_factor = 0.5;
  double work_team_success_bonus = 0.1;
  double work_team_capture_factor = 0.5;
  // County exit (摘帽): a county exits when its headcount ratio at a year-end review is below this.
  double county_exit_headcount = 0.03;
  // Minimum living guarantee (低保): households with no labourer are topped up to this per-capita
  // income every year (0: none); the transfer is money of the `dibao` stream in the ledger.
  double dibao_line = 0.0;
};

// Costs and effects of the project types other than income projects.
struct InterventionSpec {
  double job_cost = 50000;      // village_industry: yuan of investment per local job
  double job_wage = 8000;       // yuan per year to the household of the labourer employed
  double housing_cost = 20000;  // housing: renovation per household; beyond it, an income project
  double training_cost = 2000;  // skills: per household trained; beyond it, an income project
  double migration_probability =
      0.4;                          // chance that a trained labourer finds a migrant job each year
  double remittance = 6000;         // yuan per year to the household while a migrant works away
  double return_probability = 0.1;  // chance per year that a migrant returns home
  double relocation_cost_per_person = 60000;
  double relocation_dip = 0.2;      // share of income lost in the year of the move
  double relocation_uplift = 0.02;  // extra yearly growth after the move
  double education_cost = 1000;     // education: per household, gives the schooling guarantee
  double insurance_premium = 90;    // health_insurance: per person per year, insures for this many
  int insurance_years = 5;          //   years from the funding year
  // Within-village capture (精英俘获): this share of the money a village's households receive
  // drifts to the village's better-off households (the richest quarter that is not registered).
  double capture = 0.1;
};

// What money reaching a household buys (models/dynamics/interventions.hpp states each exactly).
enum class ProjectType : std::uint8_t {
  income,  // household income project (specialty crops, livestock, one village one product)
  village_industry,  // village backbone industry or rural tourism: local jobs and wages
  housing,           // dangerous-house renovation (危房改造): safe housing
  skills,            // skills training: a chance of a migrant job and remittances
  relocation,  // relocation (易地扶贫搬迁) to a better-served place, with a transition dip
  education,   // education support: the schooling guarantee
  health_insurance,  // medical insurance premiums: smaller illness costs
  matched,           // the type that fits the household's primary cause of poverty
};
inline constexpr int kProjectTypeCount = 8;

// Money reaching a household becomes a project of `type`. An income project: from lag_years after
// the funding year on, with probability success_probability (else the capital is lost), it adds
// return_rate * amount / household size to per-capita income every year, declining by
// `depreciation` a year and moved by the price of its `industry` (see ShocksSpec::markets).
struct ProjectSpec {
  double return_rate = 0.15;
  int lag_years = 1;
  ProjectType type = ProjectType::income;
  double success_probability = 1.0;
  double depreciation = 0.0;
  std::string industry;  // "" or a market name
};

enum class Level : std::uint8_t { county, township, village, household };
const char* level_name(Level l);

// One stage of a split: the money at the level above goes to candidates at `level` by `rule`.
struct AllocationStage {
  Level level = Level::household;
  std::string rule;   // a name in the RuleRegistry
  RuleParams params;  // YAML keys weights, formula, objective, base beside `rule`
};

enum class Selection : std::uint8_t {
  listed,         // the townships named in `townships`
  poorest_first,  // highest person-weighted headcount ratio at the start of the year; ties: lower
                  // index
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

// Amounts by calendar year (yuan, exact in fen); years must lie in the period.
using YearlyAmounts = std::map<int, sim::Money>;

// Yearly amounts issued at province level and split down the levels by the allocation stages.
// One idea with two kinds, told apart by their spec type: the special fiscal poverty fund
// (财政专项扶贫资金, YAML key `appropriations`, typically split by the factor method 因素法) and
// donations (社会捐赠, YAML key `amounts`).
struct AppropriationSpec {
  YearlyAmounts amounts;
  std::vector<AllocationStage> allocation;  // from county (or lower) down to household
  ProjectSpec project;
  int disbursement_month = 4;
  int disbursement_day = 1;
};
struct SpecialFundSpec : AppropriationSpec {};
struct DonationSpec : AppropriationSpec {
  DonationSpec() { disbursement_month = 9; }
};

// The sector channels of 行业扶贫; money is bound to its channel (渠道不乱).
enum class Channel : std::uint8_t {
  roads,
  drinking_water,
  electricity,
  housing,
  education,
  health,
  broadband,
  culture,
  agriculture
};
inline constexpr int kChannelCount = 9;
const char* channel_name(Channel c);

enum class UnitKind : std::uint8_t { village, household };

// A sector channel buys units (a village road, a renovated house) at a unit cost until its money
// runs out or every unit is covered; uncovered units are taken in the order of `order`.
struct SectorChannelSpec {
  Channel channel = Channel::roads;
  YearlyAmounts budget;
  UnitKind unit = UnitKind::village;
  sim::Money unit_cost;
  double initial_coverage = 0;          // share of units covered before the period, drawn per unit
  double goal_coverage = 1.0;           // coverage the plan promises ...
  int goal_year = 0;                    // ... by the end of this year (0: no goal)
  std::string order = "poorest_first";  // poorest_first | priority_first | index
  // Effect once a unit is built, construction_years after it is bought: village units raise every
  // household's income growth by growth_uplift; income_gain adds yuan per person per year to the
  // covered household (household units) or to every household of the village (village units:
  // lower costs of transport, water, power for its households).
  double growth_uplift = 0;
  double income_gain = 0;
  int construction_years = 0;
  int disbursement_month = 5;
  int disbursement_day = 1;
};

// Whole-village advancement (整村推进) with the "three ensures" deadline (三个确保): before
// until `priority_deadline` (inclusive), villages in `priority_categories` are selected before all
// others.
struct VillagePackageSpec {
  struct VillageCohort {
    int year = 0;
    int count = 0;
    double share = 0;
  };
  std::vector<VillageCohort> cohorts;
  std::vector<Tranche> tranches;            // per village
  std::vector<AllocationStage> allocation;  // household stage
  std::uint8_t priority_categories = 0;     // bit set of PriorityCategory
  int priority_deadline = 0;                // year; 0: no deadline
  ProjectSpec project;
  int disbursement_month = 3;
  int disbursement_day = 1;
};

// East–west cooperation (东西扶贫协作): donors paired with western counties.
struct EastWestSpec {
  struct Pairing {
    std::string donor;
    std::vector<std::string> counties;
  };
  std::vector<Pairing> pairings;
  // Fiscal aid per donor: base in the first year, growing each year (稳定基数、逐年增加); split
  // equally among the donor's counties, then down the allocation stages.
  sim::Money aid_base;
  double aid_growth = 0;
  std::vector<AllocationStage> allocation;  // below county
  ProjectSpec project;
  // Enterprise investment per donor per year creates local jobs for registered poor labourers.
  sim::Money investment_per_year;
  double jobs_per_million = 0;  // jobs per 1,000,000 yuan invested
  double local_wage = 0;        // yuan per year
  // Labour transfer: eastern jobs per donor per year for registered poor labourers.
  int transfer_jobs_per_year = 0;
  double migrant_wage = 0;      // yuan per year
  double remittance_share = 0;  // share of the wage that reaches the household
  int disbursement_month = 6;
  int disbursement_day = 1;
};

// Paired assistance (定点帮扶): helper units with capacities assigned to registered poor
// households of their counties.
struct PairedAssistanceSpec {
  struct Unit {
    std::string name;
    std::vector<std::string> counties;
    sim::Money money_per_year;
    int households = 0;  // households the unit can follow
  };
  std::vector<Unit> units;
  std::vector<AllocationStage> allocation;  // household stage splitting a unit's money
  ProjectSpec project;
  int disbursement_month = 7;
  int disbursement_day = 1;
};

// Microcredit with interest subsidy (扶贫贴息贷款 / 小额信贷): loans to registered poor
// households with labourers, repaid in equal principal instalments with interest; the programme's
// `subsidy_stream` pays `subsidy_share` of the interest; the principal comes from the programme's
// stream.
struct MicrocreditSpec {
  std::map<int, int> loans;  // new loans by year
  sim::Money loan_amount;
  int term_years = 3;
  double interest_rate = 0.0475;
  double subsidy_share = 1.0;
  double default_probability = 0.02;  // per loan and year
  std::string subsidy_stream = "interest_subsidy";
  ProjectSpec project;
  int disbursement_month = 3;
  int disbursement_day = 15;
};

// Village mutual-aid revolving funds (贫困村资金互助): seed capital per village; each year the
// fund lends what it holds to registered poor households, who repay with a fee or default.
struct MutualAidFundSpec {
  int seed_year = 0;
  int villages = 0;  // poorest villages first
  sim::Money seed_capital;
  sim::Money loan_amount;
  double fee_rate = 0.06;
  double default_probability = 0.03;
  ProjectSpec project;
};

// County fund integration (整合涉农资金): the county-level money of the listed programmes is
// pooled in one county account and spent under one plan.
struct FundIntegrationSpec {
  std::vector<std::string> sources;         // programme names
  std::vector<AllocationStage> allocation;  // below county
  ProjectSpec project;
};

// What happens to money a programme's regions still hold at year end.
enum class IdleMoney : std::uint8_t { carry_over, returned, lost };

struct ProgrammeSpec {
  std::string name;    // unique within the scenario
  std::string stream;  // funding stream, e.g. "special_fiscal_fund"
  IdleMoney idle = IdleMoney::carry_over;
  // Share of the money arriving at each level kept for administration (county, township, village).
  std::map<Level, double> admin_cost;
  // The kind's own parameters (TownshipPackageSpec, SpecialFundSpec, ...). Their type is the
  // kind: each registered kind (models/scenario/programme_kind.hpp) has its own spec type.
  std::any params;

  // The YAML name of the kind (township_package, special_fund, ...), found from the type of params.
  [[nodiscard]] const std::string& kind() const;
};

// The parameters of `p` as its kind's spec type; throws std::bad_any_cast for another kind.
template <typename Spec>
const Spec& params_of(const ProgrammeSpec& p) {
  return std::any_cast<const Spec&>(p.params);
}
// The parameters of `p` if it is of the kind whose spec type is Spec, else nullptr.
template <typename Spec>
const Spec* params_if(const ProgrammeSpec& p) {
  return std::any_cast<Spec>(&p.params);
}

// A target of the policy (targets:), scored at year end for the whole scenario or for each region
// of one level (models/simulation/targets.hpp; docs/scenario.md, "targets").
enum class TargetMetric : std::uint8_t {
  headcount_ratio,        // population below the poverty line of the year / population
  share_income_at_least,  // population with per-capita income >= `income` / population
  mean_income,            // mean per-capita income of the population, yuan
  registered_share,       // registered poor households / population
  safe_housing_share,     // population in safe housing / population
  insured_share,          // population with medical insurance / population
  schooling_share,        // population with the schooling guarantee / population
  household_coverage,     // population whose household unit of `channel` is built / population
  villages_reached,       // villages where a household received money from `programme` / villages
  village_coverage,       // villages whose village unit of `channel` is built / villages
};
inline constexpr int kTargetMetricCount = 10;
// True for metrics over villages (the population is of villages, not households).
inline bool is_village_metric(TargetMetric m) {
  return m == TargetMetric::villages_reached || m == TargetMetric::village_coverage;
}

enum class TargetLevel : std::uint8_t { scenario, county, township, village };
const char* target_metric_name(TargetMetric m);
const char* target_level_name(TargetLevel l);

struct TargetSpec {
  std::string name;  // unique within the scenario
  std::string description;
  TargetMetric metric = TargetMetric::headcount_ratio;
  double income = 0;                 // share_income_at_least: yuan per person per year
  int programme = -1;                // villages_reached: index of the programme in scenario order
  Channel channel = Channel::roads;  // household_coverage, village_coverage
  bool weight_people = true;  // household metrics: weight each household by its size (else 1)
  // Population: the intersection of the filters given (none: every household or village).
  int registered_in = 0;                 // registered at some time in this year (0: no filter)
  bool registered_in_selection = false;  // ... in the township's selection year
  int assisted_by = -1;  // received money from this programme (index) by the scored year
  std::uint8_t village_categories = 0;  // in a village of any of these PriorityCategory bits
  TargetLevel level = TargetLevel::scenario;
  int year = 0;                    // scored at the end of this year, or
  int years_after_selection = -1;  // at the end of (the township's selection year + this)
  bool at_least = true;            // value >= threshold (else value <= threshold)
  double threshold = 0;
};

// Most replicates of a variant (`output: {replicates: N}`, `fupin run --replicates N`).
inline constexpr int kMaxReplicates = 1000;

// What the run file holds beyond the summaries (`output:`).
struct OutputSpec {
  // Years of the household panel (/variants/<v>/households), increasing; empty: no panel.
  std::vector<int> household_years;
  // Runs of the variant with independent seeds (`replicates:`); replicate 0 is the variant's seed.
  int replicates = 1;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string variant = "base";  // name of the variant this Scenario resolves
  std::string variant_description;
  int start_year = 0;  // inclusive
  int end_year = 0;    // inclusive
  std::uint64_t seed = 1;
  PovertyLine poverty_line;
  std::vector<double> thresholds;  // yuan per person per year; shares above each are reported
  GeographySpec geography;
  PopulationSpec population;
  DynamicsSpec dynamics;
  ShocksSpec shocks;
  ManagementSpec management;
  InterventionSpec interventions;
  std::vector<ProgrammeSpec> programmes;
  std::vector<TargetSpec> targets;
  OutputSpec output;
  // The variant the others are compared with for people lifted and cost per person lifted
  // (`counterfactual:`), empty for none.
  std::string counterfactual;
  // The document this variant was parsed from: the file with the variant's `set` applied and
  // `variants` and `counterfactual` removed, as YAML (comments and formatting are not kept).
  std::string resolved_text;

  [[nodiscard]] int years() const { return end_year - start_year + 1; }
};

// The file as loaded: its text and every variant, resolved and validated.
struct ScenarioSet {
  std::string file;
  std::string text;
  std::vector<Scenario> variants;
};

}  // namespace fupin::models
