#include "models/simulation/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>

#include "models/dynamics/interventions.hpp"
#include "models/dynamics/management.hpp"
#include "models/dynamics/shocks.hpp"
#include "models/metrics/income_sort.hpp"
#include "models/metrics/poverty_measures.hpp"
#include "models/programmes/programme.hpp"
#include "models/programmes/scenario_warnings.hpp"
#include "models/simulation/byte_lanes.hpp"
#include "models/simulation/household_dynamics.hpp"
#include "models/simulation/household_stores.hpp"
#include "models/simulation/initial_populations.hpp"
#include "models/simulation/region_results.hpp"
#include "models/simulation/targets.hpp"
#include "models/simulation/variant_stores.hpp"
#include "models/state/phases.hpp"
#include "models/world/population.hpp"

namespace fupin::models {

namespace {

// The most households whose observations the yearly sort holds at once (120 MB): a run of up to
// this many (R1 at 10 million households) sorts them all at once; a larger one in
// ceil(households / kSortedAtOnce) parts of about equal size, each part one more reading of the
// households. The national scenario's 38 million households are four parts: 384 MB of
// observations become about 100 MB.
constexpr std::size_t kSortedAtOnce = 12'000'000;

// Parts of the yearly sort for n households.
std::size_t sort_parts(std::size_t n) {
  return std::max<std::size_t>(1, (n + kSortedAtOnce - 1) / kSortedAtOnce);
}

// Per-county parts of the year-end summary that are not by region, combined in county order.
struct LpSummary {
  std::vector<std::int64_t> by_cause = std::vector<std::int64_t>(kCauseCount, 0);
  std::vector<std::int64_t> reached;  // per programme: households that received its money this year
  std::vector<std::int64_t> assisted_exits;  // per programme: exits of households it has assisted
  std::vector<std::int64_t>
      assisted_away;  // per programme: assisted households with a labourer away
};

std::vector<std::string> programme_names(const Scenario& sc) {
  std::vector<std::string> names;
  for (const ProgrammeSpec& p : sc.programmes) names.push_back(p.name);
  return names;
}

class Run {
 public:
  Run(const Scenario& sc, unsigned threads, const PopulateWorld& populate, VariantStores* stores)
      : scenario_(sc),
        engine_(static_cast<std::size_t>(sc.geography.counties), threads),
        stores_(stores),
        state_(sc, new_world(sc, engine_, stores), engine_, builtin_rules()),
        regions_(state_.world, programme_names(sc), sc.thresholds,
                 static_cast<std::size_t>(std::max(0, sc.end_year - sc.start_year + 1))),
        targets_(sc, state_.world) {
    if (populate) {
      populate(state_.world, engine_);
    } else {
      generate_population(state_.world, sc.population, sc.seed, engine_);
    }
    // The people of the whole population, which the yearly median needs before its sums start
    // (household sizes are set with the population and never change; SortedGiniAndMedian checks
    // each year that its observations add up to them).
    const std::vector<std::uint8_t>& sizes = state_.world.households.size;
    people_ = std::accumulate(sizes.begin(), sizes.end(), std::uint64_t{0});
    if (stores_ != nullptr) {
      observations_ = std::move(stores_->observations);
      sort_scratch_ = std::move(stores_->sort_scratch);  // keeps what it grew to
    }
    engine_.in_arena([this, n = state_.world.households.count()] {
      assign_large(observations_, (n + sort_parts(n) - 1) / sort_parts(n), CompactObservation{});
    });
    assign_work_teams(state_, state_.world);
    if (sc.management.dibao_line > 0) {
      dibao_stream_ = state_.ledger.add_stream("dibao");
      dibao_source_ = state_.add_account("dibao/source", account_kind::kSource, -1, true);
      for (const std::string& c : state_.world.counties.name) {
        dibao_account_.push_back(
            state_.add_account("dibao/transfers/" + c, account_kind::kSpent, -1));
      }
    }
    programmes_ = make_programmes(sc, state_);
    for (const auto& p : programmes_) {
      ProgrammeSeries series;
      series.name = p->spec().name;
      series.kind = p->spec().kind();
      series.stream = p->spec().stream;
      result_.programmes.push_back(std::move(series));
    }
  }

