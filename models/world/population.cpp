#include "models/world/population.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "models/world/large_array.hpp"
#include "sim/parallel.hpp"
#include "sim/random.hpp"

namespace fupin::models {

namespace {

std::vector<double> region_effects(std::size_t n, double sd, std::uint64_t seed,
                                   const char* purpose) {
  std::vector<double> e(n, 0.0);
  if (sd <= 0) return e;
  sim::EntityDraws draws(seed, purpose);
  for (std::size_t i = 0; i < n; ++i) e[i] = sd * draws.normal(i, 0);
  return e;
}

}  // namespace

void generate_population(World& world, const PopulationSpec& spec, std::uint64_t seed,
                         sim::Engine& engine) {
  const auto& fx = spec.region_effects;
  const std::vector<double> county_fx =
      region_effects(world.counties.size(), fx.county_sd, seed, "population.county_effect");
  const std::vector<double> township_fx =
      region_effects(world.townships.size(), fx.township_sd, seed, "population.township_effect");
  const std::vector<double> village_fx =
      region_effects(world.villages.size(), fx.village_sd, seed, "population.village_effect");

  std::vector<double> cause_weights(kCauseCount, 0.0);
  if (spec.cause_shares.empty()) {
    cause_weights[static_cast<int>(Cause::other)] = 1.0;
  } else {
    for (const auto& [cause, share] : spec.cause_shares)
      cause_weights[static_cast<int>(cause)] = share;
  }

  // Priority categories of villages, each drawn independently.
  const sim::RandomSource village_src(seed, "population.village_priority");
  for (std::size_t v = 0; v < world.villages.size(); ++v) {
    sim::RandomStream rs = village_src.stream(v, 0);
    std::uint8_t flags = 0;
    if (rs.bernoulli(spec.ethnic_minority_share)) flags |= kEthnicMinority;
    if (rs.bernoulli(spec.border_share)) flags |= kBorder;
    if (rs.bernoulli(spec.old_revolutionary_base_share)) flags |= kOldRevolutionaryBase;
    world.village_state.priority[v] = flags;
  }

  const sim::Categorical causes(cause_weights.data(), cause_weights.size());
  const sim::RandomSource household_src(seed, "population.household");
  const double log_median = std::log(spec.income.median);
  Households& h = world.households;

  const double sigma = spec.income.sigma;
  if (!(sigma >= 0.0))
    throw std::invalid_argument("generate_population: income sigma must be >= 0");
  engine.for_each_lp([&](std::size_t county) {
    // The non-income guarantees, each from its own purpose so that changing one share leaves the
    // others' draws (one word per household; a share of 0 or 1 draws nothing).
    sim::EntityDraws safe_house(seed, "population.safe_house");
    sim::EntityDraws insurance(seed, "population.insurance");
    sim::EntityDraws schooling(seed, "population.schooling");
    // A village's lognormal incomes, exp(mu + sigma z), from the words its households' streams
    // give in turn, z turned from them side by side (normals_from_words equals normal_from_word,
    // which RandomStream::lognormal uses) once the village's other draws are made.
    std::vector<std::uint64_t> words;
    std::vector<double> normals;
    const Range towns = world.counties.children[county];
    for (std::uint32_t t = towns.begin; t < towns.end; ++t) {
      const Range vills = world.townships.children[t];
      for (std::uint32_t v = vills.begin; v < vills.end; ++v) {
        const double mu = log_median + county_fx[county] + township_fx[t] + village_fx[v];
        const Range hh = world.villages.children[v];
        words.resize(hh.size());
        normals.resize(hh.size());
        for (std::uint32_t i = hh.begin; i < hh.end; ++i) {
          sim::RandomStream rs = household_src.stream(i, 0);
          const auto extra =
              rs.binomial(spec.household_size.extra_trials, spec.household_size.extra_probability);
          const auto people = std::min<std::int64_t>(spec.household_size.minimum + extra, 255);
          h.size[i] = static_cast<std::uint8_t>(people);
          h.labourers[i] = static_cast<std::uint8_t>(rs.binomial(people, spec.labour_probability));
          words[i - hh.begin] = rs.next_u64();  // the income's normal
          h.cause[i] = static_cast<Cause>(causes.draw(rs));
          std::uint8_t status = 0;
          if (safe_house.bernoulli(spec.safe_housing_share, i, 0)) status |= kSafeHouse;
          if (insurance.bernoulli(spec.insurance_share, i, 0)) status |= kInsured;
          if (schooling.bernoulli(spec.schooling_share, i, 0)) status |= kSchooling;
          h.status[i] = status;
        }
        sim::normals_from_words(words, normals);
        for (std::uint32_t i = hh.begin; i < hh.end; ++i) {
          h.earned[i] = std::exp(mu + sigma * normals[i - hh.begin]);
          h.income[i] = h.earned[i];
        }
      }
    }
  });
}

bool same_initial_world(const Scenario& a, const Scenario& b) {
  return a.seed == b.seed && a.geography == b.geography && a.population == b.population;
}

namespace {

// to[i] = from[i] for every i, in parallel pieces in the calling thread's scope.
template <class T>
void copy_large(const std::vector<T>& from, std::vector<T>& to) {
  const T* in = from.data();
  T* out = to.data();
  sim::parallel::for_range(
      from.size(), std::size_t{1} << 16,
      [in, out](std::size_t b, std::size_t e) { std::copy(in + b, in + e, out + b); });
}

template <class T>
std::vector<T> kept_copy(const std::vector<T>& from) {
  std::vector<T> to;
  assign_large(to, from.size(), T{});
  copy_large(from, to);
  return to;
}

}  // namespace

GeneratedPopulation keep_population(const World& world) {
  const Households& h = world.households;
  return {kept_copy(h.size),  kept_copy(h.labourers), kept_copy(h.earned),
          kept_copy(h.cause), kept_copy(h.status),    world.village_state.priority};
}

void restore_population(World& world, const GeneratedPopulation& p) {
  Households& h = world.households;
  if (p.size.size() != h.count() || p.village_priority.size() != world.villages.size()) {
    throw std::invalid_argument("restore_population: the kept population is of another geography");
  }
  copy_large(p.size, h.size);
  copy_large(p.labourers, h.labourers);
  copy_large(p.earned, h.earned);
  copy_large(p.earned, h.income);
  copy_large(p.cause, h.cause);
  copy_large(p.status, h.status);
  world.village_state.priority = p.village_priority;
}

}  // namespace fupin::models
