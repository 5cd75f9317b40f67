#include "models/programmes/allocation.hpp"

#include "models/dynamics/interventions.hpp"
#include "models/rules/vocabulary.hpp"
#include "models/state/phases.hpp"
#include "models/world/per_level.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace fupin::models {

namespace {

const char* level_kind(Level level) {
  static constexpr PerLevel<const char*> kKinds{account_kind::kCounty, account_kind::kTownship,
                                                account_kind::kVillage};
  return kKinds[level];
}

}  // namespace

Range child_range(const World& w, Level parent, std::size_t index, Level child) {
  if (parent == child)
    return {static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index + 1)};
  if (parent == Level::county) {
    const Range t = w.counties.children[index];
    if (child == Level::township) return t;
    return {w.townships.children[t.begin].begin, w.townships.children[t.end - 1].end};
  }
  if (parent == Level::township && child == Level::village) return w.townships.children[index];
  throw std::logic_error("no child regions below this level");
}

namespace {

const AllocationStage* next_stage(std::span<const AllocationStage> stages, Level holder) {
  for (const AllocationStage& st : stages) {
    if (st.level > holder) return &st;
  }
  return nullptr;
}

const AllocationRule& rule_named(const RuleRegistry& rules, const std::string& name) {
  const RuleInfo* info = rules.find(name);
  if (info == nullptr) throw std::logic_error("allocation rule not registered: " + name);
  return info->rule;
}

double need_of(double gap, double return_rate) { return return_rate > 0 ? gap / return_rate : gap; }

}  // namespace

sim::Money admin_share(sim::Money amount, const std::map<Level, double>* admin_cost, Level level) {
  if (admin_cost == nullptr) return {};
  const auto it = admin_cost->find(level);
  if (it == admin_cost->end() || it->second <= 0) return {};
  return amount.times(it->second);
}

const std::vector<sim::AccountId>& ProgrammeAccounts::holding(Level level) const {
  static constexpr PerLevel<std::vector<sim::AccountId> ProgrammeAccounts::*> kHolding{
      &ProgrammeAccounts::county, &ProgrammeAccounts::township, &ProgrammeAccounts::village};
  return this->*kHolding[level];
}

ProgrammeAccounts open_programme_accounts(MoneyBook& book, const World& world, int programme,
                                          const ProgrammeSpec& spec, std::span<const Level> levels,
                                          bool household_projects, bool unit_savings) {
  ProgrammeAccounts a;
  a.programme = programme;
  a.stream = book.ledger.stream(spec.stream);
  const std::string& p = spec.name;
  a.source = book.add_account(p + "/source", account_kind::kSource, programme, true);
  a.admin = book.add_account(p + "/admin", account_kind::kAdmin, programme);
  a.lost = book.add_account(p + "/lost", account_kind::kLost, programme);
  for (Level level : levels) {
    static constexpr PerLevel<std::vector<sim::AccountId> ProgrammeAccounts::*> kHolding{
        &ProgrammeAccounts::county, &ProgrammeAccounts::township, &ProgrammeAccounts::village};
    auto& accounts = a.*kHolding[level];
    if (!accounts.empty()) continue;
    const RegionLevel& r = world.regions(level);
    accounts.reserve(r.size());
    for (const std::string& name : r.name) {
      accounts.push_back(
          book.add_account(p + "/" + level_name(level) + "/" + name, level_kind(level), programme));
    }
  }
  if (household_projects) {
    a.projects.reserve(world.villages.size());
    for (std::uint32_t v = 0; v < world.villages.size(); ++v) {
      a.projects.push_back(
          book.add_spent_account(p + "/projects/" + world.villages.name[v], programme, v));
    }
    if (unit_savings) {
      a.savings.reserve(world.villages.size());
      for (const std::string& name : world.villages.name) {
        a.savings.push_back(
            book.add_account(p + "/savings/" + name, account_kind::kSaved, programme));
      }
    }
  }
  return a;
}

HeldMoney::HeldMoney(const World& w)
    : county(w.counties.size()), township(w.townships.size()), village(w.villages.size()) {}

sim::Money& HeldMoney::at(Level level, std::size_t index) {
  static constexpr PerLevel<std::vector<sim::Money> HeldMoney::*> kHeld{
      &HeldMoney::county, &HeldMoney::township, &HeldMoney::village};
  return (this->*kHeld[level]).at(index);
}

void RegionStats::add_household(double size, double income, bool registered_poor, double line) {
  people += size;
  households += 1;
  income_mass += size * income;
  if (income < line) {
    poor_people += size;
    poor_households += 1;
    poverty_gap += size * (line - income);
  }
  if (registered_poor) ++registered;
}

