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

// Money reaching each level below `first`, shrinking by the admin cost retained at each level.
std::vector<LevelAmount> through_levels(const ProgrammeSpec& p, Level first, const std::vector<AllocationStage>& stages,
                                        sim::Money amount) {
  std::vector<Level> levels{first};
  for (const AllocationStage& st : stages) {
    if (st.level > levels.back()) levels.push_back(st.level);
  }
  std::vector<LevelAmount> out;
  sim::Money arriving = amount;
  for (Level l : levels) {
    out.push_back({level_name(l), arriving});
    const auto it = p.admin_cost.find(l);
    if (it != p.admin_cost.end()) {
      arriving -= sim::Money::from_fen(static_cast<std::int64_t>(std::floor(static_cast<long double>(arriving.fen()) * it->second)));
    }
  }
  return out;
}

}  // namespace

std::vector<PlannedFlow> plan_money(const Scenario& s) {
  const auto& g = s.geography;
  const int townships = g.counties * g.townships_per_county;
  const int villages = townships * g.villages_per_township;
  std::vector<PlannedFlow> out;
  for (const ProgrammeSpec& p : s.programmes) {
    const auto add = [&](int year, int recipients, const char* what, sim::Money amount, std::vector<LevelAmount> levels) {
      if (amount.fen() > 0) out.push_back({p.name, p.stream, year, recipients, what, amount, std::move(levels)});
    };
    std::visit(
        [&](const auto& k) {
          using T = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<T, TownshipPackageSpec>) {
            int selected = 0;
            std::vector<std::pair<int, int>> cohorts;  // (year, size) as selection will make them
            for (const Cohort& c : k.cohorts) {
              const int size = std::min(cohort_size(c, townships), townships - selected);
              selected += size;
              cohorts.emplace_back(c.year, size);
            }
            for (int year = s.start_year; year <= s.end_year; ++year) {
              int n = 0;
              sim::Money amount;
              for (const auto& [cohort_year, size] : cohorts) {
                const sim::Money each = TownshipPackage::due(k, cohort_year, year);
                if (each.fen() > 0 && size > 0) {
                  n += size;
                  amount += each * size;
                }
              }
              add(year, n, "townships", amount, through_levels(p, Level::township, k.allocation, amount));
            }
          } else if constexpr (std::is_same_v<T, SpecialFundSpec> || std::is_same_v<T, DonationSpec>) {
            const YearlyAmounts* amounts;
            if constexpr (std::is_same_v<T, SpecialFundSpec>) amounts = &k.appropriations; else amounts = &k.amounts;
            for (const auto& [year, amount] : *amounts) {
              const Level first = k.allocation.front().level;
              add(year, 0, level_name(first), amount, through_levels(p, first, k.allocation, amount));
            }
          } else if constexpr (std::is_same_v<T, SectorChannelSpec>) {
            for (const auto& [year, amount] : k.budget) {
              const auto units = k.unit_cost.fen() > 0 ? static_cast<int>(amount.fen() / k.unit_cost.fen()) : 0;
              add(year, units, k.unit == UnitKind::village ? "village units" : "household units", amount, {});
            }
          } else if constexpr (std::is_same_v<T, VillagePackageSpec>) {
            int selected = 0;
            std::vector<std::pair<int, int>> cohorts;
            for (const auto& c : k.cohorts) {
              const int want = c.share > 0 ? static_cast<int>(std::llround(c.share * villages)) : c.count;
              const int size = std::min(want, villages - selected);
              selected += size;
              cohorts.emplace_back(c.year, size);
            }
            for (int year = s.start_year; year <= s.end_year; ++year) {
              int n = 0;
              sim::Money amount;
              for (const auto& [cohort_year, size] : cohorts) {
                for (const Tranche& t : k.tranches) {
                  if (cohort_year + t.programme_year - 1 == year && size > 0) {
                    n += size;
                    amount += t.amount * size;
                  }
                }
              }
              add(year, n, "villages", amount, through_levels(p, Level::village, k.allocation, amount));
            }
          } else if constexpr (std::is_same_v<T, EastWestSpec>) {
            for (int year = s.start_year; year <= s.end_year; ++year) {
              const double factor = std::pow(1.0 + k.aid_growth, year - s.start_year);
              const sim::Money each = sim::Money::from_fen(std::llround(static_cast<double>(k.aid_base.fen()) * factor));
              int counties = 0;
              for (const auto& pairing : k.pairings) counties += static_cast<int>(pairing.counties.size());
              const sim::Money amount = each * static_cast<std::int64_t>(k.pairings.size());
              add(year, counties, "paired counties", amount, through_levels(p, Level::county, k.allocation, amount));
            }
          } else if constexpr (std::is_same_v<T, PairedAssistanceSpec>) {
            sim::Money amount;
            for (const auto& u : k.units) amount += u.money_per_year;
            for (int year = s.start_year; year <= s.end_year; ++year) {
              add(year, static_cast<int>(k.units.size()), "helper units (at most; only to households followed)", amount, {});
            }
          } else if constexpr (std::is_same_v<T, MicrocreditSpec>) {
            for (const auto& [year, loans] : k.loans) {
              add(year, loans, "loans (at most; eligible households permitting)", k.loan_amount * loans, {});
            }
          } else if constexpr (std::is_same_v<T, MutualAidFundSpec>) {
            add(k.seed_year, k.villages, "village funds (seed capital)", k.seed_capital * k.villages, {});
          } else if constexpr (std::is_same_v<T, FundIntegrationSpec>) {
            // Pools the county money of its sources: it issues nothing of its own.
          }
        },
        p.params);
  }
  return out;
}

}  // namespace fupin::models