  VariantResult operator()(const ProgressCallback& progress, const HouseholdYearCallback& panel) {
    panel_ = &panel;
    for (int year = scenario_.start_year; year <= scenario_.end_year; ++year) {
      engine_.schedule_global(at(sim::Date::year_start(year), Phase::year_start),
                              [this, year](sim::Engine&) { start_year(year); });
      engine_.schedule_global(at(sim::Date::year_end(year), Phase::year_end),
                              [this, year, &progress](sim::Engine&) { end_year(year, progress); });
    }
    engine_.run_until(sim::Date::year_end(scenario_.end_year));

    result_.name = scenario_.variant;
    result_.township_cohort = state_.signals.township_cohort();
    result_.events = engine_.events_executed();
    result_.by_level = regions_.take();
    result_.village_priority = state_.world.village_state.priority;
    result_.targets = targets_.take();
    LedgerReport& l = result_.ledger;
    l.accounts = state_.ledger.accounts();
    l.streams = state_.ledger.streams();
    l.flows = state_.ledger.flows();
    for (const auto& [year, balances] : state_.ledger.closing_balances()) {
      l.years.push_back(year);
      l.balances.push_back(balances);
    }
    if (stores_ != nullptr) {
      // Nothing reads the world after this: the next variant builds its own in this memory.
      stores_->world = std::move(state_.world);
      stores_->observations = std::move(observations_);
      stores_->sort_scratch = std::move(sort_scratch_);
    }
    return std::move(result_);
  }

 private:
  // The variant's new world, in the memory `stores` holds if any, filled inside the engine's
  // scope, holding only the household stores the scenario can write (household_stores).
  static World new_world(const Scenario& sc, sim::Engine& engine, VariantStores* stores) {
    World w;
    engine.in_arena([&] {
      w = build_world(sc.geography, stores != nullptr ? std::move(stores->world) : World{},
                      household_stores(sc));
    });
    return w;
  }

  void start_year(int year) {
    engine_.for_each_lp([&](std::size_t county) {
      state_.lp[county].counters = {};
      begin_income_year(state_.county(county));
      identify_poor(state_, state_.county(county), year);
      // Each county's count in its own pass (it was a serial pass over every household).
      state_.lp[county].counters.registered_at_start = count_registered(county);
    });
    for (std::size_t county = 0; county < engine_.lp_count(); ++county)
      schedule_shocks(state_, county, year);
    for (auto& p : programmes_) p->start_year(state_, year);
    const sim::Date year_end = sim::Date::year_end(year);
    for (std::size_t county = 0; county < engine_.lp_count(); ++county) {
      // Year end, in order: migrant jobs, insurance and relocation; the income update; loan and
      // fund settlements (programmes, Phase::settlements); the minimum living guarantee.
      engine_.schedule_local(county, at(year_end, Phase::interventions),
                             [this, year](sim::LpContext& ctx) {
                               interventions_year(state_, state_.county(ctx.lp()), year);
                             });
      engine_.schedule_local(county, at(year_end, Phase::income_update),
                             [this, year](sim::LpContext& ctx) {
                               update_incomes(state_, state_.county(ctx.lp()), year);
                             });
      if (!dibao_account_.empty()) {
        engine_.schedule_local(
            county, at(year_end, Phase::transfers), [this, year, year_end](sim::LpContext& ctx) {
              const sim::Money paid = dibao_top_up(state_, state_.county(ctx.lp()), year);
              if (paid.fen() > 0) {
                state_.lp[ctx.lp()].journal.post(dibao_source_, dibao_account_[ctx.lp()], paid,
                                                 year_end, dibao_stream_);
              }
            });
      }
    }
  }

  void end_year(int year, const ProgressCallback& progress) {
    engine_.for_each_lp([&](std::size_t county) {
      review_exits(state_, state_.county(county), year);
      review_county_exit(state_, state_.county(county), state_.signals, year);
    });
    assess_counties();
    for (auto& p : programmes_) p->end_year(state_, year);
    close_ledger(year);
    const std::vector<sim::Flow> flows = state_.ledger.flows(year);
    result_.years.push_back(summarise(year, flows));
    score_targets(year);
    if (std::binary_search(scenario_.output.household_years.begin(),
                           scenario_.output.household_years.end(), year)) {
      record_households(year);
    }
    record_programmes(year, flows);
    if (progress)
      progress({scenario_.variant, year, scenario_.start_year, scenario_.end_year,
                result_.years.back()});
  }

