// The rule registry: YAML key -> rule, filled explicitly by register_builtin_rules.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/params_check.hpp"

namespace fupin::models {

void RuleRegistry::add(const RuleInfo& info) {
  const auto [it, inserted] = rules_.try_emplace(info.name, info);
  if (!inserted) {
    throw std::logic_error("allocation rule '" + it->first + "' is registered twice");
  }
}

const RuleInfo* RuleRegistry::find(const std::string& name) const {
  const auto it = rules_.find(name);
  return it == rules_.end() ? nullptr : &it->second;
}

std::vector<std::string> RuleRegistry::names() const {
  std::vector<std::string> out;
  out.reserve(rules_.size());
  for (const auto& entry : rules_) out.push_back(entry.first);  // std::map keeps them sorted
  return out;
}

void register_builtin_rules(RuleRegistry& registry) {
  // {name, one-line description, rule, check, RuleParams fields read}
  registry.add({"equal", "the same amount to every candidate", &rules::equal, {}, {}});
  registry.add({"per_capita", "in proportion to the number of people", &rules::per_capita, {}, {}});
  registry.add({"per_poor_person",
                "in proportion to the number of poor people",
                &rules::per_poor_person,
                {},
                {}});
  registry.add({"poverty_gap",
                "in proportion to the total income shortfall below the poverty line",
                &rules::poverty_gap,
                {},
                {}});
  registry.add({"factor",
                "factor method (因素法): weighted sum of each candidate's share of each factor",
                &rules::factor,
                &rules::check_factor,
                {"weights"}});
  registry.add(
      {"poorest_first",
       "whole need of the lowest incomes first (贫困户首扶), surplus in proportion to need",
       &rules::poorest_first,
       {},
       {}});
  registry.add({"nearest_to_threshold",
                "whole need of the cheapest to lift first (most exits per yuan), surplus in "
                "proportion to need",
                &rules::nearest_to_threshold,
                {},
                {}});
  registry.add({"cause_matched",
                "poverty gap times the effectiveness of the funded intervention for the cause",
                &rules::cause_matched,
                &rules::check_cause_matched,
                {"weights"}});
  registry.add({"priority",
                "base column raised for the three-ensures priority categories (三个确保)",
                &rules::priority,
                &rules::check_priority,
                {"weights", "base"}});
  registry.add({"performance",
                "base column times the last assessment score (以奖代补)",
                &rules::performance,
                &rules::check_performance,
                {"base"}});
  registry.add({"formula",
                "weight given by a user formula over the candidate attributes",
                &rules::formula,
                &rules::check_formula,
                {"formula"}});
  registry.add({"optimal",
                "exact maximum of poverty-gap reduction or of people lifted out of poverty",
                &rules::optimal,
                &rules::check_optimal,
                {"objective"}});
}

const RuleRegistry& builtin_rules() {
  static const RuleRegistry registry = [] {
    RuleRegistry r;
    register_builtin_rules(r);
    return r;
  }();
  return registry;
}

}  // namespace fupin::models
