#include "models/simulation/simulation.hpp"

#include <algorithm>
#include <memory>
#include <oneapi/tbb/parallel_sort.h>

#include "models/metrics/poverty_measures.hpp"
#include "models/programmes/programme.hpp"
#include "models/simulation/household_dynamics.hpp"
#include "models/world/population.hpp"

namespace fupin::models {

namespace {

constexpr int kYearEndPriority = 10;

// Per-county sums for the year-end summary, combined in county order.
struct LpSummary {
  FgtPartial fgt;
  std::int64_t households = 0;
  std::int64_t poor_households = 0;
  std::int64_t registered = 0;
  std::vector<double> people_above;
};

class Run {
 public:
  Run(const Scenario& sc, unsigned threads)
      : scenario_(sc),
        engine_(static_cast<std::size_t>(sc.geography.counties), threads),
        state_(sc, build_world(sc.geography), engine_, builtin_rules()),
        observations_(state_.world.households.count()) {
    generate_population(state_.world, sc.population, sc.seed, engine_);
    state_.open_region_accounts();
    for (const ProgrammeSpec& p : sc.programmes) programmes_.push_back(make_programme(p, state_));
  }

  VariantResult operator()(const ProgressCallback& progress) {
    for (int year = scenario_.start_year; year <= scenario_.end_year; ++year) {
      engine_.schedule_global({sim::Date::year_start(year), 0}, [this, year](sim::Engine&) { start_year(year); });
      engine_.schedule_global({sim::Date::year_end(year), kYearEndPriority},
                              [this, year, &progress](sim::Engine&) { end_year(year, progress); });
    }
    engine_.run_until(sim::Date::year_end(scenario_.end_year));

    result_.name = scenario_.variant;
    result_.township_cohort = state_.township_cohort;
    result_.events = engine_.events_executed();
    LedgerReport& l = result_.ledger;
    l.accounts = state_.ledger.accounts();
    l.streams = state_.ledger.streams();
    l.flows = state_.ledger.flows();
    for (const auto& [year, balances] : state_.ledger.closing_balances()) {
      l.years.push_back(year);
      l.balances.push_back(balances);
    }
    return std::move(result_);
  }

 private:
  void start_year(int year) {
    engine_.for_each_lp([&](std::size_t county) {
      state_.lp[county].counters = {};
      identify_poor(state_, county, year);
    });
    for (auto& p : programmes_) p->start_year(state_, year);
    for (std::size_t county = 0; county < engine_.lp_count(); ++county) {
      engine_.schedule_local(county, {sim::Date::year_end(year), 0},
                             [this, year](sim::LpContext& ctx) { update_incomes(state_, ctx.lp(), year); });
    }
  }

  void end_year(int year, const ProgressCallback& progress) {
    engine_.for_each_lp([&](std::size_t county) { review_exits(state_, county, year); });
    close_ledger(year);
    result_.years.push_back(summarise(year));
    if (progress) progress({scenario_.variant, year, scenario_.start_year, scenario_.end_year, result_.years.back()});
  }

  void close_ledger(int year) {
    std::vector<sim::Journal*> journals{&state_.global_journal};
    for (LpState& lp : state_.lp) journals.push_back(&lp.journal);
    state_.ledger.apply(journals);
    state_.ledger.close_year(year);
  }

