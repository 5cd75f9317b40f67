// Rule "cause_matched": money follows poverty that the funded interventions can actually cure.
//
//   weight_i = poverty_gap_i × w[cause_i]
//
// params.weights maps cause names (vocabulary::kCauses, the table of models/causes.hpp) to the
// effectiveness w ≥ 0 of the intervention that fits that cause (e.g. a skills channel:
// lack_of_skills 1.5, illness 0.2). Causes not listed weigh 1, and so do candidates
// with cause −1 (regions, which mix causes). Reads poverty_gap and cause.
#include <string>
#include <vector>

#include "models/causes.hpp"
#include "models/rules/allocation_rule.hpp"
#include "models/rules/params_check.hpp"
#include "models/rules/vocabulary.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::string check_cause_matched(const RuleParams& p) {
  return detail::check_weight_names(p, std::span<const std::string_view>(vocabulary::kCauses),
                                    "cause");
}

std::vector<sim::Money> cause_matched(sim::Money budget, const CandidateTable& c,
                                      const RuleParams& p) {
  constexpr std::string_view kRule = "cause_matched";
  detail::require_valid_params(kRule, check_cause_matched(p));
  detail::check_table(kRule, c);
  const auto& gap = detail::non_negative(kRule, c, c.poverty_gap, "poverty_gap");
  const auto& cause = detail::required(kRule, c, c.cause, "cause");

  std::vector<double> by_cause(vocabulary::kCauses.size(), 1.0);
  for (std::size_t k = 0; k < vocabulary::kCauses.size(); ++k) {
    const auto it = p.weights.find(std::string(vocabulary::kCauses[k]));
    if (it != p.weights.end()) by_cause[k] = it->second;
  }
  std::vector<double> weights(c.size(), 0.0);
  for (std::size_t i = 0; i < c.size(); ++i) {
    // A signed cause index: -1 for a region, 0.. for a household's cause.
    const int k = cause[i];  // NOLINT(bugprone-signed-char-misuse)
    if (k < -1 || k >= kCauseCount) {
      detail::fail(kRule, "column 'cause' of candidate " + std::to_string(i) + " is " +
                              std::to_string(k) + " (must be -1 for a region or a cause index 0.." +
                              std::to_string(kCauseCount - 1) + ")");
    }
    weights[i] = k < 0 ? gap[i] : gap[i] * by_cause[static_cast<std::size_t>(k)];
  }
  return detail::split(budget, c, std::move(weights));
}

}  // namespace fupin::models::rules
