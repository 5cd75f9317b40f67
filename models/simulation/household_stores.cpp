#include "models/simulation/household_stores.hpp"

#include "models/scenario/programme_kind.hpp"

namespace fupin::models {

HouseholdStores household_stores(const Scenario& scenario) {
  bool east_west = false;
  bool household_units = false;
  bool industry = false;
  bool training = false;
  bool insurance = false;
  for (const ProgrammeSpec& p : scenario.programmes) {
    east_west |= params_if<EastWestSpec>(p) != nullptr;
    if (const auto* channel = params_if<SectorChannelSpec>(p))
      household_units |= channel->unit == UnitKind::household;
    const ProjectSpec* project = kind_info(p).project(p);
    if (project == nullptr) continue;
    const ProjectType type = project->type;
    industry |= type == ProjectType::village_industry;
    training |= type == ProjectType::skills || type == ProjectType::matched;
    insurance |= type == ProjectType::health_insurance || type == ProjectType::matched;
  }
  const InterventionSpec& iv = scenario.interventions;
  const bool migrants = training && iv.migration_probability > 0 && iv.remittance != 0;
  return {.wages = industry || east_west,
          .remittances = migrants || east_west,
          .transfers = scenario.management.dibao_line > 0,
          .insured_until = insurance,
          .covered = household_units};
}

}  // namespace fupin::models