  // The scenario's targets due this year, from the households' state at year end.
  void score_targets(int year) {
    if (targets_.empty()) return;
    const std::vector<std::int32_t>& cohort = state_.signals.township_cohort();
    const double line = state_.line(year);
    engine_.for_each_lp(
        [&](std::size_t county) { targets_.add_county(state_.world, cohort, county, year, line); });
    targets_.finish_year(cohort, year);
  }

  // One year of the household panel: every household's state at year end, handed to the panel
  // callback if there is one, else copied into the result.
  void record_households(int year) {
    const Households& h = state_.world.households;
    if (panel_village_.empty()) {
      panel_village_.resize(h.count());
      for (std::size_t v = 0; v < state_.world.villages.size(); ++v) {
        const Range r = state_.world.villages.children[v];
        std::fill(panel_village_.begin() + r.begin, panel_village_.begin() + r.end,
                  static_cast<std::int32_t>(v));
      }
    }
    // The panel's money per programme is 64 bits a cell: widened for the year being written.
    const std::vector<std::int64_t> received = h.received_fen.values();
    // A flow the world does not store is +0.0 for every household.
    std::vector<double> zeros;
    if (h.wages.empty() || h.remittances.empty() || h.transfers.empty())
      zeros.assign(h.count(), 0.0);
    const auto flow = [&zeros](const std::vector<double>& f) -> const std::vector<double>& {
      return f.empty() ? zeros : f;
    };
    if (panel_ != nullptr && *panel_) {
      static_assert(sizeof(Cause) == sizeof(std::uint8_t));
      (*panel_)(HouseholdYear{
          scenario_.variant, year, scenario_.output.household_years, h.count(), h.programmes,
          panel_village_, h.income, h.earned, h.returns, flow(h.wages), flow(h.remittances),
          flow(h.transfers), h.costs, h.size, h.flags, h.status, h.events,
          std::span(reinterpret_cast<const std::uint8_t*>(h.cause.data()), h.cause.size()),
          received});
      return;
    }
    HouseholdPanel& p = result_.households;
    if (p.years.empty()) {
      p.households = h.count();
      p.programmes = h.programmes;
      p.village = panel_village_;
      const std::size_t cells = h.count() * scenario_.output.household_years.size();
      for (auto* v :
           {&p.income, &p.earned, &p.returns, &p.wages, &p.remittances, &p.transfers, &p.costs})
        v->reserve(cells);
      for (auto* v : {&p.size, &p.flags, &p.status, &p.events, &p.cause}) v->reserve(cells);
      p.received_fen.reserve(cells * h.programmes);
    }
    p.years.push_back(year);
    const auto append = [](auto& to, const auto& from) {
      to.insert(to.end(), from.begin(), from.end());
    };
    append(p.income, h.income);
    append(p.earned, h.earned);
    append(p.returns, h.returns);
    append(p.wages, flow(h.wages));
    append(p.remittances, flow(h.remittances));
    append(p.transfers, flow(h.transfers));
    append(p.costs, h.costs);
    append(p.size, h.size);
    append(p.flags, h.flags);
    append(p.status, h.status);
    append(p.events, h.events);
    for (Cause c : h.cause) p.cause.push_back(static_cast<std::uint8_t>(c));
    append(p.received_fen, received);
  }

  std::int64_t count_registered(std::size_t county) const {
    const Households& h = state_.world.households;
    const Range r = state_.world.county_households(county);
    std::int64_t n = 0;
    for (std::uint32_t i = r.begin; i < r.end; ++i) n += (h.flags[i] & kRegistered) != 0;
    return n;
  }

