#include "models/programmes/money_plan.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "models/programmes/allocation.hpp"
#include "models/programmes/programme_kind.hpp"

namespace fupin::models {

namespace {

// Regions of level `child` inside one region of level `parent` (1 for the same level).
std::int64_t regions_per(const GeographySpec& g, Level parent, Level child) {
  std::int64_t n = 1;
  if (parent == Level::county && child != Level::county) n *= g.townships_per_county;
  if (parent <= Level::township && child >= Level::village) n *= g.villages_per_township;
  return n;
}

std::vector<LevelAmount> through_levels(const GeographySpec& g, const ProgrammeSpec& p, Level first,
                                        const std::vector<AllocationStage>& stages,
                                        const Arrival& arrival, const std::string& pooled_into) {
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
      for (const auto& [count, each] : arrival.per_region)
        admin += admin_share(each, &p.admin_cost, l) * count;
    } else {
      admin = admin_share(arriving, &p.admin_cost, l);
      // Σ round(x_i r) − round(Σ x_i r) lies strictly between −(n + 1)/2 and (n + 1)/2.
      if (admin.fen() > 0 || p.admin_cost.contains(l))
        rounding += sim::Money::from_fen(receipts / 2);
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

}  // namespace

void KindPlan::add(int year, int recipients, const char* what, sim::Money amount,
                   std::vector<LevelAmount> levels, const char* account, bool at_most,
                   const std::string& stream) {
  if (amount.fen() <= 0) return;
  out.push_back({p.name, stream.empty() ? p.stream : stream, account, year, recipients, what,
                 amount, at_most, std::move(levels)});
  if (!into.empty() && !out.back().levels.empty() && out.back().levels.back().pooled_into == into) {
    Arrival& a = pooled[into][year];
    a.total += out.back().levels.back().amount;
    a.rounding += out.back().levels.back().rounding;
    a.receipts += counties;  // each source disbursement is one receipt per county
    out.back().levels.pop_back();
  }
}

std::vector<LevelAmount> KindPlan::through_levels(Level first,
                                                  const std::vector<AllocationStage>& stages,
                                                  const Arrival& arrival,
                                                  const std::string& pooled_into) const {
  return models::through_levels(s.geography, p, first, stages, arrival, pooled_into);
}

std::vector<PlannedFlow> plan_money(const Scenario& s) {
  const auto& g = s.geography;
  const int counties = g.counties;
  const int townships = g.counties * g.townships_per_county;
  const int villages = townships * g.villages_per_township;
  // Pooling programmes (county fund integrations): the programme that takes each source's county
  // money over.
  std::map<std::string, std::string> integration_of;
  for (const ProgrammeSpec& p : s.programmes) {
    for (const std::string& source : kind_info(p).pools(p)) integration_of[source] = p.name;
  }
  // Money pooled at county level per integration and year, with its rounding and receipts.
  std::map<std::string, std::map<int, Arrival>> pooled;

  std::vector<PlannedFlow> out;
  for (const ProgrammeSpec& p : s.programmes) {
    const auto found = integration_of.find(p.name);
    const std::string into = found != integration_of.end() ? found->second : std::string();
    KindPlan plan{s, p, into, counties, townships, villages, out, pooled};
    kind_run(p).plan_money(plan);
  }
  // Each pooling programme spends what its sources pooled, in year order, after its sources.
  std::vector<PlannedFlow> ordered;
  for (const ProgrammeSpec& p : s.programmes) {
    for (PlannedFlow& f : out) {
      if (f.programme == p.name) ordered.push_back(std::move(f));
    }
    const ProgrammeKindInfo& kind = kind_info(p);
    if (kind.pools(p).empty()) continue;
    for (const auto& [year, a] : pooled[p.name]) {
      ordered.push_back({p.name, p.stream, "", year, counties, "counties", a.total, false,
                         through_levels(g, p, Level::county, *kind.allocation(p), a, {})});
    }
  }
  return ordered;
}

}  // namespace fupin::models
