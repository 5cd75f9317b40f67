// Programme kind mutual_aid_fund (贫困村资金互助): seed capital for the poorest villages' revolving
// funds, which lend what they hold to registered poor households every year for a fee.
#include <string>

#include "models/scenario/programme_kind.hpp"
#include "models/scenario/programme_parts.hpp"
#include "models/scenario/scenario_parser.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/value_checks.hpp"

namespace fupin::models {

MutualAidFundSpec parse_mutual_aid_fund(const yaml::Located& programme, const Scenario& s) {
  MutualAidFundSpec spec;
  const yaml::Located seed = programme.child("seed");
  seed.check_keys(mapping_schema("programmes[].seed", "mutual_aid_fund"));
  spec.seed_year = checks::year_in_period(seed.child("year"), s, "seed year");
  const yaml::Located villages = seed.child("villages");
  spec.villages = checks::at_least(villages, 1);
  const long long all = parts::village_count(s.geography);
  if (spec.villages > all) {
    villages.fail("the geography has only " + std::to_string(all) + " villages, not " +
                  villages.scalar());
  }
  const yaml::Located capital = seed.child("capital");
  spec.seed_capital = capital.as_money();
  if (spec.seed_capital.fen() == 0) capital.fail("seed capital must be more than 0 yuan");
  // The funds grow by their fees (a rate below 1 a year) for at most the period.
  parts::check_money_total(
      capital, static_cast<long double>(spec.seed_capital.fen()) * spec.villages * 2.0L * s.years(),
      "the seed capital of " + std::to_string(spec.villages) +
          " village funds, with their fees over the period,");

  const yaml::Located loan = programme.child("loan");
  loan.check_keys(mapping_schema("programmes[].loan", "mutual_aid_fund"));
  const yaml::Located amount = loan.child("amount");
  spec.loan_amount = amount.as_money();
  if (spec.loan_amount.fen() == 0) amount.fail("a loan must be more than 0 yuan");
  // A fund smaller than one loan can never lend: no usable project.
  if (spec.loan_amount > spec.seed_capital) {
    amount.fail("a loan of " + amount.scalar() +
                " yuan is more than a village fund's seed capital (" + capital.scalar() +
                " yuan), so the fund could never lend");
  }
  if (auto v = loan.find("fee_rate")) spec.fee_rate = checks::rate(*v);
  if (auto v = loan.find("default_probability")) spec.default_probability = checks::probability(*v);
  if (auto p = programme.find("project")) spec.project = parts::parse_project(*p, s);
  return spec;
}

ProgrammeKindInfo mutual_aid_fund_kind() {
  ProgrammeKindInfo k;
  k.name = "mutual_aid_fund";
  k.params_type = typeid(MutualAidFundSpec);
  k.schema = {
      {"programmes[]", "", {{"seed", true}, {"loan", true}, {"project", false}}, ""},
      {"programmes[].seed", "", {{"year", true}, {"villages", true}, {"capital", true}}, ""},
      {"programmes[].loan",
       "",
       {{"amount", true}, {"fee_rate", false}, {"default_probability", false}},
       ""},
  };
  k.parse = [](const yaml::Located& p, const Scenario& s) -> std::any {
    return parse_mutual_aid_fund(p, s);
  };
  k.levels_holding_money = [](const ProgrammeSpec&) { return std::vector<Level>{Level::village}; };
  k.why_not_at_county = [](const ProgrammeSpec&) -> std::string {
    return "its money is the capital of village funds";
  };
  k.pools = kind_parts::pools_nothing;
  k.check = kind_parts::no_check;
  k.allocation = kind_parts::no_allocation;
  k.project = kind_parts::project_of<MutualAidFundSpec>;
  k.revolving_capital = true;
  return k;
}

}  // namespace fupin::models
