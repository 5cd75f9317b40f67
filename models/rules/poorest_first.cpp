// Rule "poorest_first" (贫困户"首扶", poor households first): the poorest are made whole first.
//
// The candidates with need > 0, in ascending order of per-capita income (ties: lower index),
// each receive min(need rounded up to whole fen, what is left) until the budget is spent. If the
// budget exceeds the total need, the rest is split over them in proportion to need (largest
// remainder) on top. No candidate with need > 0: every part is zero. Reads income and need.
#include <algorithm>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/fund_in_order.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::vector<sim::Money> poorest_first(sim::Money budget, const CandidateTable& c,
                                      const RuleParams& /*p*/) {
  constexpr std::string_view kRule = "poorest_first";
  detail::check_table(kRule, c);
  const auto& income = detail::finite(kRule, c, c.income, "income");
  const auto claims = detail::claims_from_need(kRule, c);
  std::vector<std::size_t> order = claims.claimants;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return income[a] < income[b]; });
  return detail::fund_in_order(kRule, budget, claims, order);
}

}  // namespace fupin::models::rules
