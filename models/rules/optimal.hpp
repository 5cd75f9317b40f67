// Exact optimisation behind the `optimal` rule, across several funding channels at once.
#pragma once

#include <span>
#include <vector>

#include "sim/money.hpp"

namespace fupin::models {

// Splits each channel's budget among candidates to maximise the total gain
//
//   Σ_c Σ_i gain_per_yuan[c][i] · x[c][i]
//   subject to  Σ_i x[c][i] ≤ channel_budgets[c]    (a channel spends at most its budget)
//               Σ_c x[c][i] ≤ candidate_caps[i]     (a candidate absorbs at most its cap)
//               x[c][i] = 0 where gain_per_yuan[c][i] = 0 (the channel may not fund it:
//                           sector money stays in its sector, 渠道不乱)
//
// with x in whole fen; returns x[c][i]. Money a channel cannot spend with any gain (every
// candidate it may fund is at its cap) stays unspent: channel_budgets[c] − Σ_i x[c][i].
// Money is spent whenever some positive gain is left, so a channel never keeps money it could
// spend on a candidate with room.
//
// Solved as a min-cost flow (Boost.Graph successive shortest paths); gains are scaled to
// integers in [1, 2^30] (the largest gain maps to 2^30; a positive gain never rounds to 0).
// The optimum is exact for the scaled gains. Scaling moves a gain by at most one scaled unit
// (max_gain · 2^-30, usually half that), so against the unscaled gains the objective is within
// 2 · Σ_c budget_c · max_gain · 2^-30 of the true optimum; with integer gains and modest
// budgets that is below 1 and the result is a true optimum. Among allocations with the same
// scaled objective the choice is deterministic but otherwise unspecified.
// Throws std::invalid_argument on mismatched sizes, a negative budget or cap, or a negative or
// non-finite gain; std::overflow_error if the budgets sum beyond int64 fen.
std::vector<std::vector<sim::Money>> optimal_across_channels(
    std::span<const sim::Money> channel_budgets,
    const std::vector<std::vector<double>>&
        gain_per_yuan /*[channel][candidate], 0 = channel cannot fund it*/,
    std::span<const sim::Money> candidate_caps);

}  // namespace fupin::models
