// optimal_across_channels (optimal.hpp): channel budgets to candidates as a min-cost flow.
//
// Network:  source ─(cap budget_c, cost 0)→ channel c ─(cap min(budget_c, cap_i), cost G − g_ci)→
//           candidate i ─(cap cap_i, cost 0)→ sink,   and a bypass channel c ─(cap budget_c, cost
//           G)→ sink.
// g_ci ≥ 1 is the scaled integer gain and G = 2^30 ≥ every g_ci, so every cost is non-negative,
// which successive_shortest_path_nonnegative_weights requires. Thanks to the bypass, a maximum
// flow always carries every channel's whole budget (F = Σ budget_c), so every feasible
// allocation x extends to a maximum flow (route the unspent money through the bypass) and
//   cost = Σ_{c,i} (G − g_ci)·x_ci + G·(F − Σ x) = G·F − Σ g_ci·x_ci.
// G·F is a constant, so the min-cost maximum flow maximises Σ g_ci·x_ci: the exact optimum for
// the scaled gains. Bypass flow is the unspent money; since every g_ci ≥ 1 the bypass is strictly
// dearer than any candidate edge, so money stays unspent only when no candidate with room is left.
// (cycle_canceling after an Edmonds–Karp max flow would also be exact, with negative costs −g
// and no bypass; but its number of cancelled cycles grows with the scaled gains, while SSP needs
// one Dijkstra per augmenting path.)
//
// Boost's SSP adds each vertex's Dijkstra distance to its potential after every round, including
// vertices Dijkstra did not reach (distance = int64 max): that overflows. So the network holds no
// vertex that can be unreachable while the sink is still reachable: channels with budget 0,
// candidates with cap 0 and edges of gain 0 are left out, and candidates no channel may fund too.
// Then a channel is reachable through its source edge while it has budget left, and through the
// reverse of its flow otherwise (the flow leads to the sink, the sink is reachable in any round
// that augments, and residual reverse edges lead back); a candidate likewise, or through an
// unsaturated edge from a reachable channel.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/rules/optimal.hpp"

namespace fupin::models {
namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using Graph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<
        boost::edge_capacity_t, std::int64_t,
        boost::property<boost::edge_residual_capacity_t, std::int64_t,
                        boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                        boost::property<boost::edge_weight_t, std::int64_t>>>>>;
using Edge = Traits::edge_descriptor;

constexpr std::int64_t kScale = std::int64_t{1} << 30;  // G: the largest gain, scaled

// An edge and its residual twin (capacity 0, cost −cost), as SSP expects.
Edge add_arc(Graph& g, std::size_t from, std::size_t to, std::int64_t capacity, std::int64_t cost) {
  const Edge e = boost::add_edge(from, to, g).first;
  const Edge r = boost::add_edge(to, from, g).first;
  boost::put(boost::edge_capacity, g, e, capacity);
  boost::put(boost::edge_capacity, g, r, 0);
  boost::put(boost::edge_weight, g, e, cost);
  boost::put(boost::edge_weight, g, r, -cost);
  boost::put(boost::edge_reverse, g, e, r);
  boost::put(boost::edge_reverse, g, r, e);
  return e;
}

void validate(std::span<const sim::Money> budgets, const std::vector<std::vector<double>>& gain,
              std::span<const sim::Money> caps) {
  const auto bad = [](const std::string& m) {
    throw std::invalid_argument("optimal_across_channels: " + m);
  };
  if (gain.size() != budgets.size()) {
    bad("gain_per_yuan has " + std::to_string(gain.size()) + " rows but there are " +
        std::to_string(budgets.size()) + " channels");
  }
  std::int64_t total = 0;
  for (std::size_t c = 0; c < budgets.size(); ++c) {
    if (budgets[c].fen() < 0)
      bad("budget of channel " + std::to_string(c) + " is negative: " + budgets[c].str());
    if (__builtin_add_overflow(total, budgets[c].fen(), &total)) {
      throw std::overflow_error(
          "optimal_across_channels: the channel budgets sum beyond a 64-bit count of fen");
    }
    if (gain[c].size() != caps.size()) {
      bad("gain_per_yuan row " + std::to_string(c) + " has " + std::to_string(gain[c].size()) +
          " entries but there are " + std::to_string(caps.size()) + " candidates");
    }
    for (std::size_t i = 0; i < caps.size(); ++i) {
      if (!std::isfinite(gain[c][i]) || gain[c][i] < 0) {
        bad("gain of channel " + std::to_string(c) + " for candidate " + std::to_string(i) +
            " is " + std::to_string(gain[c][i]) + " (must be finite and non-negative)");
      }
    }
  }
  for (std::size_t i = 0; i < caps.size(); ++i) {
    if (caps[i].fen() < 0)
      bad("cap of candidate " + std::to_string(i) + " is negative: " + caps[i].str());
  }
}

}  // namespace

