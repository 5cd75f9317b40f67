// Every key a programme accepts changes something, or is rejected where it cannot apply.
//
// For each programme kind, a small scenario (2 counties, 480 households, 2014–2017, illness and
// market shocks on) holds one programme `p` of that kind with every optional key given. Each
// mutation changes one key through a variant override — the loader's own mechanism — and the test
// asserts what the key's documentation promises: the run's output (summary, programme series,
// ledger) differs from the unchanged variant's, or the loader rejects the value with a located
// error. A completeness test asserts that every key of the scenario schema of every kind has a
// mutation here, so a key added to the format without an effect fails the suite.
#include <gtest/gtest.h>

#include <cctype>
#include <cstring>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/simulation/simulation.hpp"

namespace fupin::models {
namespace {

enum class Expect { changes, rejected };

struct Mutation {
  std::string kind;
  std::string key;    // schema path, e.g. "programmes[].loan.fee_rate"
  std::string path;   // override path
  std::string value;  // YAML flow value
  Expect expect = Expect::changes;
  std::vector<std::pair<std::string, std::string>> context = {};  // overrides of both variants
};

const char* kHeader = R"(name: keys
period: {start: 2014, end: 2017}
seed: 3
poverty_line: {base: 3000, base_year: 2014, growth: 0.03}
geography: {counties: 2, townships_per_county: 2, villages_per_township: 3, households_per_village: 40}
population:
  income: {median: 3000, sigma: 0.6}
  region_effects: {county_sd: 0.3, township_sd: 0.3, village_sd: 0.2}
  ethnic_minority_share: 0.5
  border_share: 0.5
  old_revolutionary_base_share: 0.5
  cause_shares: {illness: 0.4, lack_of_capital: 0.3, lack_of_skills: 0.3}
dynamics: {growth: 0.05, noise_sd: 0.1, illness_probability: 0.3, illness_income_loss: 0.3}
shocks:
  markets:
    - {name: tea, price_sd: 0.3}
    - {name: pigs, price_sd: 0.3}
management: {work_team_share: 0.5}
programmes:
)";

const char* kProject =
    "    project: {type: income, return_rate: 0.15, lag_years: 1, success_probability: 0.9, "
    "depreciation: 0.05, "
    "industry: tea}\n";

std::string programme(const std::string& kind) {
  if (kind == "township_package") {
    return R"(  - name: p
    kind: township_package
    stream: s
    cohorts:
      - {year: 2014, selection: poorest_first, count: 1}
      - {year: 2015, selection: listed, townships: [C02-T01]}
    tranches:
      - {programme_year: 1, amount: 300000}
      - {programme_year: 2, amount: 200000}
    top_ups:
      - {cohort: 2014, year: 2015, amount: 100000}
    disbursement: {month: 3, day: 1}
)" + std::string(kProject) +
           R"(    allocation:
      - {level: village, rule: equal}
      - {level: household, rule: poverty_gap}
)";
  }
  if (kind == "special_fund") {
    return R"(  - name: p
    kind: special_fund
    stream: s
    appropriations: {2014: 2000000, 2015: 1500000}
    disbursement: {month: 4, day: 1}
)" + std::string(kProject) +
           R"(    allocation:
      - {level: county, rule: factor, weights: {poor_people: 0.6, poverty_gap: 0.4}}
      - {level: household, rule: poverty_gap}
)";
  }
  if (kind == "donation") {
    return R"(  - name: p
    kind: donation
    stream: s
    amounts: {2014: 800000, 2015: 800000}
    disbursement: {month: 9, day: 1}
)" + std::string(kProject) +
           R"(    allocation:
      - {level: county, rule: per_poor_person}
      - {level: household, rule: poverty_gap}
)";
  }
  if (kind == "sector_channel") {
    return R"(  - name: p
    kind: sector_channel
    stream: s
    channel: electricity
    budget: {2014: 100000, 2015: 70000}
    unit: household
    unit_cost: 3000
    initial_coverage: 0.2
    goal: {coverage: 0.9, year: 2016}
    order: poorest_first
    income_gain: 50
    construction_years: 1
    disbursement: {month: 5, day: 1}
)";
  }
  if (kind == "village_package") {
    return R"(  - name: p
    kind: village_package
    stream: s
    cohorts:
      - {year: 2014, count: 3}
      - {year: 2015, share: 0.25}
    tranches:
      - {programme_year: 1, amount: 150000}
      - {programme_year: 2, amount: 50000}
    priority: {categories: [ethnic_minority, border], deadline: 2015}
    disbursement: {month: 3, day: 1}
)" + std::string(kProject) +
           R"(    allocation:
      - {level: household, rule: poverty_gap}
)";
  }
  if (kind == "east_west") {
    return R"(  - name: p
    kind: east_west
    stream: s
    pairings:
      - {donor: Shanghai, counties: [C01]}
      - {donor: Jiangsu, counties: [C02]}
    fiscal_aid: {base: 400000, growth: 0.1}
    enterprise: {investment_per_year: 2000000, jobs_per_million: 4, local_wage: 9000}
    labour_transfer: {jobs_per_year: 10, wage: 14000, remittance_share: 0.5}
    disbursement: {month: 6, day: 1}
)" + std::string(kProject) +
           R"(    allocation:
      - {level: village, rule: priority, base: poor_people, weights: {border: 1}}
      - {level: household, rule: poverty_gap}
)";
  }
  if (kind == "paired_assistance") {
    return R"(  - name: p
    kind: paired_assistance
    stream: s
    units:
      - {name: u1, counties: [C01], money_per_year: 200000, households: 30}
      - {name: u2, counties: [C01, C02], money_per_year: 100000, households: 20}
    disbursement: {month: 7, day: 1}
)" + std::string(kProject) +
           R"(    allocation:
      - {level: household, rule: poverty_gap}
)";
  }
  if (kind == "microcredit") {
    return R"(  - name: p
    kind: microcredit
    stream: s
    subsidy_stream: sub
    loans: {2014: 40, 2015: 40}
    loan: {amount: 5000, term_years: 2, interest_rate: 0.05, subsidy_share: 0.5, default_probability: 0.1}
    disbursement: {month: 3, day: 10}
)" + std::string(kProject);
  }
  if (kind == "mutual_aid_fund") {
    return R"(  - name: p
    kind: mutual_aid_fund
    stream: s
    seed: {year: 2014, villages: 3, capital: 30000}
    loan: {amount: 3000, fee_rate: 0.06, default_probability: 0.1}
)" + std::string(kProject);
  }
  if (kind == "fund_integration") {
    return R"(  - name: src
    kind: special_fund
    stream: fiscal
    appropriations: {2014: 2000000, 2015: 1500000}
    allocation:
      - {level: county, rule: per_poor_person}
      - {level: household, rule: poverty_gap}
  - name: p
    kind: fund_integration
    stream: s
    sources: [src]
)" + std::string(kProject) +
           R"(    allocation:
      - {level: village, rule: per_poor_person}
      - {level: household, rule: poverty_gap}
)";
  }
  ADD_FAILURE() << "no base programme for kind " << kind;
  return {};
}

