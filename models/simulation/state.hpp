// The mutable state of one simulation run (one variant): the world, the ledger, and per-logical-
// process scratch (journals, pending projects, counters). Logical processes are counties; each
// writes only its own LpState and its own slice of the world.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/scenario/scenario.hpp"
#include "models/world/world.hpp"
#include "sim/engine.hpp"
#include "sim/ledger.hpp"

namespace fupin::models {

// Which income component a recurring source pays into once active.
enum class IncomeSource : std::uint8_t {
  project_return,   // Households::returns (a funded project, a built unit's income gain)
  job_wage,         // Households::wages (a local job)
  away_remittance,  // Households::remittances (a labourer placed in an eastern job)
};

// A funded household project (or job) waiting for its lag to pass. Once active it pays
// `return_per_capita` every year: a recurring flow, never compounded.
struct PendingProject {
  std::uint32_t household;
  int first_return_year;
  double return_per_capita;  // yuan per person per year once active
  float depreciation = 0;    // yearly decline of the return once active
  std::int16_t industry = -1;  // market index whose price moves the return, -1 for none
  IncomeSource source = IncomeSource::project_return;
};

// An income project whose return declines or follows a market price, kept individually (plain
// projects are summed into Households::project_return instead).
struct ActiveProject {
  std::uint32_t household;
  double return_per_capita;
  float depreciation;
  std::int16_t industry;
};

// Counters of one logical process for the current year.
struct LpYearCounters {
  std::int64_t registered_at_start = 0;
  std::int64_t newly_registered = 0;
  std::int64_t returns = 0;
  std::int64_t exits = 0;
};

// Units one programme's money bought in one logical process this year (households each).
struct UnitsBuilt {
  std::int64_t houses_renovated = 0;
  std::int64_t households_relocated = 0;
  std::int64_t labourers_trained = 0;
  std::int64_t households_insured = 0;
  std::int64_t schooling_guaranteed = 0;
};

struct LpState {
  sim::Journal journal;
  std::vector<PendingProject> pending;
  std::vector<ActiveProject> active;
  LpYearCounters counters;
  std::vector<UnitsBuilt> units;  // per programme (index), this year; read and reset at year end
  // This year's units of programme `programme`, the slot made on first use.
  UnitsBuilt& units_of(std::size_t programme) {
    if (units.size() <= programme) units.resize(programme + 1);
    return units[programme];
  }
};

// Kinds of ledger accounts, used to group balances and flows in results.
namespace account_kind {
inline constexpr const char* kSource = "source";          // a programme's appropriations (issues money)
inline constexpr const char* kHouseholds = "households";  // households' own income (repayments, fees)
inline constexpr const char* kCounty = "county";
inline constexpr const char* kTownship = "township";
inline constexpr const char* kVillage = "village";
inline constexpr const char* kPool = "pool";              // province-level or unit-level holding account
inline constexpr const char* kSpent = "spent";            // household projects and built units
inline constexpr const char* kSaved = "saved";            // households' balances earmarked for a unit
inline constexpr const char* kAdmin = "admin";            // administrative cost retained
inline constexpr const char* kLost = "lost";              // idle money lost, loan losses
inline constexpr const char* kFund = "fund";              // revolving capital (mutual-aid funds)
inline constexpr const char* kLent = "lent";              // money out on one-year member loans
inline constexpr const char* kRepaid = "repaid";          // loan principal returned to the lender
inline constexpr const char* kInterest = "interest";      // interest received by the lender
}  // namespace account_kind

struct SimulationState {
  const Scenario& scenario;
  World world;
  sim::Engine& engine;
  const RuleRegistry& rules;

  sim::Ledger ledger;
  sim::Journal global_journal;
  std::vector<int> account_programme;  // programme index of each ledger account, -1 if none
  std::vector<LpState> lp;
  std::vector<std::int32_t> township_cohort;  // cohort year per township, 0 if never selected
  std::vector<double> county_assessment;      // last assessment score per county, in [0, 1]
  std::vector<std::int32_t> county_exit_year; // year the county exited (摘帽), 0 if not yet
  sim::AccountId household_income = 0;        // households' own money (repayments, fees)

  SimulationState(const Scenario& s, World w, sim::Engine& e, const RuleRegistry& r);

  // Registers an account owned by programme `programme` (-1: none).
  sim::AccountId add_account(const std::string& name, const char* kind, int programme, bool is_source = false);

  [[nodiscard]] double line(int year) const { return scenario.poverty_line.at(year); }
  // The logical process (county) that owns a region.
  [[nodiscard]] std::size_t lp_of(Level level, std::size_t index) const;
  [[nodiscard]] const RegionLevel& regions(Level level) const;
};

}  // namespace fupin::models
