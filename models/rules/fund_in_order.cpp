// Funding in rank order, for the ranking rules (see fund_in_order.hpp).
#include "models/rules/fund_in_order.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include "models/rules/weights.hpp"

namespace fupin::models::rules::detail {

std::int64_t fen_up(double yuan, std::string_view rule, std::size_t candidate) {
  const double x = yuan * 100.0;
  // 2^63 is exactly representable; anything at or above it does not fit.
  if (!(x < 9223372036854775808.0)) {
    fail(rule, "need of candidate " + std::to_string(candidate) + " (" + std::to_string(yuan) +
                   " yuan) does not fit in a 64-bit count of fen");
  }
  const double nearest = std::nearbyint(x);
  const double fen =
      std::fabs(x - nearest) <= 8 * DBL_EPSILON * std::fabs(x) ? nearest : std::ceil(x);
  return static_cast<std::int64_t>(fen);
}

Claims claims_from_need(std::string_view rule, const CandidateTable& c) {
  Claims claims;
  claims.need = non_negative(rule, c, c.need, "need");
  claims.cap.assign(c.size(), 0);
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (claims.need[i] > 0 && is_eligible(c, i)) {
      claims.claimants.push_back(i);
      // A positive need below a few ulps of zero fen still costs one fen (it is not zero).
      claims.cap[i] = std::max<std::int64_t>(1, fen_up(claims.need[i], rule, i));
    }
  }
  return claims;
}

std::vector<sim::Money> fund_in_order(std::string_view rule, sim::Money budget,
                                      const Claims& claims, std::span<const std::size_t> order) {
  if (budget.fen() < 0) fail(rule, "negative budget " + budget.str());
  std::vector<sim::Money> parts(claims.cap.size());
  std::int64_t left = budget.fen();
  for (std::size_t i : order) {
    const std::int64_t amount = std::min(claims.cap[i], left);
    parts[i] = sim::Money::from_fen(amount);
    left -= amount;
  }
  if (left > 0 && !order.empty()) {
    std::vector<double> weights(parts.size(), 0.0);
    for (std::size_t i : order) weights[i] = claims.need[i];
    const auto extra =
        sim::split_largest_remainder(sim::Money::from_fen(left), std::span<const double>(weights));
    for (std::size_t i = 0; i < parts.size(); ++i) parts[i] += extra[i];
  }
  return parts;
}

}  // namespace fupin::models::rules::detail
