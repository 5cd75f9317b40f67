// Rule "per_poor_person": shares in proportion to the number of registered poor people.
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::vector<sim::Money> per_poor_person(sim::Money budget, const CandidateTable& c) {
  const auto& weights = detail::checked_column(c, c.poor_people, "per_poor_person", "poor_people");
  return sim::split_largest_remainder(budget, std::span<const double>(weights));
}

}  // namespace fupin::models::rules
