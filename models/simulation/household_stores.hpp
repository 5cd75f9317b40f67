// Which household stores that most scenarios never write a scenario can write, so that a world
// built for it holds only those (HouseholdStores, models/world/world.hpp; docs/architecture.md,
// "Households").
#pragma once

#include "models/scenario/scenario.hpp"
#include "models/world/world.hpp"

namespace fupin::models {

// The stores something in `scenario` can write, from the mechanisms that write each:
// - wages: a job's activation, from a project of type village_industry or an east–west
//   programme's local jobs;
// - remittances: a migrant's remittance (a remittance other than zero, a migration probability
//   above zero and skills training to leave with: a project of type skills or matched) or an
//   eastern placement (an east–west programme);
// - transfers: the minimum living guarantee (a dibao line above zero);
// - insured_until: insurance premiums bought with programme money (a project of type
//   health_insurance or matched);
// - covered: a sector channel whose units are households.
// A writer finding its store left out throws std::logic_error (a missed writer, never a wrong
// number).
[[nodiscard]] HouseholdStores household_stores(const Scenario& scenario);

}  // namespace fupin::models
