// The key tables of the scenario format.
#include "models/scenario/scenario_schema.hpp"

#include <algorithm>
#include <stdexcept>

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
        {"programmes", false},
        {"variants", false}},
       ""},
      {"period", "", {{"start", true}, {"end", true}}, ""},
      // Either a table year -> yuan (free keys) or the growth formula (all three keys).
      {"poverty_line", "", {{"base", false}, {"base_year", false}, {"growth", false}}, "<year>"},
      {"geography",
       "",
       {{"counties", true},
        {"townships_per_county", true},
        {"villages_per_township", true},
        {"households_per_village", true},
        {"county_prefix", false}},
       ""},
      {"population",
       "",
       {{"income", false},
        {"region_effects", false},
        {"household_size", false},
        {"labour_probability", false},
        {"cause_shares", false}},
       ""},
      {"population.income", "", {{"median", true}, {"gini", false}, {"sigma", false}}, ""},
      {"population.region_effects", "", {{"county_sd", false}, {"township_sd", false}, {"village_sd", false}}, ""},
      {"population.household_size",
       "",
       {{"minimum", false}, {"extra_trials", false}, {"extra_probability", false}},
       ""},
      {"population.cause_shares", "", causes, ""},
      {"dynamics",
       "",
       {{"growth", false}, {"noise_sd", false}, {"illness_probability", false}, {"illness_income_loss", false}},
       ""},
      // Keys every programme has; the kind's own keys follow.
      {"programmes[]", "", {{"name", true}, {"kind", true}, {"stream", true}}, ""},
      {"programmes[]",
       "township_package",
       {{"cohorts", true},
        {"tranches", true},
        {"top_ups", false},
        {"disbursement", false},
        {"project", false},
        {"allocation", true}},
       ""},
      {"programmes[].cohorts[]",
       "township_package",
       {{"year", true}, {"selection", true}, {"count", false}, {"share", false}, {"townships", false}},
       ""},
      {"programmes[].tranches[]", "township_package", {{"programme_year", true}, {"amount", true}}, ""},
      {"programmes[].top_ups[]", "township_package", {{"cohort", true}, {"year", true}, {"amount", true}}, ""},
      {"programmes[].disbursement", "township_package", {{"month", false}, {"day", false}}, ""},
      {"programmes[].project", "township_package", {{"return_rate", false}, {"lag_years", false}}, ""},
      {"programmes[].allocation[]", "township_package", {{"level", true}, {"rule", true}}, ""},
      {"variants[]", "", {{"name", true}, {"description", false}, {"set", false}}, ""},
      {"variants[].set", "", {}, "<path>"},
  };
}

}  // namespace

const std::vector<MappingSchema>& scenario_schema() {
  static const std::vector<MappingSchema> schema = build_schema();
  return schema;
}

const MappingSchema& mapping_schema(std::string_view path, std::string_view kind) {
  for (const MappingSchema& m : scenario_schema()) {
    if (m.path == path && m.kind == kind) return m;
  }
  throw std::logic_error("no scenario schema for mapping '" + std::string(path) + "' of kind '" + std::string(kind) +
                         "'");
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