const std::vector<std::string> kKinds = {"township_package", "donation",        "sector_channel",
                                         "village_package",  "east_west",       "paired_assistance",
                                         "microcredit",      "mutual_aid_fund", "fund_integration"};

// Contexts that leave money idle at year end. Nobody registered: money meant for registered
// households has no candidate. Everybody registered and nobody poor (a line of 100 yuan, every
// household included in error, no shocks): rules by poverty have nothing to weigh, so money
// stays held.
const std::vector<std::pair<std::string, std::string>> kNobodyRegistered = {
    {"management.exclusion_error", "1"}, {"management.work_team_share", "0"}};
const std::vector<std::pair<std::string, std::string>> kNobodyPoor = {
    {"poverty_line", "{base: 100, base_year: 2014, growth: 0}"},
    {"management.inclusion_error", "1"},
    {"management.inclusion_band", "100"},
    {"dynamics.illness_probability", "0"},
    {"shocks.disaster_probability", "0"}};

// Mutations of the keys every programme has, of the shared parts, and of the allocation stages.
// `levels` replaces the allocation stages by ones at other levels: the kind's other valid
// choice, or, for a kind whose stages have only one valid shape, an invalid one (rejected).
void add_common(std::vector<Mutation>& out, const std::string& kind, bool has_project,
                bool has_disbursement, bool has_allocation, const std::string& last_stage,
                const std::string& levels = "", Expect levels_expect = Expect::changes) {
  out.push_back({kind, "programmes[].name", "programmes.p.name", "q"});
  out.push_back({kind, "programmes[].kind", "programmes.p.kind",
                 kind == "donation" ? "special_fund" : "donation", Expect::rejected});
  out.push_back({kind, "programmes[].stream", "programmes.p.stream", "t"});
  if (has_project) {
    out.push_back({kind, "programmes[].project.type", "programmes.p.project.type", "matched"});
    out.push_back(
        {kind, "programmes[].project.return_rate", "programmes.p.project.return_rate", "0.3"});
    out.push_back({kind, "programmes[].project.lag_years", "programmes.p.project.lag_years", "2"});
    out.push_back({kind, "programmes[].project.success_probability",
                   "programmes.p.project.success_probability", "0.5"});
    out.push_back(
        {kind, "programmes[].project.depreciation", "programmes.p.project.depreciation", "0.3"});
    out.push_back({kind, "programmes[].project.industry", "programmes.p.project.industry", "pigs"});
  }
  if (has_disbursement) {
    out.push_back(
        {kind, "programmes[].disbursement.month", "programmes.p.disbursement.month", "11"});
    out.push_back({kind, "programmes[].disbursement.day", "programmes.p.disbursement.day", "28"});
  }
  if (has_allocation) {
    const std::string stage = "programmes.p.allocation." + last_stage;
    out.push_back({kind, "programmes[].allocation[].rule", stage + ".rule", "equal"});
    out.push_back({kind, "programmes[].allocation[].level", "programmes.p.allocation", levels,
                   levels_expect});
    out.push_back({kind,
                   "programmes[].allocation[].weights",
                   stage + ".weights",
                   "{illness: 3}",
                   Expect::changes,
                   {{stage, "{level: household, rule: cause_matched, weights: {illness: 1}}"}}});
    out.push_back({kind,
                   "programmes[].allocation[].weights.<name>",
                   stage + ".weights.illness",
                   "5",
                   Expect::changes,
                   {{stage, "{level: household, rule: cause_matched, weights: {illness: 1}}"}}});
    out.push_back({kind,
                   "programmes[].allocation[].formula",
                   stage + ".formula",
                   "\"poor_people\"",
                   Expect::changes,
                   {{stage, "{level: household, rule: formula, formula: \"poverty_gap\"}"}}});
    out.push_back({kind,
                   "programmes[].allocation[].objective",
                   stage + ".objective",
                   "people_lifted",
                   Expect::changes,
                   {{stage, "{level: household, rule: optimal, objective: poverty_gap}"}}});
    out.push_back({kind,
                   "programmes[].allocation[].base",
                   stage + ".base",
                   "households",
                   Expect::changes,
                   {{stage, "{level: household, rule: performance, base: poor_people}"}}});
  }
}

