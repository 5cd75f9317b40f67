// Rule "nearest_to_threshold": the candidates cheapest to lift over the line first. This is the
// rule a headcount target tempts planners into (it maximises exits per yuan); fupin offers it so
// that its cost to the poorest can be measured, not as a recommendation.
//
// As poorest_first, but in ascending order of need per poor household,
// need_i / max(poor_households_i, 1) (for a household simply its need; ties: lower index).
// When the optional poor_households column is empty the order is by need alone. Reads need and
// poor_households.
#include <algorithm>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/fund_in_order.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::vector<sim::Money> nearest_to_threshold(sim::Money budget, const CandidateTable& c,
                                             const RuleParams& /*p*/) {
  constexpr std::string_view kRule = "nearest_to_threshold";
  detail::check_table(kRule, c);
  const auto claims = detail::claims_from_need(kRule, c);
  std::vector<double> key(claims.need.begin(), claims.need.end());
  if (!c.poor_households.empty()) {
    const auto& poor_households =
        detail::non_negative(kRule, c, c.poor_households, "poor_households");
    for (std::size_t i = 0; i < c.size(); ++i) key[i] /= std::max(poor_households[i], 1.0);
  }
  std::vector<std::size_t> order = claims.claimants;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
  return detail::fund_in_order(kRule, budget, claims, order);
}

}  // namespace fupin::models::rules
