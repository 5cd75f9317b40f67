// Programme kind donation (社会捐赠): yearly amounts collected at province level (e.g. on
// Guangdong's Poverty Relief Day, 30 June), split down the levels by the allocation stages.
#include "models/scenario/programme_parts.hpp"
#include "models/scenario/scenario_parser.hpp"

namespace fupin::models {

DonationSpec parse_donation(const yaml::Located& programme, const Scenario& s) {
  DonationSpec spec;
  spec.amounts = parts::parse_yearly_amounts(programme.child("amounts"), s, "donation");
  spec.allocation = parts::parse_allocation(programme.child("allocation"), Level::county,
                                            "donated money starts at the province");
  if (auto p = programme.find("project")) spec.project = parts::parse_project(*p, s);
  if (auto d = programme.find("disbursement")) {
    parts::parse_disbursement(*d, spec.disbursement_month, spec.disbursement_day);
  }
  return spec;
}

}  // namespace fupin::models
