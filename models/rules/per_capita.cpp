// Rule "per_capita": shares in proportion to the number of people in each candidate.
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::vector<sim::Money> per_capita(sim::Money budget, const CandidateTable& c) {
  const auto& weights = detail::checked_column(c, c.people, "per_capita", "people");
  return sim::split_largest_remainder(budget, std::span<const double>(weights));
}

}  // namespace fupin::models::rules
