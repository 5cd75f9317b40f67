#include "models/programmes/money_plan.hpp"

#include <algorithm>
#include <cmath>

#include "models/programmes/township_package.hpp"

namespace fupin::models {

namespace {

int cohort_size(const Cohort& c, int total_townships) {
  if (c.selection == Selection::listed) return static_cast<int>(c.townships.size());
  if (c.share > 0) return static_cast<int>(std::llround(c.share * total_townships));
  return c.count;
}

}  // namespace

std::vector<PlannedFlow> plan_money(const Scenario& s) {
  const int total = s.geography.counties * s.geography.townships_per_county;
  std::vector<PlannedFlow> out;
  for (const ProgrammeSpec& p : s.programmes) {
    const auto& tp = std::get<TownshipPackageSpec>(p.params);
    int selected = 0;
    std::vector<std::pair<int, int>> cohorts;  // (year, size) as selection will make them
    for (const Cohort& c : tp.cohorts) {
      const int size = std::min(cohort_size(c, total), total - selected);
      selected += size;
      cohorts.emplace_back(c.year, size);
    }
    for (int year = s.start_year; year <= s.end_year; ++year) {
      PlannedFlow f{p.name, p.stream, year, 0, {}};
      for (const auto& [cohort_year, size] : cohorts) {
        const sim::Money each = TownshipPackage::due(tp, cohort_year, year);
        if (each.fen() > 0 && size > 0) {
          f.townships += size;
          f.amount += each * size;
        }
      }
      if (f.amount.fen() > 0) out.push_back(f);
    }
  }
  return out;
}

}  // namespace fupin::models
