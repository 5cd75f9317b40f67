#include "models/programmes/appropriation.hpp"

#include "models/programmes/programme_kind.hpp"
#include "models/state/phases.hpp"

namespace fupin::models {

Appropriation::Appropriation(int index, const ProgrammeSpec& spec, const AppropriationSpec& params,
                             SimulationState& s)
    : Programme(index, spec, s),
      amounts_(params.amounts),
      stages_(params.allocation),
      month_(params.disbursement_month),
      day_(params.disbursement_day) {
  const ProjectSpec& project = params.project;
  std::vector<Level> levels;
  for (const AllocationStage& st : stages_) {
    if (st.level != Level::household) levels.push_back(st.level);
  }
  open_accounts(s, levels, true);
  plan_ = make_plan(stages_, project);
}

FlowPlan* Appropriation::county_flow() {
  return !stages_.empty() && stages_.front().level == Level::county ? &plan_ : nullptr;
}

void Appropriation::start_year(SimulationState& s, int year) {
  const auto it = amounts_.find(year);
  if (it == amounts_.end() || it->second.fen() <= 0) return;
  const sim::Date date = sim::Date::from_civil(year, month_, day_);
  plan_.date = date;
  s.engine.schedule_global(at(date, Phase::disbursement),
                           [this, &s, amount = it->second, year](sim::Engine&) {
                             issue_from_province(s, plan_, amount, year);
                           });
}

namespace {

void plan_appropriation(KindPlan& plan, const AppropriationSpec& k) {
  const Scenario& s = plan.s;
  const Level first = k.allocation.front().level;
  const std::int64_t regions = first == Level::county     ? plan.counties
                               : first == Level::township ? plan.townships
                                                          : plan.villages;
  for (const auto& [year, amount] : k.amounts) {
    if (year < s.start_year || year > s.end_year) continue;
    Arrival a;
    a.total = amount;
    a.receipts = regions;
    plan.add(year, 0, level_name(first), amount,
             plan.through_levels(first, k.allocation, a,
                                 first == Level::county ? plan.into : std::string()));
  }
}

HouseholdReach appropriation_reach(const ReachContext& c, const AppropriationSpec& k) {
  sim::Money m;
  for (const auto& [year, amount] : k.amounts) m += amount;
  return c.even(m.yuan(), c.all, "province");
}

// The appropriation kinds differ only in their spec type (and so their name).
template <typename Spec>
ProgrammeKindRun appropriation_run(const char* name) {
  ProgrammeKindRun r;
  r.name = name;
  r.create = [](int index, const ProgrammeSpec& spec,
                SimulationState& s) -> std::unique_ptr<Programme> {
    return std::make_unique<Appropriation>(index, spec, params_of<Spec>(spec), s);
  };
  r.plan_money = [](KindPlan& plan) { plan_appropriation(plan, params_of<Spec>(plan.p)); };
  r.first_scope = [](const ProgrammeSpec&) -> std::optional<RuleScope> {
    return RuleScope{std::nullopt, ""};
  };
  r.reach = [](const ReachContext& c, const ProgrammeSpec& p) {
    return appropriation_reach(c, params_of<Spec>(p));
  };
  return r;
}

}  // namespace

ProgrammeKindRun special_fund_run() { return appropriation_run<SpecialFundSpec>("special_fund"); }

ProgrammeKindRun donation_run() { return appropriation_run<DonationSpec>("donation"); }

}  // namespace fupin::models