  // County assessment (考核) on poverty-reduction results: the share of the households registered
  // at the start of the year that exited at its review. Feeds performance-based allocation.
  void assess_counties() {
    for (std::size_t c = 0; c < state_.lp.size(); ++c) {
      const LpYearCounters& k = state_.lp[c].counters;
      if (k.registered_at_start > 0) {
        state_.signals.assess_county(
            c, std::min(1.0,
                        static_cast<double>(k.exits) / static_cast<double>(k.registered_at_start)));
      }
    }
  }

  // Each programme's money this year, from the ledger, and its own measures.
  void record_programmes(int year, const std::vector<sim::Flow>& flows) {
    const sim::Ledger& ledger = state_.ledger;
    const std::size_t n = programmes_.size();
    std::vector<sim::Money> issued(n), households(n), admin(n), returned(n), lost(n), idle(n),
        saved(n);
    const std::vector<AccountRole>& role = state_.account_role;
    for (const sim::Flow& f : flows) {
      const int from_p = state_.account_programme[f.from];
      const int to_p = state_.account_programme[f.to];
      const AccountRole from_role = role[f.from];
      const AccountRole to_role = role[f.to];
      if (from_p >= 0 && from_role == AccountRole::source && to_role != AccountRole::source)
        issued[from_p] += f.amount;
      if (to_p < 0) continue;
      if (to_role == AccountRole::spent) households[to_p] += f.amount;
      if (to_role == AccountRole::admin) admin[to_p] += f.amount;
      if (to_role == AccountRole::lost) lost[to_p] += f.amount;
      if (to_role == AccountRole::source && from_role != AccountRole::source && from_p == to_p)
        returned[to_p] += f.amount;
    }
    for (std::size_t a = 0; a < ledger.account_count(); ++a) {
      const int p = state_.account_programme[a];
      if (p >= 0 && role[a] == AccountRole::holding)
        idle[p] += ledger.balance(static_cast<sim::AccountId>(a));
      if (p >= 0 && role[a] == AccountRole::saved)
        saved[p] += ledger.balance(static_cast<sim::AccountId>(a));
    }
    std::vector<sim::Money> captured(n);
    for (const LpState& lp : state_.lp) {
      for (std::size_t i = 0; i < n && i < lp.units.size(); ++i)
        captured[i] += sim::Money::from_fen(lp.units[i].captured_fen);
    }
    cumulative_spent_fen_.resize(n, 0);
    cumulative_assisted_exits_.resize(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      ProgrammeSeries& out = result_.programmes[i];
      out.years.push_back(year);
      const std::pair<const char*, sim::Money> rows[] = {
          {"issued", issued[i]},     {"spent", households[i]}, {"admin", admin[i]},
          {"returned", returned[i]}, {"lost", lost[i]},        {"idle", idle[i]},
          {"saved", saved[i]},       {"captured", captured[i]}};
      static const char* const descriptions[] = {
          "money issued from the programme's source this year",
          "money that reached households as projects or bought units this year",
          "administrative cost retained this year",
          "idle money returned to the source at year end",
          "money lost this year (lapsed idle money, loan losses)",
          "money held by the programme's regions and pools at year end",
          "money that reached households and is earmarked for a unit not yet bought, at year end",
          "money capture moved from targeted households to better-off unregistered ones this year"};
      for (std::size_t k = 0; k < std::size(rows); ++k) {
        if (out.money.size() <= k) out.money.push_back({rows[k].first, descriptions[k], {}});
        out.money[k].values.push_back(rows[k].second);
      }
      record_units(i, out);
      record_reach(i, households[i], out);
      programmes_[i]->record_year(state_, year, out);
    }
  }

  // Whom programme `i` reached this year and what its money cost per exit of the households it
  // assisted (both counted in summarise()).
  void record_reach(std::size_t i, sim::Money spent, ProgrammeSeries& out) {
    cumulative_spent_fen_[i] += spent.fen();
    cumulative_assisted_exits_[i] += assisted_exits_[i];
    record(out, "households_reached", "households",
           "households that received the programme's money this year",
           static_cast<double>(reached_[i]));
    record(out, "assisted_exits", "households",
           "exits this year of households that have received the programme's money (in any year)",
           static_cast<double>(assisted_exits_[i]));
    record(out, "assisted_migrant_households", "households",
           "households that have received the programme's money with a labourer working away (a "
           "migrant or an "
           "eastern job) at year end",
           static_cast<double>(assisted_away_[i]));
    const double exits = static_cast<double>(cumulative_assisted_exits_[i]);
    record(out, "cost_per_exit", "yuan/household",
           "the programme's spent money since the start / exits of households it assisted since "
           "the start (NaN "
           "before the first exit); an exit is not caused by the programme alone",
           exits > 0 ? static_cast<double>(cumulative_spent_fen_[i]) / 100.0 / exits
                     : std::numeric_limits<double>::quiet_NaN());
  }

