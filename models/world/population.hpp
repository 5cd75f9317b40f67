// Synthetic population: household size, labourers, initial income and primary cause of poverty,
// drawn from counter-based streams keyed by household index, so the population is the same for any
// thread count and for every variant of a scenario.
#pragma once

#include <cstdint>
#include <vector>

#include "models/scenario/scenario.hpp"
#include "models/world/world.hpp"
#include "sim/engine.hpp"

namespace fupin::models {

// Fills the household stores of `world`. Runs one county per logical process of `engine`.
// Village median income = median × exp(county + township + village effect), each effect ~ N(0, sd²)
// on the log scale; per-capita income ~ LogNormal(ln village median, sigma²).
void generate_population(World& world, const PopulationSpec& spec, std::uint64_t seed,
                         sim::Engine& engine);

// Whether two variants generate the same initial world: the same geography (the region tree, and
// the logical processes the population is generated on), the same population keys and the same
// seed. Doubles are compared with ==, so a NaN never matches and such a variant generates afresh.
bool same_initial_world(const Scenario& a, const Scenario& b);

// What generate_population writes, and nothing else: the other stores of a new world are zero.
// Kept to start a later variant with the same initial world without generating it again
// (12 bytes a household instead of the whole world). A store that generate_population starts to
// write belongs here too: InitialPopulation.RestoredWorldEqualsTheGeneratedOneInEveryStore
// compares every store of a restored world with a generated one.
struct GeneratedPopulation {
  std::vector<std::uint8_t> size;
  std::vector<std::uint8_t> labourers;
  std::vector<double> earned;  // the initial income is earned income only
  std::vector<Cause> cause;
  std::vector<std::uint8_t> status;
  std::vector<std::uint8_t> village_priority;
};

// The generated part of `world`, which generate_population has just filled.
GeneratedPopulation keep_population(const World& world);
// Fills a new world (build_world of the same geography) as generate_population filled the kept one.
// Throws std::invalid_argument if the sizes do not match. Both copy in parallel pieces in the
// calling thread's sim::parallel::Scope (InitialPopulations calls them inside the engine's).
void restore_population(World& world, const GeneratedPopulation& population);

}  // namespace fupin::models
