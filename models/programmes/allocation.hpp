// The shared mechanism by which a programme's money flows down the region tree: ledger accounts
// per programme and level, administrative cost retained at each level, money carried over at a
// holder, and allocation stages that split money among the candidates of the next level with a
// named rule. Money that reaches a household becomes a project.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "models/state/simulation_state.hpp"
#include "sim/money.hpp"
#include "sim/time.hpp"

namespace fupin::models {

// The ledger accounts of one programme. Holding accounts exist for the levels it uses.
struct ProgrammeAccounts {
  int programme = -1;
  sim::StreamId stream = 0;
  sim::AccountId source = 0;
  sim::AccountId admin = 0;
  sim::AccountId lost = 0;
  std::vector<sim::AccountId> county, township, village;  // holding accounts per region
  std::vector<sim::AccountId> projects;  // per village: spent on household projects
  // Per village, households' balances earmarked for a unit (open when the project buys units).
  std::vector<sim::AccountId> savings;
  [[nodiscard]] const std::vector<sim::AccountId>& holding(Level level) const;
};

// Opens "<programme>/source", "/admin", "/lost", holding accounts "<programme>/<level>/<region>"
// for `levels`, and "<programme>/projects/<village>" if `household_projects` (and
// "<programme>/savings/<village>", kind saved, if also `unit_savings`).
ProgrammeAccounts open_programme_accounts(MoneyBook& book, const World& world, int programme,
                                          const ProgrammeSpec& spec, std::span<const Level> levels,
                                          bool household_projects, bool unit_savings = false);

// Money a programme's regions hold between disbursements (no candidate yet, or carried over).
struct HeldMoney {
  std::vector<sim::Money> county, township, village;
  explicit HeldMoney(const World& w);
  sim::Money& at(Level level, std::size_t index);
};

// How one programme's money moves below a holder.
struct FlowPlan {
  const ProgrammeAccounts* accounts = nullptr;
  HeldMoney* held = nullptr;
  std::span<const AllocationStage> stages;  // every stage of the programme, top first
  ProjectSpec project;
  const std::map<Level, double>* admin_cost = nullptr;
  const FlowPlan* integrated_into = nullptr;  // county fund integration taking over at county level
  int industry = -1;                          // market index of the project's industry, -1 for none
  // Per household, the programme's balance earmarked for the project's unit (null: no saving;
  // then accounts->savings is empty).
  std::vector<sim::Money>* savings = nullptr;
  sim::Date date;
};

struct FlowOutcome {
  sim::Money admin;
  sim::Money to_households;
};

// The administrative cost a region of `level` retains from `amount` arriving there: the level's
// rate × amount, rounded to the fen by sim::kMoneyRounding (zero if the level has no rate).
sim::Money admin_share(sim::Money amount, const std::map<Level, double>* admin_cost, Level level);

// What money flowing down the region tree works with: the run context (rules, the poverty line),
// the world (households receive money and projects), the region signals (read by candidate tables)
// and the county states it may write (projects, units bought, capture). In a county's local event
// `counties` is that county's LpState alone, so writing another county's state fails loudly
// instead of racing with that county's events; in the global phase it is every county's.
struct FlowScope {
  const RunContext& run;
  World& world;
  const RegionSignals& signals;
  std::span<LpState> counties;  // the LpStates of counties first_county, first_county + 1, ...
  std::size_t first_county = 0;

  // The scope of county `county`'s local events.
  static FlowScope local(SimulationState& s, std::size_t county);
  // The global phase's scope: every county.
  static FlowScope global(SimulationState& s);
  // The state of county `county`; std::logic_error if the scope does not hold it.
  [[nodiscard]] LpState& county(std::size_t county) const;
};

// `amount` has just been posted to the holder (level, index) account. Retains the level's
// administrative cost, adds the money held there, and splits the rest by the stages below
// `level`; money with no candidate stays held. Posts to `journal` (the county's own in a local
// event, the global journal in the global phase) and writes only the states `scope` holds.
FlowOutcome flow_down(const FlowScope& scope, sim::Journal& journal, const FlowPlan& plan,
                      Level level, std::uint32_t index, sim::Money amount);

// Splits `budget`, held in `holder`, among the registered households of `villages` by `stage`;
// within-village capture then moves part of it to better-off households, and each household's
// amount becomes the plan's project (models/dynamics/interventions.hpp). Per village, the money
// that buys something posts holder → projects; money saved toward a unit posts holder → savings,
// and savings drawn post savings → projects. Returns the money that reached households (saved
// or spent). Each household's projects and units go to its own county's state in `scope`.
sim::Money to_households(const FlowScope& scope, sim::Journal& journal, const FlowPlan& plan,
                         sim::AccountId holder, Range villages, sim::Money budget,
                         const AllocationStage& stage);

// Appends registered household `i` to a candidate table with every column (the village's priority
// categories, the county's assessment, the need at `return_rate`) against `line`.
void add_household_candidate(const World& world, const RegionSignals& signals, CandidateTable& c,
                             std::uint32_t i, double line, double return_rate);
// The same for household `i` of village `v` (its village, known to the caller).
void add_household_candidate(const World& world, const RegionSignals& signals, CandidateTable& c,
                             std::uint32_t i, std::uint32_t v, double line, double return_rate);

// Index of market `industry` in the scenario's shocks.markets, -1 for "" (no market).
int market_index(const Scenario& scenario, const std::string& industry);

// Index range at `child` level of the regions inside region `index` of level `parent` (the
// region itself when the levels are equal).
Range child_range(const World& w, Level parent, std::size_t index, Level child);

// Summary of the households of one region, for candidate tables and selection.
struct RegionStats {
  double people = 0;
  double poor_people = 0;
  double poverty_gap = 0;
  double income_mass = 0;
  double households = 0;
  double poor_households = 0;
  std::int64_t registered = 0;
  void add_household(double size, double income, bool registered_poor, double line);
};
RegionStats region_stats(const World& world, Level level, std::size_t index, double line);

// Candidate table of `regions` at `level` (their aggregate attributes).
CandidateTable region_candidates(const World& world, const RegionSignals& signals, Level level,
                                 std::span<const RegionStats> stats,
                                 std::span<const std::uint32_t> regions, double return_rate);

// Splits a programme's whole `amount` from its source among every region at the first stage's
// level that has registered poor households (statistics gathered in parallel), posts the parts in
// the global journal, and schedules each region's flow_down in its county's LP at the plan's date.
// Returns the amount issued (zero if no region qualifies: then nothing is issued).
sim::Money issue_from_province(SimulationState& s, const FlowPlan& plan, sim::Money amount,
                               int year);

}  // namespace fupin::models
