// From a YAML document (already overridden by its variant) to a validated Scenario.
#pragma once

#include "models/scenario/scenario.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace fupin::models {

// Parses and validates the whole document except `variants` (whose keys are only checked).
Scenario parse_scenario(const yaml::Located& root);

// The parameters of a programme of kind township_package; `s` is the scenario parsed so far
// (period and geography), against which years and counts are checked.
TownshipPackageSpec parse_township_package(const yaml::Located& programme, const Scenario& s);

// Log-normal sigma with the given Gini coefficient G in (0, 1): sqrt(2) * Phi^-1((G + 1) / 2).
double lognormal_sigma_from_gini(double gini);

}  // namespace fupin::models
