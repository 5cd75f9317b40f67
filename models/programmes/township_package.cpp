#include "models/programmes/township_package.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "models/programmes/programme_kind.hpp"
#include "models/state/phases.hpp"

namespace fupin::models {

namespace {

// People, poor people and income mass of a region's households: region_stats' sums of them, in
// the same order and so the same bits (adding 0.0 for a household above the line changes no bit),
// without its other sums and branches. People are whole numbers, so their sums are counted as
// integers, which are the double sums exactly (below 2^53) and leave one chain of floating-point
// additions, the income mass, which only `kMass` computes.
struct PeopleSums {
  double people = 0;
  double poor_people = 0;
  double income_mass = 0;
};

template <bool kMass>
PeopleSums people_sums(const World& w, Level level, std::size_t index, double line) {
  const Range v = child_range(w, level, index, Level::village);
  const std::uint8_t* size = w.households.size.data();
  const double* income = w.households.income.data();
  std::uint64_t people = 0;
  std::uint64_t poor_people = 0;
  double income_mass = 0;
  for (std::uint32_t i = w.villages.children[v.begin].begin; i < w.villages.children[v.end - 1].end;
       ++i) {
    people += size[i];
    poor_people += income[i] < line ? size[i] : 0U;
    if constexpr (kMass) income_mass += static_cast<double>(size[i]) * income[i];
  }
  return {static_cast<double>(people), static_cast<double>(poor_people), income_mass};
}

}  // namespace

std::vector<double> headcount_ratios(SimulationState& s, Level level, int year) {
  const double line = s.line(year);
  std::vector<double> ratio(s.regions(level).size(), 0.0);
  s.engine.for_each_lp([&](std::size_t county) {
    const Range regions = child_range(s.world, Level::county, county, level);
    for (std::uint32_t r = regions.begin; r < regions.end; ++r) {
      const PeopleSums st = people_sums<false>(s.world, level, r, line);
      ratio[r] = st.people > 0 ? st.poor_people / st.people : 0.0;
    }
  });
  return ratio;
}

std::vector<std::size_t> poorest_first(const std::vector<double>& ratio,
                                       std::vector<std::size_t> open, std::size_t take) {
  // Highest ratio first; ties to the lower index (stable sort of an index-ordered list).
  std::stable_sort(open.begin(), open.end(),
                   [&](std::size_t a, std::size_t b) { return ratio[a] > ratio[b]; });
  open.resize(std::min(take, open.size()));
  return open;
}

namespace {
// People and income mass of every township (fan-out over counties).
void township_mass(SimulationState& s, int year, std::vector<double>& people,
                   std::vector<double>& mass) {
  people.assign(s.world.townships.size(), 0.0);
  mass.assign(s.world.townships.size(), 0.0);
  s.engine.for_each_lp([&](std::size_t county) {
    const Range towns = s.world.counties.children[county];
    for (std::uint32_t t = towns.begin; t < towns.end; ++t) {
      const PeopleSums st = people_sums<true>(s.world, Level::township, t, s.line(year));
      people[t] = st.people;
      mass[t] = st.income_mass;
    }
  });
}
}  // namespace

TownshipPackage::TownshipPackage(int index, const ProgrammeSpec& spec, SimulationState& s)
    : Programme(index, spec, s),
      params_(params_of<TownshipPackageSpec>(spec)),
      cohort_(s.world.townships.size(), 0) {
  std::vector<Level> levels{Level::township};
  for (const AllocationStage& st : params_.allocation) {
    if (st.level == Level::village) levels.push_back(Level::village);
  }
  open_accounts(s, levels, true);
  plan_ = make_plan(params_.allocation, params_.project);
}

sim::Money TownshipPackage::due(const TownshipPackageSpec& p, int cohort_year, int year) {
  sim::Money total;
  for (const Tranche& t : p.tranches) {
    if (cohort_year + t.programme_year - 1 == year) total += t.amount;
  }
  for (const TopUp& u : p.top_ups) {
    if (u.cohort_year == cohort_year && u.year == year) total += u.amount;
  }
  return total;
}

void TownshipPackage::select_cohort(SimulationState& s, const Cohort& cohort) {
  const std::size_t n = s.world.townships.size();
  if (cohort.selection == Selection::listed) {
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t t = 0; t < n; ++t) index.emplace(s.world.townships.name[t], t);
    for (const std::string& name : cohort.townships) {
      const auto it = index.find(name);
      if (it == index.end())
        throw std::invalid_argument("no township named '" + name + "' in the geography");
      if (cohort_[it->second] != 0) {
        throw std::invalid_argument("township '" + name + "' is already in the cohort of " +
                                    std::to_string(cohort_[it->second]));
      }
      cohort_[it->second] = cohort.year;
    }
  } else {
    const std::vector<double> ratio = headcount_ratios(s, Level::township, cohort.year);
    // Townships that a listed cohort names are reserved for it: poorest-first selection never
    // takes them, so a listed cohort never meets a township already selected (the loader checks
    // that all cohorts together select at most every township, so enough remain open).
    std::unordered_set<std::string> reserved;
    for (const Cohort& c : params_.cohorts) {
      if (c.selection == Selection::listed) reserved.insert(c.townships.begin(), c.townships.end());
    }
    std::vector<std::size_t> open;
    for (std::size_t t = 0; t < n; ++t) {
      if (cohort_[t] == 0 && reserved.count(s.world.townships.name[t]) == 0) open.push_back(t);
    }
    const auto wanted =
        cohort.share > 0
            ? static_cast<std::size_t>(std::llround(cohort.share * static_cast<double>(n)))
            : static_cast<std::size_t>(cohort.count);
    for (std::size_t t : poorest_first(ratio, std::move(open), wanted)) cohort_[t] = cohort.year;
  }
  for (std::size_t t = 0; t < n; ++t) {
    if (cohort_[t] == cohort.year) s.signals.select_township(t, cohort.year);
  }
}

