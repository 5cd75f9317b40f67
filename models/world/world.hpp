// The world as structure-of-arrays stores: counties -> townships -> villages -> households.
//
// Households are sorted by village, villages by township, townships by county, so every region is
// a contiguous index range and a county (one logical process) is a slice of every store.
#pragma once

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"
#include "models/world/large_array.hpp"
#include "models/world/received_money.hpp"

namespace fupin::models {

// Index range [begin, end).
struct Range {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  [[nodiscard]] std::uint32_t size() const { return end - begin; }
  bool operator==(const Range&) const = default;
};

// One level of the region tree.
struct RegionLevel {
  std::vector<std::string> name;
  std::vector<std::int32_t> parent;  // index in the level above; -1 for counties
  std::vector<Range> children;       // index range in the level below (villages: households)
  [[nodiscard]] std::size_t size() const { return name.size(); }
  bool operator==(const RegionLevel&) const = default;
};

// Household status flags.
enum HouseholdFlag : std::uint8_t {
  kRegistered = 1U << 0,   // registered poor household (建档立卡) now
  kExited = 1U << 1,       // has exited registration at least once
  kLocalJob = 1U << 2,     // a labourer holds a job created by enterprise investment
  kMigrant = 1U << 3,      // a trained labourer works away as a migrant (may return)
  kBorrower = 1U << 4,     // has a live microcredit loan
  kTransferred = 1U << 5,  // a labourer holds an eastern job through east–west labour transfer
};

struct Households {
  std::vector<std::uint8_t> size;  // people
  std::vector<std::uint8_t> labourers;
  // Per-capita net income, yuan per person per year, kept as components (docs/parameters.md):
  //   income = earned + returns + wages + remittances + transfers - costs.
  // Only `earned` persists and compounds; the other components are this year's flows and are
  // recomputed every year, so a recurring flow is counted once a year and a one-off cost once.
  std::vector<double> income;       // the total, as last computed (read by rules and measures)
  std::vector<double> earned;       // earned income that persists and grows
  std::vector<double> returns;      // this year's returns of active projects (see below)
  std::vector<double> wages;        // yearly wage of the local jobs held (the year's wages too)
  std::vector<double> remittances;  // this year's remittances of labourers working away
  std::vector<double> transfers;    // this year's transfers (minimum living guarantee)
  std::vector<double> costs;        // this year's costs (medical, interest, fees, losses)
  // wages, remittances and transfers are empty (not stored) in a world built for a scenario that
  // has nothing that can write them (HouseholdStores): they read as +0.0 (at_or_zero,
  // refresh_income, refresh_incomes) and nothing writes them.
  // Recurring sources behind the flows, each held while its condition holds, live where they take
  // least memory (docs/architecture.md):
  // - wages are their own source: a job's wage is this year's wages from the year it starts, and
  //   only the income update adds jobs;
  // - the summed yearly return of plain projects is `returns` itself for a household without
  //   individually kept (declining or market-bound) projects, whose returns are exactly that sum;
  //   the county keeps it for the others where it is not zero (LpState::split_return);
  // - the yearly remittance of labourers placed in eastern jobs, the source of few households, is
  //   kept by their county (LpState::away_remittance).
  // Money each programme allocated to the household (projects, units and earmarked savings),
  // cumulative fen, [household × programme]: received_fen[i * programmes + p], 32 bits a cell
  // while its total fits (models/world/received_money.hpp).
  std::size_t programmes = 1;
  ReceivedMoney received_fen;
  // A bit per [household × programme] cell (cell c is bit c % 8 of byte c / 8): the programme's
  // money reached the household since the last year-end summary, which counts the bits ("households
  // reached") and clears them. Households of neighbouring counties share a byte and counties run
  // in parallel, so a bit is set by an atomic OR, whose order changes nothing.
  std::vector<std::uint8_t> reached_bits;
  std::vector<std::uint8_t> flags;
  std::vector<Cause> cause;            // primary cause of poverty
  std::vector<std::uint16_t> covered;  // bit per Channel: household units built (e.g. safe housing)
                                       // (empty: see HouseholdStores)
  std::vector<std::uint8_t> status;    // bits of HouseholdStatus (guarantees and conditions)
  std::vector<std::uint8_t> reviews_above;  // consecutive year-end reviews at or above the line
  std::vector<std::int16_t> insured_until;  // last year covered by funded insurance premiums, 0 if
                                            // none (empty: see HouseholdStores)
  std::vector<std::uint8_t> events;         // bits of HouseholdEvent, this year's
  [[nodiscard]] std::size_t count() const { return size.size(); }
  // Sizes received_fen for `n` programmes (at least one column), all zero.
  void track_programmes(std::size_t n) {
    programmes = std::max<std::size_t>(n, 1);
    received_fen.assign(count() * programmes);
    assign_large(reached_bits, (count() * programmes + 7) / 8, std::uint8_t{0});
  }
  void receive(std::size_t i, std::size_t programme, std::int64_t fen) {
    const std::size_t cell = i * programmes + programme;
    received_fen.add(cell, fen);
    std::atomic_ref<std::uint8_t>(reached_bits[cell / 8])
        .fetch_or(static_cast<std::uint8_t>(1U << (cell % 8)), std::memory_order_relaxed);
  }
  // Whether programme `programme`'s money reached household `i` since the bits were last cleared
  // (read when no event runs, as the year-end summary does).
  [[nodiscard]] bool reached(std::size_t i, std::size_t programme) const {
    const std::size_t cell = i * programmes + programme;
    return ((reached_bits[cell / 8] >> (cell % 8)) & 1U) != 0;
  }
  void clear_reached() { std::fill(reached_bits.begin(), reached_bits.end(), std::uint8_t{0}); }
  [[nodiscard]] std::int64_t received(std::size_t i, std::size_t programme) const {
    return received_fen[i * programmes + programme];
  }
  // The total from the components, in this order: every refresh computes it so.
  static double total_income(double earned, double returns, double wages, double remittances,
                             double transfers, double costs) {
    return earned + returns + wages + remittances + transfers - costs;
  }
  // Component `flow` (wages, remittances or transfers) of household `i`: +0.0 when not stored.
  static double at_or_zero(const std::vector<double>& flow, std::size_t i) {
    return flow.empty() ? 0.0 : flow[i];
  }
  // Recomputes the total of household `i` from its components.
  void refresh_income(std::size_t i) {
    income[i] = total_income(earned[i], returns[i], at_or_zero(wages, i),
                             at_or_zero(remittances, i), at_or_zero(transfers, i), costs[i]);
  }
  // refresh_income of every household of [first, last), through local pointers (a loop the
  // compiler vectorises) a block at a time, a component that is not stored read from a block of
  // +0.0 (the same additions); returns whether every total is finite.
  bool refresh_incomes(std::size_t first, std::size_t last) {
    static constexpr std::size_t kBlock = 256;
    alignas(64) static constexpr double kZeros[kBlock] = {};
    const auto block = [](const std::vector<double>& flow, std::size_t b) {
      return flow.empty() ? kZeros : flow.data() + b;
    };
    bool finite = true;
    for (std::size_t b = first; b < last; b += kBlock) {
      const std::size_t n = std::min(kBlock, last - b);
      const double* e = earned.data() + b;
      const double* r = returns.data() + b;
      const double* w = block(wages, b);
      const double* m = block(remittances, b);
      const double* t = block(transfers, b);
      const double* c = costs.data() + b;
      double* y = income.data() + b;
      for (std::size_t k = 0; k < n; ++k) {
        y[k] = total_income(e[k], r[k], w[k], m[k], t[k], c[k]);
        finite &= std::isfinite(y[k]);
      }
    }
    return finite;
  }
  // Every store, element by element (tests compare whole worlds with it).
  bool operator==(const Households&) const = default;
};

// What happened to a household's registration this year (reset at the start of every year).
enum HouseholdEvent : std::uint8_t {
  kNewlyRegisteredThisYear = 1U << 0,  // identified and registered this year
  kReturnedThisYear = 1U << 1,  // registered again after an earlier exit (also newly registered)
  kExitedThisYear = 1U << 2,    // exited at this year's review
  // Units bought for the household this year (by any programme):
  kHouseRenovatedThisYear = 1U << 3,
  kTrainedThisYear = 1U << 4,
  kRelocatedThisYear = 1U << 5,
  kSchoolingThisYear = 1U << 6,
  kInsuredThisYear = 1U << 7,
};

// Non-income guarantees (两不愁三保障) and lasting conditions of a household.
enum HouseholdStatus : std::uint8_t {
  kSafeHouse = 1U << 0,  // lives in safe housing
  kInsured = 1U << 1,    // covered by medical insurance
  kSchooling = 1U << 2,  // its children's compulsory schooling is assured
  kDisabled = 1U << 3,   // a member became unable to work
  kRelocated = 1U << 4,  // moved under relocation (易地扶贫搬迁)
  kTrained = 1U << 5,    // a labourer has had skills training
};

// Village attributes beyond the tree.
struct Villages {
  std::vector<std::uint8_t> priority;  // bit set of PriorityCategory (three ensures)
  std::vector<std::uint16_t> covered;  // bit per Channel: village infrastructure built
  std::vector<double> growth_uplift;   // extra yearly income growth from infrastructure
  std::vector<std::uint8_t> work_team;  // 1 if a resident work team (驻村工作队) is in the village
  bool operator==(const Villages&) const = default;
};

struct World {
  RegionLevel counties;
  RegionLevel townships;
  RegionLevel villages;
  Households households;
  Villages village_state;

