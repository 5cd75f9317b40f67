#include "models/dynamics/interventions.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <vector>

#include "sim/random.hpp"
#include "sim/select.hpp"

// Conventions shared by every project type (the header states each type's effect):
// - Costs are converted to fen once (llround(yuan × 100)); the cost test and the rest are exact
//   integer arithmetic, so "amount exactly at the cost" buys the item and leaves no income project.
//   A cost of zero (or below) makes the item free: the whole amount is then the rest.
// - When the item is not bought (too little money, or the household already has it), the whole
//   amount is "the rest" and becomes an income project: money reaching a household is never
//   dropped silently.
// - A rest of zero creates no income project.
// - With a DeliveryBook holding the programme's earmarked balance for the household, money short
//   of a unit the household still needs is saved toward it instead (see the header).
// - deliver() does not touch Households::received_fen (the caller books the money it delivers).
// - Project success: a single uniform draw u from EntityDraws(seed, "project.success")
//   .uniform(household, year); a project succeeds when u < success_probability (+ work-team bonus).
//   If a household receives several projects in one year they share that draw: in one year a
//   household's projects of the same success probability all succeed or all fail together (its
//   ability to run a project that year is what is drawn). Jobs and the non-income items do not
//   depend on the draw.
// - Draws are keyed by household index and year only (never by variant name or thread), so
//   variants of one scenario see the same draws.