void TownshipPackage::start_year(SimulationState& s, int year) {
  if (last_mean_.empty()) {
    std::vector<double> people, mass;
    township_mass(s, year, people, mass);
    last_mean_.assign(people.size(), 0.0);
    for (std::size_t t = 0; t < people.size(); ++t)
      last_mean_[t] = people[t] > 0 ? mass[t] / people[t] : 0.0;
  }
  for (const Cohort& c : params_.cohorts) {
    if (c.year == year) select_cohort(s, c);
  }
  disburse(s, year);
}

void TownshipPackage::disburse(SimulationState& s, int year) {
  std::vector<std::pair<std::uint32_t, sim::Money>> grants;
  for (std::size_t t = 0; t < cohort_.size(); ++t) {
    if (cohort_[t] == 0) continue;
    const sim::Money amount = due(params_, cohort_[t], year);
    if (amount.fen() > 0) grants.emplace_back(static_cast<std::uint32_t>(t), amount);
  }
  if (grants.empty()) return;
  const sim::Date date =
      sim::Date::from_civil(year, params_.disbursement_month, params_.disbursement_day);
  plan_.date = date;
  // The province appropriates on the disbursement date (global event); each township then splits
  // its money inside its own county's logical process, just after.
  s.engine.schedule_global(
      at(date, Phase::disbursement), [this, &s, grants, date](sim::Engine& engine) {
        // Named copies, not structured bindings: C++20 lets a lambda capture a structured binding,
        // but clang 14 does not implement it yet.
        for (const auto& grant : grants) {
          const std::uint32_t t = grant.first;
          const sim::Money amount = grant.second;
          s.global_journal.post(accounts_.source, accounts_.township[t], amount, date,
                                accounts_.stream);
          engine.schedule_local(s.lp_of(Level::township, t), at(date, Phase::allocation),
                                [this, &s, t, amount](sim::LpContext& ctx) {
                                  flow_down(FlowScope::local(s, ctx.lp()), s.lp[ctx.lp()].journal,
                                            plan_, Level::township, t, amount);
                                });
        }
      });
}

