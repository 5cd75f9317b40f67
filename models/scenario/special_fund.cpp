// Programme kind special_fund (财政专项扶贫资金): yearly appropriations at province level, split
// down the levels by the allocation stages (typically the factor method, 因素法, at county).
// Its spec is an AppropriationSpec, shared with donation (donation.cpp).
#include <string>
#include <vector>

#include "models/scenario/programme_kind.hpp"
#include "models/scenario/programme_parts.hpp"
#include "models/scenario/scenario_parser.hpp"

namespace fupin::models {

void parse_appropriation(const yaml::Located& programme, const Scenario& s, const char* amounts_key,
                         const char* what, const char* starts, AppropriationSpec& spec) {
  spec.amounts = parts::parse_yearly_amounts(programme.child(amounts_key), s, what);
  spec.allocation = parts::parse_allocation(programme.child("allocation"), Level::county, starts);
  if (auto p = programme.find("project")) spec.project = parts::parse_project(*p, s);
  if (auto d = programme.find("disbursement")) {
    parts::parse_disbursement(*d, spec.disbursement_month, spec.disbursement_day);
  }
}

SpecialFundSpec parse_special_fund(const yaml::Located& programme, const Scenario& s) {
  SpecialFundSpec spec;
  parse_appropriation(programme, s, "appropriations", "appropriation",
                      "a special fund's money starts at the province", spec);
  return spec;
}

namespace kind_parts {

std::vector<Level> appropriation_levels(const ProgrammeSpec& p) {
  std::vector<Level> out;
  const auto* a = params_if<SpecialFundSpec>(p);
  add_levels(out, a != nullptr ? a->allocation : params_of<DonationSpec>(p).allocation);
  return out;
}

std::string appropriation_not_at_county(const ProgrammeSpec& p) {
  const auto* a = params_if<SpecialFundSpec>(p);
  const auto& stages = a != nullptr ? a->allocation : params_of<DonationSpec>(p).allocation;
  return std::string("its first allocation stage is at ") + level_name(stages.front().level) +
         "; give it a county stage to integrate it";
}

}  // namespace kind_parts

ProgrammeKindInfo special_fund_kind() {
  ProgrammeKindInfo k;
  k.name = "special_fund";
  k.params_type = typeid(SpecialFundSpec);
  k.schema = {
      {"programmes[]",
       "",
       {{"appropriations", true},
        {"allocation", true},
        {"project", false},
        {"disbursement", false}},
       ""},
      {"programmes[].appropriations", "", {}, "<year>"},
  };
  k.parse = [](const yaml::Located& p, const Scenario& s) -> std::any {
    return parse_special_fund(p, s);
  };
  k.levels_holding_money = kind_parts::appropriation_levels;
  k.why_not_at_county = kind_parts::appropriation_not_at_county;
  k.pools = kind_parts::pools_nothing;
  k.check = kind_parts::no_check;
  k.allocation = kind_parts::allocation_of<SpecialFundSpec>;
  k.project = kind_parts::project_of<SpecialFundSpec>;
  return k;
}

}  // namespace fupin::models
