#include "models/simulation/initial_populations.hpp"

#include <stdexcept>

namespace fupin::models {

InitialPopulations::InitialPopulations(std::span<const Scenario> variants, std::size_t keep_up_to)
    : variants_(variants),
      first_(variants.size()),
      last_(variants.size()),
      keep_up_to_(keep_up_to) {
  for (std::size_t i = 0; i < variants.size(); ++i) {
    first_[i] = i;
    for (std::size_t j = 0; j < i; ++j) {
      if (first_[j] == j && same_initial_world(variants[j], variants[i])) {
        first_[i] = j;
        break;
      }
    }
    last_[first_[i]] = i;
  }
  for (std::size_t i = 0; i < variants.size(); ++i) last_[i] = last_[first_[i]];
}

void InitialPopulations::fill(std::size_t i, World& world, sim::Engine& engine) {
  if (i >= variants_.size()) throw std::out_of_range("InitialPopulations::fill: no such variant");
  const std::size_t first = first_[i];
  const auto kept = kept_.find(first);
  if (kept != kept_.end()) {
    engine.in_arena([&] { restore_population(world, kept->second); });
  } else {
    const Scenario& s = variants_[i];
    generate_population(world, s.population, s.seed, engine);
    ++generated_;
    if (last_[i] > i && world.households.count() <= keep_up_to_)
      engine.in_arena([&] { kept_.emplace(first, keep_population(world)); });
  }
  if (last_[i] == i) kept_.erase(first);
}

}  // namespace fupin::models
