// The objectives of the `optimal` rule evaluated the way the rule predicts them
// (models/rules/optimal.cpp), written independently of the rule, and the comparison "the optimal
// allocation is at least as good on its own objective as another allocation of the same budget".
// Shared by the random-table test (tests/models/rules) and the shipped-scenario test
// (tests/models/programmes).
#pragma once

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "sim/money.hpp"

namespace fupin::models::test {

// Whole fen covering a need in yuan, as fund_in_order.hpp documents (a few ulps of tolerance).
inline std::int64_t need_cap_fen(double need) {
  const double x = need * 100;
  const double r = std::nearbyint(x);
  return std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::fabs(x - r) <= 8 * DBL_EPSILON * x ? r : std::ceil(x)));
}

inline bool has_claim(const CandidateTable& t, std::size_t i) {
  return (t.eligible.empty() || t.eligible[i] != 0) && t.need[i] > 0;
}

// Objective "poverty_gap": first the predicted reduction of the poverty gap,
//   Σ_i poverty_gap_i · min(a_i / need_i, 1),
// then, among allocations with the same reduction, the predicted severity left,
//   Σ_i p_i · (d_i · (1 − min(a_i / need_i, 1)))²,  d_i = poverty_gap_i / p_i,
// with p_i the candidate's poor people (one person when it has none or the column is empty).
struct PredictedGap {
  long double reduction = 0;
  long double severity_left = 0;
  // Tolerances for comparing two allocations. Parts are whole fen, so the last fraction of a fen
  // of a need that is not a whole number of fen buys nothing: money beyond a need (`overshoot`,
  // yuan) could have closed at most max_slope × overshoot of gap elsewhere.
  long double overshoot = 0;
  long double max_slope = 0;
  long double severity_tolerance = 0;
};

inline PredictedGap predicted_gap(const CandidateTable& t, const std::vector<sim::Money>& parts) {
  PredictedGap g;
  long double severity_before = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!has_claim(t, i)) continue;
    const long double need = t.need[i];
    const long double gap = t.poverty_gap[i];
    const long double p = !t.poor_people.empty() && t.poor_people[i] > 0 ? t.poor_people[i] : 1.0L;
    const long double depth = gap / p;
    const long double f = std::min(static_cast<long double>(parts[i].fen()) / 100 / need, 1.0L);
    g.reduction += gap * f;
    const long double left = depth * (1 - f);
    g.severity_left += p * left * left;
    severity_before += p * depth * depth;
    const long double slope = gap / need;  // gap closed per yuan
    g.overshoot += std::max(0.0L, static_cast<long double>(parts[i].fen()) / 100 - need);
    g.max_slope = std::max(g.max_slope, slope);
    g.severity_tolerance +=
        4 * slope * depth * 0.01L;  // d(severity)/d(yuan) ≤ 2 · slope · depth, two fen
  }
  g.severity_tolerance += 1e-9L * severity_before;
  return g;
}

// Objective "people_lifted": the poor people (rounded to whole people) of the claimants that
// receive their whole need.
inline std::int64_t predicted_people_lifted(const CandidateTable& t,
                                            const std::vector<sim::Money>& parts) {
  std::int64_t lifted = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!has_claim(t, i) || parts[i].fen() < need_cap_fen(t.need[i])) continue;
    lifted += static_cast<std::int64_t>(std::llround(t.poor_people[i]));
  }
  return lifted;
}

// "" when `optimal` is at least as good as `other` on `objective` ("poverty_gap" or
// "people_lifted"), else what is wrong.
inline std::string worse_on_own_objective(const std::string& objective, const CandidateTable& t,
                                          const std::vector<sim::Money>& optimal,
                                          const std::vector<sim::Money>& other) {
  std::ostringstream os;
  if (objective == "people_lifted") {
    const auto a = predicted_people_lifted(t, optimal);
    const auto b = predicted_people_lifted(t, other);
    if (a >= b) return "";
    os << "optimal lifts " << a << " people, the other rule " << b;
    return os.str();
  }
  const PredictedGap a = predicted_gap(t, optimal);
  const PredictedGap b = predicted_gap(t, other);
  // Floating-point sums differ in the last places; beyond that the other rule may gain only what
  // the optimal allocation's fractions of a fen could have bought.
  const long double rounding = 1e-9L * std::max(1.0L, a.reduction);
  if (b.reduction > a.reduction + a.max_slope * a.overshoot + rounding) {
    os << "optimal reduces the gap by " << static_cast<double>(a.reduction)
       << ", the other rule by " << static_cast<double>(b.reduction);
    return os.str();
  }
  if (b.reduction < a.reduction - rounding) return "";  // strictly better on the first objective
  const long double sev_tol = std::max(a.severity_tolerance, b.severity_tolerance);
  if (a.severity_left > b.severity_left + sev_tol) {
    os << "same gap reduction (" << static_cast<double>(a.reduction)
       << ") but optimal leaves severity " << static_cast<double>(a.severity_left)
       << ", the other rule " << static_cast<double>(b.severity_left);
    return os.str();
  }
  return "";
}

}  // namespace fupin::models::test
