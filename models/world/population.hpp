// Synthetic population: household size, labourers, initial income and primary cause of poverty,
// drawn from counter-based streams keyed by household index, so the population is the same for any
// thread count and for every variant of a scenario.
#pragma once

#include <cstdint>

#include "models/scenario/scenario.hpp"
#include "models/world/world.hpp"
#include "sim/engine.hpp"

namespace fupin::models {

// Fills the household stores of `world`. Runs one county per logical process of `engine`.
// Village median income = median × exp(county + township + village effect), each effect ~ N(0, sd²)
// on the log scale; per-capita income ~ LogNormal(ln village median, sigma²).
void generate_population(World& world, const PopulationSpec& spec, std::uint64_t seed, sim::Engine& engine);

}  // namespace fupin::models
