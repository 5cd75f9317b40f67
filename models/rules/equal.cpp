// Rule "equal": every eligible candidate gets the same share; leftover fen go to the lowest
// indices. Reads no column and no parameter.
#include <cstddef>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::vector<sim::Money> equal(sim::Money budget, const CandidateTable& c, const RuleParams& /*p*/) {
  detail::check_table("equal", c);
  // The largest-remainder split with weight one for each eligible candidate and zero for the
  // others: every eligible quota is the same, so the leftover fen go to the lowest eligible
  // indices (sim::split_equally over the eligible, in index order).
  std::vector<std::size_t> eligible;
  eligible.reserve(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (detail::is_eligible(c, i)) eligible.push_back(i);
  }
  // Throws on a negative budget, whether or not any candidate is eligible.
  const std::vector<sim::Money> each = sim::split_equally(budget, eligible.size());
  std::vector<sim::Money> parts(c.size());
  for (std::size_t k = 0; k < eligible.size(); ++k) parts[eligible[k]] = each[k];
  return parts;
}

}  // namespace fupin::models::rules
