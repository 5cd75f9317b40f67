// Allocation rules: pure functions from a budget and a table of candidates to exact amounts.
//
// A rule sees only the candidates' attributes, never the world, so the same rule splits a
// township's tranche among villages or a village's share among households. Each rule lives in
// its own file named after its YAML key (models/rules/poverty_gap.cpp registers "poverty_gap").
#pragma once

#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "sim/money.hpp"

namespace fupin::models {

// Attributes of the candidates for one split, one entry per candidate (structure of arrays).
// For a household: people = its size, poor_people = size if poor else 0, poverty_gap = size ×
// (line − per-capita income) if poor else 0. For a region: the sums over its households.
struct CandidateTable {
  std::vector<double> people;
  std::vector<double> poor_people;
  std::vector<double> poverty_gap;  // yuan per year, person-weighted
  [[nodiscard]] std::size_t size() const { return people.size(); }
};

// Returns one amount per candidate. Parts are non-negative and sum exactly to `budget` whenever
// the rule has any positive weight; when no candidate qualifies (e.g. no poverty gap anywhere)
// every part is zero and the caller keeps the money.
using AllocationRule = std::function<std::vector<sim::Money>(sim::Money budget, const CandidateTable&)>;

struct RuleInfo {
  std::string name;
  std::string description;  // one line, for docs and `fupin check`
  AllocationRule rule;
};

class RuleRegistry {
 public:
  void add(RuleInfo info);  // throws std::logic_error on a duplicate name
  [[nodiscard]] const RuleInfo* find(const std::string& name) const;
  [[nodiscard]] std::vector<std::string> names() const;  // sorted

 private:
  std::map<std::string, RuleInfo> rules_;
};

// Explicit registration (no static self-registration that a linker could drop).
void register_builtin_rules(RuleRegistry& registry);
// The registry with every built-in rule.
const RuleRegistry& builtin_rules();

// The built-in rules, also callable directly.
namespace rules {
std::vector<sim::Money> equal(sim::Money budget, const CandidateTable& c);
std::vector<sim::Money> per_capita(sim::Money budget, const CandidateTable& c);
std::vector<sim::Money> per_poor_person(sim::Money budget, const CandidateTable& c);
std::vector<sim::Money> poverty_gap(sim::Money budget, const CandidateTable& c);
}  // namespace rules

}  // namespace fupin::models
