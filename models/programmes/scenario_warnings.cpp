#include "models/programmes/scenario_warnings.hpp"

#include "models/programmes/rule_warnings.hpp"
#include "models/programmes/unit_check.hpp"

namespace fupin::models {

std::vector<std::string> scenario_warnings(const Scenario& scenario) {
  std::vector<std::string> out = constant_factor_warnings(scenario);
  for (const std::string& w : unit_warnings(scenario))
    out.push_back("variant '" + scenario.variant + "', " + w);
  return out;
}

}  // namespace fupin::models
