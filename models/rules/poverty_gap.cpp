// Rule "poverty_gap": weight_i = poverty_gap_i, the aggregate shortfall below the line (yuan a
// year, summed over poor people), so deeper poverty draws more money than shallow poverty.
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::vector<sim::Money> poverty_gap(sim::Money budget, const CandidateTable& c,
                                    const RuleParams& /*p*/) {
  detail::check_table("poverty_gap", c);
  return detail::split(budget, c,
                       detail::checked_column(c, c.poverty_gap, "poverty_gap", "poverty_gap"));
}

}  // namespace fupin::models::rules
