#include "models/programmes/east_west.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "models/network/helper_assignment.hpp"
#include "models/programmes/programme_kind.hpp"
#include "models/state/phases.hpp"

namespace fupin::models {

namespace {
inline constexpr const char* kEnterprise = "enterprise";  // private investment, not poverty funds
inline constexpr const char* kInvestment = "investment";

// Splits a whole number of items as equally as possible (largest remainder, ties to lower index).
std::vector<std::int64_t> split_count(std::int64_t total, std::size_t parts) {
  std::vector<std::int64_t> out(parts, 0);
  if (parts == 0) return out;
  const auto n = static_cast<std::int64_t>(parts);
  for (std::size_t k = 0; k < parts; ++k)
    out[k] = total / n + (static_cast<std::int64_t>(k) < total % n ? 1 : 0);
  return out;
}
}  // namespace

EastWest::EastWest(int index, const ProgrammeSpec& spec, SimulationState& s)
    : Programme(index, spec, s),
      params_(params_of<EastWestSpec>(spec)),
      first_year_(s.scenario.start_year),
      local_jobs_(s.world.counties.size(), 0),
      migrants_(s.world.counties.size(), 0) {
  std::vector<Level> levels{Level::county};
  for (const AllocationStage& st : params_.allocation) {
    if (st.level != Level::household) levels.push_back(st.level);
  }
  open_accounts(s, levels, true);
  plan_ = make_plan(params_.allocation, params_.project);
  std::unordered_map<std::string, std::uint32_t> county_index;
  for (std::uint32_t c = 0; c < s.world.counties.size(); ++c)
    county_index.emplace(s.world.counties.name[c], c);
  std::vector<Pairing> pairings;
  for (const auto& p : params_.pairings) {
    Pairing pairing{p.donor, {}};
    for (const std::string& c : p.counties) {
      const auto it = county_index.find(c);
      if (it == county_index.end())
        throw std::invalid_argument("east-west donor '" + p.donor + "': no county '" + c + "'");
      pairing.counties.push_back(it->second);
    }
    std::sort(pairing.counties.begin(), pairing.counties.end());
    pairing.counties.erase(std::unique(pairing.counties.begin(), pairing.counties.end()),
                           pairing.counties.end());
    counties_of_donor_.push_back(pairing.counties);
    pairings.push_back(std::move(pairing));
  }
  // The pairing graph, seen from the west: which donors each county has.
  const auto donors = donors_of_county(pairings, s.world.counties.size());
  for (const auto& d : donors) {
    paired_counties_ += d.empty() ? 0 : 1;
    several_donors_ += d.size() > 1 ? 1 : 0;
  }
  enterprise_source_ = s.add_account(spec.name + "/enterprise", kEnterprise, index, true);
  for (const std::string& c : s.world.counties.name) {
    enterprise_account_.push_back(
        s.add_account(spec.name + "/investment/" + c, kInvestment, index));
  }
}

sim::Money EastWest::aid(const EastWestSpec& p, int first_year, int year) {
  sim::Money a = p.aid_base;
  for (int y = first_year; y < year; ++y) a += a.times(p.aid_growth);
  return a;
}

void EastWest::place_jobs(CountyView county, std::int64_t jobs, std::uint8_t flag, double yearly,
                          int year) {
  Households& h = county.world.households;
  const Range r = county.households;
  std::vector<std::uint32_t> open;
  for (std::uint32_t i = r.begin; i < r.end; ++i) {
    if ((h.flags[i] & kRegistered) && h.labourers[i] > 0 && (h.flags[i] & flag) == 0)
      open.push_back(i);
  }
  std::stable_sort(open.begin(), open.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return h.income[a] < h.income[b]; });
  const auto take =
      std::min<std::size_t>(open.size(), static_cast<std::size_t>(std::max<std::int64_t>(jobs, 0)));
  for (std::size_t k = 0; k < take; ++k) {
    const std::uint32_t i = open[k];
    h.flags[i] |= flag;
    const IncomeSource source =
        flag == kLocalJob ? IncomeSource::job_wage : IncomeSource::away_remittance;
    county.lp.pending.push_back({i, year, yearly / h.size[i], 0.0F, -1, source});
  }
  (flag == kLocalJob ? local_jobs_ : migrants_)[county.index] +=
      static_cast<std::int64_t>(take);  // else kTransferred
}

