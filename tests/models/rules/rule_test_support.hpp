// Helpers shared by the allocation-rule tests: amounts as plain fen, and table builders.
#pragma once

#include <cstdint>
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

}  // namespace fupin::models::test
