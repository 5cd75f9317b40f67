// Programme kind fund_integration (整合涉农资金): the county-level money of other programmes pooled
// in one county account and spent under one plan. Which programmes may be pooled, and that no
// pool feeds itself, is checked with the funding network (funding_network.cpp).
#include <string>
#include <vector>

#include "models/scenario/programme_kind.hpp"
#include "models/scenario/programme_parts.hpp"
#include "models/scenario/scenario_parser.hpp"
#include "models/scenario/value_checks.hpp"

namespace fupin::models {

FundIntegrationSpec parse_fund_integration(const yaml::Located& programme, const Scenario& s) {
  FundIntegrationSpec spec;
  const yaml::Located list = programme.child("sources");
  const std::vector<yaml::Located> elements = list.elements();
  if (elements.empty()) list.fail("give at least one programme to integrate");
  for (const yaml::Located& e : elements) {
    std::string name = checks::identifier(e, "programme name");
    for (const std::string& seen : spec.sources) {
      if (seen == name) e.fail("programme '" + name + "' is listed twice");
    }
    spec.sources.push_back(std::move(name));
  }
  spec.allocation = parts::parse_allocation(programme.child("allocation"), Level::township,
                                            "integrated money is pooled at the county");
  if (auto p = programme.find("project")) spec.project = parts::parse_project(*p, s);
  return spec;
}

ProgrammeKindInfo fund_integration_kind() {
  ProgrammeKindInfo k;
  k.name = "fund_integration";
  k.params_type = typeid(FundIntegrationSpec);
  k.schema = {
      {"programmes[]", "", {{"sources", true}, {"allocation", true}, {"project", false}}, ""},
  };
  k.parse = [](const yaml::Located& p, const Scenario& s) -> std::any {
    return parse_fund_integration(p, s);
  };
  k.levels_holding_money = [](const ProgrammeSpec& p) {
    std::vector<Level> out;
    const auto& spec = params_of<FundIntegrationSpec>(p);
    if (!spec.allocation.empty()) {
      out.push_back(Level::county);
      kind_parts::add_levels(out, spec.allocation);
    }
    return out;
  };
  k.why_not_at_county = [](const ProgrammeSpec&) -> std::string {
    return "its money never rests at county level";
  };
  k.pools = [](const ProgrammeSpec& p) { return params_of<FundIntegrationSpec>(p).sources; };
  k.check = kind_parts::no_check;
  k.allocation = kind_parts::allocation_of<FundIntegrationSpec>;
  k.project = kind_parts::project_of<FundIntegrationSpec>;
  return k;
}

}  // namespace fupin::models