  // Household range of a township or county (contiguous by construction).
  [[nodiscard]] Range township_households(std::size_t township) const;
  [[nodiscard]] Range county_households(std::size_t county) const;
  // Village range of a county (empty for a county without townships).
  [[nodiscard]] Range county_villages(std::size_t county) const;
  // The village (or county) a household belongs to, by binary search over the ranges.
  [[nodiscard]] std::uint32_t village_of(std::uint32_t household) const;
  [[nodiscard]] std::uint32_t county_of(std::uint32_t household) const;
  // The regions of a level (households are not a region level).
  [[nodiscard]] const RegionLevel& regions(Level level) const;
  // The county (logical process) a region belongs to.
  [[nodiscard]] std::size_t county_of_region(Level level, std::size_t index) const;
  bool operator==(const World&) const = default;
};

// A household income component became NaN or infinite: a run failure (exit 1) whose message names
// the process, the household, its county and the year.
class IncomeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws IncomeError if any income component of household `i` is not finite; `process` names
// what last changed it ("the income update", "an illness shock", ...).
void check_income(const World& w, std::uint32_t i, int year, const char* process);

// Which of the household stores that most scenarios never write a world holds (the others are
// empty: the flows read as +0.0, insured_until as 0 and covered as no channel). A world holds all
// five unless built for a scenario that cannot write one (household_stores,
// models/simulation/household_stores.hpp): 8 bytes a household for each flow, 2 for the others.
struct HouseholdStores {
  bool wages = true;
  bool remittances = true;
  bool transfers = true;
  bool insured_until = true;
  bool covered = true;
  bool operator==(const HouseholdStores&) const = default;
};

// Builds the region tree and sizes the household stores (contents zero) from the geography.
// Throws std::invalid_argument if the household count does not fit in 32-bit indices. The stores
// are filled in parallel in the calling thread's sim::parallel::Scope.
World build_world(const GeographySpec& geography);
// The same world, in the memory of `recycled`'s household and village stores where it is large
// enough (an earlier variant's world: docs/performance.md). Equal to build_world(geography).
World build_world(const GeographySpec& geography, World recycled);
// The same world holding only the stores `stores` names (the others empty, their memory
// released).
World build_world(const GeographySpec& geography, World recycled, HouseholdStores stores);
// Only the region tree (names, parents, children ranges; no household or village stores), e.g.
// for the run's geography tables: the household count is villages.children.back().end.
World build_regions(const GeographySpec& geography);

}  // namespace fupin::models
