// The funding network between programmes (DESIGN.md, Graphs): a directed graph of programmes with an
// edge from each integrated programme to the fund_integration that pools its county money, checked
// with Boost.Graph (cycles, order), and the sector channels' budgets against their unit costs.
#include "models/scenario/funding_network.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>
#include <iterator>
#include <map>
#include <optional>
#include <type_traits>
#include <string>
#include <utility>
#include <variant>

#include "models/scenario/edit_distance.hpp"
#include "models/scenario/scenario_names.hpp"

namespace fupin::models {

namespace {

using yaml::Located;
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

// Records the DFS tree and the first back edge: a back edge u -> v closes a cycle v -> ... -> u -> v.
struct CycleFinder : boost::default_dfs_visitor {
  std::vector<Vertex>* parent;
  std::optional<std::pair<Vertex, Vertex>>* back;
  void tree_edge(Edge e, const Graph& g) const { (*parent)[boost::target(e, g)] = boost::source(e, g); }
  void back_edge(Edge e, const Graph& g) const {
    if (!*back) *back = std::pair(boost::source(e, g), boost::target(e, g));
  }
};

void add_levels(std::vector<Level>& out, const std::vector<AllocationStage>& stages) {
  for (const AllocationStage& s : stages) {
    if (s.level != Level::household) out.push_back(s.level);
  }
}

// Why a programme cannot be pooled by an integration (reaches_county(p) is false).
std::string why_not_at_county(const ProgrammeSpec& p) {
  const auto first_stage = [](const std::vector<AllocationStage>& stages) {
    return std::string("its first allocation stage is at ") + level_name(stages.front().level) +
           "; give it a county stage to integrate it";
  };
  switch (p.params.index()) {
    case 0: return "a township package's money starts at the township";
    case 1: return first_stage(std::get<SpecialFundSpec>(p.params).allocation);
    case 2: return "a sector channel's money stays in its channel (渠道不乱)";
    case 3: return "a village package's money goes to the villages";
    case 4: return "it gives no fiscal_aid";
    case 5: return "a helper unit's money goes straight to its households";
    case 6: return first_stage(std::get<DonationSpec>(p.params).allocation);
    case 7: return "microcredit lends to households";
    case 8: return "its money is the capital of village funds";
    default: return "its money never rests at county level";
  }
}

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
  for (const ProgrammeSpec& p : programmes) names.push_back(p.name);
  Graph flow(programmes.size());  // edge source -> the integration that pools it
  std::map<std::size_t, std::pair<std::size_t, std::string>> pooled_by;  // source -> integration, line
  for (std::size_t i = 0; i < programmes.size(); ++i) {
    const auto* integration = std::get_if<FundIntegrationSpec>(&programmes[i].params);
    if (integration == nullptr) continue;
    const std::vector<Located> entries = nodes[i].child("sources").elements();
    for (std::size_t k = 0; k < integration->sources.size(); ++k) {
      const std::string& name = integration->sources[k];
      const Located& entry = entries[k];
      std::size_t j = 0;
      while (j < programmes.size() && programmes[j].name != name) ++j;
      if (j == programmes.size()) {
        std::string message = "no programme '" + name + "' to integrate";
        if (const auto near = nearest_name(name, names)) message += " (did you mean '" + *near + "'?)";
        entry.fail(message + "; programmes: " + join_names(names));
      }
      const ProgrammeSpec& source = programmes[j];
      if (!reaches_county(source)) {
        entry.fail("programme '" + name + "' (" + source.kind + ") cannot be integrated: its money never rests at " +
                   "county level (" + why_not_at_county(source) +
                   "); integrations pool special_fund and donation programmes with a county stage, east_west "
                   "fiscal aid and other fund_integration pools");
      }
      if (const auto seen = pooled_by.find(j); seen != pooled_by.end()) {
        entry.fail("programme '" + name + "' is already integrated by '" + programmes[seen->second.first].name +
                   "' (line " + seen->second.second + "); a programme's county money can be pooled only once");
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
  for (auto it = cycle.rbegin(); it != cycle.rend(); ++it) text += programmes[*it].name + " \u2192 ";
  text += programmes[v].name;
  source_entry(list, v, programmes[u].name)
      .fail("the integrations pool from each other in a cycle: " + text +
            " (each pools the county money of the one before it)");
}

// A sector channel whose money can never buy one unit has no usable project.
void check_sector_channels(const Located& list, const std::vector<ProgrammeSpec>& programmes) {
  const std::vector<Located> nodes = list.elements();
  for (std::size_t i = 0; i < programmes.size(); ++i) {
    const auto* channel = std::get_if<SectorChannelSpec>(&programmes[i].params);
    if (channel == nullptr) continue;
    sim::Money largest;
    int largest_year = 0;
    sim::Money total;
    for (const auto& [year, amount] : channel->budget) {
      total += amount;
      if (amount > largest) {
        largest = amount;
        largest_year = year;
      }
    }
    const Located cost = nodes[i].child("unit_cost");
    if (programmes[i].idle == IdleMoney::carry_over) {
      if (channel->unit_cost > total) {
        cost.fail("unit_cost " + channel->unit_cost.str() + " yuan is more than the whole budget (" + total.str() +
                  " yuan, carried over from year to year), so the channel can never buy a unit");
      }
    } else if (channel->unit_cost > largest) {
      cost.fail("unit_cost " + channel->unit_cost.str() + " yuan is more than every yearly budget (the largest is " +
                largest.str() + " yuan, in " + std::to_string(largest_year) + ") and idle money is " +
                idle_money_name(programmes[i].idle) + ", so the channel can never buy a unit");
    }
  }
}

}  // namespace

std::vector<Level> levels_holding_money(const ProgrammeSpec& p) {
  std::vector<Level> out;
  std::visit(
      [&out](const auto& spec) {
        using T = std::decay_t<decltype(spec)>;
        if constexpr (std::is_same_v<T, TownshipPackageSpec>) {
          out.push_back(Level::township);
          add_levels(out, spec.allocation);
        } else if constexpr (std::is_same_v<T, SpecialFundSpec> || std::is_same_v<T, DonationSpec>) {
          add_levels(out, spec.allocation);
        } else if constexpr (std::is_same_v<T, VillagePackageSpec> || std::is_same_v<T, MutualAidFundSpec>) {
          out.push_back(Level::village);
        } else if constexpr (std::is_same_v<T, EastWestSpec> || std::is_same_v<T, FundIntegrationSpec>) {
          if (!spec.allocation.empty()) {
            out.push_back(Level::county);
            add_levels(out, spec.allocation);
          }
        }
      },
      p.params);
  return out;
}

bool reaches_county(const ProgrammeSpec& p) {
  const std::vector<Level> levels = levels_holding_money(p);
  return !levels.empty() && levels.front() == Level::county;
}

void check_funding_network(const Located& list, const std::vector<ProgrammeSpec>& programmes) {
  check_integrations(list, programmes);
  check_sector_channels(list, programmes);
}

std::vector<std::size_t> funding_order(const Scenario& s) {
  // Edges integration -> source: a DFS finishes every source before the integration that pools
  // it, and topological_sort writes vertices in finishing order.
  Graph depends(s.programmes.size());
  for (std::size_t i = 0; i < s.programmes.size(); ++i) {
    const auto* integration = std::get_if<FundIntegrationSpec>(&s.programmes[i].params);
    if (integration == nullptr) continue;
    for (const std::string& name : integration->sources) {
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
