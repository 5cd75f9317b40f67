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
  // The most households whose generated population is kept for later variants by default: 2^22,
  // at 12 bytes a household about 50 MB. Keeping a population saves drawing it again (about a
  // twentieth of a variant's CPU time in R1) and costs its 12 bytes a household for as long as
  // the variant that generated it runs, at that variant's peak: a fifth of R1's peak at 10
  // million households, 460 MB of the national scenario's 38 million, where memory, not time, is
  // what a workstation runs short of (docs/performance.md, change 64).
  static constexpr std::size_t kKeepUpTo = std::size_t{1} << 22;

  // `variants` must outlive this object; they are filled in their order, each once. Populations
  // of more than `keep_up_to` households are drawn again for every variant that shares them.
  explicit InitialPopulations(std::span<const Scenario> variants,
                              std::size_t keep_up_to = kKeepUpTo);

  // Fills the new world of variant `i` (build_world of its geography, on `engine`): restores the
  // population an earlier variant generated with the same inputs (same_initial_world), or
  // generates it. Keeps a copy while a later variant needs it, if it has no more households than
  // the limit, and frees it after the last. A population drawn again is the same population: every
  // draw is a function of the seed, the household and the purpose.
  void fill(std::size_t i, World& world, sim::Engine& engine);

  // Populations generated so far (the others were copied).
  [[nodiscard]] std::size_t generated() const { return generated_; }
  // Populations kept for later variants now.
  [[nodiscard]] std::size_t kept() const { return kept_.size(); }

 private:
  std::span<const Scenario> variants_;
  std::vector<std::size_t> first_;  // per variant: the first variant with the same initial world
  std::vector<std::size_t> last_;   // per variant: the last variant with the same initial world
  std::size_t keep_up_to_;
  std::map<std::size_t, GeneratedPopulation> kept_;  // by first variant
  std::size_t generated_ = 0;
};

}  // namespace fupin::models
