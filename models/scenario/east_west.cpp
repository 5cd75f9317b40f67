// Programme kind east_west (东西扶贫协作): eastern donors paired with western counties, through
// fiscal aid with a stable base growing every year (稳定基数、逐年增加), enterprise investment
// creating local jobs, and labour transfer to eastern jobs.
#include <optional>
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

// One job per 100 yuan invested: far above any real enterprise, and small enough that the jobs of
// the largest investment fit in an int64.
constexpr double kMaxJobsPerMillion = 10000;

const MappingSchema& schema(const char* path) { return mapping_schema(path, "east_west"); }

std::vector<EastWestSpec::Pairing> parse_pairings(const Located& list, const Scenario& s) {
  std::vector<EastWestSpec::Pairing> out;
  std::vector<int> lines;
  const std::vector<Located> elements = list.elements();
  if (elements.empty()) list.fail("give at least one pairing of a donor with its counties");
  for (const Located& p : elements) {
    p.check_keys(schema("programmes[].pairings[]"));
    const Located donor = p.child("donor");
    EastWestSpec::Pairing pairing;
    pairing.donor = checks::identifier(donor, "donor name");
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].donor == pairing.donor) {
        donor.fail("duplicate donor '" + pairing.donor + "' (first given at line " +
                   std::to_string(lines[i]) + "); list all of a donor's counties in one pairing");
      }
    }
    pairing.counties = parts::parse_counties(p.child("counties"), s);
    lines.push_back(donor.mark().line + 1);
    out.push_back(std::move(pairing));
  }
  return out;
}

}  // namespace

EastWestSpec parse_east_west(const Located& programme, const Scenario& s) {
  EastWestSpec spec;
  spec.pairings = parse_pairings(programme.child("pairings"), s);
  const auto aid = programme.find("fiscal_aid");
  const auto enterprise = programme.find("enterprise");
  const auto labour = programme.find("labour_transfer");
  if (!aid && !enterprise && !labour) {
    programme.fail(
        "east-west cooperation needs at least one of 'fiscal_aid', 'enterprise' and "
        "'labour_transfer'");
  }
  if (aid) {
    aid->check_keys(schema("programmes[].fiscal_aid"));
    const Located base = aid->child("base");
    spec.aid_base = base.as_money();
    std::optional<Located> growth = aid->find("growth");
    if (growth) {
      spec.aid_growth = checks::growth(*growth);
    }
    // The aid of every year, compounded, to every paired county.
    long double counties = 0;
    for (const auto& p : spec.pairings) counties += static_cast<long double>(p.counties.size());
    long double yearly = static_cast<long double>(spec.aid_base.fen());
    long double total = 0;
    for (int y = 0; y < s.years(); ++y) {
      total += yearly;
      yearly *= 1.0L + spec.aid_growth;
    }
    parts::check_money_total(
        growth && spec.aid_growth > 0 ? *growth : base, total * counties,
        "the fiscal aid of " + std::to_string(s.years()) + " years to the paired counties");
  }
  if (enterprise) {
    enterprise->check_keys(schema("programmes[].enterprise"));
    const Located investment = enterprise->child("investment_per_year");
    spec.investment_per_year = investment.as_money();
    parts::check_money_total(
        investment,
        static_cast<long double>(spec.investment_per_year.fen()) * s.years() *
            static_cast<long double>(spec.pairings.size()),
        "the investment of " + std::to_string(s.years()) + " years by every donor");
    spec.jobs_per_million =
        checks::in_range_number(enterprise->child("jobs_per_million"), 0, kMaxJobsPerMillion);
    spec.local_wage = checks::yuan(enterprise->child("local_wage"));
  }
  if (labour) {
    labour->check_keys(schema("programmes[].labour_transfer"));
    spec.transfer_jobs_per_year = checks::at_least(labour->child("jobs_per_year"), 0);
    spec.migrant_wage = checks::yuan(labour->child("wage"));
    spec.remittance_share = checks::fraction(labour->child("remittance_share"));
  }
  const auto allocation = programme.find("allocation");
  if (aid && !allocation) {
    programme.fail(
        "missing key 'allocation': the fiscal aid reaches the paired counties and is split from "
        "there");
  }
  if (allocation && !aid) {
    for (const auto& [key, value] : programme.entries()) {
      if (key.node().Scalar() == "allocation") {
        key.fail(
            "'allocation' splits the fiscal aid below the county, but this programme gives no "
            "'fiscal_aid'");
      }
    }
  }
  if (allocation) {
    spec.allocation = parts::parse_allocation(
        *allocation, Level::township, "east-west fiscal aid arrives at the paired counties");
  }
  if (auto p = programme.find("project")) spec.project = parts::parse_project(*p, s);
  if (auto d = programme.find("disbursement")) {
    parts::parse_disbursement(*d, spec.disbursement_month, spec.disbursement_day);
  }
  return spec;
}

ProgrammeKindInfo east_west_kind() {
  ProgrammeKindInfo k;
  k.name = "east_west";
  k.params_type = typeid(EastWestSpec);
  k.schema = {
      {"programmes[]",
       "",
       {{"pairings", true},
        {"fiscal_aid", false},
        {"enterprise", false},
        {"labour_transfer", false},
        {"allocation", false},
        {"project", false},
        {"disbursement", false}},
       ""},
      {"programmes[].pairings[]", "", {{"donor", true}, {"counties", true}}, ""},
      {"programmes[].fiscal_aid", "", {{"base", true}, {"growth", false}}, ""},
      {"programmes[].enterprise",
       "",
       {{"investment_per_year", true}, {"jobs_per_million", true}, {"local_wage", true}},
       ""},
      {"programmes[].labour_transfer",
       "",
       {{"jobs_per_year", true}, {"wage", true}, {"remittance_share", true}},
       ""},
  };
  k.parse = [](const Located& p, const Scenario& s) -> std::any { return parse_east_west(p, s); };
  k.levels_holding_money = [](const ProgrammeSpec& p) {
    std::vector<Level> out;
    const auto& spec = params_of<EastWestSpec>(p);
    if (!spec.allocation.empty()) {
      out.push_back(Level::county);
      kind_parts::add_levels(out, spec.allocation);
    }
    return out;
  };
  k.why_not_at_county = [](const ProgrammeSpec&) -> std::string {
    return "it gives no fiscal_aid";
  };
  k.pools = kind_parts::pools_nothing;
  k.check = kind_parts::no_check;
  k.allocation = kind_parts::allocation_of<EastWestSpec>;
  k.project = kind_parts::project_of<EastWestSpec>;
  return k;
}

}  // namespace fupin::models
