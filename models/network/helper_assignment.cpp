// Helper-unit assignment as a maximum flow, and the east–west donor→county graph.
//
// Why a flow network aggregated by region is exact
// ------------------------------------------------
// The natural model is a bipartite matching at household level: household h may be matched to
// unit u iff u serves region(h), and unit u may take at most cap(u) households (a b-matching).
// Every household of one region has exactly the same set of admissible units, so households of
// one region are interchangeable. Hence:
// - Any household-level assignment gives a flow of the same value in the aggregated network
//     source --cap(u)--> unit u --∞--> region r --need(r)--> sink
//   by sending, on u→r, the number of households of r assigned to u: unit totals stay within
//   cap(u), region totals within need(r) (each household has at most one helper).
// - Conversely an integral flow (push-relabel with integral capacities returns one) turns into a
//   household-level assignment of the same value: in region r, hand the f(u,r) units' shares out
//   to distinct households of r; there are enough since Σ_u f(u,r) <= need(r), and any
//   household of r is admissible for any u with an arc u→r.
// So the maximum flow equals the maximum matching, on a graph with units + regions vertices
// instead of units + households. The "∞" on unit→region arcs is represented by the unit's
// remaining capacity, which can never bind more tightly than the source→unit arc already does.
//
// Determinism: vertices and edges are added in a fixed order (units by index, regions ascending),
// Boost.Graph with vecS storage iterates in insertion order, push_relabel_max_flow is a
// deterministic algorithm, and the flow is turned into household assignments in a fixed order.
// No hash containers are used.
#include "models/network/helper_assignment.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>
#include <boost/range/iterator_range.hpp>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fupin::models {
namespace {

using FlowTraits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using FlowGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<
        boost::edge_capacity_t, std::int64_t,
        boost::property<boost::edge_residual_capacity_t, std::int64_t,
                        boost::property<boost::edge_reverse_t, FlowTraits::edge_descriptor>>>>;
using FlowVertex = boost::graph_traits<FlowGraph>::vertex_descriptor;
using FlowEdge = boost::graph_traits<FlowGraph>::edge_descriptor;

// Adds from→to with the given capacity and its zero-capacity reverse arc, as push-relabel needs.
FlowEdge add_arc(FlowGraph& g, FlowVertex from, FlowVertex to, std::int64_t capacity) {
  const FlowEdge e = boost::add_edge(from, to, g).first;
  const FlowEdge r = boost::add_edge(to, from, g).first;
  boost::put(boost::edge_capacity, g, e, capacity);
  boost::put(boost::edge_capacity, g, r, std::int64_t{0});
  boost::put(boost::edge_reverse, g, e, r);
  boost::put(boost::edge_reverse, g, r, e);
  return e;
}

std::vector<std::uint32_t> sorted_unique(std::vector<std::uint32_t> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

bool contains(const std::vector<std::uint32_t>& sorted, std::uint32_t x) {
  return std::binary_search(sorted.begin(), sorted.end(), x);
}

void check_problem(const AssignmentProblem& p) {
  if (p.units.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw std::invalid_argument("assign_helpers: too many helper units");
  }
  for (std::size_t u = 0; u < p.units.size(); ++u) {
    if (p.units[u].capacity < 0) {
      throw std::invalid_argument("assign_helpers: helper unit " + std::to_string(u) + " (" +
                                  p.units[u].name + ") has negative capacity " +
                                  std::to_string(p.units[u].capacity));
    }
  }
  if (!p.current_helper.empty() && p.current_helper.size() != p.household_region.size()) {
    throw std::invalid_argument("assign_helpers: current_helper has " +
                                std::to_string(p.current_helper.size()) + " entries for " +
                                std::to_string(p.household_region.size()) + " households");
  }
  const auto unit_count = static_cast<std::int64_t>(p.units.size());
  for (std::size_t h = 0; h < p.current_helper.size(); ++h) {
    const std::int32_t c = p.current_helper[h];
    if (c < -1 || c >= unit_count) {
      throw std::invalid_argument("assign_helpers: household " + std::to_string(h) +
                                  " has current helper " + std::to_string(c) +
                                  ", not -1 or a unit index below " + std::to_string(unit_count));
    }
  }
}

}  // namespace

Assignment assign_helpers(const AssignmentProblem& p) {
  check_problem(p);
  const std::size_t unit_count = p.units.size();
  const std::size_t household_count = p.household_region.size();

  std::vector<std::vector<std::uint32_t>> serves(unit_count);
  for (std::size_t u = 0; u < unit_count; ++u) serves[u] = sorted_unique(p.units[u].regions);

  Assignment a;
  a.helper.assign(household_count, -1);
  a.load.assign(unit_count, 0);

  // 1. Keep valid existing assignments, in household order, while capacity lasts.
  for (std::size_t h = 0; h < p.current_helper.size(); ++h) {
    const std::int32_t c = p.current_helper[h];
    if (c < 0) continue;
    const auto u = static_cast<std::size_t>(c);
    if (contains(serves[u], p.household_region[h]) && a.load[u] < p.units[u].capacity) {
      a.helper[h] = c;
      ++a.load[u];
      ++a.kept;
    } else {
      ++a.dropped;
    }
  }

  // 2. Households still needing a helper, grouped by region (regions ascending, households in
  //    index order within a region).
  std::vector<std::uint32_t> needy_regions;
  for (std::size_t h = 0; h < household_count; ++h) {
    if (a.helper[h] < 0) needy_regions.push_back(p.household_region[h]);
  }
  needy_regions = sorted_unique(std::move(needy_regions));
  const auto region_slot = [&](std::uint32_t region) {
    return static_cast<std::size_t>(
        std::lower_bound(needy_regions.begin(), needy_regions.end(), region) -
        needy_regions.begin());
  };
  std::vector<std::vector<std::size_t>> needy(needy_regions.size());
  for (std::size_t h = 0; h < household_count; ++h) {
    if (a.helper[h] < 0) needy[region_slot(p.household_region[h])].push_back(h);
  }

  // 3. The flow network: 0 = source, 1 = sink, then one vertex per unit, then one per needy region.
  const FlowVertex source = 0;
  const FlowVertex sink = 1;
  const auto unit_vertex = [](std::size_t u) { return static_cast<FlowVertex>(2 + u); };
  const auto region_vertex = [&](std::size_t slot) {
    return static_cast<FlowVertex>(2 + unit_count + slot);
  };
  FlowGraph g(2 + unit_count + needy_regions.size());

  struct UnitRegionArc {
    std::size_t unit;
    FlowEdge edge;
  };
  std::vector<std::vector<UnitRegionArc>> arcs_into(
      needy_regions.size());  // per region, units ascending
  bool any_arc = false;
  for (std::size_t u = 0; u < unit_count; ++u) {
    const std::int64_t remaining = p.units[u].capacity - a.load[u];
    if (remaining <= 0) continue;
    bool connected = false;
    for (const std::uint32_t region : serves[u]) {
      const std::size_t slot = region_slot(region);
      if (slot == needy_regions.size() || needy_regions[slot] != region) continue;
      arcs_into[slot].push_back({u, add_arc(g, unit_vertex(u), region_vertex(slot), remaining)});
      connected = true;
    }
    if (connected) {
      add_arc(g, source, unit_vertex(u), remaining);
      any_arc = true;
    }
  }
  for (std::size_t slot = 0; slot < needy_regions.size(); ++slot) {
    add_arc(g, region_vertex(slot), sink, static_cast<std::int64_t>(needy[slot].size()));
  }
  if (any_arc) boost::push_relabel_max_flow(g, source, sink);

  // 4. Flows into household assignments: within each region, needy households in index order go
  //    to units in index order, each unit taking the amount the flow sends it into the region.
  for (std::size_t slot = 0; slot < needy_regions.size(); ++slot) {
    std::size_t next = 0;
    for (const UnitRegionArc& arc : arcs_into[slot]) {
      const std::int64_t flow = boost::get(boost::edge_capacity, g, arc.edge) -
                                boost::get(boost::edge_residual_capacity, g, arc.edge);
      for (std::int64_t k = 0; k < flow && next < needy[slot].size(); ++k) {
        a.helper[needy[slot][next++]] = static_cast<std::int32_t>(arc.unit);
        ++a.load[arc.unit];
      }
    }
    if (next < needy[slot].size()) {
      const std::size_t short_by = needy[slot].size() - next;
      a.unassigned_by_region[needy_regions[slot]] = short_by;
      a.unassigned += short_by;
    }
  }
  return a;
}

std::vector<std::vector<std::uint32_t>> donors_of_county(std::span<const Pairing> pairings,
                                                         std::size_t county_count) {
  if (pairings.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::invalid_argument("donors_of_county: too many pairings");
  }
  // Bipartite graph: vertices [0, D) are donors (pairing indices), [D, D + C) are counties;
  // each arc runs donor → county. In-edges of a county vertex are its donors.
  using PairingGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
  const std::size_t donor_count = pairings.size();
  PairingGraph g(donor_count + county_count);
  for (std::size_t d = 0; d < donor_count; ++d) {
    for (const std::uint32_t county : pairings[d].counties) {
      if (county >= county_count) {
        throw std::invalid_argument("donors_of_county: donor " + pairings[d].donor +
                                    " is paired with county " + std::to_string(county) +
                                    ", but there are only " + std::to_string(county_count) +
                                    " counties");
      }
      boost::add_edge(d, donor_count + county, g);
    }
  }
  std::vector<std::vector<std::uint32_t>> donors(county_count);
  for (std::size_t c = 0; c < county_count; ++c) {
    for (const auto e : boost::make_iterator_range(boost::in_edges(donor_count + c, g))) {
      donors[c].push_back(static_cast<std::uint32_t>(boost::source(e, g)));
    }
    donors[c] = sorted_unique(std::move(donors[c]));
  }
  return donors;
}

}  // namespace fupin::models
