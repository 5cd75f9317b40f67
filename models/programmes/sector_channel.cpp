#include "models/programmes/sector_channel.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "models/programmes/programme_kind.hpp"
#include "models/state/phases.hpp"
#include "sim/random.hpp"

namespace fupin::models {

SectorChannel::SectorChannel(int index, const ProgrammeSpec& spec, SimulationState& s)
    : Programme(index, spec, s),
      params_(params_of<SectorChannelSpec>(spec)),
      bit_(static_cast<std::uint16_t>(1U << static_cast<unsigned>(params_.channel))) {
  open_accounts(s, {}, false);
  pool_account_ = s.add_account(spec.name + "/pool", account_kind::kPool, index);
  for (std::uint32_t v = 0; v < s.world.villages.size(); ++v) {
    built_account_.push_back(
        s.add_spent_account(spec.name + "/built/" + s.world.villages.name[v], index, v));
  }
}

namespace {

// The coverage bits of the channel's units: the villages', or the households' (stored only for a
// scenario with a channel whose units are households: household_stores).
template <class WorldRef>
auto& covered_units(WorldRef& world, UnitKind unit) {
  if (unit == UnitKind::village) return world.village_state.covered;
  if (world.households.covered.empty() && world.households.count() > 0)
    throw std::logic_error("SectorChannel: household units, but no household coverage is stored");
  return world.households.covered;
}

}  // namespace

std::size_t SectorChannel::unit_count(const SimulationState& s) const {
  return params_.unit == UnitKind::village ? s.world.villages.size() : s.world.households.count();
}

std::size_t SectorChannel::covered_count(const SimulationState& s) const {
  const auto& covered = covered_units(s.world, params_.unit);
  return static_cast<std::size_t>(std::count_if(
      covered.begin(), covered.end(), [this](std::uint16_t c) { return (c & bit_) != 0; }));
}

void SectorChannel::draw_initial_coverage(SimulationState& s) {
  // Keyed by the channel, not the programme or variant: every variant starts from the same
  // coverage.
  const sim::RandomSource src(
      s.scenario.seed, std::string("channel.initial_coverage.") + channel_name(params_.channel));
  auto& covered = covered_units(s.world, params_.unit);
  for (std::size_t u = 0; u < covered.size(); ++u) {
    if (src.stream(u, 0).bernoulli(params_.initial_coverage)) covered[u] |= bit_;
  }
  // Housing of a household is its safety: a household already in safe housing needs no
  // renovation, and one the channel counts as covered lives in a safe house.
  if (makes_houses_safe()) {
    Households& h = s.world.households;
    for (std::size_t u = 0; u < covered.size(); ++u) {
      if (h.status[u] & kSafeHouse) covered[u] |= bit_;
      if (covered[u] & bit_) h.status[u] |= kSafeHouse;
    }
  }
}

bool SectorChannel::makes_houses_safe() const {
  return params_.channel == Channel::housing && params_.unit == UnitKind::household;
}

void SectorChannel::start_year(SimulationState& s, int year) {
  if (!initialised_) {
    draw_initial_coverage(s);
    initialised_ = true;
  }
  built_this_year_ = 0;
  // Units whose construction ends this year start to work (bought in order, completed in order).
  std::size_t done = 0;
  for (; done < under_construction_.size() && under_construction_[done].first <= year; ++done) {
    complete(s, under_construction_[done].second, year);
  }
  under_construction_.erase(under_construction_.begin(),
                            under_construction_.begin() + static_cast<std::ptrdiff_t>(done));
  const sim::Date date =
      sim::Date::from_civil(year, params_.disbursement_month, params_.disbursement_day);
  const auto it = params_.budget.find(year);
  const sim::Money budget = it == params_.budget.end() ? sim::Money() : it->second;
  if (budget.fen() <= 0 && pool_.fen() < params_.unit_cost.fen()) return;
  s.engine.schedule_global(
      at(date, Phase::disbursement), [this, &s, budget, year, date](sim::Engine&) {
        if (budget.fen() > 0) {
          s.global_journal.post(accounts_.source, pool_account_, budget, date, accounts_.stream);
          pool_ += budget;
        }
        buy_units(s, year, date);
      });
}

void SectorChannel::buy_units(SimulationState& s, int year, sim::Date date) {
  const World& w = s.world;
  const bool village_units = params_.unit == UnitKind::village;
  auto& covered = covered_units(s.world, params_.unit);
  // Order key of each uncovered unit: priority (0 first), then per-capita income (poorest first).
  std::vector<std::uint32_t> open;
  for (std::uint32_t u = 0; u < covered.size(); ++u) {
    if ((covered[u] & bit_) == 0) open.push_back(u);
  }
  if (open.empty()) return;
  const double line = s.line(year);
  std::vector<double> income(covered.size(), 0.0);
  std::vector<int> rank(covered.size(), 0);
  if (params_.order != "index") {
    s.engine.for_each_lp([&](std::size_t county) {
      const Range v = child_range(w, Level::county, county, Level::village);
      for (std::uint32_t i = v.begin; i < v.end; ++i) {
        const bool priority = w.village_state.priority[i] != 0;
        if (village_units) {
          const RegionStats st = region_stats(s.world, Level::village, i, line);
          income[i] = st.people > 0 ? st.income_mass / st.people : 0.0;
          rank[i] = priority ? 0 : 1;
        } else {
          for (std::uint32_t h = w.villages.children[i].begin; h < w.villages.children[i].end;
               ++h) {
            income[h] = w.households.income[h];
            rank[h] = priority ? 0 : 1;
          }
        }
      }
    });
    const bool by_priority = params_.order == "priority_first";
    std::stable_sort(open.begin(), open.end(), [&](std::uint32_t a, std::uint32_t b) {
      if (by_priority && rank[a] != rank[b]) return rank[a] < rank[b];
      return income[a] < income[b];
    });
  }
  std::vector<sim::Money> spent_by_village(w.villages.size());
  for (std::uint32_t u : open) {
    if (pool_ < params_.unit_cost) break;
    pool_ -= params_.unit_cost;
    covered[u] |= bit_;
    ++built_this_year_;
    spent_by_village[village_units ? u : w.village_of(u)] += params_.unit_cost;
    if (!village_units)
      s.world.households.receive(u, static_cast<std::size_t>(index_), params_.unit_cost.fen());
    if (params_.construction_years == 0) {
      complete(s, u, year);
    } else {
      under_construction_.emplace_back(year + params_.construction_years, u);
    }
  }
  for (std::size_t v = 0; v < spent_by_village.size(); ++v) {
    if (spent_by_village[v].fen() > 0)
      s.global_journal.post(pool_account_, built_account_[v], spent_by_village[v], date,
                            accounts_.stream);
  }
}

void SectorChannel::complete(SimulationState& s, std::uint32_t unit, int year) {
  if (params_.unit == UnitKind::village) {
    s.world.village_state.growth_uplift[unit] += params_.growth_uplift;
    if (params_.income_gain <= 0) return;
    LpState& lp = s.lp[s.lp_of(Level::village, unit)];
    const Range r = s.world.villages.children[unit];
    for (std::uint32_t i = r.begin; i < r.end; ++i)
      lp.pending.push_back({i, year, params_.income_gain});
  } else {
    if (makes_houses_safe()) {
      s.world.households.status[unit] |= kSafeHouse;  // a renovated house is safe
      s.world.households.events[unit] |= kHouseRenovatedThisYear;
    }
    if (params_.income_gain > 0)
      s.lp[s.world.county_of(unit)].pending.push_back({unit, year, params_.income_gain});
  }
}

void SectorChannel::end_year(SimulationState& s, int year) {
  if (spec_.idle == IdleMoney::carry_over || pool_.fen() <= 0) return;
  const sim::AccountId to = spec_.idle == IdleMoney::returned ? accounts_.source : accounts_.lost;
  s.global_journal.post(pool_account_, to, pool_, sim::Date::year_end(year), accounts_.stream);
  pool_ = {};
}

void SectorChannel::record_year(const SimulationState& s, int year, ProgrammeSeries& out) const {
  const double units = static_cast<double>(unit_count(s));
  const double covered = static_cast<double>(covered_count(s));
  record(out, "units_built", params_.unit == UnitKind::village ? "villages" : "households",
         "units built this year", static_cast<double>(built_this_year_));
  record(out, "coverage", "share", "share of units covered at year end",
         units > 0 ? covered / units : 0.0);
  const double short_of_goal =
      params_.goal_year != 0
          ? std::max(0.0, std::ceil(params_.goal_coverage * units - 1e-9) - covered)
          : 0.0;
  record(out, "units_short_of_goal", params_.unit == UnitKind::village ? "villages" : "households",
         "units still needed to reach the coverage goal", short_of_goal);
  // The pace the goal asks for: the units still needed spread over the years left until the goal
  // year (this year included); from the goal year on, everything still needed is due.
  const double years_left = params_.goal_year != 0 ? std::max(1, params_.goal_year - year + 1) : 1;
  record(out, "units_needed_per_year",
         params_.unit == UnitKind::village ? "villages per year" : "households per year",
         "units still needed per remaining year to reach the coverage goal by its year",
         short_of_goal / years_left);
}

ProgrammeKindRun sector_channel_run() {
  ProgrammeKindRun r;
  r.name = "sector_channel";
  r.create = [](int index, const ProgrammeSpec& spec,
                SimulationState& s) -> std::unique_ptr<Programme> {
    return std::make_unique<SectorChannel>(index, spec, s);
  };
  r.plan_money = [](KindPlan& plan) {
    const auto& k = params_of<SectorChannelSpec>(plan.p);
    for (const auto& [year, amount] : k.budget) {
      if (year < plan.s.start_year || year > plan.s.end_year) continue;
      const auto units =
          k.unit_cost.fen() > 0 ? static_cast<int>(amount.fen() / k.unit_cost.fen()) : 0;
      plan.add(year, units, k.unit == UnitKind::village ? "village units" : "household units",
               amount, {});
    }
  };
  r.first_scope = [](const ProgrammeSpec&) -> std::optional<RuleScope> { return std::nullopt; };
  r.reach = [](const ReachContext&, const ProgrammeSpec&) { return HouseholdReach{}; };
  return r;
}

}  // namespace fupin::models
