// Tests for paired-assistance helper assignment: assign_helpers()
// (models/network/helper_assignment.hpp). Hand-worked cases, then random instances checked
// against an independent household-level maximum matching (and, for tiny ones, exhaustive search).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "models/network/helper_assignment.hpp"

namespace fupin::models {
namespace {

using Helpers = std::vector<std::int32_t>;
using Loads = std::vector<int>;
using Shortfall = std::map<std::uint32_t, std::size_t>;

// ---------------------------------------------------------------------------------------------
// Hand-worked cases

TEST(HelperAssignment, TwoUnitsSharingARegionCoverEveryone) {
  // A (cap 2) serves county 0 only; B (cap 2) serves 0 and 1. Households: 0, 0, 0 in county 0
  // and 3 in county 1. Everyone is covered only if B takes household 3 and one of county 0, so
  // the flow sends A→0: 2, B→0: 1, B→1: 1. Within county 0, households in index order go to
  // units in index order: 0, 1 → A; 2 → B.
  const AssignmentProblem p{{{"A", 2, {0}}, {"B", 2, {0, 1}}}, {0, 0, 0, 1}, {}};
  const Assignment a = assign_helpers(p);
  EXPECT_EQ(a.helper, (Helpers{0, 0, 1, 1}));
  EXPECT_EQ(a.load, (Loads{2, 2}));
  EXPECT_EQ(a.unassigned, 0u);
  EXPECT_TRUE(a.unassigned_by_region.empty());
}

TEST(HelperAssignment, GreedyTrapIsAvoided) {
  // Greedy in household order would give household 0 (county 0) to A, the only unit serving
  // county 1, and leave household 1 without a helper. The maximum covers both: 0 → B, 1 → A.
  const AssignmentProblem p{{{"A", 1, {0, 1}}, {"B", 1, {0}}}, {0, 1}, {}};
  const Assignment a = assign_helpers(p);
  EXPECT_EQ(a.helper, (Helpers{1, 0}));
  EXPECT_EQ(a.unassigned, 0u);
}

TEST(HelperAssignment, CapacityShortfallIsReportedPerRegion) {
  // A (cap 1) serves county 0; B (cap 2) serves county 1; nobody serves county 5.
  // Households: three in county 0, two in county 1, one in county 5.
  // Covered: one in county 0 (household 0), both in county 1. Short: 2 in county 0, 1 in county 5.
  const AssignmentProblem p{{{"A", 1, {0}}, {"B", 2, {1}}}, {0, 0, 0, 1, 1, 5}, {}};
  const Assignment a = assign_helpers(p);
  EXPECT_EQ(a.helper, (Helpers{0, -1, -1, 1, 1, -1}));
  EXPECT_EQ(a.load, (Loads{1, 2}));
  EXPECT_EQ(a.unassigned, 3u);
  EXPECT_EQ(a.unassigned_by_region, (Shortfall{{0, 2}, {5, 1}}));
}

TEST(HelperAssignment, ExistingAssignmentIsKept) {
  // Without history, county 0's households in index order would get A then B. Household 1
  // already has A, so it keeps A and household 0 gets B.
  const AssignmentProblem p{{{"A", 1, {0}}, {"B", 1, {0}}}, {0, 0}, {-1, 0}};
  const Assignment a = assign_helpers(p);
  EXPECT_EQ(a.helper, (Helpers{1, 0}));
  EXPECT_EQ(a.load, (Loads{1, 1}));
  EXPECT_EQ(a.kept, 1u);
  EXPECT_EQ(a.dropped, 0u);
}

TEST(HelperAssignment, ExistingAssignmentCountsAgainstCapacityFirst) {
  // A (cap 2) already follows household 2; only one more place is left, for household 0.
  const AssignmentProblem p{{{"A", 2, {0}}}, {0, 0, 0}, {-1, -1, 0}};
  const Assignment a = assign_helpers(p);
  EXPECT_EQ(a.helper, (Helpers{0, -1, 0}));
  EXPECT_EQ(a.unassigned_by_region, (Shortfall{{0, 1}}));
}

TEST(HelperAssignment, InvalidExistingAssignmentIsDropped) {
  // A no longer serves county 0, so household 0's assignment to A is dropped and B takes it.
  const AssignmentProblem p{{{"A", 1, {1}}, {"B", 1, {0}}}, {0}, {0}};
  const Assignment a = assign_helpers(p);
  EXPECT_EQ(a.helper, (Helpers{1}));
  EXPECT_EQ(a.load, (Loads{0, 1}));
  EXPECT_EQ(a.kept, 0u);
  EXPECT_EQ(a.dropped, 1u);
}

TEST(HelperAssignment, InvalidExistingAssignmentWithNoReplacementIsAShortfall) {
  const AssignmentProblem p{{{"A", 3, {1}}}, {0, 1}, {0, 0}};
  const Assignment a = assign_helpers(p);
  EXPECT_EQ(a.helper, (Helpers{-1, 0}));
  EXPECT_EQ(a.dropped, 1u);
  EXPECT_EQ(a.unassigned_by_region, (Shortfall{{0, 1}}));
}

TEST(HelperAssignment, ExistingAssignmentsBeyondReducedCapacityAreDroppedInHouseholdOrder) {
  // A's capacity fell to 1 while it followed households 0 and 1: household 0 stays, 1 is dropped.
  const AssignmentProblem p{{{"A", 1, {0}}}, {0, 0}, {0, 0}};
  const Assignment a = assign_helpers(p);
  EXPECT_EQ(a.helper, (Helpers{0, -1}));
  EXPECT_EQ(a.kept, 1u);
  EXPECT_EQ(a.dropped, 1u);
  EXPECT_EQ(a.unassigned, 1u);
}

TEST(HelperAssignment, KeptAssignmentIsNotMovedEvenWhenThatLosesCoverage) {
  // The documented trade-off: A (serving 0 and 1) keeps household 0 in county 0, although
  // moving it to household 1 in county 1 (only A serves 1) and giving household 0 to B would
  // cover both. Stability of the helper–household relation wins.
  const AssignmentProblem p{{{"A", 1, {0, 1}}, {"B", 1, {0}}}, {0, 1}, {0, -1}};
  const Assignment a = assign_helpers(p);
  EXPECT_EQ(a.helper, (Helpers{0, -1}));
  EXPECT_EQ(a.unassigned_by_region, (Shortfall{{1, 1}}));
}

TEST(HelperAssignment, SparseLargeRegionIndicesWork) {
  const std::uint32_t far = 4'000'000'000u;
  const AssignmentProblem p{{{"A", 5, {far, 7}}}, {far, 7, 8, far}, {}};
  const Assignment a = assign_helpers(p);
  EXPECT_EQ(a.helper, (Helpers{0, 0, -1, 0}));
  EXPECT_EQ(a.unassigned_by_region, (Shortfall{{8, 1}}));
}

TEST(HelperAssignment, EmptyProblemsGiveEmptyAssignments) {
  const Assignment none = assign_helpers({});
  EXPECT_TRUE(none.helper.empty());
  EXPECT_TRUE(none.load.empty());
  EXPECT_EQ(none.unassigned, 0u);

  const Assignment no_units = assign_helpers({{}, {3, 3}, {}});
  EXPECT_EQ(no_units.helper, (Helpers{-1, -1}));
  EXPECT_EQ(no_units.unassigned_by_region, (Shortfall{{3, 2}}));

  const Assignment no_households = assign_helpers({{{"A", 4, {0}}}, {}, {}});
  EXPECT_EQ(no_households.load, (Loads{0}));
  EXPECT_EQ(no_households.unassigned, 0u);
}

TEST(HelperAssignment, ZeroCapacityUnitTakesNobody) {
  const AssignmentProblem p{{{"A", 0, {0}}, {"B", 1, {0}}}, {0, 0}, {0, -1}};
  const Assignment a = assign_helpers(p);
  EXPECT_EQ(a.helper, (Helpers{1, -1}));
  EXPECT_EQ(a.dropped, 1u);
}

TEST(HelperAssignment, InvalidInputThrows) {
  EXPECT_THROW(assign_helpers({{{"A", -1, {0}}}, {0}, {}}), std::invalid_argument);
  EXPECT_THROW(assign_helpers({{{"A", 1, {0}}}, {0, 0}, {-1}}), std::invalid_argument);
  EXPECT_THROW(assign_helpers({{{"A", 1, {0}}}, {0}, {1}}), std::invalid_argument);
  EXPECT_THROW(assign_helpers({{{"A", 1, {0}}}, {0}, {-2}}), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Independent reference, written without flows: keep-rule by a direct loop, then a
// household-level maximum b-matching by augmenting paths (Kuhn's algorithm on unit slots).

bool serves(const HelperUnit& u, std::uint32_t region) {
  return std::find(u.regions.begin(), u.regions.end(), region) != u.regions.end();
}

struct Reference {
  Helpers kept_helper;         // per household: kept unit or -1
  std::vector<int> remaining;  // per unit: capacity left after kept assignments
  std::size_t kept = 0;
  std::size_t max_new = 0;  // maximum number of needy households that can get a helper
};

class SlotMatching {
 public:
  SlotMatching(const AssignmentProblem& p, const Reference& r) {
    std::vector<std::vector<std::size_t>> slots_of_unit(p.units.size());
    std::size_t slot_count = 0;
    for (std::size_t u = 0; u < p.units.size(); ++u) {
      for (int k = 0; k < r.remaining[u]; ++k) slots_of_unit[u].push_back(slot_count++);
    }
    owner_.assign(slot_count, -1);
    for (std::size_t h = 0; h < p.household_region.size(); ++h) {
      if (r.kept_helper[h] >= 0) continue;
      std::vector<std::size_t> adj;
      for (std::size_t u = 0; u < p.units.size(); ++u) {
        if (serves(p.units[u], p.household_region[h]))
          adj.insert(adj.end(), slots_of_unit[u].begin(), slots_of_unit[u].end());
      }
      adj_.push_back(std::move(adj));
    }
  }

  std::size_t maximum() {
    std::size_t matched = 0;
    for (std::size_t h = 0; h < adj_.size(); ++h) {
      seen_.assign(owner_.size(), false);
      if (augment(h)) ++matched;
    }
    return matched;
  }

 private:
  bool augment(std::size_t h) {
    for (const std::size_t s : adj_[h]) {
      if (seen_[s]) continue;
      seen_[s] = true;
      if (owner_[s] < 0 || augment(static_cast<std::size_t>(owner_[s]))) {
        owner_[s] = static_cast<std::int64_t>(h);
        return true;
      }
    }
    return false;
  }

  std::vector<std::vector<std::size_t>> adj_;  // per needy household: admissible slots
  std::vector<std::int64_t> owner_;            // per slot: needy household (local index) or -1
  std::vector<bool> seen_;
};

Reference reference(const AssignmentProblem& p) {
  Reference r;
  r.kept_helper.assign(p.household_region.size(), -1);
  r.remaining.resize(p.units.size());
  for (std::size_t u = 0; u < p.units.size(); ++u) r.remaining[u] = p.units[u].capacity;
  for (std::size_t h = 0; h < p.current_helper.size(); ++h) {
    const std::int32_t c = p.current_helper[h];
    if (c < 0) continue;
    const auto u = static_cast<std::size_t>(c);
    if (serves(p.units[u], p.household_region[h]) && r.remaining[u] > 0) {
      r.kept_helper[h] = c;
      --r.remaining[u];
      ++r.kept;
    }
  }
  r.max_new = SlotMatching(p, r).maximum();
  return r;
}

// Exhaustive search over every choice (no helper, or any admissible unit) for each needy
// household; only for tiny instances.
std::size_t brute_force_max_new(const AssignmentProblem& p, const Reference& r) {
  std::vector<std::size_t> needy;
  for (std::size_t h = 0; h < p.household_region.size(); ++h) {
    if (r.kept_helper[h] < 0) needy.push_back(h);
  }
  std::vector<int> left = r.remaining;
  std::size_t best = 0;
  auto search = [&](auto& self, std::size_t i, std::size_t assigned) -> void {
    if (assigned + (needy.size() - i) <= best) return;
    if (i == needy.size()) {
      best = assigned;
      return;
    }
    for (std::size_t u = 0; u < p.units.size(); ++u) {
      if (left[u] > 0 && serves(p.units[u], p.household_region[needy[i]])) {
        --left[u];
        self(self, i + 1, assigned + 1);
        ++left[u];
      }
    }
    self(self, i + 1, assigned);
  };
  search(search, 0, 0);
  return best;
}

struct InstanceShape {
  std::size_t max_units;
  int max_capacity;
  std::uint32_t regions;
  std::size_t max_households;
};

AssignmentProblem random_problem(std::mt19937_64& rng, const InstanceShape& shape) {
  auto pick = [&](std::uint64_t lo, std::uint64_t hi) {
    return std::uniform_int_distribution<std::uint64_t>(lo, hi)(rng);
  };
  // Region ids are spread out (7 r + 3) so the code cannot rely on them being dense.
  auto region_id = [](std::uint64_t r) { return static_cast<std::uint32_t>(7 * r + 3); };
  AssignmentProblem p;
  p.units.resize(pick(0, shape.max_units));
  for (std::size_t u = 0; u < p.units.size(); ++u) {
    HelperUnit& unit = p.units[u];
    unit.name = "unit" + std::to_string(u);
    unit.capacity = static_cast<int>(pick(0, static_cast<std::uint64_t>(shape.max_capacity)));
    const auto served = pick(0, shape.regions);
    for (std::uint64_t k = 0; k < served; ++k)
      unit.regions.push_back(region_id(pick(0, shape.regions - 1)));  // repeats allowed
  }
  const auto households = pick(0, shape.max_households);
  // One region more than any unit may serve, so some households can have no admissible unit.
  for (std::uint64_t h = 0; h < households; ++h)
    p.household_region.push_back(region_id(pick(0, shape.regions)));
  if (pick(0, 9) >= 3) {
    for (std::uint64_t h = 0; h < households; ++h) {
      const bool has_helper = !p.units.empty() && pick(0, 1) == 1;
      p.current_helper.push_back(has_helper ? static_cast<std::int32_t>(pick(0, p.units.size() - 1))
                                            : -1);
    }
  }
  return p;
}

// Every invariant of a valid, maximal assignment, against the independent reference.
void check_assignment(const AssignmentProblem& p, const Assignment& a, const Reference& r) {
  const std::size_t n = p.household_region.size();
  ASSERT_EQ(a.helper.size(), n);
  ASSERT_EQ(a.load.size(), p.units.size());

  std::vector<int> load(p.units.size(), 0);
  Shortfall shortfall;
  std::size_t assigned = 0;
  for (std::size_t h = 0; h < n; ++h) {
    const std::int32_t u = a.helper[h];
    if (u < 0) {
      ASSERT_EQ(u, -1);
      ++shortfall[p.household_region[h]];
      continue;
    }
    ASSERT_LT(static_cast<std::size_t>(u), p.units.size());
    EXPECT_TRUE(serves(p.units[static_cast<std::size_t>(u)], p.household_region[h]))
        << "household " << h << " given unit " << u << " which does not serve its region";
    ++load[static_cast<std::size_t>(u)];
    ++assigned;
  }
  EXPECT_EQ(a.load, load);
  for (std::size_t u = 0; u < p.units.size(); ++u)
    EXPECT_LE(load[u], p.units[u].capacity) << "unit " << u;
  EXPECT_EQ(a.unassigned, n - assigned);
  EXPECT_EQ(a.unassigned_by_region, shortfall);

  // Kept assignments are exactly the reference's, and nothing else counts as kept.
  for (std::size_t h = 0; h < n; ++h) {
    if (r.kept_helper[h] >= 0) {
      EXPECT_EQ(a.helper[h], r.kept_helper[h]) << "household " << h;
    }
  }
  EXPECT_EQ(a.kept, r.kept);
  const auto had_helper = static_cast<std::size_t>(std::count_if(
      p.current_helper.begin(), p.current_helper.end(), [](std::int32_t c) { return c >= 0; }));
  EXPECT_EQ(a.dropped, had_helper - r.kept);

  // Maximal given the kept assignments.
  EXPECT_EQ(assigned, r.kept + r.max_new);

  // Within a region, newly assigned households in index order get non-decreasing unit
  // indices, and the households left without a helper come after all newly assigned ones.
  std::map<std::uint32_t, std::int32_t> last_unit;
  std::map<std::uint32_t, bool> seen_unassigned;
  for (std::size_t h = 0; h < n; ++h) {
    if (r.kept_helper[h] >= 0) continue;
    const std::uint32_t region = p.household_region[h];
    if (a.helper[h] < 0) {
      seen_unassigned[region] = true;
      continue;
    }
    EXPECT_FALSE(seen_unassigned[region])
        << "household " << h << " assigned after an unassigned one";
    auto [it, inserted] = last_unit.try_emplace(region, a.helper[h]);
    if (!inserted) {
      EXPECT_GE(a.helper[h], it->second) << "household " << h;
      it->second = a.helper[h];
    }
  }
}

TEST(HelperAssignment, TinyRandomInstancesMatchExhaustiveSearch) {
  std::mt19937_64 rng(20090601);
  const InstanceShape shape{3, 3, 3, 7};
  for (int trial = 0; trial < 2000; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    const AssignmentProblem p = random_problem(rng, shape);
    const Reference r = reference(p);
    ASSERT_EQ(r.max_new, brute_force_max_new(p, r));  // the reference itself is right
    check_assignment(p, assign_helpers(p), r);
    if (HasFailure()) return;
  }
}

TEST(HelperAssignment, RandomInstancesAreValidAndMaximal) {
  std::mt19937_64 rng(20140101);
  const InstanceShape shape{8, 6, 6, 60};
  for (int trial = 0; trial < 1000; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    const AssignmentProblem p = random_problem(rng, shape);
    check_assignment(p, assign_helpers(p), reference(p));
    if (HasFailure()) return;
  }
}

TEST(HelperAssignment, ScarceCapacityRandomInstancesAreValidAndMaximal) {
  // Many households per unit place: the shortfall is large and which regions absorb it matters.
  std::mt19937_64 rng(20090020);
  const InstanceShape shape{5, 3, 4, 80};
  for (int trial = 0; trial < 500; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    const AssignmentProblem p = random_problem(rng, shape);
    check_assignment(p, assign_helpers(p), reference(p));
    if (HasFailure()) return;
  }
}

TEST(HelperAssignment, SameInputGivesSameOutput) {
  std::mt19937_64 rng(83);
  const InstanceShape shape{10, 8, 8, 120};
  for (int trial = 0; trial < 200; ++trial) {
    const AssignmentProblem p = random_problem(rng, shape);
    // The result must not depend on where the input lives: a copy is the same input elsewhere.
    // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): equal input at another address
    const AssignmentProblem copy = p;
    EXPECT_EQ(assign_helpers(p), assign_helpers(copy)) << "trial " << trial;
  }
}

TEST(HelperAssignment, OrderAndRepeatsOfServedRegionsDoNotMatter) {
  std::mt19937_64 rng(3409);
  const InstanceShape shape{10, 8, 8, 120};
  for (int trial = 0; trial < 200; ++trial) {
    const AssignmentProblem p = random_problem(rng, shape);
    AssignmentProblem shuffled = p;
    for (HelperUnit& u : shuffled.units) {
      if (!u.regions.empty()) u.regions.push_back(u.regions.front());
      std::shuffle(u.regions.begin(), u.regions.end(), rng);
    }
    EXPECT_EQ(assign_helpers(p), assign_helpers(shuffled)) << "trial " << trial;
  }
}

TEST(HelperAssignment, LargeInstanceWhereEveryUnitServesEveryRegion) {
  // The maximum is known in closed form: min(households, total capacity).
  std::mt19937_64 rng(1500);
  constexpr std::uint32_t regions = 200;
  AssignmentProblem p;
  int total_capacity = 0;
  for (int u = 0; u < 300; ++u) {
    HelperUnit unit{"unit" + std::to_string(u), static_cast<int>(rng() % 150), {}};
    for (std::uint32_t r = 0; r < regions; ++r) unit.regions.push_back(r);
    total_capacity += unit.capacity;
    p.units.push_back(std::move(unit));
  }
  for (int h = 0; h < 30'000; ++h)
    p.household_region.push_back(static_cast<std::uint32_t>(rng() % regions));
  const Assignment a = assign_helpers(p);
  const auto expected =
      std::min<std::size_t>(p.household_region.size(), static_cast<std::size_t>(total_capacity));
  EXPECT_EQ(p.household_region.size() - a.unassigned, expected);
  for (std::size_t u = 0; u < p.units.size(); ++u) EXPECT_LE(a.load[u], p.units[u].capacity);
}

}  // namespace
}  // namespace fupin::models
