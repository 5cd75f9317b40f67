// The key tables of the scenario format.
#include "models/scenario/scenario_schema.hpp"

#include <algorithm>
#include <mutex>
#include <stdexcept>

#include "models/scenario/programme_kind.hpp"
#include "models/scenario/scenario_names.hpp"

namespace fupin::models {

namespace {

std::vector<MappingSchema> build_schema() {
  std::vector<KeySpec> causes;
  for (std::string_view c : cause_names()) causes.push_back({std::string(c), false});

  // Required keys have `true`; everything else has a default (scenario.hpp) or is conditional
  // (checked by the loader, e.g. a cohort's count or share).
  return {
      {"",
       "",
       {{"name", true},
        {"description", false},
        {"period", true},
        {"seed", false},
        {"poverty_line", true},
        {"thresholds", false},
        {"geography", true},
        {"population", false},
        {"dynamics", false},
        {"shocks", false},
        {"management", false},
        {"interventions", false},
        {"programmes", false},
        {"output", false},
        {"counterfactual", false},
        {"variants", false},
        {"targets", false}},
       ""},
      {"output", "", {{"households", false}, {"replicates", false}}, ""},
      {"period", "", {{"start", true}, {"end", true}}, ""},
      // Either a table year -> yuan (free keys) or the growth formula (all three keys).
      {"poverty_line", "", {{"base", false}, {"base_year", false}, {"growth", false}}, "<year>"},
      {"geography",
       "",
       {{"counties", false},  // exactly one of counties and provinces (checked by the loader)
        {"provinces", false},
        {"townships_per_county", true},
        {"villages_per_township", true},
        {"households_per_village", true},
        {"county_prefix", false}},
       ""},
      {"geography.provinces[]", "", {{"name", true}, {"prefix", true}, {"counties", true}}, ""},
      {"population",
       "",
       {{"income", false},
        {"region_effects", false},
        {"household_size", false},
        {"labour_probability", false},
        {"cause_shares", false},
        {"ethnic_minority_share", false},
        {"border_share", false},
        {"old_revolutionary_base_share", false},
        {"safe_housing_share", false},
        {"insurance_share", false},
        {"schooling_share", false}},
       ""},
      {"population.income", "", {{"median", true}, {"gini", false}, {"sigma", false}}, ""},
      {"population.region_effects",
       "",
       {{"county_sd", false}, {"township_sd", false}, {"village_sd", false}},
       ""},
      {"population.household_size",
       "",
       {{"minimum", false}, {"extra_trials", false}, {"extra_probability", false}},
       ""},
      {"population.cause_shares", "", causes, ""},
      {"dynamics",
       "",
       {{"growth", false},
        {"noise_sd", false},
        {"illness_probability", false},
        {"illness_income_loss", false}},
       ""},
      // Keys are the field names of ShocksSpec, ManagementSpec and InterventionSpec.
      {"shocks",
       "",
       {{"illness_cause_multiplier", false},
        {"health_month", false},
        {"medical_cost", false},
        {"insurance_cover", false},
        {"disability_probability", false},
        {"disability_income_loss", false},
        {"disaster_probability", false},
        {"disaster_income_loss", false},
        {"safe_house_factor", false},
        {"markets", false}},
       ""},
      {"shocks.markets[]", "", {{"name", true}, {"price_sd", false}}, ""},
      {"management",
       "",
       {{"exclusion_error", false},
        {"inclusion_error", false},
        {"inclusion_band", false},
        {"exit_reviews", false},
        {"verify_guarantees", false},
        {"guarantees_from", false},
        {"work_team_share", false},
        {"work_team_error_factor", false},
        {"work_team_success_bonus", false},
        {"work_team_capture_factor", false},
        {"county_exit_headcount", false},
        {"dibao_line", false}},
       ""},
      {"interventions",
       "",
       {{"job_cost", false},
        {"job_wage", false},
        {"housing_cost", false},
        {"training_cost", false},
        {"migration_probability", false},
        {"remittance", false},
        {"return_probability", false},
        {"relocation_cost_per_person", false},
        {"relocation_dip", false},
        {"relocation_uplift", false},
        {"education_cost", false},
        {"insurance_premium", false},
        {"insurance_years", false},
        {"capture", false}},
       ""},
      // Keys every programme has; each kind lists its own in its registration (programme_kind.hpp).
      {"programmes[]",
       "",
       {{"name", true},
        {"kind", true},
        {"stream", true},
        {"idle_money", false},
        {"admin_cost", false}},
       ""},
      {"programmes[].admin_cost",
       "",
       {{"county", false}, {"township", false}, {"village", false}},
       ""},
      // Parts several kinds share (each kind's own table says whether it has them).
      {"programmes[].disbursement", "", {{"month", false}, {"day", false}}, ""},
      {"programmes[].project",
       "",
       {{"type", false},
        {"return_rate", false},
        {"lag_years", false},
        {"success_probability", false},
        {"depreciation", false},
        {"industry", false}},
       ""},
      {"programmes[].allocation[]",
       "",
       {{"level", true},
        {"rule", true},
        {"weights", false},
        {"formula", false},
        {"objective", false},
        {"base", false}},
       ""},
      {"programmes[].allocation[].weights", "", {}, "<name>"},

      // What the policy promised, scored per variant and region (targets.cpp).
      {"targets[]",
       "",
       {{"name", true},
        {"description", true},
        {"metric", true},
        {"income", false},
        {"programme", false},
        {"channel", false},
        {"weight", false},
        {"population", false},
        {"level", false},
        {"year", false},
        {"years_after_selection", false},
        {"at_least", false},
        {"at_most", false}},
       ""},
      {"targets[].population",
       "",
       {{"registered_in", false}, {"assisted_by", false}, {"village_categories", false}},
       ""},

      {"variants[]", "", {{"name", true}, {"description", false}, {"set", false}}, ""},
      {"variants[].set", "", {}, "<path>"},
  };
}

const std::vector<MappingSchema>& common_schema() {
  static const std::vector<MappingSchema> schema = build_schema();
  return schema;
}

}  // namespace

const std::vector<MappingSchema>& scenario_schema() {
  static std::mutex mutex;
  static std::vector<MappingSchema> schema;
  static std::size_t kinds = 0;  // registered kinds whose mappings `schema` holds
  const std::lock_guard lock(mutex);
  if (schema.empty() || kinds != programme_kind_infos().size()) {
    schema = common_schema();
    for (const ProgrammeKindInfo& k : programme_kind_infos())
      schema.insert(schema.end(), k.schema.begin(), k.schema.end());
    kinds = programme_kind_infos().size();
  }
  return schema;
}

const MappingSchema& mapping_schema(std::string_view path, std::string_view kind) {
  if (kind.empty()) {
    for (const MappingSchema& m : common_schema()) {
      if (m.path == path) return m;
    }
  } else if (const ProgrammeKindInfo* k = find_programme_kind(kind)) {
    for (const MappingSchema& m : k->schema) {
      if (m.path == path) return m;
    }
  }
  throw std::logic_error("no scenario schema for mapping '" + std::string(path) + "' of kind '" +
                         std::string(kind) + "'");
}

std::vector<std::string> documented_scenario_keys() {
  std::vector<std::string> keys;
  auto add = [&keys](const std::string& parent, const std::string& key) {
    keys.push_back(parent.empty() ? key : parent + "." + key);
  };
  for (const MappingSchema& m : scenario_schema()) {
    for (const KeySpec& k : m.keys) add(m.path, k.name);
    if (!m.free_key.empty()) add(m.path, m.free_key);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace fupin::models
