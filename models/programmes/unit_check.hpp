// Whether a programme's money per household can ever buy the unit its project is for (a safe
// house, a relocation, a training, the schooling guarantee): what `fupin check` warns about
// before anything runs.
#pragma once

#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace fupin::models {

// The most money that reaches one poor household of a programme over the period, as its kind
// computes it (ProgrammeKindRun::reach); yuan < 0: the kind is not checked.
struct HouseholdReach {
  double yuan = -1;
  std::string how;  // how the amount comes about, for the message
};

// What a kind's reach sees: the scenario, the expected poor share and households per region.
struct ReachContext {
  const Scenario& s;
  double poor = 1;  // expected share of poor households
  double per_village = 0;
  double per_township = 0;
  double per_county = 0;
  double all = 0;

  // `money` split evenly among the expected poor of `households` households of the `region`
  // that receives the most.
  [[nodiscard]] HouseholdReach even(double money, double households, const char* region) const;
};

// Yuan rounded to a whole number, for messages.
std::string whole(double yuan);

// One warning per programme and unit type whose money per household, over the whole period,
// stays below the unit's cost. The money per household is generous: all the money of the
// region that receives the most over the period (no administrative cost retained), split evenly
// among the region's expected poor households (the share of the initial income distribution
// below the first year's line, region effects included); paired assistance divides a unit's
// money by the households it follows, microcredit gives one loan per household. Units:
// housing_cost, training_cost, education_cost per household; relocation_cost_per_person times
// the mean household size. A matched project checks the unit of every cause with a positive
// share. Fund integration, sector channels and mutual-aid funds are not checked.
std::vector<std::string> unit_warnings(const Scenario& scenario);

}  // namespace fupin::models