  // Units programme `i` bought this year, over every LP (integer counts: order does not matter);
  // resets the LPs' counts for the next year.
  void record_units(std::size_t i, ProgrammeSeries& out) {
    UnitsBuilt total;
    for (LpState& lp : state_.lp) {
      if (lp.units.size() <= i) continue;
      const UnitsBuilt& u = lp.units[i];
      total.houses_renovated += u.houses_renovated;
      total.households_relocated += u.households_relocated;
      total.labourers_trained += u.labourers_trained;
      total.households_insured += u.households_insured;
      total.schooling_guaranteed += u.schooling_guaranteed;
      lp.units[i] = {};
    }
    record(out, "houses_renovated", "households",
           "dangerous houses renovated with the programme's money this year",
           static_cast<double>(total.houses_renovated));
    record(out, "households_relocated", "households",
           "households relocated with the programme's money this year",
           static_cast<double>(total.households_relocated));
    record(out, "labourers_trained", "people",
           "labourers trained with the programme's money this year (one per household)",
           static_cast<double>(total.labourers_trained));
    record(out, "households_insured", "households",
           "households whose medical insurance premiums the programme paid this year",
           static_cast<double>(total.households_insured));
    record(out, "schooling_guaranteed", "households",
           "households given the schooling guarantee with the programme's money this year",
           static_cast<double>(total.schooling_guaranteed));
  }

  void close_ledger(int year) {
    std::vector<sim::Journal*> journals{&state_.global_journal};
    for (LpState& lp : state_.lp) journals.push_back(&lp.journal);
    state_.ledger.apply(journals);
    state_.ledger.close_year(year);
  }

