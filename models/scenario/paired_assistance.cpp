// Programme kind paired_assistance (定点帮扶): helper units — state units, developed cities,
// enterprises — each following a number of registered poor households of its counties with money
// of its own every year.
#include <string>
#include <vector>

#include "models/scenario/programme_kind.hpp"
#include "models/scenario/programme_parts.hpp"
#include "models/scenario/scenario_parser.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/value_checks.hpp"

namespace fupin::models {

namespace {

using yaml::Located;
using Unit = PairedAssistanceSpec::Unit;

Unit parse_unit(const Located& u, const Scenario& s) {
  u.check_keys(mapping_schema("programmes[].units[]", "paired_assistance"));
  Unit unit;
  unit.name = checks::identifier(u.child("name"), "unit name");
  unit.counties = parts::parse_counties(u.child("counties"), s);
  const Located money = u.child("money_per_year");
  unit.money_per_year = money.as_money();
  parts::check_money_total(money, static_cast<long double>(unit.money_per_year.fen()) * s.years(),
                           "the unit's money of " + std::to_string(s.years()) + " years");
  const Located households = u.child("households");
  unit.households = checks::at_least(households, 1);
  const GeographySpec& g = s.geography;
  const long long available = static_cast<long long>(unit.counties.size()) *
                              g.townships_per_county * g.villages_per_township *
                              g.households_per_village;
  if (unit.households > available) {
    households.fail("the unit follows " + households.scalar() + " households, but its " +
                    std::to_string(unit.counties.size()) +
                    (unit.counties.size() == 1 ? " county has " : " counties have ") +
                    std::to_string(available));
  }
  return unit;
}

}  // namespace

PairedAssistanceSpec parse_paired_assistance(const Located& programme, const Scenario& s) {
  PairedAssistanceSpec spec;
  const Located list = programme.child("units");
  const std::vector<Located> elements = list.elements();
  if (elements.empty()) list.fail("give at least one helper unit");
  std::vector<int> lines;
  for (const Located& u : elements) {
    Unit unit = parse_unit(u, s);
    for (std::size_t i = 0; i < spec.units.size(); ++i) {
      if (spec.units[i].name == unit.name) {
        u.child("name").fail("duplicate unit name '" + unit.name + "' (first given at line " +
                             std::to_string(lines[i]) + ")");
      }
    }
    lines.push_back(u.child("name").mark().line + 1);
    spec.units.push_back(std::move(unit));
  }
  spec.allocation =
      parts::parse_allocation(programme.child("allocation"), Level::household,
                              "a helper unit's money goes straight to the households it follows");
  if (auto p = programme.find("project")) spec.project = parts::parse_project(*p, s);
  if (auto d = programme.find("disbursement")) {
    parts::parse_disbursement(*d, spec.disbursement_month, spec.disbursement_day);
  }
  return spec;
}

ProgrammeKindInfo paired_assistance_kind() {
  ProgrammeKindInfo k;
  k.name = "paired_assistance";
  k.params_type = typeid(PairedAssistanceSpec);
  k.schema = {
      {"programmes[]",
       "",
       {{"units", true}, {"allocation", true}, {"project", false}, {"disbursement", false}},
       ""},
      {"programmes[].units[]",
       "",
       {{"name", true}, {"counties", true}, {"money_per_year", true}, {"households", true}},
       ""},
  };
  k.parse = [](const Located& p, const Scenario& s) -> std::any {
    return parse_paired_assistance(p, s);
  };
  k.levels_holding_money = [](const ProgrammeSpec&) { return std::vector<Level>{}; };
  k.why_not_at_county = [](const ProgrammeSpec&) -> std::string {
    return "a helper unit's money goes straight to its households";
  };
  k.pools = kind_parts::pools_nothing;
  k.check = kind_parts::no_check;
  k.allocation = kind_parts::allocation_of<PairedAssistanceSpec>;
  k.project = kind_parts::project_of<PairedAssistanceSpec>;
  return k;
}

}  // namespace fupin::models