void EastWest::start_year(SimulationState& s, int year) {
  const sim::Date date =
      sim::Date::from_civil(year, params_.disbursement_month, params_.disbursement_day);
  plan_.date = date;
  investment_this_year_ = 0;
  s.engine.schedule_global(
      at(date, Phase::disbursement), [this, &s, date, year](sim::Engine& engine) {
        std::vector<sim::Money> aid_of(s.world.counties.size());
        std::vector<std::int64_t> local_jobs(s.world.counties.size(), 0),
            transfers(s.world.counties.size(), 0);
        const auto jobs = static_cast<std::int64_t>(
            std::floor(params_.investment_per_year.yuan() / 1e6 * params_.jobs_per_million + 1e-9));
        for (const auto& counties : counties_of_donor_) {
          if (counties.empty()) continue;
          const std::vector<std::int64_t> ones(counties.size(), 1);
          const auto parts = sim::split_largest_remainder(aid(params_, first_year_, year),
                                                          std::span<const std::int64_t>(ones));
          const auto invest = sim::split_largest_remainder(params_.investment_per_year,
                                                           std::span<const std::int64_t>(ones));
          const auto job_parts = split_count(jobs, counties.size());
          const auto transfer_parts = split_count(params_.transfer_jobs_per_year, counties.size());
          for (std::size_t k = 0; k < counties.size(); ++k) {
            const std::uint32_t c = counties[k];
            aid_of[c] += parts[k];
            local_jobs[c] += job_parts[k];
            transfers[c] += transfer_parts[k];
            if (invest[k].fen() > 0) {
              s.global_journal.post(enterprise_source_, enterprise_account_[c], invest[k], date,
                                    accounts_.stream);
              investment_this_year_ += invest[k].yuan();
            }
          }
        }
        for (std::uint32_t c = 0; c < aid_of.size(); ++c) {
          if (aid_of[c].fen() > 0)
            s.global_journal.post(accounts_.source, accounts_.county[c], aid_of[c], date,
                                  accounts_.stream);
          if (aid_of[c].fen() <= 0 && local_jobs[c] == 0 && transfers[c] == 0) continue;
          engine.schedule_local(c, at(date, Phase::allocation),
                                [this, &s, c, year, amount = aid_of[c], lj = local_jobs[c],
                                 tj = transfers[c]](sim::LpContext&) {
                                  if (amount.fen() > 0)
                                    flow_down(FlowScope::local(s, c), s.lp[c].journal, plan_,
                                              Level::county, c, amount);
                                  place_jobs(s.county(c), lj, kLocalJob, params_.local_wage, year);
                                  place_jobs(s.county(c), tj, kTransferred,
                                             params_.remittance_share * params_.migrant_wage, year);
                                });
        }
      });
}

void EastWest::record_year(const SimulationState&, int year, ProgrammeSeries& out) const {
  // Each donor's own fiscal aid, named by the donor (0 without fiscal aid).
  for (const auto& pairing : params_.pairings) {
    record(out, "aid_from_" + pairing.donor, "yuan",
           "fiscal aid given by " + pairing.donor + " this year",
           params_.aid_base.fen() > 0 ? aid(params_, first_year_, year).yuan() : 0.0);
  }
  record(out, "local_jobs", "households",
         "households with a job created by eastern enterprise investment (cumulative)",
         static_cast<double>(
             std::accumulate(local_jobs_.begin(), local_jobs_.end(), std::int64_t{0})));
  record(out, "migrant_workers", "households",
         "households with a labourer transferred to an eastern job (cumulative)",
         static_cast<double>(std::accumulate(migrants_.begin(), migrants_.end(), std::int64_t{0})));
  record(out, "enterprise_investment", "yuan", "eastern enterprise investment this year",
         investment_this_year_);
  record(out, "paired_counties", "counties", "western counties with at least one eastern donor",
         static_cast<double>(paired_counties_));
  record(out, "counties_with_several_donors", "counties",
         "western counties paired with more than one donor", static_cast<double>(several_donors_));
}

namespace {

void plan_east_west(KindPlan& plan) {
  const auto& k = params_of<EastWestSpec>(plan.p);
  const Scenario& s = plan.s;
  for (int year = s.start_year; year <= s.end_year; ++year) {
    // Each donor's aid split equally among its counties, as the run splits it.
    const sim::Money each = EastWest::aid(k, s.start_year, year);
    std::map<std::string, sim::Money> aid_of;
    int donors = 0;
    for (const auto& pairing : k.pairings) {
      std::set<std::string> names(pairing.counties.begin(), pairing.counties.end());
      if (names.empty()) continue;
      ++donors;
      const auto parts = sim::split_equally(each, names.size());
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
    plan.add(year, static_cast<int>(aid_of.size()), "paired counties", a.total,
             plan.through_levels(Level::county, k.allocation, a, plan.into));
    plan.add(year, static_cast<int>(aid_of.size()),
             "paired counties (enterprise investment, not poverty funds)",
             k.investment_per_year * donors, {}, "enterprise");
  }
}

HouseholdReach east_west_reach(const ReachContext& c, const ProgrammeSpec& p) {
  const auto& k = params_of<EastWestSpec>(p);
  double most = 0;
  for (const auto& pairing : k.pairings) {
    if (pairing.counties.empty()) continue;
    double m = 0;
    for (int y = c.s.start_year; y <= c.s.end_year; ++y) {
      m += k.aid_base.yuan() * std::pow(1.0 + k.aid_growth, y - c.s.start_year);
    }
    most = std::max(most, m / static_cast<double>(pairing.counties.size()));
  }
  return c.even(most, c.per_county, "paired county");
}

}  // namespace

ProgrammeKindRun east_west_run() {
  ProgrammeKindRun r;
  r.name = "east_west";
  r.create = [](int index, const ProgrammeSpec& spec,
                SimulationState& s) -> std::unique_ptr<Programme> {
    return std::make_unique<EastWest>(index, spec, s);
  };
  r.plan_money = plan_east_west;
  r.first_scope = [](const ProgrammeSpec&) -> std::optional<RuleScope> {
    return RuleScope{Level::county, "the aid reaches each paired county on its own"};
  };
  r.reach = east_west_reach;
  return r;
}

}  // namespace fupin::models
