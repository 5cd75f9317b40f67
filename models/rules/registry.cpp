// The rule registry: YAML key -> rule, filled explicitly by register_builtin_rules.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "models/rules/allocation_rule.hpp"

namespace fupin::models {

void RuleRegistry::add(RuleInfo info) {
  std::string key = info.name;
  const auto [it, inserted] = rules_.try_emplace(std::move(key), std::move(info));
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
  registry.add({"equal", "the same amount to every candidate", &rules::equal});
  registry.add({"per_capita", "in proportion to the number of people", &rules::per_capita});
  registry.add({"per_poor_person", "in proportion to the number of poor people", &rules::per_poor_person});
  registry.add({"poverty_gap", "in proportion to the total income shortfall below the poverty line",
                &rules::poverty_gap});
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
