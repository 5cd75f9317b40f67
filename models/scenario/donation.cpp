// Programme kind donation (社会捐赠): yearly amounts collected at province level (e.g. on
// Guangdong's Poverty Relief Day, 30 June), split down the levels by the allocation stages. Its
// spec is an AppropriationSpec, like special_fund's (special_fund.cpp); the YAML key is `amounts`.
#include <string>
#include <vector>

#include "models/scenario/programme_kind.hpp"
#include "models/scenario/programme_parts.hpp"
#include "models/scenario/scenario_parser.hpp"

namespace fupin::models {

DonationSpec parse_donation(const yaml::Located& programme, const Scenario& s) {
  DonationSpec spec;
  parse_appropriation(programme, s, "amounts", "donation", "donated money starts at the province",
                      spec);
  return spec;
}

ProgrammeKindInfo donation_kind() {
  ProgrammeKindInfo k;
  k.name = "donation";
  k.params_type = typeid(DonationSpec);
  k.schema = {
      {"programmes[]",
       "",
       {{"amounts", true}, {"allocation", true}, {"project", false}, {"disbursement", false}},
       ""},
      {"programmes[].amounts", "", {}, "<year>"},
  };
  k.parse = [](const yaml::Located& p, const Scenario& s) -> std::any {
    return parse_donation(p, s);
  };
  k.levels_holding_money = kind_parts::appropriation_levels;
  k.why_not_at_county = kind_parts::appropriation_not_at_county;
  k.pools = kind_parts::pools_nothing;
  k.check = kind_parts::no_check;
  k.allocation = kind_parts::allocation_of<DonationSpec>;
  k.project = kind_parts::project_of<DonationSpec>;
  return k;
}

}  // namespace fupin::models