  YearSummary summarise(int year, const std::vector<sim::Flow>& flows) {
    const double z = state_.line(year);
    const World& w = state_.world;
    const Households& h = w.households;
    std::vector<LpSummary> parts(engine_.lp_count());
    const std::size_t programmes = h.programmes;

    // (income, people) is a total order on observations, so the sorted sequence, and every sum
    // over it, is the same whatever the thread count.
    // The Gini and median are of incomes bottom-coded at zero (docs/output.md).
    const ObservationSource bottom_coded = [&h](std::size_t begin, std::size_t end,
                                                const IncomeWindow* window,
                                                CompactObservation* into) -> std::size_t {
      if (window == nullptr) {
        for (std::size_t i = begin; i < end; ++i) {
          const double y = h.income[i];
          into[i - begin] = {y > 0.0 ? y : 0.0, h.size[i]};
        }
        return end - begin;
      }
      // Without a branch on the window (half the incomes of a middle part fall below it, at
      // random: a branch there was mispredicted that often): each observation is written to the
      // next slot, which moves on only if the income is in the window (`into` has room for
      // end − begin). The two tests are combined with &, not &&, which would branch.
      const double low = window->low;
      const double high = window->high;
      std::size_t m = 0;
      for (std::size_t i = begin; i < end; ++i) {
        const double y = h.income[i];
        const double coded = y > 0.0 ? y : 0.0;
        into[m] = {coded, h.size[i]};
        m += static_cast<std::size_t>(coded >= low) & static_cast<std::size_t>(coded < high);
      }
      return m;
    };
    // Sorted a part at a time (kSortedAtOnce): the sums run over the parts in order, the same bits
    // as over the whole sorted sequence. A sort in one part (every run of up to kSortedAtOnce
    // households) is done first and leaves its part in observations_; its serial sums then run
    // beside the counties' year-end passes below, which read the households and write only their
    // own sums (an exception of the sums is rethrown only if no county's was, so a non-finite
    // income is still reported by the counties' year-end check).
    SortedGiniAndMedian sums(people_);
    const std::size_t sorted_parts = sort_parts(h.count());
    const bool one_part = sorted_parts == 1;
    std::span<const CompactObservation> sorted;
    const auto sort_and_sum = [&] {
      engine_.in_arena([&] {
        for_each_sorted_part(h.count(), bottom_coded, sorted_parts, observations_, sort_scratch_,
                             [&](std::span<const CompactObservation> part) {
                               if (one_part)
                                 sorted = part;
                               else
                                 sums.add(part);
                             });
      });
    };
    // The counties' year-end passes: region sums, registered households by cause, each
    // programme's counts; each county writes only its own.
    const auto county_pass = [&](std::size_t county) {
      regions_.add_county(w, county, z);
      LpSummary& p = parts[county];
      p.reached.assign(programmes, 0);
      p.assisted_exits.assign(programmes, 0);
      p.assisted_away.assign(programmes, 0);
      const Range r = w.county_households(county);
      const double* income = h.income.data();
      const std::uint8_t* flags = h.flags.data();
      const std::uint8_t* events = h.events.data();
      const Cause* cause = h.cause.data();
      // Registered households by cause in byte lanes (byte_lanes.hpp: causes 0-7 in one word,
      // 8-15 in another), added whether registered or not (0 or 1): no branch on registration,
      // which is about as unpredictable as the poverty rate is near one half, and no store
      // through memory a household.
      static_assert(kCauseCount <= 16);
      for (std::uint32_t first = r.begin; first < r.end; first += byte_lanes::kCapacity) {
        const std::uint32_t last = std::min(r.end, first + byte_lanes::kCapacity);
        std::uint64_t low = 0;
        std::uint64_t high = 0;
        for (std::uint32_t i = first; i < last; ++i) {
          if (!std::isfinite(income[i]))
            check_income(w, i, year, "the year-end settlements and transfers");
          const auto c = static_cast<unsigned>(cause[i]);
          const std::uint64_t one = static_cast<std::uint64_t>((flags[i] & kRegistered) != 0)
                                    << (8 * (c & 7));
          low += c < 8 ? one : 0;
          high += c < 8 ? 0 : one;
        }
        for (std::size_t c = 0; c < kCauseCount; ++c)
          p.by_cause[c] += byte_lanes::lane(c < 8 ? low : high, static_cast<unsigned>(c & 7));
      }
      // Each programme's counts in locals, a pass over the county's households each.
      for (std::size_t q = 0; q < programmes; ++q) {
        std::int64_t reached = 0, assisted_exits = 0, assisted_away = 0;
        for (std::uint32_t i = r.begin; i < r.end; ++i) {
          const bool assisted = h.received_fen[i * programmes + q] > 0;
          const bool exited = (events[i] & kExitedThisYear) != 0;
          const bool away = (flags[i] & (kMigrant | kTransferred)) != 0;
          reached += h.reached(i, q) ? 1 : 0;
          assisted_exits += exited && assisted ? 1 : 0;
          assisted_away += away && assisted ? 1 : 0;
        }
        p.reached[q] += reached;
        p.assisted_exits[q] += assisted_exits;
        p.assisted_away[q] += assisted_away;
      }
    };
    if (one_part) {
      sort_and_sum();
      engine_.for_each_lp_beside([&] { sums.add(sorted); }, county_pass);
    } else {
      // The parts overwrite one another, so each part's sums run as it is sorted, after the
      // counties' passes (whose year-end check names a non-finite income first).
      engine_.for_each_lp(county_pass);
      sort_and_sum();
    }
    // Counted: the next year's money sets them again.
    state_.world.households.clear_reached();
    regions_.add_spending(state_, flows);
    // The summary is the sum of the counties (by_level), merged in county order. In the engine's
    // arena: its loops use the run's threads.
    RegionSums total;
    engine_.in_arena([&] { total = regions_.end_year(year); });

    YearSummary out;
    out.year = year;
    out.poverty_line = z;
    const FgtPartial& fgt = total.fgt;
    out.households = total.households;
    out.poor_households = total.poor_households;
    out.registered_households = total.registered;
    out.registered_not_poor = total.registered_not_poor;
    out.poor_not_registered = total.poor_not_registered;
    out.newly_registered = total.newly_registered;
    out.returns = total.returns;
    out.exits = total.exits;
    std::vector<std::int64_t> by_cause(kCauseCount, 0);
    reached_.assign(programmes, 0);
    assisted_exits_.assign(programmes, 0);
    assisted_away_.assign(programmes, 0);
    for (const LpSummary& p : parts) {
      for (std::size_t k = 0; k < by_cause.size(); ++k) by_cause[k] += p.by_cause[k];
      for (std::size_t q = 0; q < programmes; ++q) {
        reached_[q] += p.reached[q];
        assisted_exits_[q] += p.assisted_exits[q];
        assisted_away_[q] += p.assisted_away[q];
      }
    }
    out.registered_by_cause = by_cause;
    const double households = out.households > 0 ? static_cast<double>(out.households) : 1.0;
    out.safe_housing_share = static_cast<double>(total.safe_housing) / households;
    out.insured_share = static_cast<double>(total.insured) / households;
    out.schooling_share = static_cast<double>(total.schooling) / households;
    out.counties_exited = std::ranges::count_if(state_.signals.county_exit_years(),
                                                [](std::int32_t y) { return y != 0; });
    out.population = fgt.people;
    out.poor_people = fgt.poor_people;
    out.headcount_ratio = fgt.fgt0();
    out.fgt1 = fgt.fgt1();
    out.fgt2 = fgt.fgt2();
    out.mean_income = fgt.mean_income();
    if (fgt.people > 0) {
      const IncomeComponents& c = total.components;
      const double people = fgt.people;
      out.mean_components = {c.earned / people,      c.returns / people,   c.wages / people,
                             c.remittances / people, c.transfers / people, c.costs / people};
    }
    for (double a : total.people_above)
      out.share_above.push_back(fgt.people > 0 ? a / fgt.people : 0.0);

    const GiniAndMedian gm = sums.result();
    out.gini = gm.gini;
    out.median_income = gm.median;

    out.townships_selected = std::ranges::count_if(state_.signals.township_cohort(),
                                                   [](std::int32_t c) { return c != 0; });
    money_summary(flows, out);
    return out;
  }