  YearSummary summarise(int year) {
    const double z = state_.line(year);
    const World& w = state_.world;
    const Households& h = w.households;
    const std::vector<double>& thresholds = scenario_.thresholds;
    std::vector<LpSummary> parts(engine_.lp_count());
    engine_.for_each_lp([&](std::size_t county) {
      LpSummary& p = parts[county];
      p.people_above.assign(thresholds.size(), 0.0);
      const Range r = w.county_households(county);
      for (std::uint32_t i = r.begin; i < r.end; ++i) {
        const double y = h.income[i];
        const double n = h.size[i];
        p.fgt.add(y, n, z);
        ++p.households;
        if (y < z) ++p.poor_households;
        if (h.flags[i] & kRegistered) ++p.registered;
        for (std::size_t k = 0; k < thresholds.size(); ++k) {
          if (y >= thresholds[k]) p.people_above[k] += n;
        }
        observations_[i] = {y, n};
      }
    });

    YearSummary out;
    out.year = year;
    out.poverty_line = z;
    FgtPartial fgt;
    std::vector<double> above(thresholds.size(), 0.0);
    for (std::size_t c = 0; c < parts.size(); ++c) {
      const LpSummary& p = parts[c];
      fgt.merge(p.fgt);
      out.households += p.households;
      out.poor_households += p.poor_households;
      out.registered_households += p.registered;
      for (std::size_t k = 0; k < above.size(); ++k) above[k] += p.people_above[k];
      const LpYearCounters& lc = state_.lp[c].counters;
      out.newly_registered += lc.newly_registered;
      out.returns += lc.returns;
      out.exits += lc.exits;
    }
    out.population = fgt.people;
    out.poor_people = fgt.poor_people;
    out.headcount_ratio = fgt.fgt0();
    out.fgt1 = fgt.fgt1();
    out.fgt2 = fgt.fgt2();
    out.mean_income = fgt.mean_income();
    for (double a : above) out.share_above.push_back(fgt.people > 0 ? a / fgt.people : 0.0);

    // (income, people) is a total order on observations, so the sorted sequence, and every sum
    // over it, is the same whatever the thread count.
    engine_.in_arena([this] {
      tbb::parallel_sort(observations_.begin(), observations_.end(),
                         [](const IncomeObservation& a, const IncomeObservation& b) {
                           return a.income < b.income || (a.income == b.income && a.weight < b.weight);
                         });
    });
    out.gini = gini_sorted(observations_);
    out.median_income = median_sorted(observations_);

    out.townships_selected = std::count_if(state_.township_cohort.begin(), state_.township_cohort.end(),
                                           [](std::int32_t c) { return c != 0; });
    money_summary(year, out);
    return out;
  }

  void money_summary(int year, YearSummary& out) const {
    const sim::Ledger& ledger = state_.ledger;
    out.disbursed = ledger.issued(year);
    for (const sim::Flow& f : ledger.flows()) {
      if (f.year == year && ledger.account(f.to).kind == "spent") out.spent += f.amount;
    }
    for (std::size_t a = 0; a < ledger.account_count(); ++a) {
      const std::string& kind = ledger.account(static_cast<sim::AccountId>(a)).kind;
      if (kind == "township" || kind == "village") out.idle += ledger.balance(static_cast<sim::AccountId>(a));
    }
  }

  const Scenario& scenario_;
  sim::Engine engine_;
  SimulationState state_;
  std::vector<std::unique_ptr<Programme>> programmes_;
  std::vector<IncomeObservation> observations_;
  VariantResult result_;
};

std::vector<RegionTable> geography_tables(const World& w) {
  return {RegionTable{"county", w.counties.name, w.counties.parent},
          RegionTable{"township", w.townships.name, w.townships.parent},
          RegionTable{"village", w.villages.name, w.villages.parent}};
}

}  // namespace

VariantResult simulate(const Scenario& scenario, unsigned threads, const ProgressCallback& progress) {
  Run run(scenario, threads);
  VariantResult r = run(progress);
  r.description = scenario.variant_description;
  return r;
}

RunResult run_scenarios(const ScenarioSet& set, unsigned threads, const ProgressCallback& progress) {
  RunResult out;
  out.scenario_file = set.file;
  out.scenario_text = set.text;
  out.threads = threads;
  if (set.variants.empty()) return out;
  const Scenario& base = set.variants.front();
  out.scenario_name = base.name;
  out.seed = base.seed;
  out.thresholds = base.thresholds;
  {
    // Freed before the variants run: only the region names are kept.
    const World w = build_world(base.geography);
    out.geography = geography_tables(w);
    out.households = static_cast<std::int64_t>(w.households.count());
  }
  for (const Scenario& v : set.variants) out.variants.push_back(simulate(v, threads, progress));
  return out;
}

}  // namespace fupin::models
