#include "models/programmes/unit_check.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "models/dynamics/interventions.hpp"
#include "models/programmes/programme_kind.hpp"

namespace fupin::models {

std::string whole(double x) { return std::to_string(std::llround(x)); }

HouseholdReach ReachContext::even(double money, double households, const char* region) const {
  const double n = std::max(1.0, households * poor);
  return {money / n, whole(money) + " yuan to the " + region + " that receives the most over " +
                         std::to_string(s.start_year) + "–" + std::to_string(s.end_year) +
                         ", about " + whole(n) + " poor households"};
}

namespace {

// Expected share of households whose initial per-capita income is below `line`.
double poor_share(const PopulationSpec& p, double line) {
  if (!(line > 0) || !(p.income.median > 0)) return 1.0;
  const RegionEffectsSpec& e = p.region_effects;
  const double sd = std::sqrt(p.income.sigma * p.income.sigma + e.county_sd * e.county_sd +
                              e.township_sd * e.township_sd + e.village_sd * e.village_sd);
  if (!(sd > 0)) return line > p.income.median ? 1.0 : 0.0;
  const double z = (std::log(line) - std::log(p.income.median)) / sd;
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

struct Unit {
  ProjectType type;
  const char* name;
  double cost;  // yuan per household
};

std::vector<Unit> units_of(const Scenario& s, ProjectType type) {
  const InterventionSpec& iv = s.interventions;
  const HouseholdSizeSpec& hs = s.population.household_size;
  const double mean_size = hs.minimum + hs.extra_trials * hs.extra_probability;
  const auto unit = [&](ProjectType t) -> std::vector<Unit> {
    switch (t) {
      case ProjectType::housing: return {{t, "a safe house (housing_cost)", iv.housing_cost}};
      case ProjectType::skills: return {{t, "a training (training_cost)", iv.training_cost}};
      case ProjectType::education:
        return {{t, "the schooling guarantee (education_cost)", iv.education_cost}};
      case ProjectType::relocation:
        return {{t, "a relocation (relocation_cost_per_person × mean household size)",
                 iv.relocation_cost_per_person * std::max(1.0, mean_size)}};
      default: return {};
    }
  };
  if (type != ProjectType::matched) return unit(type);
  std::set<ProjectType> types;
  for (const auto& [cause, share] : s.population.cause_shares) {
    if (share > 0) types.insert(matched_type(cause));
  }
  std::vector<Unit> out;
  for (ProjectType t : types) {
    for (const Unit& u : unit(t)) out.push_back(u);
  }
  return out;
}

}  // namespace

std::vector<std::string> unit_warnings(const Scenario& s) {
  const GeographySpec& g = s.geography;
  const double per_village = g.households_per_village;
  const double per_township = per_village * g.villages_per_township;
  const double per_county = per_township * g.townships_per_county;
  const double all = per_county * g.counties;
  const auto first_line = s.poverty_line.by_year.find(s.start_year);
  const double poor = poor_share(
      s.population, first_line == s.poverty_line.by_year.end() ? 0.0 : first_line->second);
  const ReachContext context{s, poor, per_village, per_township, per_county, all};
  std::vector<std::string> out;
  for (const ProgrammeSpec& p : s.programmes) {
    const HouseholdReach reach = kind_run(p).reach(context, p);
    const double per_household = reach.yuan;  // yuan over the period; < 0: not checked
    const std::string& how = reach.how;
    if (per_household < 0) continue;
    const ProjectSpec* project = kind_info(p).project(p);
    if (project == nullptr) continue;
    const bool loan = kind_run(p).lends;
    for (const Unit& u : units_of(s, project->type)) {
      if (!(u.cost > 0) || per_household >= u.cost) continue;
      out.push_back("programme '" + p.name + "': about " + whole(per_household) +
                    " yuan reaches a poor household over the period (" + how + "), less than " +
                    u.name + " at " + whole(u.cost) + " yuan: " +
                    (loan ? "the loan can never buy it and becomes an income project"
                          : "households save toward it but can never buy it"));
    }
  }
  return out;
}

}  // namespace fupin::models
