// Programme kind village_package (整村推进): cohorts of poor villages, tranches per village and
// programme year, and the "three ensures" (三个确保) priority for village categories until a
// deadline.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "models/scenario/edit_distance.hpp"
#include "models/scenario/programme_kind.hpp"
#include "models/scenario/programme_parts.hpp"
#include "models/scenario/scenario_names.hpp"
#include "models/scenario/scenario_parser.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/value_checks.hpp"

namespace fupin::models {

namespace {

using yaml::Located;
using VillageCohort = VillagePackageSpec::VillageCohort;

const MappingSchema& schema(const char* path) { return mapping_schema(path, "village_package"); }

VillageCohort parse_cohort(const Located& c, const Scenario& s, long long villages) {
  c.check_keys(schema("programmes[].cohorts[]"));
  VillageCohort cohort;
  cohort.year = checks::year_in_period(c.child("year"), s, "cohort year");
  const auto count = c.find("count");
  const auto share = c.find("share");
  if (count && share) share->fail("give either 'count' or 'share', not both");
  if (!count && !share)
    c.fail("a village cohort needs 'count' (villages) or 'share' (of all villages)");
  if (count) {
    cohort.count = count->as_int();
    if (cohort.count < 1 || cohort.count > villages) {
      count->fail("count must be between 1 and " + std::to_string(villages) +
                  " (the number of villages), got " + count->scalar());
    }
  } else {
    cohort.share = share->as_number();
    if (!(cohort.share > 0 && cohort.share <= 1)) {
      share->fail("share must be greater than 0 and at most 1, got " + share->scalar());
    }
    if (std::llround(cohort.share * static_cast<double>(villages)) < 1) {
      share->fail("share " + share->scalar() + " of " + std::to_string(villages) +
                  " villages selects none");
    }
  }
  return cohort;
}

std::vector<VillageCohort> parse_cohorts(const Located& list, const Scenario& s) {
  const long long villages = parts::village_count(s.geography);
  std::vector<VillageCohort> cohorts;
  std::vector<int> lines;
  long long total = 0;
  const std::vector<Located> elements = list.elements();
  if (elements.empty()) list.fail("a village package needs at least one cohort");
  for (const Located& c : elements) {
    VillageCohort cohort = parse_cohort(c, s, villages);
    for (std::size_t i = 0; i < cohorts.size(); ++i) {
      if (cohorts[i].year == cohort.year) {
        c.child("year").fail("two cohorts are selected in " + std::to_string(cohort.year) +
                             " (the first at line " + std::to_string(lines[i]) + ")");
      }
    }
    total += cohort.count > 0 ? cohort.count
                              : std::llround(cohort.share * static_cast<double>(villages));
    if (total > villages) {
      c.fail("the cohorts so far select " + std::to_string(total) +
             " villages but the geography has only " + std::to_string(villages));
    }
    lines.push_back(c.mark().line + 1);
    cohorts.push_back(cohort);
  }
  return cohorts;
}

void parse_priority(const Located& p, const std::vector<VillageCohort>& cohorts,
                    VillagePackageSpec& spec) {
  p.check_keys(schema("programmes[].priority"));
  const std::vector<std::string> valid(priority_category_names().begin(),
                                       priority_category_names().end());
  const Located list = p.child("categories");
  const std::vector<Located> elements = list.elements();
  if (elements.empty()) list.fail("give at least one category: " + join_names(valid));
  for (const Located& c : elements) {
    const PriorityCategory category =
        *priority_category_from_name(checks::one_of(c, valid, "priority category"));
    if ((spec.priority_categories & category) != 0)
      c.fail("category '" + c.scalar() + "' is listed twice");
    spec.priority_categories = static_cast<std::uint8_t>(spec.priority_categories | category);
  }
  if (auto d = p.find("deadline")) {
    spec.priority_deadline = checks::calendar_year(*d);
    int first = cohorts.front().year;
    for (const VillageCohort& c : cohorts) first = std::min(first, c.year);
    if (spec.priority_deadline < first) {
      d->fail("deadline " + d->scalar() + " is before the first cohort (" + std::to_string(first) +
              "), so the priority would never apply");
    }
  }
}

}  // namespace

VillagePackageSpec parse_village_package(const Located& programme, const Scenario& s) {
  VillagePackageSpec spec;
  spec.cohorts = parse_cohorts(programme.child("cohorts"), s);
  std::vector<int> cohort_years;
  long long units = 0;
  const long long villages = parts::village_count(s.geography);
  for (const VillageCohort& c : spec.cohorts) {
    cohort_years.push_back(c.year);
    units += c.count > 0 ? c.count : std::llround(c.share * static_cast<double>(villages));
  }
  spec.tranches =
      parts::parse_tranches(programme.child("tranches"), s, cohort_years,
                            schema("programmes[].tranches[]"), "a village package", units);
  if (auto p = programme.find("priority")) parse_priority(*p, spec.cohorts, spec);
  spec.allocation =
      parts::parse_allocation(programme.child("allocation"), Level::household,
                              "a village package's money goes to each selected village");
  if (auto p = programme.find("project")) spec.project = parts::parse_project(*p, s);
  if (auto d = programme.find("disbursement")) {
    parts::parse_disbursement(*d, spec.disbursement_month, spec.disbursement_day);
  }
  return spec;
}

ProgrammeKindInfo village_package_kind() {
  ProgrammeKindInfo k;
  k.name = "village_package";
  k.params_type = typeid(VillagePackageSpec);
  k.schema = {
      {"programmes[]",
       "",
       {{"cohorts", true},
        {"tranches", true},
        {"priority", false},
        {"allocation", true},
        {"project", false},
        {"disbursement", false}},
       ""},
      {"programmes[].cohorts[]", "", {{"year", true}, {"count", false}, {"share", false}}, ""},
      {"programmes[].tranches[]", "", {{"programme_year", true}, {"amount", true}}, ""},
      {"programmes[].priority", "", {{"categories", true}, {"deadline", false}}, ""},
  };
  k.parse = [](const Located& p, const Scenario& s) -> std::any {
    return parse_village_package(p, s);
  };
  k.levels_holding_money = [](const ProgrammeSpec&) { return std::vector<Level>{Level::village}; };
  k.why_not_at_county = [](const ProgrammeSpec&) -> std::string {
    return "a village package's money goes to the villages";
  };
  k.pools = kind_parts::pools_nothing;
  k.check = kind_parts::no_check;
  k.allocation = kind_parts::allocation_of<VillagePackageSpec>;
  k.project = kind_parts::project_of<VillagePackageSpec>;
  return k;
}

}  // namespace fupin::models
