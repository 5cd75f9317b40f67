// The behavioural sections beyond the yearly dynamics: `shocks` (illness costs, disability,
// disasters, markets), `management` (identification, exit, work teams, county exit, dibao) and
// `interventions` (costs and effects of the project types). Keys are the field names of
// ShocksSpec, ManagementSpec and InterventionSpec; every key is optional.
#include <string>
#include <vector>

#include "models/scenario/scenario_parser.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/value_checks.hpp"

namespace fupin::models {

namespace {

using yaml::Located;

// Sets `field` from key `key` of `m` when it is given, through `check`.
template <typename T, typename Check>
void read(const Located& m, const char* key, T& field, Check check) {
  if (auto v = m.find(key)) field = check(*v);
}

double cost(const Located& v) { return checks::yuan(v); }

std::vector<MarketSpec> parse_markets(const Located& list) {
  std::vector<MarketSpec> out;
  std::vector<int> lines;
  for (const Located& m : list.elements()) {
    m.check_keys(mapping_schema("shocks.markets[]"));
    const Located name = m.child("name");
    MarketSpec spec;
    spec.name = checks::identifier(name, "market name");
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].name == spec.name) {
        name.fail("duplicate market '" + spec.name + "' (first given at line " +
                  std::to_string(lines[i]) + ")");
      }
    }
    read(m, "price_sd", spec.price_sd, checks::non_negative);
    lines.push_back(name.mark().line + 1);
    out.push_back(std::move(spec));
  }
  return out;
}

}  // namespace

ShocksSpec parse_shocks(const Located& sh) {
  sh.check_keys(mapping_schema("shocks"));
  ShocksSpec spec;
  // A multiplier, not a probability: the simulation caps illness_probability times it at 1.
  read(sh, "illness_cause_multiplier", spec.illness_cause_multiplier, checks::non_negative);
  if (auto m = sh.find("health_month")) {
    spec.health_month = m->as_int();
    if (spec.health_month < 0 || spec.health_month > 12) {
      m->fail("health_month must be 0 (a month drawn per household) or a month from 1 to 12");
    }
  }
  read(sh, "medical_cost", spec.medical_cost, cost);
  read(sh, "insurance_cover", spec.insurance_cover, checks::fraction);
  read(sh, "disability_probability", spec.disability_probability, checks::probability);
  read(sh, "disability_income_loss", spec.disability_income_loss, checks::fraction);
  read(sh, "disaster_probability", spec.disaster_probability, checks::probability);
  read(sh, "disaster_income_loss", spec.disaster_income_loss, checks::fraction);
  read(sh, "safe_house_factor", spec.safe_house_factor, checks::fraction);
  if (auto m = sh.find("markets")) spec.markets = parse_markets(*m);
  return spec;
}

InterventionSpec parse_interventions(const Located& in) {
  in.check_keys(mapping_schema("interventions"));
  InterventionSpec spec;
  // A zero job cost or premium is free: every labourer gets a job, every household insurance_years.
  read(in, "job_cost", spec.job_cost, cost);
  read(in, "job_wage", spec.job_wage, cost);
  read(in, "housing_cost", spec.housing_cost, cost);
  read(in, "training_cost", spec.training_cost, cost);
  read(in, "migration_probability", spec.migration_probability, checks::probability);
  read(in, "remittance", spec.remittance, cost);
  read(in, "return_probability", spec.return_probability, checks::probability);
  read(in, "relocation_cost_per_person", spec.relocation_cost_per_person, cost);
  read(in, "relocation_dip", spec.relocation_dip, checks::fraction);
  read(in, "relocation_uplift", spec.relocation_uplift, checks::non_negative);
  read(in, "education_cost", spec.education_cost, cost);
  read(in, "insurance_premium", spec.insurance_premium, cost);
  read(in, "insurance_years", spec.insurance_years,
       [](const Located& v) { return checks::year_count(v, 1); });
  read(in, "capture", spec.capture, checks::fraction);
  return spec;
}

ManagementSpec parse_management(const Located& m) {
  m.check_keys(mapping_schema("management"));
  ManagementSpec spec;
  read(m, "exclusion_error", spec.exclusion_error, checks::probability);
  read(m, "inclusion_error", spec.inclusion_error, checks::probability);
  read(m, "inclusion_band", spec.inclusion_band,
       [](const Located& v) { return checks::at_least_number(v, 1); });
  read(m, "exit_reviews", spec.exit_reviews,
       [](const Located& v) { return checks::year_count(v, 1); });
  read(m, "verify_guarantees", spec.verify_guarantees,
       [](const Located& v) { return v.as_bool(); });
  read(m, "guarantees_from", spec.guarantees_from, checks::calendar_year);
  read(m, "work_team_share", spec.work_team_share, checks::fraction);
  // Factors, not probabilities: a factor above 1 (teams that make things worse) is allowed, and
  // the simulation caps the error rates and the capture share they give at 1.
  read(m, "work_team_error_factor", spec.work_team_error_factor, checks::non_negative);
  read(m, "work_team_success_bonus", spec.work_team_success_bonus, checks::probability);
  read(m, "work_team_capture_factor", spec.work_team_capture_factor, checks::non_negative);
  read(m, "county_exit_headcount", spec.county_exit_headcount, checks::fraction);
  read(m, "dibao_line", spec.dibao_line, cost);
  return spec;
}

}  // namespace fupin::models
