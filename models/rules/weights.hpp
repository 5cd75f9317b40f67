// Shared helpers for the built-in rules: table shape checks, column reads with value checks,
// eligibility, and the proportional split that most rules end in.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/vocabulary.hpp"
#include "sim/money.hpp"

namespace fupin::models::rules::detail {

[[noreturn]] inline void fail(std::string_view rule, const std::string& message) {
  throw std::invalid_argument("allocation rule '" + std::string(rule) + "': " + message);
}

// Throws when the rule's parameters do not pass its check (the scenario loader runs the same
// check first, so this only fires for callers that skip it).
inline void require_valid_params(std::string_view rule, const std::string& check_message) {
  if (!check_message.empty()) fail(rule, check_message);
}

template <class Column>
void check_length(std::string_view rule, const CandidateTable& c, const Column& column,
                  const char* name, bool required) {
  if (column.size() == c.size() || (!required && column.empty())) return;
  fail(rule, std::string("column '") + name + "' has " + std::to_string(column.size()) +
                 " entries but the table has " + std::to_string(c.size()) + " candidates");
}

// Every rule starts here: a non-empty column must have one entry per candidate, whether or not
// the rule reads it, because a misaligned column means the caller built the table wrongly.
inline void check_table(std::string_view rule, const CandidateTable& c) {
  check_length(rule, c, c.poor_people, "poor_people", false);
  check_length(rule, c, c.poverty_gap, "poverty_gap", false);
  check_length(rule, c, c.income, "income", false);
  check_length(rule, c, c.households, "households", false);
  check_length(rule, c, c.poor_households, "poor_households", false);
  check_length(rule, c, c.need, "need", false);
  check_length(rule, c, c.assessment, "assessment", false);
  check_length(rule, c, c.priority, "priority", false);
  check_length(rule, c, c.priority_share, "priority_share", false);
  check_length(rule, c, c.cause, "cause", false);
  check_length(rule, c, c.eligible, "eligible", false);
}

// A column the rule reads: it must be present (one entry per candidate).
template <class Column>
const Column& required(std::string_view rule, const CandidateTable& c, const Column& column,
                       const char* name) {
  check_length(rule, c, column, name, true);
  return column;
}

// A column the rule reads whose values are amounts or counts: finite and non-negative.
inline const std::vector<double>& non_negative(std::string_view rule, const CandidateTable& c,
                                               const std::vector<double>& column,
                                               const char* name) {
  required(rule, c, column, name);
  for (std::size_t i = 0; i < column.size(); ++i) {
    if (!std::isfinite(column[i]) || column[i] < 0) {
      fail(rule, std::string("column '") + name + "' of candidate " + std::to_string(i) + " is " +
                     std::to_string(column[i]) + " (must be finite and non-negative)");
    }
  }
  return column;
}

// Like non_negative, and the values are at most 1 (assessment scores).
inline const std::vector<double>& unit_interval(std::string_view rule, const CandidateTable& c,
                                                const std::vector<double>& column,
                                                const char* name) {
  required(rule, c, column, name);
  for (std::size_t i = 0; i < column.size(); ++i) {
    if (!(column[i] >= 0 && column[i] <= 1)) {  // also rejects NaN
      fail(rule, std::string("column '") + name + "' of candidate " + std::to_string(i) + " is " +
                     std::to_string(column[i]) + " (must be in [0, 1])");
    }
  }
  return column;
}

// A column that may be any finite number (incomes can be negative after losses).
inline const std::vector<double>& finite(std::string_view rule, const CandidateTable& c,
                                         const std::vector<double>& column, const char* name) {
  required(rule, c, column, name);
  for (std::size_t i = 0; i < column.size(); ++i) {
    if (!std::isfinite(column[i])) {
      fail(rule, std::string("column '") + name + "' of candidate " + std::to_string(i) + " is " +
                     std::to_string(column[i]) + " (must be finite)");
    }
  }
  return column;
}

// Priority bits: only the three PriorityCategory bits may be set.
inline const std::vector<std::uint8_t>& priority_bits(std::string_view rule,
                                                      const CandidateTable& c) {
  required(rule, c, c.priority, "priority");
  constexpr unsigned kKnown = kEthnicMinority | kBorder | kOldRevolutionaryBase;
  for (std::size_t i = 0; i < c.priority.size(); ++i) {
    if ((c.priority[i] & ~kKnown) != 0) {
      fail(rule, "column 'priority' of candidate " + std::to_string(i) + " is " +
                     std::to_string(c.priority[i]) +
                     " (only the bits 1, 2 and 4 of the three priority categories may be set)");
    }
  }
  return c.priority;
}

// The value of each priority category for every candidate (CandidateTable::priority_share): the
// share column when present (checked: each value in [0, 1]), else 0 or 1 from the priority bits.
inline std::vector<std::array<double, 3>> priority_values(std::string_view rule,
                                                          const CandidateTable& c) {
  if (!c.priority_share.empty()) {
    required(rule, c, c.priority_share, "priority_share");
    for (std::size_t i = 0; i < c.size(); ++i) {
      for (double x : c.priority_share[i]) {
        if (!(x >= 0 && x <= 1)) {  // also rejects NaN
          fail(rule, "column 'priority_share' of candidate " + std::to_string(i) + " has " +
                         std::to_string(x) + " (shares must be in [0, 1])");
        }
      }
    }
    return c.priority_share;
  }
  const auto& bits = priority_bits(rule, c);
  std::vector<std::array<double, 3>> out(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) {
    out[i] = {(bits[i] & kEthnicMinority) != 0 ? 1.0 : 0.0, (bits[i] & kBorder) != 0 ? 1.0 : 0.0,
              (bits[i] & kOldRevolutionaryBase) != 0 ? 1.0 : 0.0};
  }
  return out;
}

// Eligibility is a channel constraint: an ineligible candidate is treated as absent, so it gets
// nothing and (for rules that normalise or rank) does not take part in the normalising or ranking.
inline bool is_eligible(const CandidateTable& c, std::size_t i) {
  return c.eligible.empty() || c.eligible[i] != 0;
}

// The split most rules end in: largest remainder over the weights, ineligible weights zeroed.
inline std::vector<sim::Money> split(sim::Money budget, const CandidateTable& c,
                                     std::vector<double> weights) {
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (!is_eligible(c, i)) weights[i] = 0.0;
  }
  return sim::split_largest_remainder(budget, std::span<const double>(weights));
}

// A column the rule uses as weights (`checked_column` of the first rules), required and checked.
inline const std::vector<double>& checked_column(const CandidateTable& c,
                                                 const std::vector<double>& column,
                                                 const char* rule, const char* column_name) {
  return non_negative(rule, c, column, column_name);
}

// The base column of `priority` and `performance` (params.base, default poor_people), required
// and checked; the name itself has been checked against vocabulary::kBases by the rule's check.
inline const std::vector<double>& base_column(std::string_view rule, const CandidateTable& c,
                                              const std::string& base) {
  const std::string_view name = base.empty() ? vocabulary::kDefaultBase : std::string_view(base);
  if (name == "people") return non_negative(rule, c, c.people, "people");
  if (name == "poor_people") return non_negative(rule, c, c.poor_people, "poor_people");
  if (name == "poverty_gap") return non_negative(rule, c, c.poverty_gap, "poverty_gap");
  if (name == "households") return non_negative(rule, c, c.households, "households");
  if (name == "poor_households") return non_negative(rule, c, c.poor_households, "poor_households");
  fail(rule, "unknown base '" + base + "'");
}

}  // namespace fupin::models::rules::detail