RegionStats region_stats(const World& w, Level level, std::size_t index, double line) {
  const Range v = child_range(w, level, index, Level::village);
  const Households& h = w.households;
  RegionStats st;
  for (std::uint32_t i = w.villages.children[v.begin].begin; i < w.villages.children[v.end - 1].end;
       ++i) {
    st.add_household(h.size[i], h.income[i], (h.flags[i] & kRegistered) != 0, line);
  }
  return st;
}

CandidateTable region_candidates(const World& world, const RegionSignals& signals, Level level,
                                 std::span<const RegionStats> stats,
                                 std::span<const std::uint32_t> regions, double return_rate) {
  CandidateTable c;
  for (std::size_t k = 0; k < regions.size(); ++k) {
    const RegionStats& st = stats[k];
    const std::uint32_t r = regions[k];
    c.people.push_back(st.people);
    c.poor_people.push_back(st.poor_people);
    c.poverty_gap.push_back(st.poverty_gap);
    c.income.push_back(st.people > 0 ? st.income_mass / st.people : 0.0);
    c.households.push_back(st.households);
    c.poor_households.push_back(st.poor_households);
    c.need.push_back(need_of(st.poverty_gap, return_rate));
    c.assessment.push_back(signals.assessment(world.county_of_region(level, r)));
    // Categories: any village (bits) and the share of villages in each (what the rules read).
    std::uint8_t priority = 0;
    std::array<double, 3> in_category{};
    const Range v = child_range(world, level, r, Level::village);
    for (std::uint32_t i = v.begin; i < v.end; ++i) {
      const std::uint8_t bits = world.village_state.priority[i];
      priority |= bits;
      for (std::size_t cat = 0; cat < in_category.size(); ++cat) {
        if ((bits & vocabulary::kPriorityBits[cat]) != 0) in_category[cat] += 1;
      }
    }
    const auto villages = static_cast<double>(v.end - v.begin);
    for (double& x : in_category) x = villages > 0 ? x / villages : 0.0;
    c.priority.push_back(priority);
    c.priority_share.push_back(in_category);
    c.cause.push_back(-1);
  }
  return c;
}

int market_index(const Scenario& scenario, const std::string& industry) {
  if (industry.empty()) return -1;
  const auto& m = scenario.shocks.markets;
  for (std::size_t k = 0; k < m.size(); ++k) {
    if (m[k].name == industry) return static_cast<int>(k);
  }
  throw std::logic_error("no market named '" + industry + "'");
}

void add_household_candidate(const World& world, const RegionSignals& signals, CandidateTable& c,
                             std::uint32_t i, double line, double return_rate) {
  add_household_candidate(world, signals, c, i, world.village_of(i), line, return_rate);
}

void add_household_candidate(const World& world, const RegionSignals& signals, CandidateTable& c,
                             std::uint32_t i, std::uint32_t v, double line, double return_rate) {
  const Households& h = world.households;
  const double people = h.size[i];
  const bool poor = h.income[i] < line;
  const double gap = poor ? people * (line - h.income[i]) : 0.0;
  c.people.push_back(people);
  c.poor_people.push_back(poor ? people : 0.0);
  c.poverty_gap.push_back(gap);
  c.income.push_back(h.income[i]);
  c.households.push_back(1.0);
  c.poor_households.push_back(poor ? 1.0 : 0.0);
  c.need.push_back(need_of(gap, return_rate));
  c.assessment.push_back(signals.assessment(world.county_of_region(Level::village, v)));
  c.priority.push_back(world.village_state.priority[v]);
  c.cause.push_back(static_cast<std::int8_t>(h.cause[i]));
}

FlowScope FlowScope::local(SimulationState& s, std::size_t county) {
  return {s, s.world, s.signals, std::span<LpState>(&s.lp.at(county), 1), county};
}

FlowScope FlowScope::global(SimulationState& s) {
  return {s, s.world, s.signals, std::span<LpState>(s.lp), 0};
}

LpState& FlowScope::county(std::size_t county) const {
  if (county < first_county || county - first_county >= counties.size())
    throw std::logic_error("money flowing down county " + std::to_string(first_county) +
                           "'s tree reached county " + std::to_string(county) + "'s state");
  return counties[county - first_county];
}

