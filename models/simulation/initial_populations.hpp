// The initial worlds of a run's variants: generated once for each distinct geography, population
// and seed, and copied into every later variant that shares them (docs/performance.md).
#pragma once

#include <cstddef>
#include <map>
#include <span>
#include <vector>

#include "models/scenario/scenario.hpp"
#include "models/world/population.hpp"
#include "models/world/world.hpp"
#include "sim/engine.hpp"

namespace fupin::models {

class InitialPopulations {
 public:
  // `variants` must outlive this object; they are filled in their order, each once.
  explicit InitialPopulations(std::span<const Scenario> variants);

  // Fills the new world of variant `i` (build_world of its geography, on `engine`): restores the
  // population an earlier variant generated with the same inputs (same_initial_world), or
  // generates it. Keeps a copy while a later variant needs it and frees it after the last.
  void fill(std::size_t i, World& world, sim::Engine& engine);

  // Populations generated so far (the others were copied).
  [[nodiscard]] std::size_t generated() const { return generated_; }
  // Populations kept for later variants now.
  [[nodiscard]] std::size_t kept() const { return kept_.size(); }

 private:
  std::span<const Scenario> variants_;
  std::vector<std::size_t> first_;  // per variant: the first variant with the same initial world
  std::vector<std::size_t> last_;   // per variant: the last variant with the same initial world
  std::map<std::size_t, GeneratedPopulation> kept_;  // by first variant
  std::size_t generated_ = 0;
};

}  // namespace fupin::models
