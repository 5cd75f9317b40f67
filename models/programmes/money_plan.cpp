#include "models/programmes/money_plan.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "models/programmes/allocation.hpp"
#include "models/programmes/east_west.hpp"
#include "models/programmes/township_package.hpp"

namespace fupin::models {

namespace {

int cohort_size(const Cohort& c, int total_townships) {
  if (c.selection == Selection::listed) return static_cast<int>(c.townships.size());
  if (c.share > 0) return static_cast<int>(std::llround(c.share * total_townships));
  return c.count;
}

// Regions of level `child` inside one region of level `parent` (1 for the same level).
std::int64_t regions_per(const GeographySpec& g, Level parent, Level child) {
  std::int64_t n = 1;
  if (parent == Level::county && child != Level::county) n *= g.townships_per_county;
  if (parent <= Level::township && child >= Level::village) n *= g.villages_per_township;
  return n;
}

// What the first level receives in one year.
struct Arrival {
  sim::Money total;
  // The amount of each receiving region (count, amount each) when the scenario fixes it; empty
  // when a rule splits the total by population.
  std::vector<std::pair<std::int64_t, sim::Money>> per_region;
  std::int64_t receipts = 0;  // regions receiving money (each receipt is one admin rounding)
  sim::Money rounding;        // uncertainty already in the total (pooled money)
};

// Money reaching each level from `first` down, shrinking by the admin cost retained at each level
// the way flow_down retains it: per receiving region, rounded by admin_share. Stops at the first
// level where `pooled_into` takes the money over (county).
std::vector<LevelAmount> through_levels(const GeographySpec& g, const ProgrammeSpec& p, Level first,
                                        const std::vector<AllocationStage>& stages, const Arrival& arrival,
                                        const std::string& pooled_into = {}) {
  std::vector<Level> levels{first};
  for (const AllocationStage& st : stages) {
    if (st.level > levels.back()) levels.push_back(st.level);
  }
  std::vector<LevelAmount> out;
  sim::Money arriving = arrival.total;
  sim::Money rounding = arrival.rounding;
  std::int64_t receipts = arrival.receipts;
  for (std::size_t j = 0; j < levels.size(); ++j) {
    const Level l = levels[j];
    out.push_back({level_name(l), arriving, rounding, {}});
    if (l == Level::household) break;
    sim::Money admin;
    if (j == 0 && !arrival.per_region.empty()) {
      for (const auto& [count, each] : arrival.per_region) admin += admin_share(each, &p.admin_cost, l) * count;
    } else {
      admin = admin_share(arriving, &p.admin_cost, l);
      // Σ round(x_i r) − round(Σ x_i r) lies strictly between −(n + 1)/2 and (n + 1)/2.
      if (admin.fen() > 0 || p.admin_cost.contains(l)) rounding += sim::Money::from_fen(receipts / 2);
    }
    arriving -= admin;
    if (!pooled_into.empty() && l == Level::county) {
      out.back().pooled_into = pooled_into;
      // What the integration receives: after this level's admin cost.
      out.push_back({level_name(l), arriving, rounding, pooled_into});
      break;
    }
    if (j + 1 < levels.size()) receipts *= regions_per(g, l, levels[j + 1]);
  }
  return out;
}

// Interest subsidy per year on `loans` loans issued in `year` if none defaults (LoanBook::service).
void add_subsidy(const MicrocreditSpec& k, int issue_year, int loans, int end_year, std::map<int, sim::Money>& out) {
  sim::Money outstanding = k.loan_amount;
  for (int t = issue_year + 1, paid = 0; t <= end_year && paid < k.term_years; ++t, ++paid) {
    const sim::Money interest = outstanding.times(k.interest_rate);
    out[t] += interest.times(k.subsidy_share) * loans;
    outstanding -= sim::Money::from_fen(outstanding.fen() / (k.term_years - paid));
  }
}

}  // namespace

std::vector<PlannedFlow> plan_money(const Scenario& s) {
  const auto& g = s.geography;
  const int counties = g.counties;
  const int townships = g.counties * g.townships_per_county;
  const int villages = townships * g.villages_per_township;
  // County fund integrations: the programme that takes each source's county money over.
  std::map<std::string, std::string> integration_of;
  for (const ProgrammeSpec& p : s.programmes) {
    if (const auto* f = std::get_if<FundIntegrationSpec>(&p.params)) {
      for (const std::string& source : f->sources) integration_of[source] = p.name;
    }
  }
  // Money pooled at county level per integration and year, with its rounding and receipts.
  std::map<std::string, std::map<int, Arrival>> pooled;

  std::vector<PlannedFlow> out;
  for (const ProgrammeSpec& p : s.programmes) {
    const auto found = integration_of.find(p.name);
    const std::string into = found != integration_of.end() ? found->second : std::string();
    const auto add = [&](int year, int recipients, const char* what, sim::Money amount, std::vector<LevelAmount> levels,
                         const char* account = "source", bool at_most = false, const std::string& stream = {}) {
      if (amount.fen() <= 0) return;
      out.push_back({p.name, stream.empty() ? p.stream : stream, account, year, recipients, what, amount, at_most,
                     std::move(levels)});
      if (!into.empty() && !out.back().levels.empty() && out.back().levels.back().pooled_into == into) {
        Arrival& a = pooled[into][year];
        a.total += out.back().levels.back().amount;
        a.rounding += out.back().levels.back().rounding;
        a.receipts += counties;  // each source disbursement is one receipt per county
        out.back().levels.pop_back();
      }
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
              Arrival a;
              for (const auto& [cohort_year, size] : cohorts) {
                const sim::Money each = TownshipPackage::due(k, cohort_year, year);
                if (each.fen() > 0 && size > 0) {
                  a.receipts += size;
                  a.total += each * size;
                  a.per_region.emplace_back(size, each);
                }
              }
              add(year, static_cast<int>(a.receipts), "townships", a.total,
                  through_levels(g, p, Level::township, k.allocation, a));
            }
          } else if constexpr (std::is_same_v<T, SpecialFundSpec> || std::is_same_v<T, DonationSpec>) {
            const YearlyAmounts* amounts;
            if constexpr (std::is_same_v<T, SpecialFundSpec>) amounts = &k.appropriations; else amounts = &k.amounts;
            const Level first = k.allocation.front().level;
            const std::int64_t regions = first == Level::county ? counties : first == Level::township ? townships : villages;
            for (const auto& [year, amount] : *amounts) {
              if (year < s.start_year || year > s.end_year) continue;
              Arrival a;
              a.total = amount;
              a.receipts = regions;
              add(year, 0, level_name(first), amount,
                  through_levels(g, p, first, k.allocation, a, first == Level::county ? into : std::string()));
            }
          } else if constexpr (std::is_same_v<T, SectorChannelSpec>) {
            for (const auto& [year, amount] : k.budget) {
              if (year < s.start_year || year > s.end_year) continue;
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
              std::vector<sim::Money> each_of(cohorts.size());
              for (std::size_t c = 0; c < cohorts.size(); ++c) {
                for (const Tranche& t : k.tranches) {
                  if (cohorts[c].first + t.programme_year - 1 == year) each_of[c] += t.amount;
                }
              }
              Arrival a;
              for (std::size_t c = 0; c < cohorts.size(); ++c) {
                if (each_of[c].fen() <= 0 || cohorts[c].second <= 0) continue;
                a.receipts += cohorts[c].second;
                a.total += each_of[c] * cohorts[c].second;
                a.per_region.emplace_back(cohorts[c].second, each_of[c]);
              }
              add(year, static_cast<int>(a.receipts), "villages", a.total,
                  through_levels(g, p, Level::village, k.allocation, a));
            }
          } else if constexpr (std::is_same_v<T, EastWestSpec>) {
            for (int year = s.start_year; year <= s.end_year; ++year) {
              // Each donor's aid split equally among its counties, as the run splits it.
              const sim::Money each = EastWest::aid(k, s.start_year, year);
              std::map<std::string, sim::Money> aid_of;
              int donors = 0;
              for (const auto& pairing : k.pairings) {
                std::set<std::string> names(pairing.counties.begin(), pairing.counties.end());
                if (names.empty()) continue;
                ++donors;
                const std::vector<std::int64_t> ones(names.size(), 1);
                const auto parts = sim::split_largest_remainder(each, std::span<const std::int64_t>(ones));
                std::size_t i = 0;
                for (const std::string& c : names) aid_of[c] += parts[i++];
              }
              Arrival a;
              for (const auto& [county, amount] : aid_of) {
                if (amount.fen() <= 0) continue;
                a.total += amount;
                a.per_region.emplace_back(1, amount);
                ++a.receipts;
              }
              add(year, static_cast<int>(aid_of.size()), "paired counties", a.total,
                  through_levels(g, p, Level::county, k.allocation, a, into));
              add(year, static_cast<int>(aid_of.size()), "paired counties (enterprise investment, not poverty funds)",
                  k.investment_per_year * donors, {}, "enterprise");
            }
          } else if constexpr (std::is_same_v<T, PairedAssistanceSpec>) {
            sim::Money amount;
            for (const auto& u : k.units) amount += u.money_per_year;
            for (int year = s.start_year; year <= s.end_year; ++year) {
              add(year, static_cast<int>(k.units.size()), "helper units (only to households followed)", amount,
                  {{level_name(Level::household), amount, {}, {}}}, "source", true);
            }
          } else if constexpr (std::is_same_v<T, MicrocreditSpec>) {
            std::map<int, sim::Money> subsidy;
            for (const auto& [year, loans] : k.loans) {
              if (year < s.start_year || year > s.end_year) continue;
              const sim::Money amount = k.loan_amount * loans;
              add(year, loans, "loans (eligible households permitting)", amount,
                  {{level_name(Level::household), amount, {}, {}}}, "source", true);
              add_subsidy(k, year, loans, s.end_year, subsidy);
            }
            for (const auto& [year, amount] : subsidy) {
              add(year, 0, "interest on the loans out (if every planned loan is issued and none defaults)", amount, {},
                  "interest_subsidy", true, k.subsidy_stream);
            }
          } else if constexpr (std::is_same_v<T, MutualAidFundSpec>) {
            const int funds = std::min(k.villages, villages);
            if (k.seed_year >= s.start_year && k.seed_year <= s.end_year) {
              add(k.seed_year, funds, "village funds (seed capital)", k.seed_capital * funds, {});
            }
          } else if constexpr (std::is_same_v<T, FundIntegrationSpec>) {
            // Pools the county money of its sources (listed before it is planned: see below).
          }
        },
        p.params);
  }
  // Each fund integration spends what its sources pooled, in year order, after its sources.
  std::vector<PlannedFlow> ordered;
  for (const ProgrammeSpec& p : s.programmes) {
    for (PlannedFlow& f : out) {
      if (f.programme == p.name) ordered.push_back(std::move(f));
    }
    const auto* f = std::get_if<FundIntegrationSpec>(&p.params);
    if (f == nullptr) continue;
    for (const auto& [year, a] : pooled[p.name]) {
      ordered.push_back({p.name, p.stream, "", year, counties, "counties", a.total, false,
                         through_levels(g, p, Level::county, f->allocation, a)});
    }
  }
  return ordered;
}

}  // namespace fupin::models