std::vector<Mutation> mutations() {
  std::vector<Mutation> m;
  // township_package
  {
    const std::string k = "township_package";
    add_common(m, k, true, true, true, "1", "[{level: household, rule: poverty_gap}]");
    m.push_back({k, "programmes[].idle_money", "programmes.p.idle_money", "returned",
                 Expect::changes, kNobodyRegistered});
    m.push_back({k, "programmes[].admin_cost.county", "programmes.p.admin_cost", "{county: 0.1}",
                 Expect::rejected});
    m.push_back(
        {k, "programmes[].admin_cost.township", "programmes.p.admin_cost", "{township: 0.1}"});
    m.push_back(
        {k, "programmes[].admin_cost.village", "programmes.p.admin_cost", "{village: 0.1}"});
    m.push_back({k, "programmes[].cohorts[].year", "programmes.p.cohorts.1.year", "2016"});
    m.push_back({k, "programmes[].cohorts[].selection", "programmes.p.cohorts.1",
                 "{year: 2015, selection: poorest_first, count: 2}"});
    m.push_back({k, "programmes[].cohorts[].count", "programmes.p.cohorts.0.count", "2"});
    m.push_back({k, "programmes[].cohorts[].share", "programmes.p.cohorts.0",
                 "{year: 2014, selection: poorest_first, share: 0.5}"});
    m.push_back(
        {k, "programmes[].cohorts[].townships", "programmes.p.cohorts.1.townships", "[C02-T02]"});
    m.push_back({k, "programmes[].tranches[].programme_year",
                 "programmes.p.tranches.1.programme_year", "3"});
    m.push_back({k, "programmes[].tranches[].amount", "programmes.p.tranches.0.amount", "400000"});
    m.push_back({k, "programmes[].top_ups[].cohort", "programmes.p.top_ups.0.cohort", "2015"});
    m.push_back({k, "programmes[].top_ups[].year", "programmes.p.top_ups.0.year", "2016"});
    m.push_back({k, "programmes[].top_ups[].amount", "programmes.p.top_ups.0.amount", "50000"});
  }
  // special_fund and donation
  for (const std::string k : {"special_fund", "donation"}) {
    add_common(m, k, true, true, true, "1",
               "[{level: township, rule: per_poor_person}, {level: household, rule: poverty_gap}]");
    auto idle_context = kNobodyPoor;
    idle_context.emplace_back("programmes.p.allocation.0", "{level: county, rule: per_capita}");
    m.push_back({k, "programmes[].idle_money", "programmes.p.idle_money", "returned",
                 Expect::changes, idle_context});
    m.push_back({k, "programmes[].admin_cost.county", "programmes.p.admin_cost", "{county: 0.1}"});
    m.push_back({k, "programmes[].admin_cost.township", "programmes.p.admin_cost",
                 "{township: 0.1}", Expect::rejected});
    m.push_back({k, "programmes[].admin_cost.village", "programmes.p.admin_cost", "{village: 0.1}",
                 Expect::rejected});
    const std::string years = k == "special_fund" ? "appropriations" : "amounts";
    m.push_back(
        {k, "programmes[]." + years + ".<year>", "programmes.p." + years + ".2015", "900000"});
  }
  // sector_channel
  {
    const std::string k = "sector_channel";
    add_common(m, k, false, true, false, "");
    m.push_back({k, "programmes[].idle_money", "programmes.p.idle_money", "returned"});
    m.push_back({k, "programmes[].admin_cost.county", "programmes.p.admin_cost", "{county: 0.1}",
                 Expect::rejected});
    m.push_back({k, "programmes[].admin_cost.township", "programmes.p.admin_cost",
                 "{township: 0.1}", Expect::rejected});
    m.push_back({k, "programmes[].admin_cost.village", "programmes.p.admin_cost", "{village: 0.1}",
                 Expect::rejected});
    m.push_back({k, "programmes[].channel", "programmes.p.channel", "broadband"});
    m.push_back({k, "programmes[].budget.<year>", "programmes.p.budget.2014", "130000"});
    m.push_back({k, "programmes[].unit", "programmes.p.unit", "village"});
    m.push_back({k, "programmes[].unit_cost", "programmes.p.unit_cost", "2500"});
    m.push_back({k, "programmes[].initial_coverage", "programmes.p.initial_coverage", "0.5"});
    m.push_back({k, "programmes[].goal.coverage", "programmes.p.goal.coverage", "0.5"});
    m.push_back({k, "programmes[].goal.year", "programmes.p.goal.year", "2017"});
    m.push_back({k, "programmes[].order", "programmes.p.order", "index"});
    m.push_back(
        {k, "programmes[].growth_uplift", "programmes.p.growth_uplift", "0.05", Expect::rejected});
    m.push_back({k, "programmes[].income_gain", "programmes.p.income_gain", "100"});
    m.push_back({k, "programmes[].construction_years", "programmes.p.construction_years", "0"});
  }
  // village_package
  {
    const std::string k = "village_package";
    add_common(m, k, true, true, true, "0",
               "[{level: village, rule: equal}, {level: household, rule: poverty_gap}]",
               Expect::rejected);
    m.push_back({k, "programmes[].idle_money", "programmes.p.idle_money", "returned",
                 Expect::changes, kNobodyRegistered});
    m.push_back({k, "programmes[].admin_cost.county", "programmes.p.admin_cost", "{county: 0.1}",
                 Expect::rejected});
    m.push_back({k, "programmes[].admin_cost.township", "programmes.p.admin_cost",
                 "{township: 0.1}", Expect::rejected});
    m.push_back(
        {k, "programmes[].admin_cost.village", "programmes.p.admin_cost", "{village: 0.1}"});
    m.push_back({k, "programmes[].cohorts[].year", "programmes.p.cohorts.0.year", "2016"});
    m.push_back({k, "programmes[].cohorts[].count", "programmes.p.cohorts.0.count", "4"});
    m.push_back({k, "programmes[].cohorts[].share", "programmes.p.cohorts.1.share", "0.5"});
    m.push_back({k, "programmes[].tranches[].programme_year",
                 "programmes.p.tranches.1.programme_year", "3"});
    m.push_back({k, "programmes[].tranches[].amount", "programmes.p.tranches.0.amount", "250000"});
    m.push_back({k, "programmes[].priority.categories", "programmes.p.priority.categories",
                 "[old_revolutionary_base]"});
    m.push_back({k, "programmes[].priority.deadline", "programmes.p.priority.deadline", "2014"});
  }
  // east_west
  {
    const std::string k = "east_west";
    add_common(m, k, true, true, true, "1", "[{level: household, rule: poverty_gap}]");
    m.push_back({k, "programmes[].idle_money", "programmes.p.idle_money", "returned",
                 Expect::changes, kNobodyRegistered});
    m.push_back({k, "programmes[].admin_cost.county", "programmes.p.admin_cost", "{county: 0.1}"});
    m.push_back({k, "programmes[].admin_cost.township", "programmes.p.admin_cost",
                 "{township: 0.1}", Expect::rejected});
    m.push_back(
        {k, "programmes[].admin_cost.village", "programmes.p.admin_cost", "{village: 0.1}"});
    m.push_back({k, "programmes[].pairings[].donor", "programmes.p.pairings.0.donor", "Beijing"});
    m.push_back(
        {k, "programmes[].pairings[].counties", "programmes.p.pairings.1.counties", "[C01]"});
    m.push_back({k, "programmes[].fiscal_aid.base", "programmes.p.fiscal_aid.base", "600000"});
    m.push_back({k, "programmes[].fiscal_aid.growth", "programmes.p.fiscal_aid.growth", "0.3"});
    m.push_back({k, "programmes[].enterprise.investment_per_year",
                 "programmes.p.enterprise.investment_per_year", "3000000"});
    m.push_back({k, "programmes[].enterprise.jobs_per_million",
                 "programmes.p.enterprise.jobs_per_million", "8"});
    m.push_back(
        {k, "programmes[].enterprise.local_wage", "programmes.p.enterprise.local_wage", "12000"});
    m.push_back({k, "programmes[].labour_transfer.jobs_per_year",
                 "programmes.p.labour_transfer.jobs_per_year", "20"});
    m.push_back(
        {k, "programmes[].labour_transfer.wage", "programmes.p.labour_transfer.wage", "20000"});
    m.push_back({k, "programmes[].labour_transfer.remittance_share",
                 "programmes.p.labour_transfer.remittance_share", "0.8"});
  }
  // paired_assistance
  {
    const std::string k = "paired_assistance";
    // A unit's money goes straight to the households it follows: none is ever idle.
    add_common(m, k, true, true, true, "0",
               "[{level: village, rule: equal}, {level: household, rule: poverty_gap}]",
               Expect::rejected);
    m.push_back(
        {k, "programmes[].idle_money", "programmes.p.idle_money", "returned", Expect::rejected});
    m.push_back({k, "programmes[].admin_cost.county", "programmes.p.admin_cost", "{county: 0.1}",
                 Expect::rejected});
    m.push_back({k, "programmes[].admin_cost.township", "programmes.p.admin_cost",
                 "{township: 0.1}", Expect::rejected});
    m.push_back({k, "programmes[].admin_cost.village", "programmes.p.admin_cost", "{village: 0.1}",
                 Expect::rejected});
    m.push_back({k, "programmes[].units[].name", "programmes.p.units.0.name", "u3"});
    m.push_back({k, "programmes[].units[].counties", "programmes.p.units.0.counties", "[C02]"});
    m.push_back({k, "programmes[].units[].money_per_year", "programmes.p.units.0.money_per_year",
                 "300000"});
    m.push_back({k, "programmes[].units[].households", "programmes.p.units.0.households", "10"});
  }
  // microcredit
  {
    const std::string k = "microcredit";
    add_common(m, k, true, true, false, "");
    m.push_back(
        {k, "programmes[].idle_money", "programmes.p.idle_money", "returned", Expect::rejected});
    m.push_back({k, "programmes[].admin_cost.county", "programmes.p.admin_cost", "{county: 0.1}",
                 Expect::rejected});
    m.push_back({k, "programmes[].admin_cost.township", "programmes.p.admin_cost",
                 "{township: 0.1}", Expect::rejected});
    m.push_back({k, "programmes[].admin_cost.village", "programmes.p.admin_cost", "{village: 0.1}",
                 Expect::rejected});
    m.push_back({k, "programmes[].subsidy_stream", "programmes.p.subsidy_stream", "sub2"});
    m.push_back({k, "programmes[].loans.<year>", "programmes.p.loans.2015", "60"});
    m.push_back({k, "programmes[].loan.amount", "programmes.p.loan.amount", "8000"});
    m.push_back({k, "programmes[].loan.term_years", "programmes.p.loan.term_years", "3"});
    m.push_back({k, "programmes[].loan.interest_rate", "programmes.p.loan.interest_rate", "0.08"});
    m.push_back({k, "programmes[].loan.subsidy_share", "programmes.p.loan.subsidy_share", "1"});
    m.push_back({k, "programmes[].loan.default_probability",
                 "programmes.p.loan.default_probability", "0.3"});
  }
  // mutual_aid_fund
  {
    const std::string k = "mutual_aid_fund";
    add_common(m, k, true, false, false, "");
    m.push_back(
        {k, "programmes[].idle_money", "programmes.p.idle_money", "returned", Expect::rejected});
    m.push_back({k, "programmes[].admin_cost.county", "programmes.p.admin_cost", "{county: 0.1}",
                 Expect::rejected});
    m.push_back({k, "programmes[].admin_cost.township", "programmes.p.admin_cost",
                 "{township: 0.1}", Expect::rejected});
    m.push_back({k, "programmes[].admin_cost.village", "programmes.p.admin_cost", "{village: 0.1}",
                 Expect::rejected});
    m.push_back({k, "programmes[].seed.year", "programmes.p.seed.year", "2015"});
    m.push_back({k, "programmes[].seed.villages", "programmes.p.seed.villages", "5"});
    m.push_back({k, "programmes[].seed.capital", "programmes.p.seed.capital", "60000"});
    m.push_back({k, "programmes[].loan.amount", "programmes.p.loan.amount", "2000"});
    m.push_back({k, "programmes[].loan.fee_rate", "programmes.p.loan.fee_rate", "0.1"});
    m.push_back({k, "programmes[].loan.default_probability",
                 "programmes.p.loan.default_probability", "0.3"});
  }
  // fund_integration
  {
    const std::string k = "fund_integration";
    add_common(m, k, true, false, true, "1", "[{level: household, rule: poverty_gap}]");
    auto idle_context = kNobodyPoor;
    idle_context.emplace_back("programmes.src.allocation.0", "{level: county, rule: per_capita}");
    m.push_back({k, "programmes[].idle_money", "programmes.p.idle_money", "returned",
                 Expect::changes, idle_context});
    m.push_back({k, "programmes[].admin_cost.county", "programmes.p.admin_cost", "{county: 0.1}"});
    m.push_back({k, "programmes[].admin_cost.township", "programmes.p.admin_cost",
                 "{township: 0.1}", Expect::rejected});
    m.push_back(
        {k, "programmes[].admin_cost.village", "programmes.p.admin_cost", "{village: 0.1}"});
    m.push_back({k, "programmes[].sources", "programmes.p.sources", "[]", Expect::rejected});
  }
  return m;
}

