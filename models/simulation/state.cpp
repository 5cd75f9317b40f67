#include "models/simulation/state.hpp"

namespace fupin::models {

void SimulationState::open_region_accounts() {
  for (const auto& name : world.townships.name) township_account.push_back(ledger.add_account("township/" + name, "township"));
  for (const auto& name : world.villages.name) village_account.push_back(ledger.add_account("village/" + name, "village"));
  for (const auto& name : world.villages.name) projects_account.push_back(ledger.add_account("projects/" + name, "spent"));
}

}  // namespace fupin::models
