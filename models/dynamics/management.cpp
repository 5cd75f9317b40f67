#include "models/dynamics/management.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "sim/random.hpp"

namespace fupin::models {

namespace {

constexpr const char* kIdentifyPurpose = "management.identify";
constexpr const char* kWorkTeamPurpose = "management.work_team";

constexpr std::uint8_t kGuarantees = kSafeHouse | kSchooling | kInsured;

// Whether an event of probability `p` happens for draw `u` in (0, 1); exact for p <= 0 and p >= 1.
bool happens(double p, sim::EntityDraws& draws, std::uint32_t household, int year) {
  if (p <= 0.0) return false;
  if (p >= 1.0) return true;
  return draws.uniform(household, static_cast<std::uint64_t>(year)) < p;
}

}  // namespace

void assign_work_teams(const RunContext& run, World& world) {
  const sim::RandomSource src(run.scenario.seed, kWorkTeamPurpose);
  const double share = run.scenario.management.work_team_share;
  auto& teams = world.village_state.work_team;
  for (std::size_t v = 0; v < teams.size(); ++v)
    teams[v] = src.stream(v, 0).bernoulli(share) ? 1 : 0;
}

void identify_poor(const RunContext& run, CountyView county, int year) {
  const ManagementSpec& m = run.scenario.management;
  const double z = run.line(year);
  const double band = m.inclusion_band * z;
  sim::EntityDraws src(run.scenario.seed, kIdentifyPurpose);
  World& w = county.world;
  Households& h = w.households;
  const Range villages = w.county_villages(county.index);
  for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
    const double factor = w.village_state.work_team[v] ? m.work_team_error_factor : 1.0;
    const double exclusion = m.exclusion_error * factor;
    const double inclusion = m.inclusion_error * factor;
    const Range r = w.villages.children[v];
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      if (h.flags[i] & kRegistered) continue;
      const double y = h.income[i];
      bool registers = false;
      if (y < z) {
        registers = !happens(exclusion, src, i, year);  // missed this year with the exclusion error
      } else if (y < band) {
        registers = happens(inclusion, src, i, year);
      }
      if (!registers) continue;
      h.flags[i] = static_cast<std::uint8_t>(h.flags[i] | kRegistered);
      h.events[i] = static_cast<std::uint8_t>(h.events[i] | kNewlyRegisteredThisYear);
      if (h.flags[i] & kExited)
        h.events[i] = static_cast<std::uint8_t>(h.events[i] | kReturnedThisYear);
    }
  }
}

bool guarantees_verified(const ManagementSpec& m, int year) {
  return m.verify_guarantees && year >= m.guarantees_from;
}

// Reads reviews_above as updated by the review of `year` (it already counts this review); the
// income test repeats the line of `year` so that a count from an earlier year cannot pass alone.
bool passes_exit_review(const RunContext& run, const World& world, std::uint32_t household,
                        int year) {
  const ManagementSpec& m = run.scenario.management;
  const Households& h = world.households;
  if (h.income[household] < run.line(year)) return false;
  if (static_cast<int>(h.reviews_above[household]) < m.exit_reviews) return false;
  if (!guarantees_verified(m, year)) return true;
  return (h.status[household] & kGuarantees) == kGuarantees;
}

void review_exits(const RunContext& run, CountyView county, int year) {
  const double z = run.line(year);
  Households& h = county.world.households;
  LpYearCounters& c = county.lp.counters;
  const Range r = county.households;
  for (std::uint32_t i = r.begin; i < r.end; ++i) {
    // Every household's count, registered or not, saturating at 255. It is not reset at exit: it
    // describes the income history, and a household registered again while still above the line
    // (an inclusion error) exits at its next review.
    if (h.income[i] < z) {
      h.reviews_above[i] = 0;
    } else if (h.reviews_above[i] < UINT8_MAX) {
      h.reviews_above[i] = static_cast<std::uint8_t>(h.reviews_above[i] + 1);
    }
    if ((h.flags[i] & kRegistered) && passes_exit_review(run, county.world, i, year)) {
      h.flags[i] = static_cast<std::uint8_t>((h.flags[i] & ~kRegistered) | kExited);
      ++c.exits;
      h.events[i] = static_cast<std::uint8_t>(h.events[i] | kExitedThisYear);
    }
  }
}

void review_county_exit(const RunContext& run, CountyView county, RegionSignals& signals,
                        int year) {
  if (signals.exit_year(county.index) != 0) return;
  const double z = run.line(year);
  const Households& h = county.world.households;
  const Range r = county.households;
  std::int64_t people = 0;
  std::int64_t poor = 0;
  for (std::uint32_t i = r.begin; i < r.end; ++i) {
    people += h.size[i];
    if (h.income[i] < z) poor += h.size[i];
  }
  if (people == 0) return;
  const double headcount = static_cast<double>(poor) / static_cast<double>(people);
  if (headcount < run.scenario.management.county_exit_headcount)
    signals.exit_county(county.index, year);
}

sim::Money dibao_top_up(const RunContext& run, CountyView county, int /*year*/) {
  const double line = run.scenario.management.dibao_line;
  if (line <= 0.0) return {};
  Households& h = county.world.households;
  const Range r = county.households;
  std::int64_t total_fen = 0;
  for (std::uint32_t i = r.begin; i < r.end; ++i) {
    if (h.labourers[i] != 0 || h.income[i] >= line) continue;
    // The gap to the line, at most the line itself (a net income below zero, after this year's
    // costs, is topped up from zero): (line − max(y, 0)) yuan per person, in fen, rounded half up.
    // The transfer is this year's flow and is paid again next year only if still needed.
    const double gap = line - std::max(h.income[i], 0.0);
    const double fen = gap * static_cast<double>(h.size[i]) * 100.0;
    total_fen += static_cast<std::int64_t>(std::floor(fen + 0.5));
    const bool from_zero = h.income[i] < 0.0;
    h.transfers[i] += gap;
    h.refresh_income(i);
    // y + (line − y) may differ from the line by a rounding unit; the guarantee is the line.
    if (!from_zero) h.income[i] = std::max(h.income[i], line);
  }
  return sim::Money::from_fen(total_fen);
}

}  // namespace fupin::models
