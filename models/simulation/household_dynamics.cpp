#include "models/simulation/household_dynamics.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <stdexcept>
#include <vector>

#include "models/dynamics/shocks.hpp"
#include "sim/random.hpp"

namespace fupin::models {

namespace {

bool kept_individually(const PendingProject& p) {
  return p.source == IncomeSource::project_return && (p.depreciation != 0 || p.industry >= 0);
}

// The plain-project source of household `i` if the county keeps it apart (the household has an
// individually kept project), else null: then Households::returns holds it.
HouseholdAmount* split_source(std::vector<HouseholdAmount>& split, std::uint32_t i) {
  const auto it =
      std::lower_bound(split.begin(), split.end(), i,
                       [](const HouseholdAmount& a, std::uint32_t b) { return a.household < b; });
  return it != split.end() && it->household == i ? &*it : nullptr;
}

// Which households of `county` hold an individually kept project: marks[i − county.begin].
std::vector<std::uint8_t> households_with_kept(const ActiveProjects& active, Range county) {
  std::vector<std::uint8_t> marks(county.size(), 0);
  active.with_households([&](const auto& index, std::uint32_t first) {
    for (std::size_t k = 0; k < index.size(); ++k) marks[first + index[k] - county.begin] = 1;
  });
  return marks;
}

// Households that get their first individually kept project among those of `pending` that mature
// in `year` are marked, and join `split` (ascending household order) with their plain-project
// source so far, which is then their returns: until then they had only plain projects, whose
// summed return is this year's returns. A household whose source is still +0.0 (the common case:
// its first project is a kept one) joins only when a plain project of its own activates: the
// income update starts its returns from +0.0 either way, so the bits are the same.
void split_new_households(std::vector<HouseholdAmount>& split, std::vector<std::uint8_t>& marks,
                          const Households& h, Range county, const PendingProjects& pending,
                          int year) {
  std::vector<HouseholdAmount> joining;
  for (const PendingProject& p : pending) {
    if (p.first_return_year > year || !kept_individually(p)) continue;
    std::uint8_t& marked = marks[p.household - county.begin];
    if (marked != 0) continue;
    marked = 1;
    const double plain = h.returns[p.household];
    if (plain != 0.0 || std::signbit(plain)) joining.push_back({p.household, plain});
  }
  if (joining.empty()) return;
  std::sort(joining.begin(), joining.end(), [](const HouseholdAmount& a, const HouseholdAmount& b) {
    return a.household < b.household;
  });
  std::vector<HouseholdAmount> merged(split.size() + joining.size());
  std::merge(
      split.begin(), split.end(), joining.begin(), joining.end(), merged.begin(),
      [](const HouseholdAmount& a, const HouseholdAmount& b) { return a.household < b.household; });
  split = std::move(merged);
}

// Adds this year's amounts by household (eastern placements to the county's remittances, plain
// projects of marked households new to the split returns), in activation order: each household's
// amounts are added in the order they were activated, starting from its previous total (0 for a
// new one), as a household store would add them.
void add_by_household(std::vector<HouseholdAmount>& by_household,
                      std::vector<HouseholdAmount>& added) {
  if (added.empty()) return;
  std::stable_sort(
      added.begin(), added.end(),
      [](const HouseholdAmount& a, const HouseholdAmount& b) { return a.household < b.household; });
  std::vector<HouseholdAmount> merged;
  merged.reserve(by_household.size() + added.size());
  auto old = by_household.begin();
  for (auto it = added.begin(); it != added.end();) {
    const std::uint32_t i = it->household;
    while (old != by_household.end() && old->household < i) merged.push_back(*old++);
    HouseholdAmount total{i, 0.0};
    if (old != by_household.end() && old->household == i) total = *old++;
    for (; it != added.end() && it->household == i; ++it) total.yuan += it->yuan;
    merged.push_back(total);
  }
  merged.insert(merged.end(), old, by_household.end());
  by_household = std::move(merged);
}

}  // namespace

void begin_income_year(CountyView county) {
  Households& h = county.world.households;
  const Range r = county.households;
  std::fill(h.costs.begin() + r.begin, h.costs.begin() + r.end, 0.0);
  std::fill(h.events.begin() + r.begin, h.events.begin() + r.end, std::uint8_t{0});
}

void update_incomes(const RunContext& run, CountyView county, int year) {
  Households& h = county.world.households;
  LpState& lp = county.lp;
  auto& pending = lp.pending;
  // Activate matured projects and jobs in their order; keep the rest in their order. Plain
  // projects, jobs and eastern placements join the household's summed recurring source; declining
  // or market-bound projects are kept one by one. Households that get their first individually
  // kept project this year are found first; then one pass in place activates and compacts
  // (PendingProjects::activate; a stable partition allocated a buffer of the whole list every
  // year).
  const auto maturing_kept = static_cast<std::size_t>(
      std::count_if(pending.begin(), pending.end(), [year](const PendingProject& p) {
        return p.first_return_year <= year && kept_individually(p);
      }));
  // Marks of the households with kept projects; none (empty) where the county has and gets none,
  // as in a scenario whose projects are all plain.
  const Range county_households = county.households;
  std::vector<std::uint8_t> kept;
  if (!lp.active.empty() || maturing_kept > 0) {
    kept = households_with_kept(lp.active, county_households);
    split_new_households(lp.split_return, kept, h, county_households, pending, year);
  }
  const auto has_kept = [&kept, first = county_households.begin](std::uint32_t i) {
    return !kept.empty() && kept[i - first] != 0;
  };
  lp.active.reserve_more(maturing_kept);
  std::vector<HouseholdAmount> placements;
  std::vector<HouseholdAmount> plain_of_kept;  // plain projects of marked households not yet split
  pending.activate(year, [&](const PendingProject& p) {
    const std::uint32_t i = p.household;
    if (p.source == IncomeSource::away_remittance) {
      placements.push_back({i, p.return_per_capita});
    } else if (p.source == IncomeSource::job_wage) {
      if (h.wages.empty()) throw std::logic_error("update_incomes: a job, but no wages are stored");
      h.wages[i] += p.return_per_capita;  // the year's wages are the jobs' wage
    } else if (kept_individually(p)) {
      lp.active.push_back({i, p.return_per_capita, p.depreciation, p.industry});
    } else if (HouseholdAmount* source = split_source(lp.split_return, i)) {
      source->yuan += p.return_per_capita;
    } else if (has_kept(i)) {
      plain_of_kept.push_back({i, p.return_per_capita});
    } else {
      h.returns[i] += p.return_per_capita;  // returns is the household's plain-project source
    }
  });
  add_by_household(lp.away_remittance, placements);
  // Flows a scenario cannot write are not stored (household_stores): no placement without
  // remittances.
  double* const remittances = h.remittances.empty() ? nullptr : h.remittances.data();
  double* const transfers = h.transfers.empty() ? nullptr : h.transfers.data();
  if (remittances == nullptr && !lp.away_remittance.empty())
    throw std::logic_error("update_incomes: an eastern placement, but no remittances are stored");
  add_by_household(lp.split_return, plain_of_kept);

  const DynamicsSpec& d = run.scenario.dynamics;
  const InterventionSpec& iv = run.scenario.interventions;
  const double drift = 1.0 + d.growth;
  const double correction = -0.5 * d.noise_sd * d.noise_sd;
  const double relocated_drift = 1.0 + iv.relocation_uplift;
  sim::EntityDraws noise(run.scenario.seed, "dynamics.income");
  const World& w = county.world;
  const Range villages = w.county_villages(county.index);
  // The county's sources kept by household, in household order as the loop below visits them.
  auto away = lp.away_remittance.cbegin();
  const auto away_end = lp.away_remittance.cend();
  auto split = lp.split_return.cbegin();
  const auto split_end = lp.split_return.cend();
  // The village's income shocks, exp(sd z - sd^2 / 2) with z the household's normal, drawn
  // side by side (normals_from_words) before the households are updated.
  std::vector<std::uint64_t> words;
  std::vector<double> shock;
  for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
    // Infrastructure built in the village raises every household's growth.
    const double village_drift = drift + w.village_state.growth_uplift[v];
    const Range r = w.villages.children[v];
    words.resize(r.size());
    shock.resize(r.size());
    for (std::uint32_t i = r.begin; i < r.end; ++i)
      words[i - r.begin] = noise.word(i, static_cast<std::uint64_t>(year));
    sim::normals_from_words(words, shock);
    for (double& x : shock) x = std::exp(d.noise_sd * x + correction);
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      // Earned income is the only component that compounds; relocated households grow faster.
      double growth = village_drift * shock[i - r.begin];
      if (h.status[i] & kRelocated) growth *= relocated_drift;
      h.earned[i] *= growth;
      // This year's recurring flows, each counted once.
      const double people = std::max(1.0, static_cast<double>(h.size[i]));
      // Returns start from the plain projects' summed return, which returns already holds for a
      // household without individually kept projects (and which is +0.0 for one with kept
      // projects and no split entry).
      if (split != split_end && split->household == i) {
        h.returns[i] = (split++)->yuan;
      } else if (has_kept(i)) {
        h.returns[i] = 0.0;
      }
      if (remittances != nullptr) {
        double placed = 0.0;
        if (away != away_end && away->household == i) placed = (away++)->yuan;
        remittances[i] = placed + ((h.flags[i] & kMigrant) ? iv.remittance / people : 0.0);
      }
      if (transfers != nullptr) transfers[i] = 0.0;
    }
  }
  // Individually kept projects: this year's return at this year's market price, then depreciation.
  // Each market's price is drawn once here (price[industry + 1]; 1 for a project bound to none),
  // not once per project: it is the same pure function of (seed, market, year) for every project.
  const std::size_t markets = run.scenario.shocks.markets.size();
  std::vector<double> price(markets + 1, 1.0);
  for (std::size_t m = 0; m < markets; ++m)
    price[m + 1] = market_price(run, static_cast<int>(m), year);
  const auto& terms = lp.active.terms();
  std::vector<double> term_price(terms.size());
  std::vector<double> term_keep(terms.size());
  for (std::size_t t = 0; t < terms.size(); ++t) {
    term_price[t] = price[static_cast<std::size_t>(terms[t].industry + 1)];
    term_keep[t] = 1.0 - static_cast<double>(terms[t].depreciation);
  }
  std::vector<double>& returns = lp.active.returns();
  lp.active.with_households([&](const auto& index, std::uint32_t first) {
    lp.active.for_each_run([&](std::size_t begin, std::size_t end, std::uint16_t t) {
      const double at_price = term_price[t];
      const double keep = term_keep[t];
      for (std::size_t k = begin; k < end; ++k) {
        h.returns[first + index[k]] += returns[k] * at_price;
        returns[k] *= keep;
      }
    });
  });
  // The total is finite exactly when every component is (and their sum does not overflow): one
  // test for the county, the first household whose total is not and its component named only on
  // failure.
  const Range r = county.households;
  if (!h.refresh_incomes(r.begin, r.end)) {
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      if (!std::isfinite(h.income[i])) check_income(w, i, year, "the income update");
    }
  }
}

}  // namespace fupin::models
