// The mutable state of one simulation run (one variant): the world, the ledger and its accounts,
// and per-logical-process scratch (journals, pending projects, counters). Logical processes are
// counties; each writes only its own LpState and its own slice of the world.
#pragma once

#include <cstdint>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/scenario/scenario.hpp"
#include "models/world/world.hpp"
#include "sim/engine.hpp"
#include "sim/ledger.hpp"

namespace fupin::models {

// A funded household project waiting for its lag to pass.
struct PendingProject {
  std::uint32_t household;
  int first_return_year;
  double return_per_capita;  // yuan per person per year once active
};

// Counters of one logical process for the current year.
struct LpYearCounters {
  std::int64_t newly_registered = 0;
  std::int64_t returns = 0;
  std::int64_t exits = 0;
};

struct LpState {
  sim::Journal journal;
  std::vector<PendingProject> pending;
  LpYearCounters counters;
};

struct SimulationState {
  const Scenario& scenario;
  World world;
  sim::Engine& engine;
  const RuleRegistry& rules;

  sim::Ledger ledger;
  sim::Journal global_journal;
  std::vector<sim::AccountId> township_account;
  std::vector<sim::AccountId> village_account;
  std::vector<sim::AccountId> projects_account;  // per village: money spent on household projects
  std::vector<LpState> lp;
  std::vector<std::int32_t> township_cohort;  // cohort year per township, 0 if never selected

  SimulationState(const Scenario& s, World w, sim::Engine& e, const RuleRegistry& r)
      : scenario(s), world(std::move(w)), engine(e), rules(r), lp(e.lp_count()),
        township_cohort(world.townships.size(), 0) {}

  // Opens the ledger accounts of every township and village and each village's project account.
  void open_region_accounts();

  [[nodiscard]] double line(int year) const { return scenario.poverty_line.at(year); }
  // The logical process that owns a township.
  [[nodiscard]] std::size_t lp_of_township(std::size_t township) const {
    return static_cast<std::size_t>(world.townships.parent[township]);
  }
};

}  // namespace fupin::models