// Everything a run reports, as text: two runs with the same fingerprint are indistinguishable.
std::string fingerprint(const VariantResult& r) {
  std::ostringstream o;
  o << std::hexfloat;
  for (const YearSummary& y : r.years) {
    o << y.year << ' ' << y.population << ' ' << y.poor_people << ' ' << y.headcount_ratio << ' '
      << y.fgt1 << ' ' << y.fgt2 << ' ' << y.mean_income << ' ' << y.median_income << ' ' << y.gini
      << ' ' << y.registered_households << ' ' << y.newly_registered << ' ' << y.exits << ' '
      << y.returns << ' ' << y.safe_housing_share << ' ' << y.insured_share << ' '
      << y.schooling_share << ' ' << y.disbursed.fen() << ' ' << y.spent.fen() << ' '
      << y.idle.fen() << ' ' << y.mean_components.returns << ' ' << y.mean_components.wages << ' '
      << y.mean_components.remittances << ' ' << y.mean_components.costs << '\n';
  }
  for (const ProgrammeSeries& p : r.programmes) {
    o << p.name << ' ' << p.kind << ' ' << p.stream << '\n';
    for (const auto& m : p.money) {
      o << m.name;
      for (const auto& v : m.values) o << ' ' << v.fen();
      o << '\n';
    }
    for (const auto& m : p.measures) {
      o << m.name;
      for (double v : m.values) o << ' ' << v;
      o << '\n';
    }
  }
  for (const auto& a : r.ledger.accounts) o << a.name << ' ' << a.kind << '\n';
  for (const auto& s : r.ledger.streams) o << s << '\n';
  for (const auto& f : r.ledger.flows)
    o << f.year << ' ' << f.stream << ' ' << f.from << ' ' << f.to << ' ' << f.amount.fen() << '\n';
  return o.str();
}