std::vector<std::vector<sim::Money>> optimal_across_channels(
    std::span<const sim::Money> channel_budgets,
    const std::vector<std::vector<double>>& gain_per_yuan,
    std::span<const sim::Money> candidate_caps) {
  validate(channel_budgets, gain_per_yuan, candidate_caps);
  const std::size_t channels = channel_budgets.size();
  const std::size_t candidates = candidate_caps.size();
  std::vector<std::vector<sim::Money>> x(channels, std::vector<sim::Money>(candidates));

  double max_gain = 0;
  for (const auto& row : gain_per_yuan) {
    for (double g : row) max_gain = std::max(max_gain, g);
  }
  if (max_gain == 0) return x;
  // Scaled integer gain of an arc that may carry money (0: leave the arc out).
  const auto scaled = [&](std::size_t c, std::size_t i) -> std::int64_t {
    const double g = gain_per_yuan[c][i];
    if (g == 0 || channel_budgets[c].fen() == 0 || candidate_caps[i].fen() == 0) return 0;
    return std::max<std::int64_t>(1, std::llround(g / max_gain * static_cast<double>(kScale)));
  };

  // Vertices: only the channels and candidates that can move money (see the file comment).
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::size_t next = 2;  // 0 = source, 1 = sink
  std::vector<std::size_t> channel_vertex(channels, kNone);
  std::vector<std::size_t> candidate_vertex(candidates, kNone);
  for (std::size_t c = 0; c < channels; ++c) {
    for (std::size_t i = 0; i < candidates; ++i) {
      if (scaled(c, i) == 0) continue;
      if (channel_vertex[c] == kNone) channel_vertex[c] = next++;
      if (candidate_vertex[i] == kNone) candidate_vertex[i] = next++;
    }
  }
  if (next == 2) return x;

  Graph g(next);
  constexpr std::size_t kSource = 0;
  constexpr std::size_t kSink = 1;
  for (std::size_t c = 0; c < channels; ++c) {
    if (channel_vertex[c] == kNone) continue;
    add_arc(g, kSource, channel_vertex[c], channel_budgets[c].fen(), 0);
    add_arc(g, channel_vertex[c], kSink, channel_budgets[c].fen(), kScale);  // bypass: unspent
  }
  for (std::size_t i = 0; i < candidates; ++i) {
    if (candidate_vertex[i] != kNone)
      add_arc(g, candidate_vertex[i], kSink, candidate_caps[i].fen(), 0);
  }
  std::vector<std::vector<Edge>> arc(channels, std::vector<Edge>(candidates));
  std::vector<std::vector<bool>> has_arc(channels, std::vector<bool>(candidates, false));
  for (std::size_t c = 0; c < channels; ++c) {
    for (std::size_t i = 0; i < candidates; ++i) {
      const std::int64_t s = scaled(c, i);
      if (s == 0) continue;
      const std::int64_t capacity = std::min(channel_budgets[c].fen(), candidate_caps[i].fen());
      arc[c][i] = add_arc(g, channel_vertex[c], candidate_vertex[i], capacity, kScale - s);
      has_arc[c][i] = true;
    }
  }

  boost::successive_shortest_path_nonnegative_weights(g, kSource, kSink);

  const auto capacity = boost::get(boost::edge_capacity, g);
  const auto residual = boost::get(boost::edge_residual_capacity, g);
  for (std::size_t c = 0; c < channels; ++c) {
    for (std::size_t i = 0; i < candidates; ++i) {
      if (has_arc[c][i]) x[c][i] = sim::Money::from_fen(capacity[arc[c][i]] - residual[arc[c][i]]);
    }
  }
  return x;
}

}  // namespace fupin::models
