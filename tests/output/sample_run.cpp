#include "tests/output/sample_run.hpp"

#include <cstdint>

namespace fupin::output::testing {

using sim::Money;

void close_ledger_years(models::LedgerReport& ledger, const std::vector<int>& years) {
  ledger.years = years;
  ledger.balances.clear();
  std::vector<Money> balance(ledger.accounts.size());
  for (int year : years) {
    for (const auto& flow : ledger.flows) {
      if (flow.year != year) continue;
      balance[flow.from] -= flow.amount;
      balance[flow.to] += flow.amount;
    }
    ledger.balances.push_back(balance);
  }
}

namespace {

models::YearSummary summary_row(int year, int i, double shift) {
  models::YearSummary y;
  y.year = year;
  y.poverty_line = 2300.0 + 100.0 * i;
  y.population = 50000.5 + i + shift;
  y.households = 12345 - i;
  y.poor_people = 8000.25 - 1000.0 * i - shift;
  y.poor_households = 2000 - 250 * i;
  y.headcount_ratio = 0.16 - 0.02 * i;
  y.fgt1 = 0.05 - 0.01 * i;
  y.fgt2 = 0.02 - 0.005 * i;
  y.mean_income = 3500.75 + 400.0 * i + shift;
  y.mean_components = {3000.5 + 300.0 * i, 200.25 + shift, 150.0 + i, 120.0,
                       60.0 + i,           30.0 + shift};
  y.median_income = 3100.125 + 350.0 * i;
  y.gini = 0.41 - 0.01 * i;
  y.share_above = {0.84 + 0.02 * i, 0.5 + 0.05 * i, 0.25 + 0.01 * i + shift / 100.0};
  y.registered_households = 1900 - 300 * i;
  y.newly_registered = 40 + i;
  y.exits = 300 + 10 * i;
  y.returns = 3 + i;
  y.townships_selected = 1 + i;
  y.registered_not_poor = 2 + i;
  y.poor_not_registered = 7 - i;
  y.safe_housing_share = 0.8 + 0.01 * i;
  y.insured_share = 0.9;
  y.schooling_share = 0.95 - 0.01 * i;
  y.counties_exited = i;
  y.registered_by_cause.assign(11, 0);
  y.registered_by_cause[0] = 40 + i;
  y.registered_by_cause[10] = 3;
  y.disbursed = Money::from_fen(9'007'199'254'740'993 + i);  // 2^53 + 1: not exact as a double
  y.spent = Money::from_fen(123'456'789 * (i + 1));
  y.idle = Money::from_fen(i == 0 ? 1 : -7 * i);  // negative values round-trip too
  return y;
}

models::LedgerReport sample_ledger(std::int64_t scale) {
  models::LedgerReport ledger;
  ledger.accounts = {
      {"source/central", "source", true},
      {"county/孟连县", "county", false},
      {"township/勐马镇", "township", false},
      {"spent", "spent", false},
  };
  ledger.streams = {"special_fund", "east_west_aid"};
  auto flow = [&](int year, sim::StreamId stream, sim::AccountId from, sim::AccountId to,
                  std::int64_t fen) {
    ledger.flows.push_back({year, stream, from, to, Money::from_fen(fen * scale)});
  };
  flow(2016, 0, 0, 1, 9'007'199'254'740'993);  // 2^53 + 1
  flow(2016, 0, 1, 2, 500'000'000'000'001);
  flow(2016, 0, 2, 3, 100'000'000'000'000);
  flow(2016, 1, 0, 2, 123'456);
  flow(2017, 0, 0, 1, 1'000'000);
  flow(2017, 1, 0, 2, 250'000'000);
  flow(2017, 1, 2, 3, 99);
  close_ledger_years(ledger, {2016, 2017});
  return ledger;
}

}  // namespace

std::vector<models::ProgrammeSeries> sample_programmes(const std::vector<int>& years, int scale) {
  using Amounts = models::ProgrammeSeries::Amounts;
  using Values = models::ProgrammeSeries::Values;

  models::ProgrammeSeries package;
  package.name = "township_package";
  package.kind = "township_package";
  package.stream = "special_fund";
  package.years = years;
  Amounts allocated{"allocated", "money assigned to the selected townships this year", {}};
  Amounts spent{"spent", "money that reached households as projects this year", {}};
  Values selected{"townships_selected",
                  "townships",
                  "townships selected by this programme so far (cumulative)",
                  {}};
  Values coverage{
      "coverage", "share", "村 coverage: villages reached / villages of the cohorts", {}};
  for (std::size_t i = 0; i < years.size(); ++i) {
    const auto k = static_cast<std::int64_t>(i);
    allocated.values.push_back(Money::from_fen(9'007'199'254'740'993 * scale + 2 * k));  // > 2^53
    spent.values.push_back(Money::from_fen(i == 1 ? -12'345 : 123'456'789'012 * (k + 1) + 1));
    selected.values.push_back(1.0 + static_cast<double>(i) + scale);
    // 0.1 + 0.2 is not 0.3 in binary: the read-back must be bit-exact, not rounded.
    coverage.values.push_back(0.1 + 0.2 * static_cast<double>(i + 1) / scale);
  }
  package.money = {allocated, spent};
  package.measures = {selected, coverage};

  models::ProgrammeSeries aid;  // money only
  aid.name = "east_west_aid";
  aid.kind = "east_west_pairing";
  aid.stream = "east_west_aid";
  aid.years = years;
  Amounts transferred{"transferred", "东西部协作 money transferred from the paired province", {}};
  for (std::size_t i = 0; i < years.size(); ++i) {
    transferred.values.push_back(
        Money::from_fen(scale * (i == 0 ? 9'223'372'036'854'775'807 / 3 : 250'000'000 + 7)));
  }
  aid.money = {transferred};

  return {package, aid};
}

models::RunResult make_sample_run() {
  models::RunResult run;
  run.scenario_name = "menglian-demo";
  run.scenario_file = "scenarios/孟连/demo.yaml";
  run.scenario_text =
      "name: menglian-demo\n"
      "# 孟连县 扶贫 — sample scenario\n"
      "seed: 18446744073709551557\n"
      "period: {start: 2016, end: 2018}\n";
  run.seed = 18'446'744'073'709'551'557ULL;  // > 2^63
  run.threads = 4;
  run.thresholds = {2300.0, 3000.0, 4000.0};
  run.geography = {
      {"county", {"孟连县", "澜沧县"}, {-1, -1}, {"云南", "云南"}},
      {"township", {"勐马镇", "娜允镇", "勐朗镇"}, {0, 0, 1}, {}},
      {"village", {"v0", "v1", "v2", "v3", "v4"}, {0, 0, 1, 2, 2}, {}},
  };
  run.households = 12345;
  run.warnings = {"variant 'base', programme 'package': a warning",
                  "variant 'other', programme 'package': another"};

  models::VariantResult base;
  base.name = "base";
  base.description = "因素法 factor-based allocation";
  for (int i = 0; i < 3; ++i) base.years.push_back(summary_row(2016 + i, i, 0.0));
  base.ledger = sample_ledger(1);
  base.township_cohort = {2016, 0, 2017};
  base.events = 987'654'321;
  base.programmes = sample_programmes({2016, 2017, 2018}, 1);

  models::VariantResult poorest;
  poorest.name = "poorest_first";
  poorest.description = "poorest first";
  for (int i = 0; i < 3; ++i) poorest.years.push_back(summary_row(2016 + i, i, 1.5));
  poorest.ledger = sample_ledger(3);
  poorest.township_cohort = {2017, 2016, 0};
  poorest.events = 42;
  poorest.programmes = sample_programmes({2016, 2017, 2018}, 3);

  models::VariantResult empty;
  empty.name = "empty";
  empty.description = "";
  empty.programmes = sample_programmes({}, 1);  // the scenario's programmes, with no years

  run.variants = {base, poorest, empty};
  return run;
}

}  // namespace fupin::output::testing
