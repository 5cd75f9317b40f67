// What one variant's run leaves to the next variant in the same process: its household and
// village stores and the yearly summary's buffers. A later variant fills them in place, in
// parallel, instead of allocating new memory whose pages the kernel maps one fault at a time
// (docs/performance.md); its results are those of a fresh world.
#pragma once

#include <vector>

#include "models/metrics/poverty_measures.hpp"
#include "models/world/world.hpp"

namespace fupin::models {

struct VariantStores {
  World world;  // its stores are reused by build_world(geography, recycled)
  std::vector<CompactObservation> observations;  // (income, people) of every household
  std::vector<CompactObservation> sort_scratch;  // the radix sort's working memory (grows)
};

}  // namespace fupin::models
