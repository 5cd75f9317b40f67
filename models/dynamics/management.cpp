#include "models/dynamics/management.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

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
  // Local pointers: a one-byte store may alias any object (review_exits).
  const double* income = h.income.data();
  std::uint8_t* flag = h.flags.data();
  std::uint8_t* events = h.events.data();
  std::vector<std::uint32_t> drawn;  // a village's households that draw, in household order
  for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
    const double factor = w.village_state.work_team[v] ? m.work_team_error_factor : 1.0;
    const double exclusion = m.exclusion_error * factor;
    const double inclusion = m.inclusion_error * factor;
    const Range r = w.villages.children[v];
    // The households drawn (not registered, and below the line or within the band above it)
    // found first without a branch, then drawn in household order: being registered, below the
    // line and registering are each about as unpredictable as the poverty rate is near one half,
    // so branches on them were mispredicted that often. An error of 0 or 1 decides without a
    // draw (`happens`), the same way for every household of the village: a predictable branch.
    drawn.resize(r.size());
    std::size_t n = 0;
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      const double y = income[i];
      drawn[n] = i;
      n += static_cast<std::size_t>(((flag[i] & kRegistered) == 0) & ((y < z) | (y < band)));
    }
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint32_t i = drawn[k];
      const std::uint8_t flags = flag[i];
      const bool below = income[i] < z;
      // Below the line a household registers unless missed this year with the exclusion error;
      // within the band it registers with the inclusion error. Both read the household's one
      // draw of the year.
      const bool event = happens(below ? exclusion : inclusion, src, i, year);
      const bool registers = event != below;
      // All ones if the household registers, else zero: GCC turns `registers ? bits : 0` into a
      // branch around the stores.
      const auto mask = static_cast<std::uint8_t>(0U - static_cast<unsigned>(registers));
      const std::uint8_t returned = (flags & kExited) != 0 ? kReturnedThisYear : 0;
      flag[i] = static_cast<std::uint8_t>(flags | (mask & kRegistered));
      events[i] =
          static_cast<std::uint8_t>(events[i] | (mask & (kNewlyRegisteredThisYear | returned)));
    }
  }
}

bool guarantees_verified(const ManagementSpec& m, int year) {
  return m.verify_guarantees && year >= m.guarantees_from;
}

namespace {
// The exit test of one household, with & instead of && (no branches: review_exits runs it for
// every household, and whether a household is above the line or registered is as unpredictable
// as the poverty rate is near one half).
bool exit_passes(bool above, std::uint8_t reviews, std::uint8_t status, int exit_reviews,
                 bool verified) {
  return above & (static_cast<int>(reviews) >= exit_reviews) &
         (!verified | ((status & kGuarantees) == kGuarantees));
}
}  // namespace

// Reads reviews_above as updated by the review of `year` (it already counts this review); the
// income test repeats the line of `year` so that a count from an earlier year cannot pass alone.
bool passes_exit_review(const RunContext& run, const World& world, std::uint32_t household,
                        int year) {
  const ManagementSpec& m = run.scenario.management;
  const Households& h = world.households;
  return exit_passes(!(h.income[household] < run.line(year)), h.reviews_above[household],
                     h.status[household], m.exit_reviews, guarantees_verified(m, year));
}

void review_exits(const RunContext& run, CountyView county, int year) {
  const double z = run.line(year);
  Households& h = county.world.households;
  LpYearCounters& c = county.lp.counters;
  const Range r = county.households;
  const ManagementSpec& m = run.scenario.management;
  const bool verified = guarantees_verified(m, year);
  const int exit_reviews = m.exit_reviews;
  // The stores through local pointers and the exits in a local: a one-byte store may alias any
  // object, so through the vectors the compiler reloaded every data pointer and the county's
  // counter after each store. Masks, not branches: whether a household is above the line or
  // registered is as unpredictable as the poverty rate is near one half.
  const double* income = h.income.data();
  std::uint8_t* reviews_above = h.reviews_above.data();
  std::uint8_t* flags = h.flags.data();
  const std::uint8_t* status = h.status.data();
  std::uint8_t* events = h.events.data();
  std::int64_t exits = 0;
  for (std::uint32_t i = r.begin; i < r.end; ++i) {
    // Every household's count, registered or not, saturating at 255. It is not reset at exit: it
    // describes the income history, and a household registered again while still above the line
    // (an inclusion error) exits at its next review.
    const bool above = !(income[i] < z);
    const unsigned before = reviews_above[i];
    const auto reviews = static_cast<std::uint8_t>((before + (before != UINT8_MAX ? 1U : 0U)) &
                                                   (0U - static_cast<unsigned>(above)));
    reviews_above[i] = reviews;
    // passes_exit_review, with the line and the verification once per county.
    const unsigned f = flags[i];
    const bool leaves =
        ((f & kRegistered) != 0) & exit_passes(above, reviews, status[i], exit_reviews, verified);
    const unsigned mask = 0U - static_cast<unsigned>(leaves);  // all ones if it exits
    flags[i] = static_cast<std::uint8_t>((f & ~(kRegistered & mask)) | (kExited & mask));
    events[i] = static_cast<std::uint8_t>(events[i] | (kExitedThisYear & mask));
    exits += static_cast<std::int64_t>(leaves);
  }
  c.exits += exits;
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
  if (h.transfers.empty() && county.households.size() > 0)
    throw std::logic_error("dibao_top_up: a dibao line, but no transfers are stored");
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
