#include "models/programmes/unit_check.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "models/dynamics/interventions.hpp"
#include "models/programmes/township_package.hpp"

namespace fupin::models {

namespace {

std::string whole(double x) { return std::to_string(std::llround(x)); }

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
      case ProjectType::education: return {{t, "the schooling guarantee (education_cost)", iv.education_cost}};
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
  const double poor = poor_share(s.population, first_line == s.poverty_line.by_year.end() ? 0.0 : first_line->second);
  std::vector<std::string> out;
  for (const ProgrammeSpec& p : s.programmes) {
    double per_household = -1;  // yuan over the period; < 0: not checked
    std::string how;
    std::visit(
        [&](const auto& k) {
          using T = std::decay_t<decltype(k)>;
          const auto even = [&](double money, double households, const char* region) {
            const double n = std::max(1.0, households * poor);
            per_household = money / n;
            how = whole(money) + " yuan to the " + region + " that receives the most over " +
                  std::to_string(s.start_year) + "–" + std::to_string(s.end_year) + ", about " + whole(n) +
                  " poor households";
          };
          if constexpr (std::is_same_v<T, TownshipPackageSpec>) {
            double most = 0;
            for (const Cohort& c : k.cohorts) {
              sim::Money m;
              for (int y = s.start_year; y <= s.end_year; ++y) m += TownshipPackage::due(k, c.year, y);
              most = std::max(most, m.yuan());
            }
            even(most, per_township, "township");
          } else if constexpr (std::is_same_v<T, VillagePackageSpec>) {
            double most = 0;
            for (const auto& c : k.cohorts) {
              sim::Money m;
              for (const Tranche& t : k.tranches) {
                const int y = c.year + t.programme_year - 1;
                if (y >= s.start_year && y <= s.end_year) m += t.amount;
              }
              most = std::max(most, m.yuan());
            }
            even(most, per_village, "village");
          } else if constexpr (std::is_same_v<T, SpecialFundSpec> || std::is_same_v<T, DonationSpec>) {
            const YearlyAmounts* amounts;
            if constexpr (std::is_same_v<T, SpecialFundSpec>) amounts = &k.appropriations; else amounts = &k.amounts;
            sim::Money m;
            for (const auto& [year, amount] : *amounts) m += amount;
            even(m.yuan(), all, "province");
          } else if constexpr (std::is_same_v<T, EastWestSpec>) {
            double most = 0;
            for (const auto& pairing : k.pairings) {
              if (pairing.counties.empty()) continue;
              double m = 0;
              for (int y = s.start_year; y <= s.end_year; ++y) m += k.aid_base.yuan() * std::pow(1.0 + k.aid_growth, y - s.start_year);
              most = std::max(most, m / static_cast<double>(pairing.counties.size()));
            }
            even(most, per_county, "paired county");
          } else if constexpr (std::is_same_v<T, PairedAssistanceSpec>) {
            const double years = s.end_year - s.start_year + 1;
            for (const auto& u : k.units) {
              if (u.households <= 0) continue;
              const double m = u.money_per_year.yuan() * years / u.households;
              if (m > per_household) {
                per_household = m;
                how = "helper unit '" + u.name + "': " + whole(u.money_per_year.yuan()) + " yuan a year for " +
                      std::to_string(u.households) + " households over " + std::to_string(s.start_year) + "–" +
                      std::to_string(s.end_year);
              }
            }
          } else if constexpr (std::is_same_v<T, MicrocreditSpec>) {
            per_household = k.loan_amount.yuan();
            how = "one loan per household";
          }
        },
        p.params);
    if (per_household < 0) continue;
    const ProjectSpec* project = std::visit(
        [](const auto& k) -> const ProjectSpec* {
          if constexpr (requires { k.project; }) return &k.project;
          return nullptr;
        },
        p.params);
    if (project == nullptr) continue;
    const bool loan = std::holds_alternative<MicrocreditSpec>(p.params);
    for (const Unit& u : units_of(s, project->type)) {
      if (!(u.cost > 0) || per_household >= u.cost) continue;
      out.push_back("programme '" + p.name + "': about " + whole(per_household) +
                    " yuan reaches a poor household over the period (" + how + "), less than " + u.name + " at " +
                    whole(u.cost) + " yuan: " +
                    (loan ? "the loan can never buy it and becomes an income project"
                          : "households save toward it but can never buy it"));
    }
  }
  return out;
}

}  // namespace fupin::models
