// Rule "optimal": the allocation that maximises an objective exactly (params.objective).
//
// Candidates with a claim: eligible, need_i > 0; cap_i = need_i rounded up to whole fen
// (fund_in_order.hpp). Reads need, poverty_gap and (people_lifted) poor_people.
//
// objective "poverty_gap" (default) — maximise the expected reduction of the poverty gap,
//   Σ_i poverty_gap_i × min(a_i / need_i, 1),
// a sum of functions that are linear with slope s_i = poverty_gap_i / need_i up to need_i and flat
// after; and among the allocations that reach that maximum, minimise the severity left (FGT(2)
// as the rule predicts it),
//   Σ_i p_i × (d_i × (1 − min(a_i / need_i, 1)))²,   d_i = poverty_gap_i / p_i,
// where p_i = poor_people_i (one person when it is 0 or the column is empty) and d_i is the gap
// per poor person. The second objective matters because the first often cannot choose: when
// every need is poverty_gap / return rate (as the simulation builds them), every slope is the
// return rate and every allocation within the needs closes the same gap.
//
// Slopes within a relative 1e-9 of the steepest remaining one form a group (so ulp differences
// from need = gap / rate do not order candidates). Groups are funded in decreasing slope, each
// claimant up to cap_i. In the group where the money runs out, the deepest gaps per poor person
// are brought down to a common level L:
//   a_i = need_i × max(0, 1 − L / d_i),   Σ_group a_i = the money left,
// rounded to whole fen by the largest remainder (never above cap_i). Candidates with no gap in
// the group (slope 0) are funded in index order. Money beyond the total need is split in
// proportion to need.
//
//   Why it is optimal. First objective (exchange argument; amounts in whole fen, needs whole
//   fen so cap_i = need_i): let A be any feasible allocation with A_i ≤ cap_i (excess above cap
//   gains nothing). Moving a fen from a candidate of slope s_j to one of slope s_i > s_j with
//   room changes the objective by s_i − s_j > 0, so an optimum fills steeper groups first, and
//   within a group every fen spent gains the same; spending all the money (or every cap) is
//   optimal. Second objective: within the last group s_i = s, so need_i = p_i d_i / s and the
//   severity of candidate i is p_i (d_i − s a_i / p_i)², convex in a_i with derivative
//   −2 s (d_i − s a_i / p_i): the remaining gap per poor person. At the optimum of a convex sum
//   under Σ a_i = money, every funded candidate has the same derivative (the same remaining gap
//   per poor person, L) and every unfunded one a gap per poor person of at most L (KKT), which
//   is the levelling above. Whole fen move each a_i by less than one fen; needs that are not a
//   whole number of fen lose less than max_i s_i × 1 fen per claimant on the first objective.
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
//   claimants by the poverty_gap objective above, then beyond the total need in proportion to need.
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
  return "unknown objective '" + p.objective + "'; valid objectives: " + detail::join(valid) +
         " (default " + std::string(valid.front()) + ")";
}

namespace {

constexpr std::string_view kRule = "optimal";
constexpr std::uint64_t kMaxTableBits = std::uint64_t{1} << 31;
// Slopes within this relative distance of each other count as equal (see the file comment).
constexpr double kSameSlope = 1e-9;

// Claimants in decreasing order of poverty_gap / need, ties to the lower index.
std::vector<std::size_t> by_slope(std::vector<std::size_t> candidates,
                                  const std::vector<double>& slope) {
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](std::size_t a, std::size_t b) { return slope[a] > slope[b]; });
  return candidates;
}

// Brings the deepest gaps per poor person of `group` (claimants of one slope, s > 0) down to a
// common level with `money` fen, less than the group's total cap; adds the amounts to `parts`.
void level_group(std::int64_t money, std::vector<std::size_t> group, const detail::Claims& claims,
                 const std::vector<double>& depth, std::vector<std::int64_t>& parts) {
  std::stable_sort(group.begin(), group.end(),
                   [&](std::size_t a, std::size_t b) { return depth[a] > depth[b]; });
  const long double m = static_cast<long double>(money) / 100;  // yuan
  // With the k deepest funded, money(L) = Σ need_j − L Σ need_j / d_j for L in [d_{k+1}, d_k].
  long double need_sum = 0, ratio_sum = 0, level = 0;
  for (std::size_t k = 0; k < group.size(); ++k) {
    const std::size_t i = group[k];
    need_sum += claims.need[i];
    ratio_sum += claims.need[i] / depth[i];
    level = (need_sum - m) / ratio_sum;
    const long double next = k + 1 < group.size() ? depth[group[k + 1]] : 0.0L;
    if (level >= next) break;
  }
  level = std::max(level, 0.0L);
  std::vector<double> quota(parts.size(), 0.0);
  for (std::size_t i : group) {
    quota[i] = static_cast<double>(std::max(0.0L, claims.need[i] * (1 - level / depth[i]) * 100));
  }
  std::vector<sim::Money> split =
      sim::split_largest_remainder(sim::Money::from_fen(money), std::span<const double>(quota));
  // The largest remainder may put a fen above a cap; such fen go to the deepest with room.
  std::int64_t excess = 0;
  for (std::size_t i : group) {
    const std::int64_t a = std::min(split[i].fen(), claims.cap[i]);
    excess += split[i].fen() - a;
    parts[i] += a;
  }
  for (std::size_t i : group) {
    if (excess == 0) break;
    const std::int64_t more = std::min(excess, claims.cap[i] - parts[i]);
    parts[i] += more;
    excess -= more;
  }
}