// Person-weighted growth of mean per-capita income over the year in the townships selected so far
// minus the others: how much faster programme townships grow (the 2008 document observed at least
// two percentage points for villages with completed plans).

void TownshipPackage::end_year(SimulationState& s, int year) {
  Programme::end_year(s, year);
  const std::size_t n = cohort_.size();
  std::vector<double> people, mass;
  township_mass(s, year, people, mass);
  growth_gap_ = 0;
  if (!last_mean_.empty()) {
    double sel_now = 0, sel_before = 0, other_now = 0, other_before = 0;
    for (std::size_t t = 0; t < n; ++t) {
      const bool selected = cohort_[t] != 0 && cohort_[t] <= year;
      (selected ? sel_now : other_now) += mass[t];
      (selected ? sel_before : other_before) += last_mean_[t] * people[t];
    }
    if (sel_before > 0 && other_before > 0)
      growth_gap_ = sel_now / sel_before - other_now / other_before;
  }
  last_mean_.assign(n, 0.0);
  for (std::size_t t = 0; t < n; ++t) last_mean_[t] = people[t] > 0 ? mass[t] / people[t] : 0.0;
}

void TownshipPackage::record_year(const SimulationState&, int year, ProgrammeSeries& out) const {
  const auto selected = std::count_if(cohort_.begin(), cohort_.end(),
                                      [year](std::int32_t c) { return c != 0 && c <= year; });
  record(out, "townships_selected", "townships", "townships selected so far (cumulative)",
         static_cast<double>(selected));
  record(out, "growth_gap", "1",
         "income growth this year of the townships selected so far minus the others", growth_gap_);
}

namespace {

int cohort_size(const Cohort& c, int total_townships) {
  if (c.selection == Selection::listed) return static_cast<int>(c.townships.size());
  if (c.share > 0) return static_cast<int>(std::llround(c.share * total_townships));
  return c.count;
}

void plan_township_package(KindPlan& plan) {
  const auto& k = params_of<TownshipPackageSpec>(plan.p);
  const Scenario& s = plan.s;
  int selected = 0;
  std::vector<std::pair<int, int>> cohorts;  // (year, size) as selection will make them
  for (const Cohort& c : k.cohorts) {
    const int size = std::min(cohort_size(c, plan.townships), plan.townships - selected);
    selected += size;
    cohorts.emplace_back(c.year, size);
  }
  for (int year = s.start_year; year <= s.end_year; ++year) {
    Arrival a;
    for (const auto& [cohort_year, size] : cohorts) {
      const sim::Money each = TownshipPackage::due(k, cohort_year, year);
      if (each.fen() > 0 && size > 0) {
        a.receipts += size;
        a.total += each * size;
        a.per_region.emplace_back(size, each);
      }
    }
    plan.add(year, static_cast<int>(a.receipts), "townships", a.total,
             plan.through_levels(Level::township, k.allocation, a));
  }
}

HouseholdReach township_package_reach(const ReachContext& c, const ProgrammeSpec& p) {
  const auto& k = params_of<TownshipPackageSpec>(p);
  double most = 0;
  for (const Cohort& cohort : k.cohorts) {
    sim::Money m;
    for (int y = c.s.start_year; y <= c.s.end_year; ++y)
      m += TownshipPackage::due(k, cohort.year, y);
    most = std::max(most, m.yuan());
  }
  return c.even(most, c.per_township, "township");
}

}  // namespace

ProgrammeKindRun township_package_run() {
  ProgrammeKindRun r;
  r.name = "township_package";
  r.create = [](int index, const ProgrammeSpec& spec,
                SimulationState& s) -> std::unique_ptr<Programme> {
    return std::make_unique<TownshipPackage>(index, spec, s);
  };
  r.plan_money = plan_township_package;
  r.first_scope = [](const ProgrammeSpec&) -> std::optional<RuleScope> {
    return RuleScope{Level::township, "the package gives each township its own amount"};
  };
  r.reach = township_package_reach;
  return r;
}

}  // namespace fupin::models