sim::Money to_households(const FlowScope& scope, sim::Journal& journal, const FlowPlan& plan,
                         sim::AccountId holder, Range villages, sim::Money budget,
                         const AllocationStage& stage) {
  World& world = scope.world;
  const World& w = world;
  Households& h = world.households;
  const int year = plan.date.year();
  const double line = scope.run.line(year);
  // The registered households gathered first, village by village, without a branch on
  // registration (as unpredictable as the poverty rate): every household is written to the next
  // slot, which moves on only for a registered one. Then the candidates' columns are allocated
  // once (as they grew, each was copied into fresh memory about twice over) and filled from the
  // gathered households. A range of villages holds a range of households.
  std::vector<std::uint32_t> who;
  std::vector<std::uint32_t> village_end(villages.size());  // where each village's entries end
  if (villages.size() > 0) {
    const std::uint32_t first = w.villages.children[villages.begin].begin;
    who.resize(w.villages.children[villages.end - 1].end - first + 1);  // +1: the last write
    std::size_t m = 0;
    for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
      const Range r = w.villages.children[v];
      for (std::uint32_t i = r.begin; i < r.end; ++i) {
        who[m] = i;
        m += static_cast<std::size_t>((h.flags[i] & kRegistered) != 0);
      }
      village_end[v - villages.begin] = static_cast<std::uint32_t>(m);
    }
    who.resize(m);
  }
  CandidateTable c;
  c.reserve_households(who.size());
  for (std::uint32_t v = villages.begin, k = 0; v < villages.end; ++v) {
    for (; k < village_end[v - villages.begin]; ++k)
      add_household_candidate(w, scope.signals, c, who[k], v, line, plan.project.return_rate);
  }
  if (who.empty() || budget.fen() <= 0) return {};
  std::vector<sim::Money> parts = rule_named(scope.run.rules, stage.rule)(budget, c, stage.params);
  const std::size_t targeted = who.size();
  apply_capture(scope.run, w, who, parts);
  // What capture moved to better-off households is counted against the programme, in each
  // captor's own county state.
  for (std::size_t k = targeted; k < who.size(); ++k) {
    LpState& owner = scope.county(w.county_of(who[k]));
    owner.units_of(static_cast<std::size_t>(plan.accounts->programme)).captured_fen +=
        parts[k].fen();
  }
  // Recipients in household order, so each village's total posts once, in village order.
  // (Without capture `who` is in household order already.)
  std::vector<std::size_t> order(who.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  if (!std::ranges::is_sorted(who)) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return who[a] < who[b]; });
  }
  sim::Money spent;
  sim::Money village_total, village_saved, village_drawn;
  std::uint32_t village = villages.begin;
  const ProgrammeAccounts& acc = *plan.accounts;
  const auto post_village = [&] {
    const sim::Money bought = village_total - village_saved;
    if (bought.fen() > 0)
      journal.post(holder, acc.projects.at(village), bought, plan.date, acc.stream);
    if (village_saved.fen() > 0)
      journal.post(holder, acc.savings.at(village), village_saved, plan.date, acc.stream);
    if (village_drawn.fen() > 0)
      journal.post(acc.savings.at(village), acc.projects.at(village), village_drawn, plan.date,
                   acc.stream);
    spent += village_total;
    village_total = village_saved = village_drawn = {};
  };
  const auto programme = static_cast<std::size_t>(acc.programme);
  // The village and county state of the households in turn, looked up when a household is past
  // the village's last (recipients come in household order).
  Range in_village{};
  std::uint32_t village_of_recipient = village;
  LpState* owner_of_village = nullptr;
  for (std::size_t k : order) {
    const std::uint32_t i = who[k];
    const sim::Money a = parts[k];
    if (a.fen() <= 0) continue;
    if (owner_of_village == nullptr || i < in_village.begin || i >= in_village.end) {
      village_of_recipient = w.village_of(i);
      in_village = w.villages.children[village_of_recipient];
      owner_of_village = &scope.county(w.county_of_region(Level::village, village_of_recipient));
    }
    const std::uint32_t v = village_of_recipient;
    if (v != village) {
      post_village();
      village = v;
    }
    // Each household's projects and units go to its own county's state.
    LpState& owner = *owner_of_village;
    village_total += a;
    h.receive(i, programme, a.fen());
    const DeliveryBook book{plan.savings != nullptr ? &(*plan.savings)[i] : nullptr,
                            &owner.units_of(programme)};
    const Delivered d =
        deliver(scope.run, world, owner, i, a, plan.project, year, plan.industry, book);
    village_saved += d.saved;
    village_drawn += d.drawn;
  }
  post_village();
  return spent;
}

