// Rule "poverty_gap": shares in proportion to the aggregate poverty gap (yuan a year below the
// line, summed over poor people), so deeper poverty draws more money than shallow poverty.
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::vector<sim::Money> poverty_gap(sim::Money budget, const CandidateTable& c) {
  const auto& weights = detail::checked_column(c, c.poverty_gap, "poverty_gap", "poverty_gap");
  return sim::split_largest_remainder(budget, std::span<const double>(weights));
}

}  // namespace fupin::models::rules
