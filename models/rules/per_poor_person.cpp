// Rule "per_poor_person": weight_i = poor_people_i, the registered poor (eligible candidates only).
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::vector<sim::Money> per_poor_person(sim::Money budget, const CandidateTable& c,
                                        const RuleParams& /*p*/) {
  detail::check_table("per_poor_person", c);
  return detail::split(budget, c,
                       detail::checked_column(c, c.poor_people, "per_poor_person", "poor_people"));
}

}  // namespace fupin::models::rules
