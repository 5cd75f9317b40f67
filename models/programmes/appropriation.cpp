#include "models/programmes/appropriation.hpp"

#include "models/state/phases.hpp"

namespace fupin::models {

namespace {

const YearlyAmounts& amounts_of(const ProgrammeSpec& spec) {
  if (const auto* f = std::get_if<SpecialFundSpec>(&spec.params)) return f->appropriations;
  return std::get<DonationSpec>(spec.params).amounts;
}

}  // namespace

Appropriation::Appropriation(int index, const ProgrammeSpec& spec, SimulationState& s)
    : Programme(index, spec, s), amounts_(amounts_of(spec)) {
  ProjectSpec project;
  if (const auto* f = std::get_if<SpecialFundSpec>(&spec.params)) {
    stages_ = f->allocation;
    project = f->project;
    month_ = f->disbursement_month;
    day_ = f->disbursement_day;
  } else {
    const auto& d = std::get<DonationSpec>(spec.params);
    stages_ = d.allocation;
    project = d.project;
    month_ = d.disbursement_month;
    day_ = d.disbursement_day;
  }
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
  s.engine.schedule_global(at(date, Phase::disbursement), [this, &s, amount = it->second, year](sim::Engine&) {
    issue_from_province(s, plan_, amount, year);
  });
}

}  // namespace fupin::models
