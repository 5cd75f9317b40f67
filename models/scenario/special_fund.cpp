// Programme kind special_fund (财政专项扶贫资金): yearly appropriations at province level, split
// down the levels by the allocation stages (typically the factor method, 因素法, at county).
#include "models/scenario/programme_parts.hpp"
#include "models/scenario/scenario_parser.hpp"

namespace fupin::models {

SpecialFundSpec parse_special_fund(const yaml::Located& programme, const Scenario& s) {
  SpecialFundSpec spec;
  spec.appropriations = parts::parse_yearly_amounts(programme.child("appropriations"), s, "appropriation");
  spec.allocation = parts::parse_allocation(programme.child("allocation"), Level::county,
                                            "a special fund's money starts at the province");
  if (auto p = programme.find("project")) spec.project = parts::parse_project(*p, s);
  if (auto d = programme.find("disbursement")) {
    parts::parse_disbursement(*d, spec.disbursement_month, spec.disbursement_day);
  }
  return spec;
}

}  // namespace fupin::models
