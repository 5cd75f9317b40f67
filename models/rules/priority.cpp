// Rule "priority": the "three ensures" (三个确保) — villages of small ethnic minorities, border
// villages and old revolutionary base areas come first.
//
//   weight_i = base_i × (1 + Σ_c w_c × x_ic)
//
// where x_ic is candidate i's value of category c: 0 or 1 for a village or a household (its
// village's categories), and for a township or county the share of its villages in the category
// (CandidateTable::priority_share). So a county weighs more the more of its villages are
// priority villages, not as soon as one is.
//
// params.weights keys: ethnic_minority, border, old_revolutionary_base (each w_c ≥ 0, default
// 0); params.base: people, poor_people (default), poverty_gap, households or poor_households.
// Reads the base column and priority_share (when present, else the priority bits).
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/params_check.hpp"
#include "models/rules/vocabulary.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::string check_priority(const RuleParams& p) {
  if (auto message = detail::check_weight_names(
          p, std::span<const std::string_view>(vocabulary::kPriorityCategories),
          "priority category");
      !message.empty()) {
    return message;
  }
  return detail::check_base(p);
}

std::vector<sim::Money> priority(sim::Money budget, const CandidateTable& c, const RuleParams& p) {
  constexpr std::string_view kRule = "priority";
  detail::require_valid_params(kRule, check_priority(p));
  detail::check_table(kRule, c);
  const auto& base = detail::base_column(kRule, c, p.base);
  const auto share = detail::priority_values(kRule, c);

  std::vector<double> category(vocabulary::kPriorityCategories.size(), 0.0);
  for (std::size_t k = 0; k < category.size(); ++k) {
    const auto it = p.weights.find(std::string(vocabulary::kPriorityCategories[k]));
    if (it != p.weights.end()) category[k] = it->second;
  }
  std::vector<double> weights(c.size(), 0.0);
  for (std::size_t i = 0; i < c.size(); ++i) {
    double bonus = 0;  // summed in category order, so equal values give bit-identical weights
    for (std::size_t k = 0; k < category.size(); ++k) bonus += category[k] * share[i][k];
    weights[i] = base[i] * (1 + bonus);
  }
  return detail::split(budget, c, std::move(weights));
}

}  // namespace fupin::models::rules
