#include "models/dynamics/shocks.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <vector>

#include "models/state/phases.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

namespace fupin::models {

namespace {

// Stream purposes: one per kind of draw, so that each draw is independent of every other and of
// the parameters of the others (a variant that changes the disability probability sees the same
// illnesses).
constexpr const char* kHealthMonthPurpose = "shocks.health_month";
constexpr const char* kIllnessPurpose = "shocks.illness";
constexpr const char* kDisabilityPurpose = "shocks.disability";
constexpr const char* kDisasterPurpose = "shocks.disaster";
constexpr const char* kMarketPurpose = "shocks.market";

std::uint64_t period_of(int year) { return static_cast<std::uint64_t>(year); }

// One word per household and year for each of the two health draws.
struct HealthDraws {
  explicit HealthDraws(std::uint64_t seed)
      : illness(seed, kIllnessPurpose), disability(seed, kDisabilityPurpose) {}
  sim::EntityDraws illness;
  sim::EntityDraws disability;
};

// Illness, then disability, of household `i` in `year` (the household's month has come).
void household_health(const RunContext& run, World& world, HealthDraws& draws, std::uint32_t i,
                      int year) {
  const ShocksSpec& k = run.scenario.shocks;
  const DynamicsSpec& d = run.scenario.dynamics;
  Households& h = world.households;

  double p = d.illness_probability;
  if (h.cause[i] == Cause::illness) p *= k.illness_cause_multiplier;
  // The draw lies in the open interval (0, 1): p <= 0 never, p >= 1 always.
  if (draws.illness.bernoulli(std::min(1.0, p), i, period_of(year))) {
    const double paid_share = (h.status[i] & kInsured) ? 1.0 - k.insurance_cover : 1.0;
    const double people = std::max<double>(1.0, h.size[i]);
    // Earning capacity falls for good; the out-of-pocket medical cost is this year's cost only.
    h.earned[i] *= 1.0 - d.illness_income_loss;
    h.costs[i] += k.medical_cost * paid_share / people;
    h.refresh_income(i);
    check_income(world, i, year, "an illness shock");
  }

  if (h.labourers[i] > 0 &&
      draws.disability.bernoulli(k.disability_probability, i, period_of(year))) {
    h.labourers[i] = static_cast<std::uint8_t>(h.labourers[i] - 1);
    h.status[i] = static_cast<std::uint8_t>(h.status[i] | kDisabled);
    h.earned[i] *= 1.0 - k.disability_income_loss;  // for good
    h.refresh_income(i);
    check_income(world, i, year, "a disability shock");
  }
}

}  // namespace

namespace {

int month_of(const RunContext& run, sim::EntityDraws& months, std::uint32_t household, int year) {
  if (run.scenario.shocks.health_month > 0) return run.scenario.shocks.health_month;
  const double u = months.uniform(household, period_of(year));
  // u < 1, but u × 12 may round up to 12 for the largest u: clamp.
  return 1 + std::min(11, static_cast<int>(u * 12.0));
}

}  // namespace

int health_shock_month(const RunContext& run, std::uint32_t household, int year) {
  sim::EntityDraws months(run.scenario.seed, kHealthMonthPurpose);
  return month_of(run, months, household, year);
}

void health_shocks(const RunContext& run, CountyView county, int year, int month) {
  sim::EntityDraws months(run.scenario.seed, kHealthMonthPurpose);
  HealthDraws draws(run.scenario.seed);
  const Range r = county.households;
  for (std::uint32_t i = r.begin; i < r.end; ++i) {
    if (month_of(run, months, i, year) == month)
      household_health(run, county.world, draws, i, year);
  }
}

DisasterDraw disaster_draw(const RunContext& run, std::uint32_t village, int year) {
  sim::RandomStream rs =
      sim::RandomSource(run.scenario.seed, kDisasterPurpose).stream(village, period_of(year));
  // Both numbers are always drawn, so the day does not depend on the probability.
  const double happens = rs.uniform();
  const double when = rs.uniform();
  const int days = sim::is_leap_year(year) ? 366 : 365;
  DisasterDraw d;
  d.happens = happens < run.scenario.shocks.disaster_probability;
  d.day_of_year = std::min(days - 1, static_cast<int>(when * days));
  return d;
}

void disaster(const RunContext& run, World& world, std::uint32_t village) {
  const ShocksSpec& k = run.scenario.shocks;
  Households& h = world.households;
  // A disaster destroys a share of this year's earned income (the harvest, the stock): a one-off
  // loss booked as this year's cost; earning capacity is unchanged.
  const double loss_unsafe = k.disaster_income_loss;
  const double loss_safe = k.disaster_income_loss * k.safe_house_factor;
  const Range r = world.villages.children[village];
  for (std::uint32_t i = r.begin; i < r.end; ++i) {
    const double loss = (h.status[i] & kSafeHouse) ? loss_safe : loss_unsafe;
    h.costs[i] += loss * h.earned[i];
    h.refresh_income(i);
  }
}

double market_price(const RunContext& run, int market, int year) {
  if (market < 0) return 1.0;
  const MarketSpec& m = run.scenario.shocks.markets.at(static_cast<std::size_t>(market));
  // Keyed by the market's name, not its index, so that variants which add or reorder markets
  // keep every market's prices (common random numbers).
  sim::RandomStream rs = sim::RandomSource(run.scenario.seed, kMarketPurpose)
                             .stream(sim::purpose_key(m.name), period_of(year));
  return std::exp(m.price_sd * rs.normal() - 0.5 * m.price_sd * m.price_sd);
}

void schedule_shocks(SimulationState& s, std::size_t county, int year) {
  // The health-shock month of each household of the county, drawn once by the January event (in
  // the county's logical process, in parallel with the other counties) and scanned by each
  // month's event, which visits its households in index order: a byte a household for the year,
  // and nothing when the scenario fixes the month for everyone.
  const int fixed = s.scenario.shocks.health_month;
  auto months = std::make_shared<std::vector<std::uint8_t>>();
  for (int month = 1; month <= 12; ++month) {
    s.engine.schedule_local(county, at(sim::Date::from_civil(year, month, 15), Phase::shocks),
                            [&s, county, year, month, fixed, months](sim::LpContext&) {
                              const Range r = s.world.county_households(county);
                              HealthDraws draws(s.scenario.seed);
                              if (fixed > 0) {
                                if (month != fixed) return;
                                for (std::uint32_t i = r.begin; i < r.end; ++i)
                                  household_health(s, s.world, draws, i, year);
                                return;
                              }
                              if (month == 1) {
                                months->resize(r.size());
                                sim::EntityDraws month_draws(s.scenario.seed, kHealthMonthPurpose);
                                for (std::uint32_t i = r.begin; i < r.end; ++i)
                                  (*months)[i - r.begin] =
                                      static_cast<std::uint8_t>(month_of(s, month_draws, i, year));
                              }
                              for (std::uint32_t i = r.begin; i < r.end; ++i) {
                                if ((*months)[i - r.begin] == month)
                                  household_health(s, s.world, draws, i, year);
                              }
                              if (month == 12) std::vector<std::uint8_t>().swap(*months);
                            });
  }
  const Range villages = s.world.county_villages(county);
  const sim::Date start = sim::Date::year_start(year);
  for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
    const DisasterDraw d = disaster_draw(s, v, year);
    if (!d.happens) continue;
    s.engine.schedule_local(county, at(start + d.day_of_year, Phase::shocks),
                            [&s, v](sim::LpContext&) { disaster(s, s.world, v); });
  }
}

}  // namespace fupin::models