std::string variant_text(const std::string& name,
                         const std::vector<std::pair<std::string, std::string>>& set) {
  std::string t = "  - name: " + name + "\n";
  if (set.empty()) return t;
  t += "    set:\n";
  for (const auto& [path, value] : set) t += "      " + path + ": " + value + "\n";
  return t;
}

struct Outcome {
  bool rejected = false;
  std::string message;  // the loader's message when rejected
  int line = 0;
  bool changed = false;
};

Outcome apply(const Mutation& m) {
  auto mutated = m.context;
  mutated.emplace_back(m.path, m.value);
  const std::string text = std::string(kHeader) + programme(m.kind) + "variants:\n" +
                           variant_text("unchanged", m.context) + variant_text("mutated", mutated);
  Outcome out;
  ScenarioSet set;
  try {
    set = load_scenario_text(text, "keys.yaml");
  } catch (const ScenarioError& e) {
    out.rejected = true;
    out.message = e.what();
    out.line = e.where().line;
    return out;
  }
  const VariantResult a = simulate(set.variants.at(0), 1);
  const VariantResult b = simulate(set.variants.at(1), 1);
  out.changed = fingerprint(a) != fingerprint(b);
  return out;
}

TEST(EveryKey, EachBaseScenarioLoadsAndRuns) {
  for (const std::string& kind : kKinds) {
    const std::string text = std::string(kHeader) + programme(kind);
    ScenarioSet set;
    ASSERT_NO_THROW(set = load_scenario_text(text, "keys.yaml")) << kind;
    const VariantResult r = simulate(set.variants.at(0), 1);
    sim::Money issued;
    for (const YearSummary& y : r.years) issued += y.disbursed;
    EXPECT_GT(issued.fen(), 0) << kind
                               << ": the base scenario must move money for its keys to matter";
  }
}

