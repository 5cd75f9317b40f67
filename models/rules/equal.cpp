// Rule "equal": every eligible candidate gets the same share; leftover fen go to the lowest
// indices. Reads no column and no parameter.
#include <cstdint>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::vector<sim::Money> equal(sim::Money budget, const CandidateTable& c, const RuleParams& /*p*/) {
  detail::check_table("equal", c);
  // Integer weights: the quota arithmetic is exact, so ties really are ties.
  std::vector<std::int64_t> weights(c.size(), 1);
  for (std::size_t i = 0; i < c.size(); ++i) weights[i] = detail::is_eligible(c, i) ? 1 : 0;
  return sim::split_largest_remainder(budget, std::span<const std::int64_t>(weights));
}

}  // namespace fupin::models::rules
