// The funding network between programmes (DESIGN.md, Graphs): a directed graph of programmes with
// an edge from each integrated programme to the fund_integration that pools its county money,
// checked with Boost.Graph (cycles, order); then each kind's own checks (programme_kind.hpp).
#include "models/scenario/funding_network.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "models/scenario/edit_distance.hpp"
#include "models/scenario/programme_kind.hpp"
#include "models/scenario/scenario_names.hpp"

namespace fupin::models {

namespace {

using yaml::Located;
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

// Records the DFS tree and the first back edge: a back edge u -> v closes a cycle v -> ... -> u ->
// v.
struct CycleFinder : boost::default_dfs_visitor {
  std::vector<Vertex>* parent;
  std::optional<std::pair<Vertex, Vertex>>* back;
  void tree_edge(Edge e, const Graph& g) const {
    (*parent)[boost::target(e, g)] = boost::source(e, g);
  }
  void back_edge(Edge e, const Graph& g) const {
    if (!*back) *back = std::pair(boost::source(e, g), boost::target(e, g));
  }
};

std::string line_of(const Located& v) { return std::to_string(v.mark().line + 1); }

// The element of integration `i`'s sources that names `name`.
Located source_entry(const Located& list, std::size_t i, const std::string& name) {
  const std::vector<Located> programmes = list.elements();
  for (const Located& e : programmes[i].child("sources").elements()) {
    if (e.scalar() == name) return e;
  }
  return programmes[i].child("sources");
}

void check_integrations(const Located& list, const std::vector<ProgrammeSpec>& programmes) {
  const std::vector<Located> nodes = list.elements();
  std::vector<std::string> names;
  names.reserve(programmes.size());
  for (const ProgrammeSpec& p : programmes) names.push_back(p.name);
  Graph flow(programmes.size());  // edge source -> the integration that pools it
  std::map<std::size_t, std::pair<std::size_t, std::string>>
      pooled_by;  // source -> integration, line
  for (std::size_t i = 0; i < programmes.size(); ++i) {
    const std::vector<std::string> sources = kind_info(programmes[i]).pools(programmes[i]);
    if (sources.empty()) continue;
    const std::vector<Located> entries = nodes[i].child("sources").elements();
    for (std::size_t k = 0; k < sources.size(); ++k) {
      const std::string& name = sources[k];
      const Located& entry = entries[k];
      std::size_t j = 0;
      while (j < programmes.size() && programmes[j].name != name) ++j;
      if (j == programmes.size()) {
        std::string message = "no programme '" + name + "' to integrate";
        if (const auto near = nearest_name(name, names))
          message += " (did you mean '" + *near + "'?)";
        entry.fail(message + "; programmes: " + join_names(names));
      }
      const ProgrammeSpec& source = programmes[j];
      if (!reaches_county(source)) {
        entry.fail("programme '" + name + "' (" + source.kind() +
                   ") cannot be integrated: its money never rests at " + "county level (" +
                   kind_info(source).why_not_at_county(source) +
                   "); integrations pool special_fund and donation programmes with a county stage, "
                   "east_west "
                   "fiscal aid and other fund_integration pools");
      }
      if (const auto seen = pooled_by.find(j); seen != pooled_by.end()) {
        entry.fail("programme '" + name + "' is already integrated by '" +
                   programmes[seen->second.first].name + "' (line " + seen->second.second +
                   "); a programme's county money can be pooled only once");
      }
      pooled_by[j] = {i, line_of(entry)};
      boost::add_edge(j, i, flow);
    }
  }

  std::vector<Vertex> parent(programmes.size());
  std::optional<std::pair<Vertex, Vertex>> back;
  boost::depth_first_search(flow, boost::visitor(CycleFinder{{}, &parent, &back}));
  if (!back) return;
  const auto [u, v] = *back;  // v is pooled (through the cycle) into u, and u into v
  if (u == v) {
    source_entry(list, v, programmes[u].name)
        .fail("integration '" + programmes[u].name + "' pools from itself");
  }
  std::vector<Vertex> cycle{u};
  for (Vertex x = u; x != v;) cycle.push_back(x = parent[x]);
  std::string text;
  for (auto it = cycle.rbegin(); it != cycle.rend(); ++it)
    text += programmes[*it].name + " \u2192 ";
  text += programmes[v].name;
  source_entry(list, v, programmes[u].name)
      .fail("the integrations pool from each other in a cycle: " + text +
            " (each pools the county money of the one before it)");
}

}  // namespace

std::vector<Level> levels_holding_money(const ProgrammeSpec& p) {
  return kind_info(p).levels_holding_money(p);
}

bool reaches_county(const ProgrammeSpec& p) {
  const std::vector<Level> levels = levels_holding_money(p);
  return !levels.empty() && levels.front() == Level::county;
}

void check_funding_network(const Located& list, const std::vector<ProgrammeSpec>& programmes) {
  check_integrations(list, programmes);
  const std::vector<Located> nodes = list.elements();
  for (std::size_t i = 0; i < programmes.size(); ++i)
    kind_info(programmes[i]).check(nodes[i], programmes[i]);
}

std::vector<std::size_t> funding_order(const Scenario& s) {
  // Edges integration -> source: a DFS finishes every source before the integration that pools
  // it, and topological_sort writes vertices in finishing order.
  Graph depends(s.programmes.size());
  for (std::size_t i = 0; i < s.programmes.size(); ++i) {
    for (const std::string& name : kind_info(s.programmes[i]).pools(s.programmes[i])) {
      for (std::size_t j = 0; j < s.programmes.size(); ++j) {
        if (s.programmes[j].name == name) boost::add_edge(i, j, depends);
      }
    }
  }
  std::vector<Vertex> order;
  boost::topological_sort(depends, std::back_inserter(order));
  return {order.begin(), order.end()};
}

}  // namespace fupin::models
