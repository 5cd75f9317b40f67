// Allocation rules: pure functions from a budget and a table of candidates to exact amounts.
//
// A rule sees only the candidates' attributes, never the world, so the same rule splits a
// township's tranche among villages or a village's share among households. Each rule lives in
// its own file named after its YAML key (models/rules/poverty_gap.cpp registers "poverty_gap").
#pragma once

#include <array>
#include <cstdint>
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
// Optional columns may be left empty; a rule that needs one checks its length.
struct CandidateTable {
  std::vector<double> people;
  std::vector<double> poor_people;
  std::vector<double> poverty_gap;  // yuan per year, person-weighted
  // Optional columns.
  std::vector<double> income;      // per-capita income (regions: person-weighted mean), yuan/year
  std::vector<double> households;  // households (1 for a household)
  std::vector<double> poor_households;  // poor households (0 or 1 for a household)
  std::vector<double> need;             // yuan that would close the candidate's whole poverty gap
                                        // through the funded projects (poverty_gap / return rate)
  std::vector<double> assessment;       // last assessment score in [0, 1] (以奖代补)
  std::vector<std::uint8_t>
      priority;  // bit set of PriorityCategory (a region: any of its villages)
  // Share of the candidate's villages in each priority category, in the order of
  // vocabulary::kPriorityCategories (ethnic_minority, border, old_revolutionary_base), each in
  // [0, 1]. A region's categories are a matter of degree: a county with one ethnic-minority
  // village of forty is 1/40 ethnic-minority, not as much as a county of forty. When the column
  // is empty the rules read 0 or 1 from the bits of `priority` (households and villages).
  std::vector<std::array<double, 3>> priority_share;
  std::vector<std::int8_t> cause;      // primary cause of poverty (Cause index), -1 for regions
  std::vector<std::uint8_t> eligible;  // channel constraint: 0 = may not receive this money
  [[nodiscard]] std::size_t size() const { return people.size(); }
  // Room for n candidates in the columns a household candidate fills (add_household_candidate),
  // so that adding them never moves a column.
  void reserve_households(std::size_t n) {
    for (auto* column : {&people, &poor_people, &poverty_gap, &income, &households,
                         &poor_households, &need, &assessment}) {
      column->reserve(n);
    }
    priority.reserve(n);
    cause.reserve(n);
  }
};

// Priority categories of the "three ensures" (三个确保), as bits of CandidateTable::priority.
enum PriorityCategory : std::uint8_t {
  kEthnicMinority = 1U << 0,       // villages of small ethnic minorities (人口较少民族)
  kBorder = 1U << 1,               // within 25 km of the land border (内陆边境)
  kOldRevolutionaryBase = 1U << 2  // old revolutionary base areas (革命老区)
};

// Parameters a rule may take from YAML; each rule documents which it reads.
struct RuleParams {
  std::map<std::string, double> weights;  // factor, priority or cause weights by name
  std::string formula;                    // `formula`: a muParser expression over named attributes
  std::string objective;                  // `optimal`: "poverty_gap" (default) or "people_lifted"
  std::string base;  // `priority`, `performance`: weight column (default poor_people)
};

// Returns one amount per candidate. Parts are non-negative and sum exactly to `budget` whenever
// the rule has any positive weight; when no candidate qualifies (e.g. no poverty gap anywhere)
// every part is zero and the caller keeps the money. Candidates with eligible == 0 get nothing.
using AllocationRule = std::function<std::vector<sim::Money>(
    sim::Money budget, const CandidateTable&, const RuleParams&)>;

// Checks a rule's parameters when the scenario is loaded; returns an empty string when they are
// valid, else a message for the user (e.g. "unknown attribute 'incme' in formula; valid: ...").
using RuleParamsCheck = std::function<std::string(const RuleParams&)>;

struct RuleInfo {
  std::string name;
  std::string description;  // one line, for docs and `fupin check`
  AllocationRule rule;
  RuleParamsCheck check;  // may be empty: the rule takes no parameters
  // Names of the RuleParams fields the rule reads ("weights", "formula", "objective", "base").
  std::vector<std::string> params;
};

class RuleRegistry {
 public:
  void add(const RuleInfo& info);  // throws std::logic_error on a duplicate name
  [[nodiscard]] const RuleInfo* find(const std::string& name) const;
  [[nodiscard]] std::vector<std::string> names() const;  // sorted

 private:
  std::map<std::string, RuleInfo> rules_;
};

// Explicit registration (no static self-registration that a linker could drop).
void register_builtin_rules(RuleRegistry& registry);
// The registry with every built-in rule.
const RuleRegistry& builtin_rules();

// The built-in rules, also callable directly. Each file's header comment states the rule exactly.
namespace rules {
std::vector<sim::Money> equal(sim::Money budget, const CandidateTable& c, const RuleParams& p);
std::vector<sim::Money> per_capita(sim::Money budget, const CandidateTable& c, const RuleParams& p);
std::vector<sim::Money> per_poor_person(sim::Money budget, const CandidateTable& c,
                                        const RuleParams& p);
std::vector<sim::Money> poverty_gap(sim::Money budget, const CandidateTable& c,
                                    const RuleParams& p);
std::vector<sim::Money> factor(sim::Money budget, const CandidateTable& c, const RuleParams& p);
std::vector<sim::Money> poorest_first(sim::Money budget, const CandidateTable& c,
                                      const RuleParams& p);
std::vector<sim::Money> nearest_to_threshold(sim::Money budget, const CandidateTable& c,
                                             const RuleParams& p);
std::vector<sim::Money> cause_matched(sim::Money budget, const CandidateTable& c,
                                      const RuleParams& p);
std::vector<sim::Money> priority(sim::Money budget, const CandidateTable& c, const RuleParams& p);
std::vector<sim::Money> performance(sim::Money budget, const CandidateTable& c,
                                    const RuleParams& p);
std::vector<sim::Money> formula(sim::Money budget, const CandidateTable& c, const RuleParams& p);
std::vector<sim::Money> optimal(sim::Money budget, const CandidateTable& c, const RuleParams& p);

// The variables (vocabulary::kFormulaVariables) a `formula` expression uses, sorted; empty when
// the formula does not pass check_formula.
std::vector<std::string> formula_variables(const std::string& formula);
}  // namespace rules

}  // namespace fupin::models
