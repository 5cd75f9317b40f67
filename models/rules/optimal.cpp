// Rule "optimal": the allocation that maximises an objective exactly (params.objective).
//
// Candidates with a claim: eligible, need_i > 0; cap_i = need_i rounded up to whole fen
// (fund_in_order.hpp). Reads need, poverty_gap and (people_lifted) poor_people.
//
// objective "poverty_gap" (default) — maximise the expected reduction of the poverty gap,
//   Σ_i poverty_gap_i × min(a_i / need_i, 1),
// a sum of functions that are linear with slope s_i = poverty_gap_i / need_i up to need_i and flat
// after. The claimants are funded in decreasing order of s_i (ties: lower index), each up to
// cap_i, until the money runs out; money beyond the total need is split in proportion to need.
//
//   Proof (exchange argument; amounts in whole fen, needs whole fen so cap_i = need_i). Let G be
//   the greedy allocation and A any feasible one (Σ A ≤ budget) with A ≠ G. Excess above cap
//   gains nothing, so assume A_i ≤ cap_i. If A spends less than G, some i has A_i < G_i ≤ cap_i:
//   one more fen to i gains s_i ≥ 0. Otherwise take the first i in greedy order with A_i ≠ G_i.
//   G gives i min(cap_i, what its predecessors left), and A agrees on those predecessors, so
//   A_i < G_i; since Σ A ≥ Σ G some later j (s_j ≤ s_i) has A_j > G_j ≥ 0. Moving one fen from j
//   to i changes the objective by s_i − s_j ≥ 0 and brings A one fen closer to G. Repeating turns
//   A into G without ever lowering the objective, so G is optimal. When a need is not a whole
//   number of fen, the last fraction of its last fen buys nothing, so G can fall short of the
//   optimum by less than max_i s_i × 1 fen per claimant.
//
// objective "people_lifted" — a claimant's poor people are lifted only if it receives its whole
//   cap_i; maximise the people lifted, Σ_{i funded} v_i, subject to Σ_{i funded} cap_i ≤ budget,
//   where v_i = poor_people_i rounded to the nearest integer (households hold whole people;
//   a region's person-weighted count is rounded to whole people). A 0/1 knapsack, solved exactly
//   by dynamic programming over the value: cost[V] = the least money that lifts exactly V people,
//   adding claimants in index order, O(claimants × Σ v) time and Σ v words plus
//   claimants × Σ v bits of memory (a std::length_error beyond 2^31 bits). The funded set is the
//   cheapest one among those lifting the most people; among equally cheap ones the DP keeps the
//   one it completed first, i.e. it avoids the highest index, then the next highest, and so on
//   (a later candidate replaces a set only when strictly cheaper). Claimants with v_i = 0 or
//   cap_i > budget cannot enter the set. Money left after funding the set goes to the other
//   claimants in the poverty_gap order above, then beyond the total need in proportion to need.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/fund_in_order.hpp"
#include "models/rules/params_check.hpp"
#include "models/rules/vocabulary.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {

std::string check_optimal(const RuleParams& p) {
  if (p.objective.empty()) return "";
  const auto& valid = vocabulary::kObjectives;
  if (std::find(valid.begin(), valid.end(), p.objective) != valid.end()) return "";
  return "unknown objective '" + p.objective + "'; valid objectives: " + detail::join(valid) + " (default " +
         std::string(valid.front()) + ")";
}

namespace {

constexpr std::string_view kRule = "optimal";
constexpr std::uint64_t kMaxTableBits = std::uint64_t{1} << 31;

// Claimants in decreasing order of poverty_gap / need, ties to the lower index.
std::vector<std::size_t> by_slope(std::vector<std::size_t> candidates, const detail::Claims& claims,
                                  const std::vector<double>& gap) {
  std::vector<double> slope(claims.cap.size(), 0.0);
  for (std::size_t i : candidates) slope[i] = gap[i] / claims.need[i];
  std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) { return slope[a] > slope[b]; });
  return candidates;
}

// The people_lifted knapsack: the funded set, in increasing index order.
std::vector<std::size_t> most_people_lifted(std::int64_t budget, const detail::Claims& claims,
                                            const std::vector<double>& poor_people) {
  std::vector<std::size_t> items;
  std::vector<std::size_t> value(claims.cap.size(), 0);
  std::size_t total_value = 0;
  for (std::size_t i : claims.claimants) {
    const double v = std::round(poor_people[i]);
    if (v < 1 || claims.cap[i] > budget) continue;
    if (v > 1e9) detail::fail(kRule, "poor_people of candidate " + std::to_string(i) + " is too large for people_lifted");
    value[i] = static_cast<std::size_t>(v);
    items.push_back(i);
    total_value += value[i];
  }
  if (items.empty()) return {};
  const std::size_t width = total_value + 1;
  if (static_cast<std::uint64_t>(items.size()) * width > kMaxTableBits) {
    throw std::length_error("allocation rule 'optimal' (people_lifted): " + std::to_string(items.size()) +
                            " candidates × " + std::to_string(total_value) +
                            " poor people is too large for the exact knapsack table");
  }
  constexpr std::int64_t kUnreachable = std::numeric_limits<std::int64_t>::max();
  std::vector<std::int64_t> cost(width, kUnreachable);  // least money lifting exactly V people
  cost[0] = 0;
  std::vector<bool> took(items.size() * width, false);  // took[k][V]: item k improved cost[V]
  for (std::size_t k = 0; k < items.size(); ++k) {
    const std::size_t v = value[items[k]];
    const std::int64_t c = claims.cap[items[k]];
    for (std::size_t total = total_value; total >= v; --total) {
      const std::int64_t before = cost[total - v];
      // Only sets that fit the budget are kept, so no sum can overflow.
      if (before == kUnreachable || before > budget - c) continue;
      if (before + c < cost[total]) {
        cost[total] = before + c;
        took[k * width + total] = true;
      }
    }
  }
  std::size_t best = total_value;
  while (cost[best] == kUnreachable) --best;  // cost[0] = 0 stops it
  std::vector<std::size_t> funded;
  for (std::size_t k = items.size(); k-- > 0;) {
    if (took[k * width + best]) {
      funded.push_back(items[k]);
      best -= value[items[k]];
    }
  }
  std::reverse(funded.begin(), funded.end());
  return funded;
}

}  // namespace

std::vector<sim::Money> optimal(sim::Money budget, const CandidateTable& c, const RuleParams& p) {
  detail::require_valid_params(kRule, check_optimal(p));
  detail::check_table(kRule, c);
  const auto claims = detail::claims_from_need(kRule, c);
  const auto& gap = detail::non_negative(kRule, c, c.poverty_gap, "poverty_gap");
  if (p.objective != "people_lifted") {
    return detail::fund_in_order(kRule, budget, claims, by_slope(claims.claimants, claims, gap));
  }
  const auto& poor_people = detail::non_negative(kRule, c, c.poor_people, "poor_people");
  std::vector<std::size_t> order = most_people_lifted(budget.fen(), claims, poor_people);
  std::vector<bool> in_set(c.size(), false);
  for (std::size_t i : order) in_set[i] = true;
  std::vector<std::size_t> rest;
  for (std::size_t i : claims.claimants) {
    if (!in_set[i]) rest.push_back(i);
  }
  for (std::size_t i : by_slope(std::move(rest), claims, gap)) order.push_back(i);
  return detail::fund_in_order(kRule, budget, claims, order);
}

}  // namespace fupin::models::rules
