#include "models/programmes/allocation.hpp"

#include <stdexcept>

namespace fupin::models {

namespace {

struct Context {
  SimulationState& s;
  LpState& lp;
  const AllocationRequest& req;
  double line;
  int year;
};

const AllocationRule& rule_named(const SimulationState& s, const std::string& name) {
  const RuleInfo* info = s.rules.find(name);
  if (info == nullptr) throw std::logic_error("allocation rule not registered: " + name);
  return info->rule;
}

void add_household(CandidateTable& c, const Households& h, std::uint32_t i, double line) {
  const double people = h.size[i];
  const bool poor = h.income[i] < line;
  c.people.push_back(people);
  c.poor_people.push_back(poor ? people : 0.0);
  c.poverty_gap.push_back(poor ? people * (line - h.income[i]) : 0.0);
}

// Splits `budget` held in `holder` among the registered households of `villages` by `rule`.
sim::Money to_households(Context& ctx, sim::AccountId holder, Range villages, sim::Money budget,
                         const std::string& rule) {
  const World& w = ctx.s.world;
  Households& h = ctx.s.world.households;
  std::vector<std::uint32_t> who;
  CandidateTable table;
  for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
    const Range r = w.villages.children[v];
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      if (h.flags[i] & kRegistered) {
        who.push_back(i);
        add_household(table, h, i, ctx.line);
      }
    }
  }
  if (who.empty()) return {};
  const std::vector<sim::Money> parts = rule_named(ctx.s, rule)(budget, table);
  const ProjectSpec& p = ctx.req.project;
  sim::Money spent;
  std::size_t k = 0;
  for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
    sim::Money village_total;
    const Range r = w.villages.children[v];
    for (; k < who.size() && who[k] < r.end; ++k) {
      const std::uint32_t i = who[k];
      const sim::Money a = parts[k];
      if (a.fen() <= 0) continue;
      village_total += a;
      h.received_fen[i] += a.fen();
      ctx.lp.pending.push_back({i, ctx.year + p.lag_years, p.return_rate * a.yuan() / h.size[i]});
    }
    if (village_total.fen() > 0) {
      ctx.lp.journal.post(holder, ctx.s.projects_account[v], village_total, ctx.req.date, ctx.req.stream);
      spent += village_total;
    }
  }
  return spent;
}

}  // namespace

sim::Money allocate_from_township(SimulationState& s, std::size_t lp, const AllocationRequest& req) {
  const std::vector<AllocationStage>& stages = *req.stages;
  if (stages.empty() || stages.back().level != Level::household) {
    throw std::logic_error("allocation must end at household level");
  }
  Context ctx{s, s.lp[lp], req, s.line(req.date.year()), req.date.year()};
  const World& w = s.world;
  const Range villages = w.townships.children[req.township];
  const sim::AccountId township_account = s.township_account[req.township];

  if (stages.size() == 1) {
    return to_households(ctx, township_account, villages, req.amount, stages[0].rule);
  }
  if (stages.size() != 2 || stages[0].level != Level::village) {
    throw std::logic_error("a township allocation has a village stage then a household stage, or a household stage");
  }
  // Village stage: aggregate the registered households of each village.
  const Households& h = w.households;
  std::vector<std::uint32_t> who;
  CandidateTable table;
  for (std::uint32_t v = villages.begin; v < villages.end; ++v) {
    CandidateTable one;
    const Range r = w.villages.children[v];
    bool any = false;
    double people = 0, poor = 0, gap = 0;
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      if ((h.flags[i] & kRegistered) == 0) continue;
      any = true;
      add_household(one, h, i, ctx.line);
      people += one.people.back();
      poor += one.poor_people.back();
      gap += one.poverty_gap.back();
    }
    if (!any) continue;
    who.push_back(v);
    table.people.push_back(people);
    table.poor_people.push_back(poor);
    table.poverty_gap.push_back(gap);
  }
  if (who.empty()) return {};
  const std::vector<sim::Money> parts = rule_named(s, stages[0].rule)(req.amount, table);
  sim::Money spent;
  for (std::size_t k = 0; k < who.size(); ++k) {
    if (parts[k].fen() <= 0) continue;
    const std::uint32_t v = who[k];
    ctx.lp.journal.post(township_account, s.village_account[v], parts[k], req.date, req.stream);
    spent += to_households(ctx, s.village_account[v], Range{v, v + 1}, parts[k], stages[1].rule);
  }
  return spent;
}

}  // namespace fupin::models
