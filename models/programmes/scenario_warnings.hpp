// Everything fupin warns about in a valid scenario: rule weights with a factor that cannot act
// (rule_warnings.hpp) and programmes whose money per household can never buy their unit
// (unit_check.hpp). `fupin check` prints them; `fupin run` records them in the run file.
#pragma once

#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace fupin::models {

// The warnings of one resolved variant, each naming the variant and the programme.
std::vector<std::string> scenario_warnings(const Scenario& scenario);

}  // namespace fupin::models
