// Paired assistance (定点帮扶, POLICY.md E): every poor household gets a helper unit, and the
// east–west pairing (东西扶贫协作, POLICY.md D) of eastern donors with western counties.
//
// assign_helpers() solves "give as many households as possible a helper" as a maximum flow on
// a Boost.Graph network aggregated by region (see helper_assignment.cpp for why that is exact).
// Both functions are pure and deterministic: the same input gives the same output, with no
// dependence on hash order or addresses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace fupin::models {

// A unit that follows poor households: a province or central unit, a Pearl River Delta city,
// a local government unit, a state enterprise, a social organisation or a firm.
struct HelperUnit {
  std::string name;
  int capacity = 0;                    // households it can follow (>= 0)
  std::vector<std::uint32_t> regions;  // county indices it serves (order and repeats do not matter)
};

struct AssignmentProblem {
  std::vector<HelperUnit> units;
  // County index of each household needing a helper, in household order.
  std::vector<std::uint32_t> household_region;
  // Per household: the unit index already assigned, or -1. May be empty (nobody has a helper
  // yet); otherwise it has one entry per household.
  std::vector<std::int32_t> current_helper;
};

struct Assignment {
  std::vector<std::int32_t> helper;  // per household: unit index, or -1 if left without a helper
  std::vector<int> load;             // per unit: households assigned to it (kept + new)
  std::size_t unassigned = 0;        // households left without a helper
  std::size_t kept = 0;              // existing assignments kept
  std::size_t dropped = 0;  // existing assignments dropped (invalid region or over capacity)
  // Region (county index) -> households of that region left without a helper. Only regions
  // with a shortfall appear; the values sum to `unassigned`.
  std::map<std::uint32_t, std::size_t> unassigned_by_region;

  bool operator==(const Assignment&) const = default;
};

// Assigns helper units to households, maximising the number of households with a helper
// subject to unit capacities and the regions each unit serves, while keeping existing
// assignments:
// 1. An existing assignment is kept if its unit still serves the household's region and still
//    has capacity; they are taken in household order and count against capacity first. An
//    existing assignment whose unit no longer serves the region, or that no longer fits in a
//    reduced capacity, is dropped and the household is treated as needing a helper.
// 2. Among the households still needing a helper, the number assigned is maximal given the
//    capacity left after step 1 (maximum flow, boost::push_relabel_max_flow).
// 3. Within each region, the needing households in index order go to units in unit-index order,
//    each unit taking as many as the flow sends it into that region.
// Kept assignments are never moved to make room for others, so the total is maximal *given*
// the kept assignments (it can be below the unconstrained maximum when a kept household could
// have been served by another unit).
// Throws std::invalid_argument on a negative capacity, a current_helper of the wrong size, or
// a current_helper entry that is neither -1 nor a valid unit index.
Assignment assign_helpers(const AssignmentProblem& p);

// East–west pairing: one eastern donor (province or city) and the western counties it helps.
struct Pairing {
  std::string donor;
  std::vector<std::uint32_t> counties;
};

// For each county index in [0, county_count): the indices (into `pairings`) of the donors paired
// with it, ascending and without repeats. A county may have several donors, or none. Built as a
// bipartite donor→county Boost adjacency_list. Throws std::invalid_argument on a county index
// >= county_count.
std::vector<std::vector<std::uint32_t>> donors_of_county(std::span<const Pairing> pairings,
                                                         std::size_t county_count);

}  // namespace fupin::models
