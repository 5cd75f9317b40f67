// The engine of the rules that rank candidates (poorest_first, nearest_to_threshold, optimal):
// fund each candidate's whole need in a given order until the money runs out, and split any
// money beyond the total need in proportion to need.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "sim/money.hpp"

namespace fupin::models::rules::detail {

// The whole fen that cover `yuan`, rounding up. Needs are usually decimal yuan (12.34), which
// binary doubles hold only approximately (12.34 * 100 may be 1234.0000000000002): a value within
// a few units in the last place (8 DBL_EPSILON relative) of a whole fen counts as that fen.
// Throws std::invalid_argument (naming rule and candidate) when the amount does not fit in int64
// fen.
std::int64_t fen_up(double yuan, std::string_view rule, std::size_t candidate);

// The candidates with a claim: eligible, need > 0. `cap` holds fen_up(need) for them, 0 for the
// others; `need` is the column itself (checked finite and non-negative).
struct Claims {
  std::vector<std::size_t> claimants;  // increasing index
  std::vector<std::int64_t> cap;       // one per candidate
  std::span<const double> need;        // one per candidate
};
Claims claims_from_need(std::string_view rule, const CandidateTable& c);

// Each candidate in `order` (claimants only) receives min(cap, what is left) in turn. If money
// is left after every one of them got its cap, the rest is split over `order` in proportion to
// need (largest remainder, ties to the lower index) on top. An empty order allocates nothing.
// Throws std::invalid_argument (naming the rule) on a negative budget.
std::vector<sim::Money> fund_in_order(std::string_view rule, sim::Money budget,
                                      const Claims& claims, std::span<const std::size_t> order);

}  // namespace fupin::models::rules::detail