// The poverty_gap objective over `claimants` with `money` fen, less than their total cap (see
// the file comment); adds the amounts to `parts`.
void fund_by_gap(std::int64_t money, const std::vector<std::size_t>& claimants,
                 const detail::Claims& claims, const std::vector<double>& gap,
                 const std::vector<double>& poor_people, std::vector<std::int64_t>& parts) {
  std::vector<double> slope(claims.cap.size(), 0.0);
  std::vector<double> depth(claims.cap.size(), 0.0);
  for (std::size_t i : claimants) {
    slope[i] = gap[i] / claims.need[i];
    const double p = !poor_people.empty() && poor_people[i] > 0 ? poor_people[i] : 1.0;
    depth[i] = gap[i] / p;
  }
  const std::vector<std::size_t> order = by_slope(claimants, slope);
  std::int64_t left = money;
  for (std::size_t k = 0; k < order.size() && left > 0;) {
    const double top = slope[order[k]];
    std::size_t end = k + 1;
    while (end < order.size() && slope[order[end]] >= top * (1 - kSameSlope)) ++end;
    std::vector<std::size_t> group(order.begin() + static_cast<std::ptrdiff_t>(k),
                                   order.begin() + static_cast<std::ptrdiff_t>(end));
    std::int64_t group_cap = 0;
    for (std::size_t i : group)
      group_cap = group_cap > left - claims.cap[i] ? left + 1 : group_cap + claims.cap[i];
    if (group_cap <= left || top == 0) {
      // The whole group fits (or its candidates have no gap): each up to its cap, in order.
      for (std::size_t i : group) {
        const std::int64_t a = std::min(claims.cap[i], left);
        parts[i] += a;
        left -= a;
      }
    } else {
      level_group(left, std::move(group), claims, depth, parts);
      left = 0;
    }
    k = end;
  }
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
    if (v > 1e9)
      detail::fail(kRule, "poor_people of candidate " + std::to_string(i) +
                              " is too large for people_lifted");
    value[i] = static_cast<std::size_t>(v);
    items.push_back(i);
    total_value += value[i];
  }
  if (items.empty()) return {};
  const std::size_t width = total_value + 1;
  if (static_cast<std::uint64_t>(items.size()) * width > kMaxTableBits) {
    throw std::length_error(
        "allocation rule 'optimal' (people_lifted): " + std::to_string(items.size()) +
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
  if (budget.fen() < 0) detail::fail(kRule, "negative budget " + budget.str());
  const auto claims = detail::claims_from_need(kRule, c);
  const auto& gap = detail::non_negative(kRule, c, c.poverty_gap, "poverty_gap");
  const bool lifted = p.objective == "people_lifted";
  static const std::vector<double> kNone;
  const auto& poor_people = lifted || !c.poor_people.empty()
                                ? detail::non_negative(kRule, c, c.poor_people, "poor_people")
                                : kNone;
  // Enough for every whole need: each its cap, the rest in proportion to need.
  long double total_cap = 0;
  for (std::size_t i : claims.claimants) total_cap += static_cast<long double>(claims.cap[i]);
  if (total_cap <= static_cast<long double>(budget.fen())) {
    return detail::fund_in_order(kRule, budget, claims, claims.claimants);
  }
  std::vector<std::int64_t> parts(c.size(), 0);
  std::vector<std::size_t> rest = claims.claimants;
  std::int64_t left = budget.fen();
  if (lifted) {
    const std::vector<std::size_t> funded = most_people_lifted(budget.fen(), claims, poor_people);
    std::vector<bool> in_set(c.size(), false);
    for (std::size_t i : funded) {
      in_set[i] = true;
      parts[i] = claims.cap[i];
      left -= claims.cap[i];
    }
    std::erase_if(rest, [&](std::size_t i) { return in_set[i]; });
  }
  fund_by_gap(left, rest, claims, gap, poor_people, parts);
  std::vector<sim::Money> out;
  out.reserve(parts.size());
  for (std::int64_t a : parts) out.push_back(sim::Money::from_fen(a));
  return out;
}

}  // namespace fupin::models::rules