  // Money of the year from its ledger flows, and the money regions still hold at year end.
  void money_summary(const std::vector<sim::Flow>& flows, YearSummary& out) const {
    const sim::Ledger& ledger = state_.ledger;
    const std::vector<AccountRole>& role = state_.account_role;
    for (const sim::Flow& f : flows) {
      if (role[f.from] == AccountRole::source && role[f.to] != AccountRole::source)
        out.disbursed += f.amount;
      if (role[f.to] == AccountRole::spent) out.spent += f.amount;
    }
    for (std::size_t a = 0; a < ledger.account_count(); ++a) {
      if (role[a] == AccountRole::holding)
        out.idle += ledger.balance(static_cast<sim::AccountId>(a));
    }
  }

  const Scenario& scenario_;
  sim::Engine engine_;
  VariantStores* stores_;  // where the stores come from and go back to; may be null
  SimulationState state_;
  std::vector<std::unique_ptr<Programme>> programmes_;
  // (income, people) of the households of one part of the yearly sort (kSortedAtOnce), 10 bytes
  // each: household sizes are whole numbers.
  std::vector<CompactObservation> observations_;
  std::vector<CompactObservation> sort_scratch_;         // working memory of sort_by_income (grows)
  std::uint64_t people_ = 0;                             // of the whole population
  std::vector<std::int64_t> reached_;                    // this year's, per programme (summarise)
  std::vector<std::int64_t> assisted_exits_;             // this year's, per programme (summarise)
  std::vector<std::int64_t> assisted_away_;              // at year end, per programme (summarise)
  std::vector<std::int64_t> cumulative_spent_fen_;       // per programme, since the start
  std::vector<std::int64_t> cumulative_assisted_exits_;  // per programme, since the start
  RegionResultsBuilder regions_;
  TargetScorer targets_;
  VariantResult result_;
  const HouseholdYearCallback* panel_ = nullptr;  // during operator()
  std::vector<std::int32_t> panel_village_;  // village of each household, once a panel year is due
  sim::StreamId dibao_stream_ = 0;
  sim::AccountId dibao_source_ = 0;
  std::vector<sim::AccountId> dibao_account_;  // per county
};

std::vector<RegionTable> geography_tables(const World& w, const GeographySpec& g) {
  std::vector<RegionTable> out{RegionTable{"county", w.counties.name, w.counties.parent, {}},
                               RegionTable{"township", w.townships.name, w.townships.parent, {}},
                               RegionTable{"village", w.villages.name, w.villages.parent, {}}};
  if (!g.provinces.empty()) {
    for (int c = 1; c <= g.counties; ++c) {
      out.front().province.push_back(g.provinces[static_cast<std::size_t>(g.province_of(c))].name);
    }
  }
  return out;
}

// People lifted above the line and cost per person lifted of each variant against its scenario's
// counterfactual variant, year by year (years the two variants share).
void compare_with_counterfactuals(const ScenarioSet& set, RunResult& out) {
  for (std::size_t i = 0; i < set.variants.size(); ++i) {
    const std::string& name = set.variants[i].counterfactual;
    if (name.empty()) continue;
    std::size_t c = 0;
    while (c < set.variants.size() && set.variants[c].variant != name) ++c;
    if (c == set.variants.size()) continue;  // the loader refuses this
    const VariantResult& base = out.variants[c];
    VariantResult& v = out.variants[i];
    sim::Money extra;  // disbursed since the start beyond the counterfactual's
    for (YearSummary& y : v.years) {
      const auto other = std::find_if(base.years.begin(), base.years.end(),
                                      [&](const YearSummary& b) { return b.year == y.year; });
      if (other == base.years.end()) continue;
      extra = extra + y.disbursed - other->disbursed;
      y.people_lifted = other->poor_people - y.poor_people;
      if (i != c && y.people_lifted > 0) y.cost_per_person_lifted = extra.yuan() / y.people_lifted;
    }
  }
}

}  // namespace

VariantResult simulate(const Scenario& scenario, unsigned threads, const ProgressCallback& progress,
                       const HouseholdYearCallback& panel, const PopulateWorld& populate,
                       VariantStores* stores) {
  Run run(scenario, threads, populate, stores);
  VariantResult r = run(progress, panel);
  r.description = scenario.variant_description;
  r.seed = scenario.seed;
  r.resolved_scenario = scenario.resolved_text;
  r.counterfactual = scenario.counterfactual;
  return r;
}

RunResult begin_run(const ScenarioSet& set, unsigned threads) {
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
    const World w = build_regions(base.geography);
    out.geography = geography_tables(w, base.geography);
    out.households =
        w.villages.children.empty() ? 0 : static_cast<std::int64_t>(w.villages.children.back().end);
  }
  for (const Scenario& v : set.variants) {
    for (std::string& w : scenario_warnings(v)) out.warnings.push_back(std::move(w));
  }
  return out;
}

void run_variants(const ScenarioSet& set, RunResult& run, const ProgressCallback& progress,
                  const VariantCallback& finished, const HouseholdYearCallback& panel) {
  run.variants.reserve(set.variants.size());
  // Variants that share the geography, the population and the seed start from one generated world.
  InitialPopulations initial(set.variants);
  // Each variant runs in the memory of the one before.
  VariantStores stores;
  for (std::size_t i = 0; i < set.variants.size(); ++i) {
    const Scenario& v = set.variants[i];
    VariantResult result = simulate(
        v, run.threads, progress, panel,
        [&initial, i](World& w, sim::Engine& e) { initial.fill(i, w, e); }, &stores);
    if (finished) finished(run, result);
    run.variants.push_back(std::move(result));
  }
  compare_with_counterfactuals(set, run);
}

RunResult run_scenarios(const ScenarioSet& set, unsigned threads,
                        const ProgressCallback& progress) {
  RunResult out = begin_run(set, threads);
  run_variants(set, out, progress);
  return out;
}

}  // namespace fupin::models