class MutationTest : public ::testing::TestWithParam<Mutation> {};

TEST_P(MutationTest, ChangesTheOutputOrIsRejectedWithALocation) {
  const Mutation& m = GetParam();
  const Outcome o = apply(m);
  if (m.expect == Expect::rejected) {
    EXPECT_TRUE(o.rejected) << m.kind << " " << m.path << ": " << m.value
                            << " was accepted (output changed: " << o.changed << ")";
    if (o.rejected) {
      EXPECT_GT(o.line, 0) << o.message;
    }
  } else {
    EXPECT_FALSE(o.rejected) << o.message;
    EXPECT_TRUE(o.changed) << m.kind << " " << m.path << ": " << m.value
                           << " changed nothing in the output";
  }
}

std::string mutation_name(const ::testing::TestParamInfo<Mutation>& info) {
  std::string n = info.param.kind + "_" +
                  info.param.path.substr(std::strlen("programmes.p.") > info.param.path.size()
                                             ? 0
                                             : std::strlen("programmes.p."));
  for (char& c : n) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return n + "_" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(Keys, MutationTest, ::testing::ValuesIn(mutations()), mutation_name);

// Every key of the schema that a kind accepts — its own, the keys every programme has, and the
// shared parts it has — has a mutation above.
TEST(EveryKey, EveryKeyOfEveryKindHasAMutation) {
  std::set<std::pair<std::string, std::string>> covered;
  for (const Mutation& m : mutations()) covered.insert({m.kind, m.key});
  for (const std::string& kind : kKinds) {
    std::vector<std::string> leaves;
    // Walks a mapping's keys; a key with a schema of its own is a container and is walked instead.
    const auto schema_of = [&](const std::string& path) -> const MappingSchema* {
      for (const std::string& k : {kind, std::string()}) {
        for (const MappingSchema& s : scenario_schema()) {
          if (s.path == path && s.kind == k) return &s;
        }
      }
      return nullptr;
    };
    std::vector<std::string> todo{"programmes[]"};
    std::set<std::string> seen;
    while (!todo.empty()) {
      const std::string path = todo.back();
      todo.pop_back();
      if (!seen.insert(path).second) continue;
      std::vector<const MappingSchema*> parts;
      for (const MappingSchema& s : scenario_schema()) {
        if (s.path == path && (s.kind == kind || s.kind.empty())) parts.push_back(&s);
      }
      for (const MappingSchema* s : parts) {
        if (!s->free_key.empty()) leaves.push_back(path + "." + s->free_key);
        for (const KeySpec& key : s->keys) {
          const std::string child = path + "." + key.name;
          if (schema_of(child) != nullptr) {
            todo.push_back(child);
          } else if (schema_of(child + "[]") != nullptr) {
            todo.push_back(child + "[]");
          } else {
            leaves.push_back(child);
          }
        }
      }
    }
    // The generic programme mapping lists the shared parts (project, disbursement, allocation) for
    // every kind; only those the kind's own mapping names are the kind's.
    const MappingSchema& own = mapping_schema("programmes[]", kind);
    const auto has = [&](const std::string& part) {
      for (const KeySpec& k : own.keys) {
        if (k.name == part) return true;
      }
      return false;
    };
    for (const std::string& leaf : leaves) {
      if (leaf.rfind("programmes[].project.", 0) == 0 && !has("project")) continue;
      if (leaf.rfind("programmes[].disbursement.", 0) == 0 && !has("disbursement")) continue;
      if (leaf.rfind("programmes[].allocation[]", 0) == 0 && !has("allocation")) continue;
      EXPECT_TRUE(covered.count({kind, leaf})) << kind << ": no mutation of " << leaf;
    }
  }
}

}  // namespace
}  // namespace fupin::models
