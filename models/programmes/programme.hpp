// A programme (funding stream mechanism) as the simulation sees it. Each programme kind is one
// class in its own file, created by make_programmes from the validated specs.
#pragma once

#include <memory>
#include <vector>

#include "models/programmes/allocation.hpp"
#include "models/results.hpp"
#include "models/scenario/scenario.hpp"
#include "models/state/simulation_state.hpp"

namespace fupin::models {

class Programme {
 public:
  Programme(int index, const ProgrammeSpec& spec, SimulationState& s);
  virtual ~Programme() = default;
  Programme(const Programme&) = delete;
  Programme& operator=(const Programme&) = delete;

  // Global event on 1 January, after identification: selections, and scheduling of the year's
  // disbursements and other events.
  virtual void start_year(SimulationState& s, int year) = 0;
  // Global event on 31 December before the ledger closes: idle-money policy (and the kind's own
  // year-end work, which overrides must chain to).
  virtual void end_year(SimulationState& s, int year);
  // Adds the kind's own measures for `year` to `out` (money series are derived from the ledger).
  virtual void record_year(const SimulationState& s, int year, ProgrammeSeries& out) const;

  // The flow plan of programmes whose money passes through county level, else nullptr; a county
  // fund integration takes their money over there.
  virtual FlowPlan* county_flow() { return nullptr; }
  // The flow plan of a programme that pools other programmes' county money (its kind's
  // ProgrammeKindInfo::pools is not empty), else nullptr.
  virtual FlowPlan* pool_flow() { return nullptr; }

  [[nodiscard]] const ProgrammeSpec& spec() const { return spec_; }
  [[nodiscard]] int index() const { return index_; }
  [[nodiscard]] const ProgrammeAccounts& accounts() const { return accounts_; }

 protected:
  // Opens the accounts (call once from the kind's constructor).
  void open_accounts(SimulationState& s, std::span<const Level> levels, bool household_projects);
  FlowPlan make_plan(std::span<const AllocationStage> stages, const ProjectSpec& project);

  int index_;
  const ProgrammeSpec& spec_;
  const Scenario& scenario_;
  ProgrammeAccounts accounts_;
  HeldMoney held_;
  // Per household, money of this programme earmarked for its project's unit (empty when the
  // project buys no unit); the ledger holds it in accounts_.savings.
  std::vector<sim::Money> savings_;
};

// Creates every programme in scenario order and links county fund integrations to their sources.
std::vector<std::unique_ptr<Programme>> make_programmes(const Scenario& scenario,
                                                        SimulationState& s);

// Appends this year's value of measure `name` to `out`, creating the series in the first year.
void record(ProgrammeSeries& out, const std::string& name, const std::string& units,
            const std::string& description, double value);

}  // namespace fupin::models
