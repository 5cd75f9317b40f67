// Programme kind township_package (整乡推进): cohorts of townships, tranches per programme year,
// top-ups, the disbursement date, project returns and the allocation stages below the township.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "models/scenario/programme_kind.hpp"
#include "models/scenario/programme_parts.hpp"
#include "models/scenario/scenario_names.hpp"
#include "models/scenario/scenario_parser.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/value_checks.hpp"

namespace fupin::models {

namespace {

using yaml::Located;

const MappingSchema& schema(const char* path) { return mapping_schema(path, "township_package"); }

std::string line_of(const Located& v) { return std::to_string(v.mark().line + 1); }

std::vector<std::string> names_of(std::span<const std::string_view> names) {
  return {names.begin(), names.end()};
}

std::string numbered(const std::string& prefix, int i) {
  std::string digits = std::to_string(i);
  if (digits.size() < 2) digits.insert(0, 1, '0');
  return prefix + digits;
}

// The generated name of township t (1-based) of county c (1-based): "<county>-TNN".
std::string township_name(const GeographySpec& g, int c, int t) {
  return numbered(g.county_name(c) + "-T", t);
}

// Whether `name` is a township of the geography (names as GeographySpec describes them).
bool is_township(const GeographySpec& g, const std::string& name) {
  const std::size_t dash = name.rfind("-T");
  if (dash == std::string::npos) return false;
  const long long c = g.county_number(name.substr(0, dash));
  const std::string township = name.substr(dash + 2);
  if (c == 0 || township.empty() || township.size() > 9 ||
      township.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  const int t = std::stoi(township);
  return t >= 1 && t <= g.townships_per_county && township_name(g, static_cast<int>(c), t) == name;
}

Cohort parse_cohort(const Located& c, const Scenario& s, int townships) {
  c.check_keys(schema("programmes[].cohorts[]"));
  Cohort cohort;
  cohort.year = checks::year_in_period(c.child("year"), s, "cohort year");
  const std::string selection =
      checks::one_of(c.child("selection"), names_of(selection_names()), "selection");
  cohort.selection = *selection_from_name(selection);
  const auto count = c.find("count");
  const auto share = c.find("share");
  const auto listed = c.find("townships");

  if (cohort.selection == Selection::listed) {
    if (count)
      count->fail(
          "'count' is only for selection: poorest_first; a listed cohort names its townships");
    if (share)
      share->fail(
          "'share' is only for selection: poorest_first; a listed cohort names its townships");
    if (!listed)
      c.fail("a cohort with selection: listed needs 'townships', the names of its townships");
    const std::vector<Located> elements = listed->elements();
    if (elements.empty()) listed->fail("a listed cohort needs at least one township");
    for (const Located& t : elements) {
      std::string name = t.as_string();
      if (!is_township(s.geography, name)) {
        const GeographySpec& g = s.geography;
        t.fail("no township '" + name + "' in the geography; its townships are " +
               township_name(g, 1, 1) + " to " +
               township_name(g, g.counties, g.townships_per_county) +
               " (county, then township within it)");
      }
      for (const std::string& seen : cohort.townships) {
        if (seen == name) t.fail("township '" + name + "' is listed twice");
      }
      cohort.townships.push_back(std::move(name));
    }
    if (static_cast<int>(cohort.townships.size()) > townships) {
      listed->fail("the cohort lists " + std::to_string(cohort.townships.size()) +
                   " townships but the geography has only " + std::to_string(townships));
    }
    return cohort;
  }

  if (listed) listed->fail("'townships' is only for selection: listed");
  if (count && share) share->fail("give either 'count' or 'share', not both");
  if (!count && !share)
    c.fail("a poorest_first cohort needs 'count' (townships) or 'share' (of all townships)");
  if (count) {
    cohort.count = count->as_int();
    if (cohort.count < 1 || cohort.count > townships) {
      count->fail("count must be between 1 and " + std::to_string(townships) +
                  " (the number of townships), got " + count->scalar());
    }
  } else {
    cohort.share = share->as_number();
    if (!(cohort.share > 0 && cohort.share <= 1)) {
      share->fail("share must be greater than 0 and at most 1, got " + share->scalar());
    }
    if (std::llround(cohort.share * townships) < 1) {
      share->fail("share " + share->scalar() + " of " + std::to_string(townships) +
                  " townships selects none");
    }
  }
  return cohort;
}

// Number of townships a cohort selects.
long long selected(const Cohort& c, int townships) {
  if (c.selection == Selection::listed) return static_cast<long long>(c.townships.size());
  return c.count > 0 ? c.count : std::llround(c.share * townships);
}

std::vector<Cohort> parse_cohorts(const Located& list, const Scenario& s) {
  const int townships = s.geography.counties * s.geography.townships_per_county;
  std::vector<Cohort> cohorts;
  std::vector<std::string> lines;
  long long total = 0;
  const std::vector<Located> elements = list.elements();
  if (elements.empty()) list.fail("a township package needs at least one cohort");
  for (const Located& c : elements) {
    Cohort cohort = parse_cohort(c, s, townships);
    if (cohort.selection == Selection::listed) {
      for (std::size_t i = 0; i < cohort.townships.size(); ++i) {
        for (const Cohort& earlier : cohorts) {
          for (const std::string& name : earlier.townships) {
            if (name == cohort.townships[i]) {
              c.child("townships")
                  .elements()[i]
                  .fail("township '" + name + "' is already in the " +
                        std::to_string(earlier.year) + " cohort");
            }
          }
        }
      }
    }
    for (std::size_t i = 0; i < cohorts.size(); ++i) {
      if (cohorts[i].year == cohort.year) {
        c.child("year").fail("two cohorts are selected in " + std::to_string(cohort.year) +
                             " (the first at line " + lines[i] + ")");
      }
    }
    total += selected(cohort, townships);
    if (total > townships) {
      c.fail("the cohorts so far select " + std::to_string(total) +
             " townships but the geography has only " + std::to_string(townships));
    }
    lines.push_back(line_of(c));
    cohorts.push_back(std::move(cohort));
  }
  return cohorts;
}

// `total`: the programme's money before the top-ups (fen); with them it must still fit, as `check`
// prints it and the run's ledger adds it up.
std::vector<TopUp> parse_top_ups(const Located& list, const Scenario& s,
                                 const std::vector<Cohort>& cohorts, std::int64_t total) {
  std::vector<TopUp> top_ups;
  const int townships = s.geography.counties * s.geography.townships_per_county;
  for (const Located& t : list.elements()) {
    t.check_keys(schema("programmes[].top_ups[]"));
    TopUp top_up;
    const Located cohort_node = t.child("cohort");
    top_up.cohort_year = cohort_node.as_int();
    bool known = false;
    std::string years;
    for (const Cohort& c : cohorts) {
      known = known || c.year == top_up.cohort_year;
      years += (years.empty() ? "" : ", ") + std::to_string(c.year);
    }
    if (!known) {
      cohort_node.fail("no cohort is selected in " + std::to_string(top_up.cohort_year) +
                       "; the cohorts are " + years);
    }
    const Located year_node = t.child("year");
    top_up.year = checks::year_in_period(year_node, s, "top-up year");
    if (top_up.year < top_up.cohort_year) {
      year_node.fail("top-up year " + std::to_string(top_up.year) +
                     " is before its cohort is selected (" + std::to_string(top_up.cohort_year) +
                     ")");
    }
    const Located amount = t.child("amount");
    top_up.amount = amount.as_money();
    long long receiving = 0;
    for (const Cohort& c : cohorts) {
      if (c.year == top_up.cohort_year) receiving += selected(c, townships);
    }
    std::int64_t cost = 0;
    if (__builtin_mul_overflow(top_up.amount.fen(), static_cast<std::int64_t>(receiving), &cost) ||
        __builtin_add_overflow(total, cost, &total)) {
      amount.fail("the township package's money with this top-up (" + std::to_string(receiving) +
                  " townships) adds up to more than " +
                  sim::Money::from_fen(std::numeric_limits<std::int64_t>::max()).str() +
                  " yuan, the largest total fupin can hold");
    }
    top_ups.push_back(top_up);
  }
  return top_ups;
}

}  // namespace

TownshipPackageSpec parse_township_package(const Located& programme, const Scenario& s) {
  TownshipPackageSpec spec;
  spec.cohorts = parse_cohorts(programme.child("cohorts"), s);
  std::vector<int> cohort_years;
  long long units = 0;
  const int townships = s.geography.counties * s.geography.townships_per_county;
  for (const Cohort& c : spec.cohorts) {
    cohort_years.push_back(c.year);
    units += selected(c, townships);
  }
  spec.tranches =
      parts::parse_tranches(programme.child("tranches"), s, cohort_years,
                            schema("programmes[].tranches[]"), "a township package", units);
  if (auto t = programme.find("top_ups")) {
    // The tranches' total fits (parse_tranches checks it).
    std::int64_t total = 0;
    for (const Tranche& tr : spec.tranches) {
      for (const Cohort& c : spec.cohorts)
        total += tr.amount.fen() * static_cast<std::int64_t>(selected(c, townships));
    }
    spec.top_ups = parse_top_ups(*t, s, spec.cohorts, total);
  }
  if (auto d = programme.find("disbursement")) {
    parts::parse_disbursement(*d, spec.disbursement_month, spec.disbursement_day);
  }
  if (auto p = programme.find("project")) spec.project = parts::parse_project(*p, s);
  spec.allocation = parts::parse_allocation(programme.child("allocation"), Level::village,
                                            "a township package's money starts at the township");
  return spec;
}

ProgrammeKindInfo township_package_kind() {
  ProgrammeKindInfo k;
  k.name = "township_package";
  k.params_type = typeid(TownshipPackageSpec);
  k.schema = {
      {"programmes[]",
       "",
       {{"cohorts", true},
        {"tranches", true},
        {"top_ups", false},
        {"disbursement", false},
        {"project", false},
        {"allocation", true}},
       ""},
      {"programmes[].cohorts[]",
       "",
       {{"year", true},
        {"selection", true},
        {"count", false},
        {"share", false},
        {"townships", false}},
       ""},
      {"programmes[].tranches[]", "", {{"programme_year", true}, {"amount", true}}, ""},
      {"programmes[].top_ups[]", "", {{"cohort", true}, {"year", true}, {"amount", true}}, ""},
  };
  k.parse = [](const Located& p, const Scenario& s) -> std::any {
    return parse_township_package(p, s);
  };
  k.levels_holding_money = [](const ProgrammeSpec& p) {
    std::vector<Level> out{Level::township};
    kind_parts::add_levels(out, params_of<TownshipPackageSpec>(p).allocation);
    return out;
  };
  k.why_not_at_county = [](const ProgrammeSpec&) -> std::string {
    return "a township package's money starts at the township";
  };
  k.pools = kind_parts::pools_nothing;
  k.check = kind_parts::no_check;
  k.allocation = kind_parts::allocation_of<TownshipPackageSpec>;
  k.project = kind_parts::project_of<TownshipPackageSpec>;
  return k;
}

}  // namespace fupin::models
