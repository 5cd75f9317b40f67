// Programme kind microcredit (扶贫贴息贷款 / 小额信贷): loans to registered poor households with
// labourers, repaid in equal principal instalments with interest, part of which a subsidy stream
// pays.
#include <string>

#include "models/scenario/programme_kind.hpp"
#include "models/scenario/programme_parts.hpp"
#include "models/scenario/scenario_parser.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/value_checks.hpp"

namespace fupin::models {

MicrocreditSpec parse_microcredit(const yaml::Located& programme, const Scenario& s) {
  MicrocreditSpec spec;
  const long long households = parts::household_count(s.geography);
  const int most = households > 2'000'000'000 ? 2'000'000'000 : static_cast<int>(households);
  spec.loans = parts::parse_yearly_counts(programme.child("loans"), s, "loan", most,
                                          "the geography has only");
  const yaml::Located loan = programme.child("loan");
  loan.check_keys(mapping_schema("programmes[].loan", "microcredit"));
  const yaml::Located amount = loan.child("amount");
  spec.loan_amount = amount.as_money();
  if (spec.loan_amount.fen() == 0) amount.fail("a loan must be more than 0 yuan");
  if (auto v = loan.find("term_years")) spec.term_years = checks::year_count(*v, 1);
  if (auto v = loan.find("interest_rate")) spec.interest_rate = checks::rate(*v);
  if (auto v = loan.find("subsidy_share")) spec.subsidy_share = checks::fraction(*v);
  if (auto v = loan.find("default_probability")) spec.default_probability = checks::probability(*v);
  long double loans = 0;
  for (const auto& [year, count] : spec.loans) loans += count;
  // Each loan with its interest for its whole term.
  parts::check_money_total(amount,
                           loans * static_cast<long double>(spec.loan_amount.fen()) *
                               (1.0L + spec.interest_rate * spec.term_years),
                           "the loans of all years with their interest");
  if (auto v = programme.find("subsidy_stream"))
    spec.subsidy_stream = checks::identifier(*v, "subsidy_stream");
  if (auto p = programme.find("project")) spec.project = parts::parse_project(*p, s);
  if (auto d = programme.find("disbursement")) {
    parts::parse_disbursement(*d, spec.disbursement_month, spec.disbursement_day);
  }
  return spec;
}

ProgrammeKindInfo microcredit_kind() {
  ProgrammeKindInfo k;
  k.name = "microcredit";
  k.params_type = typeid(MicrocreditSpec);
  k.schema = {
      {"programmes[]",
       "",
       {{"loans", true},
        {"loan", true},
        {"subsidy_stream", false},
        {"project", false},
        {"disbursement", false}},
       ""},
      {"programmes[].loans", "", {}, "<year>"},
      {"programmes[].loan",
       "",
       {{"amount", true},
        {"term_years", false},
        {"interest_rate", false},
        {"subsidy_share", false},
        {"default_probability", false}},
       ""},
  };
  k.parse = [](const yaml::Located& p, const Scenario& s) -> std::any {
    return parse_microcredit(p, s);
  };
  k.levels_holding_money = [](const ProgrammeSpec&) { return std::vector<Level>{}; };
  k.why_not_at_county = [](const ProgrammeSpec&) -> std::string {
    return "microcredit lends to households";
  };
  k.pools = kind_parts::pools_nothing;
  k.check = kind_parts::no_check;
  k.allocation = kind_parts::no_allocation;
  k.project = kind_parts::project_of<MicrocreditSpec>;
  return k;
}

}  // namespace fupin::models
