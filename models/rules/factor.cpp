// Rule "factor" (因素法, the factor method of the special fiscal poverty fund): the budget is
// divided among factors by their weights, and each factor's part among candidates by their
// share of that factor:
//
//   weight_i = Σ_f w_f · x_if / Σ_j x_jf        (sums over eligible candidates j)
//
// params.weights maps factor names to w_f ≥ 0 (Σ w_f > 0). Factors x_if: people, poor_people,
// poverty_gap, households, poor_households, headcount_ratio (poor_people / people, 0 when
// people = 0), assessment, priority (how many of the three priority categories the candidate
// is in: for a village or a household 0 to 3; for a township or county the sum of the shares of
// its villages in each category, the mean number of categories per village). A factor
// whose column sums to 0 over the eligible candidates contributes nothing (its part of the
// budget goes to the other factors in proportion). Ineligible candidates are left out of the
// factor sums, so each factor still moves w_f / Σ w of the money the channel may spend.
#include <algorithm>
#include <bit>
#include <cmath>
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/params_check.hpp"
#include "models/rules/vocabulary.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::string check_factor(const RuleParams& p) {
  const auto valid = std::span<const std::string_view>(vocabulary::kFactors);
  if (p.weights.empty()) {
    return "factor weights are empty; give a non-negative weight to at least one of: " +
           detail::join(valid);
  }
  if (auto message = detail::check_weight_names(p, valid, "factor"); !message.empty())
    return message;
  double total = 0;
  for (const auto& entry : p.weights) total += entry.second;
  if (!(total > 0)) return "factor weights sum to 0; at least one factor needs a positive weight";
  return "";
}

namespace {

constexpr std::string_view kRule = "factor";

// The values of factor `name` for every candidate, checked.
std::vector<double> factor_values(const CandidateTable& c, const std::string& name) {
  if (name == "people") return detail::non_negative(kRule, c, c.people, "people");
  if (name == "poor_people") return detail::non_negative(kRule, c, c.poor_people, "poor_people");
  if (name == "poverty_gap") return detail::non_negative(kRule, c, c.poverty_gap, "poverty_gap");
  if (name == "households") return detail::non_negative(kRule, c, c.households, "households");
  if (name == "poor_households")
    return detail::non_negative(kRule, c, c.poor_households, "poor_households");
  if (name == "assessment") return detail::unit_interval(kRule, c, c.assessment, "assessment");
  if (name == "headcount_ratio") {
    const auto& people = detail::non_negative(kRule, c, c.people, "people");
    const auto& poor = detail::non_negative(kRule, c, c.poor_people, "poor_people");
    std::vector<double> ratio(c.size(), 0.0);
    for (std::size_t i = 0; i < c.size(); ++i) ratio[i] = people[i] > 0 ? poor[i] / people[i] : 0.0;
    return ratio;
  }
  if (name == "priority") {
    const auto share = detail::priority_values(kRule, c);
    std::vector<double> count(c.size(), 0.0);
    for (std::size_t i = 0; i < c.size(); ++i) count[i] = share[i][0] + share[i][1] + share[i][2];
    return count;
  }
  detail::fail(kRule, "unknown factor '" + name + "'");  // unreachable after check_factor
}

}  // namespace

std::vector<sim::Money> factor(sim::Money budget, const CandidateTable& c, const RuleParams& p) {
  detail::require_valid_params(kRule, check_factor(p));
  detail::check_table(kRule, c);
  std::vector<double> weights(c.size(), 0.0);
  for (const auto& [name, w] : p.weights) {  // std::map: a fixed order, so a fixed rounding
    if (w == 0) continue;  // a zero-weight factor need not even be present in the table
    const std::vector<double> x = factor_values(c, name);
    double total = 0;
    for (std::size_t j = 0; j < c.size(); ++j) {
      if (detail::is_eligible(c, j)) total += x[j];
    }
    if (!(total > 0)) continue;
    // w / total first: candidates with equal x_if then get bit-identical contributions.
    const double per_unit = w / total;
    for (std::size_t i = 0; i < c.size(); ++i) weights[i] += per_unit * x[i];
  }
  return detail::split(budget, c, std::move(weights));
}

}  // namespace fupin::models::rules
