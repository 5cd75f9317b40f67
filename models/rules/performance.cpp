// Rule "performance" (以奖代补, reward instead of subsidy): money follows last year's results.
//
//   weight_i = base_i × assessment_i
//
// assessment must lie in [0, 1] for every candidate (else std::invalid_argument); params.base:
// people, poor_people (default), poverty_gap, households or poor_households. A candidate
// assessed 0 gets nothing. Reads the base column and assessment.
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/params_check.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::string check_performance(const RuleParams& p) { return detail::check_base(p); }

std::vector<sim::Money> performance(sim::Money budget, const CandidateTable& c,
                                    const RuleParams& p) {
  constexpr std::string_view kRule = "performance";
  detail::require_valid_params(kRule, check_performance(p));
  detail::check_table(kRule, c);
  const auto& base = detail::base_column(kRule, c, p.base);
  const auto& assessment = detail::unit_interval(kRule, c, c.assessment, "assessment");
  std::vector<double> weights(c.size(), 0.0);
  for (std::size_t i = 0; i < c.size(); ++i) weights[i] = base[i] * assessment[i];
  return detail::split(budget, c, std::move(weights));
}

}  // namespace fupin::models::rules
