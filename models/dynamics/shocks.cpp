#include "models/dynamics/shocks.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <stdexcept>
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

// Illness, then disability, of household `i` in `year`, given what the draws decided: `ill`, and
// `disability_drawn` (the disability draw fell below its probability; it strikes only a household
// that has a labourer).
void apply_health(const RunContext& run, World& world, std::uint32_t i, int year, bool ill,
                  bool disability_drawn) {
  const ShocksSpec& k = run.scenario.shocks;
  const DynamicsSpec& d = run.scenario.dynamics;
  Households& h = world.households;
  if (ill) {
    const double paid_share = (h.status[i] & kInsured) ? 1.0 - k.insurance_cover : 1.0;
    const double people = std::max<double>(1.0, h.size[i]);
    // Earning capacity falls for good; the out-of-pocket medical cost is this year's cost only.
    h.earned[i] *= 1.0 - d.illness_income_loss;
    h.costs[i] += k.medical_cost * paid_share / people;
    h.refresh_income(i);
    check_income(world, i, year, "an illness shock");
  }
  if (h.labourers[i] > 0 && disability_drawn) {
    h.labourers[i] = static_cast<std::uint8_t>(h.labourers[i] - 1);
    h.status[i] = static_cast<std::uint8_t>(h.status[i] | kDisabled);
    h.earned[i] *= 1.0 - k.disability_income_loss;  // for good
    h.refresh_income(i);
    check_income(world, i, year, "a disability shock");
  }
}

// The illness probability of household `i`: higher if its primary cause is illness.
double illness_probability(const RunContext& run, bool illness_cause) {
  const double p = run.scenario.dynamics.illness_probability;
  return std::min(1.0, illness_cause ? p * run.scenario.shocks.illness_cause_multiplier : p);
}

// Illness, then disability, of household `i` in `year` (the household's month has come).
void household_health(const RunContext& run, World& world, HealthDraws& draws, std::uint32_t i,
                      int year) {
  const Households& h = world.households;
  // The draws lie in the open interval (0, 1): p <= 0 never, p >= 1 always.
  const bool ill = draws.illness.bernoulli(illness_probability(run, h.cause[i] == Cause::illness),
                                           i, period_of(year));
  const bool disability_drawn =
      h.labourers[i] > 0 &&
      draws.disability.bernoulli(run.scenario.shocks.disability_probability, i, period_of(year));
  apply_health(run, world, i, year, ill, disability_drawn);
}

// What the health draws of one household decide for the year, drawn in January in household order
// (four neighbours share a Philox block) instead of in each month's scattered order. The illness
// outcome is the one of the household's primary cause, which is set with the population and never
// changes, so it is read in January's sweep over the households and not when the month comes.
enum HealthHit : std::uint8_t {
  kIll = 1U << 0,
  kDisabilityDrawn = 1U << 1,
};

struct HealthCase {
  std::uint32_t household;
  std::uint8_t hits;  // bits of HealthHit, at least one
};

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
  // The households of each health-shock month, found once by the January event (in the county's
  // logical process, in parallel with the other counties) instead of once per month.
  using Buckets = std::array<std::vector<HealthCase>, 12>;
  auto buckets = std::make_shared<Buckets>();
  for (int month = 1; month <= 12; ++month) {
    s.engine.schedule_local(
        county, at(sim::Date::from_civil(year, month, 15), Phase::shocks),
        [&s, county, year, month, buckets](sim::LpContext&) {
          if (month == 1) {
            // Every household's month and health draws, in household order; only the households
            // a draw strikes are kept, in their month's bucket (household order within it).
            const Range r = s.world.county_households(county);
            sim::EntityDraws months(s.scenario.seed, kHealthMonthPurpose);
            HealthDraws draws(s.scenario.seed);
            const double other = illness_probability(s, false);
            const double ill_cause = illness_probability(s, true);
            const double disability = s.scenario.shocks.disability_probability;
            const auto period = period_of(year);
            // bernoulli(p) is u < p for the draw u in (0, 1) and any p in [0, 1] (p = 0 never,
            // p = 1 always); the two illness outcomes compare the same draw. The draws are read
            // once and compared without branches; a purpose whose probabilities are all 0 is not
            // drawn (u = 1 is then below none of them).
            for (double p : {other, ill_cause, disability}) {
              if (!(p >= 0.0 && p <= 1.0))
                throw std::invalid_argument("health shocks: a probability outside [0, 1]");
            }
            const bool draw_illness = other > 0.0 || ill_cause > 0.0;
            const bool draw_disability = disability > 0.0;
            const Cause* const cause = s.world.households.cause.data();
            for (std::uint32_t i = r.begin; i < r.end; ++i) {
              const double ill = draw_illness ? draws.illness.uniform(i, period) : 1.0;
              const double disabled = draw_disability ? draws.disability.uniform(i, period) : 1.0;
              // The probability of the household's primary cause, without a branch on it.
              const unsigned illness_cause = cause[i] == Cause::illness ? 1U : 0U;
              const unsigned falls_ill =
                  (illness_cause & static_cast<unsigned>(ill < ill_cause)) |
                  ((illness_cause ^ 1U) & static_cast<unsigned>(ill < other));
              const auto hits = static_cast<std::uint8_t>(
                  (falls_ill != 0 ? kIll : 0) | (disabled < disability ? kDisabilityDrawn : 0));
              if (hits == 0) continue;
              // The month only of a household a draw strikes (a pure function of the household
              // and year: the others' months were drawn and never read).
              const int m = month_of(s, months, i, year);
              (*buckets)[static_cast<std::size_t>(m - 1)].push_back({i, hits});
            }
          }
          auto& mine = (*buckets)[static_cast<std::size_t>(month - 1)];
          for (const HealthCase& c : mine) {
            apply_health(s, s.world, c.household, year, (c.hits & kIll) != 0,
                         (c.hits & kDisabilityDrawn) != 0);
          }
          std::vector<HealthCase>().swap(mine);
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
