// Programme kind sector_channel (行业扶贫): a sector's money, bound to its channel (渠道不乱), buys
// units — a village road, a household's renovated house — at a unit cost, toward a coverage goal.
// Whether the budget can buy any unit at all is checked with the funding network.
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

template <std::size_t N>
std::vector<std::string> names_of(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

void parse_goal(const Located& goal, const Scenario& s, SectorChannelSpec& spec) {
  goal.check_keys(mapping_schema("programmes[].goal", "sector_channel"));
  spec.goal_year = checks::year_in_period(goal.child("year"), s, "goal year");
  if (auto c = goal.find("coverage")) {
    spec.goal_coverage = c->as_number();
    if (!(spec.goal_coverage > 0 && spec.goal_coverage <= 1)) {
      c->fail("coverage must be greater than 0 and at most 1, got " + c->scalar());
    }
  }
  if (spec.goal_coverage <= spec.initial_coverage) {
    const Located where = goal.find("coverage") ? *goal.find("coverage") : goal;
    where.fail("goal coverage " + checks::number_text(spec.goal_coverage) +
               " is already reached before the period (initial_coverage " +
               checks::number_text(spec.initial_coverage) + ")");
  }
}

}  // namespace

SectorChannelSpec parse_sector_channel(const Located& programme, const Scenario& s) {
  SectorChannelSpec spec;
  spec.channel = *channel_from_name(
      checks::one_of(programme.child("channel"), names_of(channel_names()), "channel"));
  spec.budget = parts::parse_yearly_amounts(programme.child("budget"), s, "budget");
  if (auto u = programme.find("unit")) {
    spec.unit = *unit_kind_from_name(checks::one_of(*u, names_of(unit_kind_names()), "unit"));
  }
  const Located cost = programme.child("unit_cost");
  spec.unit_cost = cost.as_money();
  if (spec.unit_cost.fen() == 0) cost.fail("a unit must cost more than 0 yuan");
  if (auto c = programme.find("initial_coverage")) {
    spec.initial_coverage = checks::fraction(*c);
    if (spec.initial_coverage >= 1) {
      c->fail("every unit is covered before the period starts, so the channel can never buy one");
    }
  }
  if (auto g = programme.find("goal")) parse_goal(*g, s, spec);
  if (auto o = programme.find("order"))
    spec.order = checks::one_of(*o, names_of(channel_order_names()), "order");
  if (auto g = programme.find("growth_uplift")) {
    spec.growth_uplift = checks::non_negative(*g);
    if (spec.unit != UnitKind::village) {
      g->fail("growth_uplift is the effect of a village unit; a household unit adds income_gain");
    }
  }
  if (auto g = programme.find("income_gain")) spec.income_gain = checks::non_negative(*g);
  if (auto c = programme.find("construction_years")) {
    spec.construction_years = c->as_int();
    if (spec.construction_years < 0 || spec.construction_years > 10) {
      c->fail("construction_years must be between 0 and 10, got " +
              std::to_string(spec.construction_years));
    }
  }
  if (auto d = programme.find("disbursement")) {
    parts::parse_disbursement(*d, spec.disbursement_month, spec.disbursement_day);
  }
  return spec;
}

namespace {

// A sector channel whose money can never buy one unit has no usable project.
void check_budget(const yaml::Located& node, const ProgrammeSpec& p) {
  const auto& channel = params_of<SectorChannelSpec>(p);
  sim::Money largest;
  int largest_year = 0;
  sim::Money total;
  for (const auto& [year, amount] : channel.budget) {
    total += amount;
    if (amount > largest) {
      largest = amount;
      largest_year = year;
    }
  }
  const yaml::Located cost = node.child("unit_cost");
  if (p.idle == IdleMoney::carry_over) {
    if (channel.unit_cost > total) {
      cost.fail("unit_cost " + channel.unit_cost.str() + " yuan is more than the whole budget (" +
                total.str() +
                " yuan, carried over from year to year), so the channel can never buy a unit");
    }
  } else if (channel.unit_cost > largest) {
    cost.fail("unit_cost " + channel.unit_cost.str() +
              " yuan is more than every yearly budget (the largest is " + largest.str() +
              " yuan, in " + std::to_string(largest_year) + ") and idle money is " +
              idle_money_name(p.idle) + ", so the channel can never buy a unit");
  }
}

}  // namespace

ProgrammeKindInfo sector_channel_kind() {
  ProgrammeKindInfo k;
  k.name = "sector_channel";
  k.params_type = typeid(SectorChannelSpec);
  k.schema = {
      {"programmes[]",
       "",
       {{"channel", true},
        {"budget", true},
        {"unit", false},
        {"unit_cost", true},
        {"initial_coverage", false},
        {"goal", false},
        {"order", false},
        {"growth_uplift", false},
        {"income_gain", false},
        {"construction_years", false},
        {"disbursement", false}},
       ""},
      {"programmes[].budget", "", {}, "<year>"},
      {"programmes[].goal", "", {{"coverage", false}, {"year", true}}, ""},
  };
  k.parse = [](const yaml::Located& p, const Scenario& s) -> std::any {
    return parse_sector_channel(p, s);
  };
  k.levels_holding_money = [](const ProgrammeSpec&) { return std::vector<Level>{}; };
  k.why_not_at_county = [](const ProgrammeSpec&) -> std::string {
    return "a sector channel's money stays in its channel (渠道不乱)";
  };
  k.pools = kind_parts::pools_nothing;
  k.check = check_budget;
  k.allocation = kind_parts::no_allocation;
  k.project = [](const ProgrammeSpec&) -> const ProjectSpec* { return nullptr; };
  k.idles_in_pool = true;
  return k;
}

}  // namespace fupin::models