namespace fupin::models {

namespace {

std::int64_t cost_fen(double yuan) { return std::llround(yuan * 100.0); }

// Household size as a divisor (a household always has at least one member; guard anyway).
double people(const Households& h, std::uint32_t i) {
  return std::max(1.0, static_cast<double>(h.size[i]));
}

bool project_succeeds(const RunContext& run, const World& world, std::uint32_t household, int year,
                      const ProjectSpec& p) {
  double probability = p.success_probability;
  const std::uint32_t v = world.village_of(household);
  if (world.village_state.work_team[v] != 0)
    probability += run.scenario.management.work_team_success_bonus;
  if (probability >= 1.0) return true;
  if (probability <= 0.0) return false;
  return sim::EntityDraws(run.scenario.seed, "project.success")
             .uniform(household, static_cast<std::uint64_t>(year)) < probability;
}

// The rest of an amount as an income project with the spec's return, lag, depreciation and
// industry.
void income_project(const RunContext& run, const World& world, LpState& lp, std::uint32_t i,
                    sim::Money amount, const ProjectSpec& p, int year, int industry) {
  if (amount.fen() <= 0) return;
  if (!project_succeeds(run, world, i, year, p)) return;  // the capital is lost
  const Households& h = world.households;
  lp.pending.push_back(
      PendingProject{i, year + p.lag_years, p.return_rate * amount.yuan() / people(h, i),
                     static_cast<float>(p.depreciation), static_cast<std::int16_t>(industry)});
}

}  // namespace

ProjectType matched_type(Cause cause) {
  switch (cause) {
    case Cause::illness: return ProjectType::health_insurance;
    case Cause::schooling: return ProjectType::education;
    case Cause::disaster: return ProjectType::housing;
    case Cause::lack_of_skills:
    case Cause::lack_of_labour: return ProjectType::skills;
    case Cause::remoteness:
    case Cause::lack_of_land:
    case Cause::lack_of_water: return ProjectType::relocation;
    case Cause::disability:
    case Cause::lack_of_capital:
    case Cause::other: return ProjectType::income;
  }
  return ProjectType::income;
}

bool saves_toward_unit(ProjectType type) {
  switch (type) {
    case ProjectType::housing:
    case ProjectType::skills:
    case ProjectType::relocation:
    case ProjectType::education:
    case ProjectType::matched: return true;
    default: return false;
  }
}

Delivered deliver(const RunContext& run, World& world, LpState& lp, std::uint32_t household,
                  sim::Money amount, const ProjectSpec& p, int year, int industry,
                  const DeliveryBook& book) {
  Delivered out;
  if (amount.fen() <= 0) return out;
  Households& h = world.households;
  const InterventionSpec& iv = run.scenario.interventions;
  const std::uint32_t i = household;
  ProjectType type = p.type;
  if (type == ProjectType::matched) type = matched_type(h.cause[i]);

  // The unit this money is for, if any: its cost and whether the household still needs it.
  std::int64_t unit_cost = -1;
  bool needed = false;
  switch (type) {
    case ProjectType::housing:
      unit_cost = std::max<std::int64_t>(cost_fen(iv.housing_cost), 0);
      needed = (h.status[i] & kSafeHouse) == 0;
      break;
    case ProjectType::skills:
      unit_cost = std::max<std::int64_t>(cost_fen(iv.training_cost), 0);
      needed = h.labourers[i] > 0;
      break;
    case ProjectType::relocation:
      unit_cost = std::max<std::int64_t>(cost_fen(iv.relocation_cost_per_person), 0) * h.size[i];
      needed = (h.status[i] & kRelocated) == 0;
      break;
    case ProjectType::education:
      unit_cost = std::max<std::int64_t>(cost_fen(iv.education_cost), 0);
      needed = true;
      break;
    default: break;
  }
  // Earmarked savings: short of the cost, a needed unit keeps the money for the next tranche;
  // otherwise the balance joins the amount (to buy the unit, or as an income project).
  if (unit_cost >= 0 && book.savings != nullptr) {
    sim::Money& balance = *book.savings;
    if (needed && balance.fen() + amount.fen() < unit_cost) {
      balance += amount;
      out.saved = amount;
      return out;
    }
    out.drawn = balance;
    amount += balance;
    balance = {};
  }
  UnitsBuilt none;
  UnitsBuilt& built = book.built != nullptr ? *book.built : none;

  sim::Money rest = amount;
  switch (type) {
    case ProjectType::income:
    case ProjectType::matched:  // resolved above; kept for completeness
      break;
    case ProjectType::village_industry: {
      const std::int64_t per_job = cost_fen(iv.job_cost);
      std::int64_t jobs = h.labourers[i];
      if (per_job > 0) jobs = std::min(jobs, amount.fen() / per_job);
      const double wage = iv.job_wage / people(h, i);
      for (std::int64_t j = 0; j < jobs; ++j)
        lp.pending.push_back(
            PendingProject{i, year + p.lag_years, wage, 0.0F, -1, IncomeSource::job_wage});
      rest = amount - sim::Money::from_fen(jobs * std::max<std::int64_t>(per_job, 0));
      break;
    }
    case ProjectType::housing: {
      const std::int64_t cost = std::max<std::int64_t>(cost_fen(iv.housing_cost), 0);
      if (amount.fen() >= cost && (h.status[i] & kSafeHouse) == 0) {
        h.status[i] |= kSafeHouse;
        ++built.houses_renovated;
        h.events[i] |= kHouseRenovatedThisYear;
        rest = amount - sim::Money::from_fen(cost);
      }
      break;
    }
    case ProjectType::skills: {
      const std::int64_t cost = std::max<std::int64_t>(cost_fen(iv.training_cost), 0);
      if (amount.fen() >= cost && h.labourers[i] > 0) {
        h.status[i] |= kTrained;
        ++built.labourers_trained;
        h.events[i] |= kTrainedThisYear;
        rest = amount - sim::Money::from_fen(cost);
      }
      break;
    }
    case ProjectType::relocation: {
      const std::int64_t cost =
          std::max<std::int64_t>(cost_fen(iv.relocation_cost_per_person), 0) * h.size[i];
      if (amount.fen() >= cost && (h.status[i] & kRelocated) == 0) {
        h.status[i] |= kRelocated;
        // The transition dip: a one-off loss of this year's earned income, booked as a cost.
        h.costs[i] += iv.relocation_dip * h.earned[i];
        h.refresh_income(i);
        ++built.households_relocated;
        h.events[i] |= kRelocatedThisYear;
        rest = amount - sim::Money::from_fen(cost);
      }
      break;
    }
    case ProjectType::education: {
      const std::int64_t cost = std::max<std::int64_t>(cost_fen(iv.education_cost), 0);
      if (amount.fen() >= cost) {
        h.status[i] |= kSchooling;
        ++built.schooling_guaranteed;
        h.events[i] |= kSchoolingThisYear;
        rest = amount - sim::Money::from_fen(cost);
      }
      break;
    }
    case ProjectType::health_insurance: {
      const std::int64_t per_year =
          std::max<std::int64_t>(cost_fen(iv.insurance_premium), 0) * h.size[i];
      std::int64_t years = std::max(iv.insurance_years, 0);
      if (per_year > 0) years = std::min(years, amount.fen() / per_year);
      if (years > 0) {
        if (h.insured_until.empty())
          throw std::logic_error("deliver: insurance premiums, but no insured_until is stored");
        // Households with their original cover (kInsured, insured_until == 0) keep a cover that
        // never lapses: the premiums are paid but insured_until stays 0, so interventions_year
        // never clears it. Otherwise the funded cover runs to the later of the two end years.
        const bool original_cover = (h.status[i] & kInsured) != 0 && h.insured_until[i] == 0;
        if (!original_cover) {
          const auto until = static_cast<std::int16_t>(year + years - 1);
          h.insured_until[i] = std::max(h.insured_until[i], until);
        }
        h.status[i] |= kInsured;
        ++built.households_insured;
        h.events[i] |= kInsuredThisYear;
        rest = amount - sim::Money::from_fen(years * per_year);
      }
      break;
    }
  }
  income_project(run, world, lp, i, rest, p, year, industry);
  return out;
}

void interventions_year(const RunContext& run, CountyView county, int year) {
  Households& h = county.world.households;
  const InterventionSpec& iv = run.scenario.interventions;
  sim::EntityDraws migration(run.scenario.seed, "interventions.migration");
  sim::EntityDraws returning(run.scenario.seed, "interventions.return");
  const auto period = static_cast<std::uint64_t>(year);
  const Range r = county.households;
  // Empty where the scenario cannot fund insurance (household_stores): no cover to lapse.
  const std::int16_t* const insured_until =
      h.insured_until.empty() ? nullptr : h.insured_until.data();
  for (std::uint32_t i = r.begin; i < r.end; ++i) {
    // Insurance bought with programme money lapses after its last covered year. insured_until == 0
    // means no funded cover was ever recorded: a household insured at the start (or one whose
    // original cover was topped up with premiums) keeps kInsured.
    if (insured_until != nullptr && insured_until[i] > 0 && year > insured_until[i])
      h.status[i] &= static_cast<std::uint8_t>(~kInsured);

    // Migration. A household away at the start of this step may return (and then stays home
    // this year); one at home with a trained labourer may leave. Every kMigrant household counts
    // as away, whatever placed it there.
    if (h.flags[i] & kMigrant) {
      if (returning.uniform(i, period) < iv.return_probability)
        h.flags[i] &= static_cast<std::uint8_t>(~kMigrant);
    } else if ((h.status[i] & kTrained) && h.labourers[i] > 0) {
      if (migration.uniform(i, period) < iv.migration_probability) {
        // A migrant's remittance is stored where it can be other than zero (household_stores).
        if (h.remittances.empty() && iv.remittance != 0)
          throw std::logic_error("interventions_year: a migrant, but no remittances are stored");
        h.flags[i] |= kMigrant;
      }
    }
    // The faster growth of relocated households and the remittance of a household away at year
    // end (including one that left this year) are part of the income update that follows.
  }
}

namespace {

// The rank of a finite income: integers in the reverse order of the values, −0.0 and 0.0 one
// rank (they compare equal). The bit pattern of a non-negative double orders as its value; a
// negative one's pattern is inverted to order the same way, and the sign bit set on the
// non-negative ones puts them above. The rank is that key inverted.
std::uint64_t income_rank(double income) {
  income += 0.0;  // −0.0 + 0.0 is +0.0
  std::uint64_t bits = 0;
  std::memcpy(&bits, &income, sizeof bits);
  const std::uint64_t negative = 0U - (bits >> 63);  // all ones for a negative income
  return ~(bits ^ (negative | (std::uint64_t{1} << 63)));
}

}  // namespace

void apply_capture(const RunContext& run, const World& world,
                   std::vector<std::uint32_t>& households, std::vector<sim::Money>& parts) {
  const double capture = run.scenario.interventions.capture;
  if (!(capture > 0.0) || households.empty()) return;
  const World& w = world;
  const Households& h = w.households;
  const std::size_t n = std::min(households.size(), parts.size());

  // Entries grouped by village; callers pass them in household (= village) order, but a stable
  // sort keeps the result independent of that.
  std::vector<std::size_t> order(n);
  std::vector<std::uint32_t> village(n);
  for (std::size_t k = 0; k < n; ++k) {
    order[k] = k;
    village[k] = w.village_of(households[k]);
  }
  if (!std::ranges::is_sorted(village))
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return village[a] < village[b]; });

  std::vector<std::uint32_t> extra_households;
  std::vector<sim::Money> extra_parts;
  std::vector<std::int64_t> weights;
  std::vector<std::uint64_t> ranks;  // of the village's unregistered households, in order
  std::vector<std::uint32_t> unregistered_households;
  std::vector<std::uint64_t> selected;  // a copy of the ranks, reordered by the selection
  std::vector<std::uint32_t> captors;
  for (std::size_t g = 0; g < n;) {
    const std::uint32_t v = village[order[g]];
    std::size_t end = g;
    while (end < n && village[order[end]] == v) ++end;

    // Total of the village's (positive) entries.
    weights.clear();
    std::int64_t total = 0;
    for (std::size_t k = g; k < end; ++k) {
      const std::int64_t f = std::max<std::int64_t>(parts[order[k]].fen(), 0);
      weights.push_back(f);
      total += f;
    }
    double share = capture;
    if (w.village_state.work_team[v] != 0)
      share *= run.scenario.management.work_team_capture_factor;
    share = std::clamp(share, 0.0, 1.0);
    auto moved = sim::Money::from_fen(total).times(share).fen();
    moved = std::clamp<std::int64_t>(moved, 0, total);

    // The richest quarter (ceil(n / 4)) of the village's unregistered households, by income,
    // ties to the lower index.
    // Every household is written to the next slot, which moves on only for an unregistered one:
    // no branch on registration (about as unpredictable as the poverty rate).
    const Range hr = w.villages.children[v];
    ranks.resize(hr.size());
    unregistered_households.resize(hr.size());
    std::size_t unregistered = 0;
    if (moved > 0) {
      for (std::uint32_t i = hr.begin; i < hr.end; ++i) {
        ranks[unregistered] = income_rank(h.income[i]);
        unregistered_households[unregistered] = i;
        unregistered += static_cast<std::size_t>((h.flags[i] & kRegistered) == 0);
      }
    }
    if (unregistered > 0) {
      const std::size_t quarter = (unregistered + 3) / 4;
      // The quarter's lowest income is the quarter-th smallest rank (found on a copy of the
      // ranks); the quarter is every household ranked below it and, of those at it, the lowest
      // indices: the quarter smallest by (rank, index), found in household order, the order in
      // which the captors share.
      selected.assign(ranks.begin(), ranks.begin() + static_cast<std::ptrdiff_t>(unregistered));
      const std::uint64_t cut = sim::kth_smallest(selected, quarter - 1);
      std::size_t at_cut = quarter;
      for (std::size_t k = 0; k < unregistered; ++k) at_cut -= ranks[k] < cut ? 1 : 0;
      // Each household is written to the next slot, which moves on only for a captor.
      captors.resize(quarter + 1);
      std::size_t m = 0;
      for (std::size_t k = 0; k < unregistered; ++k) {
        const std::size_t tie =
            static_cast<std::size_t>(ranks[k] == cut) & static_cast<std::size_t>(at_cut > 0);
        captors[m] = unregistered_households[k];
        m += static_cast<std::size_t>(ranks[k] < cut) | tie;
        at_cut -= tie;
      }
      if (m != quarter) throw std::logic_error("apply_capture: the richest quarter miscounted");
      captors.resize(quarter);

      // Out of the recipients in proportion to their amounts: each quota is at most the
      // recipient's amount (moved ≤ total), so no part goes negative.
      const std::vector<sim::Money> taken =
          sim::split_largest_remainder(sim::Money::from_fen(moved), weights);
      for (std::size_t k = g; k < end; ++k) parts[order[k]] -= taken[k - g];
      const std::vector<sim::Money> given =
          sim::split_equally(sim::Money::from_fen(moved), captors.size());
      for (std::size_t k = 0; k < captors.size(); ++k) {
        if (given[k].fen() <= 0) continue;
        extra_households.push_back(captors[k]);
        extra_parts.push_back(given[k]);
      }
    }
    g = end;
  }
  households.insert(households.end(), extra_households.begin(), extra_households.end());
  parts.insert(parts.end(), extra_parts.begin(), extra_parts.end());
}

}  // namespace fupin::models
