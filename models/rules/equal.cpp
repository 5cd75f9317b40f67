// Rule "equal": every candidate gets the same share; leftover fen go to the lowest indices.
#include <cstdint>
#include <vector>

#include "models/rules/allocation_rule.hpp"

namespace fupin::models::rules {

std::vector<sim::Money> equal(sim::Money budget, const CandidateTable& c) {
  // Integer weights: the quota arithmetic is exact, so ties really are ties.
  const std::vector<std::int64_t> weights(c.size(), 1);
  return sim::split_largest_remainder(budget, std::span<const std::int64_t>(weights));
}

}  // namespace fupin::models::rules