FlowOutcome flow_down(const FlowScope& scope, sim::Journal& journal, const FlowPlan& plan,
                      Level level, std::uint32_t index, sim::Money amount) {
  FlowOutcome out;
  const ProgrammeAccounts& acc = *plan.accounts;
  const sim::AccountId holder = acc.holding(level).at(index);
  out.admin = admin_share(amount, plan.admin_cost, level);
  if (out.admin.fen() > 0) journal.post(holder, acc.admin, out.admin, plan.date, acc.stream);
  sim::Money& held = plan.held->at(level, index);
  sim::Money budget = amount - out.admin + held;
  held = {};
  if (budget.fen() <= 0) return out;

  if (level == Level::county && plan.integrated_into != nullptr) {
    const FlowPlan& into = *plan.integrated_into;
    journal.post(holder, into.accounts->county.at(index), budget, plan.date, acc.stream);
    FlowPlan pooled = into;
    pooled.date = plan.date;
    const FlowOutcome o = flow_down(scope, journal, pooled, level, index, budget);
    out.admin += o.admin;
    out.to_households += o.to_households;
    return out;
  }

  const AllocationStage* stage = next_stage(plan.stages, level);
  if (stage == nullptr) {
    plan.held->at(level, index) = budget;
    return out;
  }
  if (stage->level == Level::household) {
    const Range villages = child_range(scope.world, level, index, Level::village);
    out.to_households = to_households(scope, journal, plan, holder, villages, budget, *stage);
    plan.held->at(level, index) = budget - out.to_households;
    return out;
  }

  const double line = scope.run.line(plan.date.year());
  const Range children = child_range(scope.world, level, index, stage->level);
  std::vector<std::uint32_t> regions;
  std::vector<RegionStats> stats;
  for (std::uint32_t r = children.begin; r < children.end; ++r) {
    RegionStats st = region_stats(scope.world, stage->level, r, line);
    if (st.registered == 0) continue;
    regions.push_back(r);
    stats.push_back(st);
  }
  sim::Money given;
  if (!regions.empty()) {
    const CandidateTable c = region_candidates(scope.world, scope.signals, stage->level, stats,
                                               regions, plan.project.return_rate);
    const std::vector<sim::Money> parts =
        rule_named(scope.run.rules, stage->rule)(budget, c, stage->params);
    for (std::size_t k = 0; k < regions.size(); ++k) {
      if (parts[k].fen() <= 0) continue;
      journal.post(holder, acc.holding(stage->level).at(regions[k]), parts[k], plan.date,
                   acc.stream);
      given += parts[k];
      const FlowOutcome o = flow_down(scope, journal, plan, stage->level, regions[k], parts[k]);
      out.admin += o.admin;
      out.to_households += o.to_households;
    }
  }
  plan.held->at(level, index) = budget - given;
  return out;
}

sim::Money issue_from_province(SimulationState& s, const FlowPlan& plan, sim::Money amount,
                               int year) {
  if (plan.stages.empty())
    throw std::logic_error("money issued from the province needs an allocation stage");
  const AllocationStage& stage = plan.stages.front();
  if (stage.level == Level::household) {
    // Straight to every registered household of the province, in the global phase (the split
    // spans counties); what finds no candidate is never issued.
    const Range all{0, static_cast<std::uint32_t>(s.world.villages.size())};
    return to_households(FlowScope::global(s), s.global_journal, plan, plan.accounts->source, all,
                         amount, stage);
  }
  const Level level = stage.level;
  const double line = s.line(year);
  const std::size_t n = s.regions(level).size();
  std::vector<RegionStats> all(n);
  s.engine.for_each_lp([&](std::size_t county) {
    const Range r = child_range(s.world, Level::county, county, level);
    for (std::uint32_t i = r.begin; i < r.end; ++i) all[i] = region_stats(s.world, level, i, line);
  });
  std::vector<std::uint32_t> regions;
  std::vector<RegionStats> stats;
  for (std::uint32_t r = 0; r < n; ++r) {
    if (all[r].registered == 0) continue;
    regions.push_back(r);
    stats.push_back(all[r]);
  }
  if (regions.empty()) return {};
  const CandidateTable c =
      region_candidates(s.world, s.signals, level, stats, regions, plan.project.return_rate);
  const std::vector<sim::Money> parts = rule_named(s.rules, stage.rule)(amount, c, stage.params);
  const ProgrammeAccounts& acc = *plan.accounts;
  sim::Money issued;
  std::vector<std::vector<std::pair<std::uint32_t, sim::Money>>> by_lp(s.engine.lp_count());
  for (std::size_t k = 0; k < regions.size(); ++k) {
    if (parts[k].fen() <= 0) continue;
    s.global_journal.post(acc.source, acc.holding(level).at(regions[k]), parts[k], plan.date,
                          acc.stream);
    issued += parts[k];
    by_lp[s.lp_of(level, regions[k])].emplace_back(regions[k], parts[k]);
  }
  for (std::size_t lp = 0; lp < by_lp.size(); ++lp) {
    if (by_lp[lp].empty()) continue;
    s.engine.schedule_local(lp, at(plan.date, Phase::allocation),
                            [&s, &plan, level, grants = std::move(by_lp[lp])](sim::LpContext& ctx) {
                              const FlowScope scope = FlowScope::local(s, ctx.lp());
                              for (const auto& [region, part] : grants)
                                flow_down(scope, s.lp[ctx.lp()].journal, plan, level, region, part);
                            });
  }
  return issued;
}

}  // namespace fupin::models
