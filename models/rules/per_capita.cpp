// Rule "per_capita": weight_i = people_i (eligible candidates only).
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::vector<sim::Money> per_capita(sim::Money budget, const CandidateTable& c,
                                   const RuleParams& /*p*/) {
  detail::check_table("per_capita", c);
  return detail::split(budget, c, detail::checked_column(c, c.people, "per_capita", "people"));
}

}  // namespace fupin::models::rules
