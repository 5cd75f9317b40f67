// Helpers shared by the allocation-rule tests: amounts as plain fen, and table builders.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "sim/money.hpp"

namespace fupin::models::test {

inline std::vector<std::int64_t> fen(const std::vector<sim::Money>& parts) {
  std::vector<std::int64_t> out;
  out.reserve(parts.size());
  for (const auto& p : parts) out.push_back(p.fen());
  return out;
}

inline std::int64_t total_fen(const std::vector<sim::Money>& parts) {
  std::int64_t total = 0;
  for (const auto& p : parts) total += p.fen();
  return total;
}

// A table where only `people` is known; the other columns are zero.
inline CandidateTable people_only(std::vector<double> people) {
  CandidateTable t;
  t.poor_people.assign(people.size(), 0.0);
  t.poverty_gap.assign(people.size(), 0.0);
  t.people = std::move(people);
  return t;
}

// Parameters that make each built-in rule read its parameters in the shared tests (common
// behaviour, properties). Every weight is a multiple of 1/4, so the proportional rules' weights
// stay exact binary fractions. Rules without parameters get none.
inline RuleParams sample_params(const std::string& rule) {
  RuleParams p;
  if (rule == "factor") {
    p.weights = {{"people", 0.25},     {"poor_people", 0.5},      {"poverty_gap", 1},
                 {"households", 0.25}, {"poor_households", 0.25}, {"headcount_ratio", 0.5},
                 {"assessment", 0.25}, {"priority", 0.25}};
  } else if (rule == "cause_matched") {
    p.weights = {{"illness", 0.5}, {"lack_of_skills", 2}, {"remoteness", 0}, {"disaster", 1.25}};
  } else if (rule == "priority") {
    p.weights = {{"ethnic_minority", 0.5}, {"border", 1}, {"old_revolutionary_base", 0.25}};
    p.base = "poverty_gap";
  } else if (rule == "performance") {
    p.base = "poor_people";
  } else if (rule == "formula") {
    // The same weight as `priority` above, so the two can be compared.
    p.formula =
        "poverty_gap * (1 + 0.5 * ethnic_minority + border + 0.25 * old_revolutionary_base)";
  } else if (rule == "optimal") {
    p.objective = "poverty_gap";
  }
  return p;
}

// A table of `n` candidates with every column filled with plausible, distinct values.
inline CandidateTable full_table(std::size_t n) {
  CandidateTable t;
  for (std::size_t i = 0; i < n; ++i) {
    const auto k = static_cast<double>(i);
    t.people.push_back(3 + k);
    t.poor_people.push_back(2 + k);
    t.poverty_gap.push_back(1000 + 250 * k);
    t.income.push_back(2000 + 100 * k);
    t.households.push_back(1 + k);
    t.poor_households.push_back(1);
    t.need.push_back(50 + 10 * k);
    t.assessment.push_back(0.5 + 0.0625 * static_cast<double>(i % 8));
    t.priority.push_back(static_cast<std::uint8_t>(i % 8));
    t.cause.push_back(static_cast<std::int8_t>(static_cast<int>(i % 12) - 1));
    t.eligible.push_back(1);
  }
  return t;
}

}  // namespace fupin::models::test
