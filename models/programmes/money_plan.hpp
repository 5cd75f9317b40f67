// The money a scenario's programmes will move, computed from the scenario alone (no run):
// what `fupin check` prints before anything is simulated. Each amount is what the run posts to
// the ledger (tests/models/programmes/money_plan_test.cpp runs every shipped scenario and
// compares), under the conditions the entry states.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "models/scenario/scenario.hpp"
#include "sim/money.hpp"

namespace fupin::models {

// Money arriving at one level of the region tree in one year: the total posted into the
// programme's holding accounts of that level (at the household level: into its project
// accounts), after the administrative cost retained at the levels above. It assumes that every
// region finds candidates below it; money that finds none stays held at its level (and is carried
// over, returned or lost as the programme's idle_money says), so the levels below receive less.
struct LevelAmount {
  std::string level;
  sim::Money amount;
  // The run's amount is within ± this of `amount`: the administrative cost is retained per region,
  // each region's share rounded to the fen (sim::kMoneyRounding), and where the rules split the
  // money among the regions by their population the plan knows only the level's total. Zero when
  // every region's amount is known (then the plan is exact).
  sim::Money rounding;
  // Non-empty: at this level a county fund integration of that name takes the money over (its own
  // entry shows where the pooled money goes); this programme's stages below are not used.
  std::string pooled_into;
};

struct PlannedFlow {
  std::string programme;
  std::string stream;
  // The programme's account the money is issued from ("<programme>/<account>" in the ledger):
  // "source", "enterprise" (east–west enterprise investment, not poverty funds) or
  // "interest_subsidy"; empty for money pooled from other programmes, which issue it.
  std::string account;
  int year = 0;
  int recipients =
      0;  // first recipients (townships, villages, counties, units, loans), 0 if unknown
  std::string recipient;  // what the recipients are
  sim::Money amount;      // total issued this year (pooled, for a fund integration)
  // The run issues at most `amount`: how much depends on who is eligible or followed (loans,
  // helper units) or on defaults (interest subsidy). Otherwise the run issues exactly `amount`.
  bool at_most = false;
  std::vector<LevelAmount> levels;  // the money each level receives, top first
};

// What the first level of a programme receives in one year (KindPlan::through_levels).
struct Arrival {
  sim::Money total;
  // The amount of each receiving region (count, amount each) when the scenario fixes it; empty
  // when a rule splits the total by population.
  std::vector<std::pair<std::int64_t, sim::Money>> per_region;
  std::int64_t receipts = 0;  // regions receiving money (each receipt is one admin rounding)
  sim::Money rounding;        // uncertainty already in the total (pooled money)
};

// What a kind's money-plan part (ProgrammeKindRun::plan_money) sees of one programme and adds to.
struct KindPlan {
  const Scenario& s;
  const ProgrammeSpec& p;
  // The programme pooling this one's county money, or empty.
  const std::string& into;
  int counties = 0;
  int townships = 0;
  int villages = 0;

  // Adds an entry of `amount` issued in `year` (nothing if it is not positive); money that
  // `levels` shows pooled into `into` at county level goes to the pooling programme's entry.
  void add(int year, int recipients, const char* what, sim::Money amount,
           std::vector<LevelAmount> levels, const char* account = "source", bool at_most = false,
           const std::string& stream = {});
  // Money reaching each level from `first` down, shrinking by the admin cost retained at each level
  // the way flow_down retains it: per receiving region, rounded by admin_share. Stops at the first
  // level where `pooled_into` takes the money over (county).
  [[nodiscard]] std::vector<LevelAmount> through_levels(Level first,
                                                        const std::vector<AllocationStage>& stages,
                                                        const Arrival& arrival,
                                                        const std::string& pooled_into = {}) const;

  std::vector<PlannedFlow>& out;
  std::map<std::string, std::map<int, Arrival>>& pooled;
};

// One entry per programme and year with money, in programme then year order; a programme issuing
// from two accounts (east–west enterprise investment, microcredit interest subsidy) has an entry
// per account.
std::vector<PlannedFlow> plan_money(const Scenario& scenario);

}  // namespace fupin::models
