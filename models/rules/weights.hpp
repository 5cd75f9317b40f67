// Shared helper for the built-in rules: check that an attribute column matches the table.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"

namespace fupin::models::rules::detail {

// A rule reads one column of the table; a column shorter or longer than `people` would
// silently misalign candidates and amounts, so it is an error.
inline const std::vector<double>& checked_column(const CandidateTable& c, const std::vector<double>& column,
                                                 const char* rule, const char* column_name) {
  if (column.size() != c.size()) {
    throw std::invalid_argument(std::string("allocation rule '") + rule + "': column '" + column_name +
                                "' has " + std::to_string(column.size()) + " entries but the table has " +
                                std::to_string(c.size()) + " candidates");
  }
  return column;
}

}  // namespace fupin::models::rules::detail
