// What the money bought, per programme and year, and what it cost per person lifted: probes that
// differ in one key, and the series' own arithmetic.
#include <gtest/gtest.h>

#include <any>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/scenario/scenario_loader.hpp"
#include "models/simulation/simulation.hpp"

namespace fupin::models {
namespace {

ScenarioSet yunnan(int households_per_village = 20) {
  ScenarioSet set =
      load_scenario_file(std::string(FUPIN_SOURCE_DIR) + "/scenarios/yunnan_whole_township.yaml");
  for (Scenario& v : set.variants) v.geography.households_per_village = households_per_village;
  return set;
}

const std::vector<double>& measure(const ProgrammeSeries& p, const std::string& name) {
  for (const auto& m : p.measures) {
    if (m.name == name) return m.values;
  }
  throw std::runtime_error("no measure " + name);
}

const std::vector<sim::Money>& money(const ProgrammeSeries& p, const std::string& name) {
  for (const auto& m : p.money) {
    if (m.name == name) return m.values;
  }
  throw std::runtime_error("no money series " + name);
}

// Capture is money that still reaches households (part of `spent`) but not the targeted ones: a
// probe that differs only in `interventions.capture` moves it from 0 to a positive amount.
TEST(MoneyBought, CaptureIsCountedOnlyWhenThereIsCapture) {
  Scenario none = yunnan().variants.front();
  Scenario some = none;
  none.interventions.capture = 0.0;
  some.interventions.capture = 0.2;
  const VariantResult a = simulate(none, 2);
  const VariantResult b = simulate(some, 2);
  sim::Money captured_a, captured_b, spent_a, spent_b;
  for (std::size_t y = 0; y < a.years.size(); ++y) {
    captured_a += money(a.programmes[0], "captured")[y];
    captured_b += money(b.programmes[0], "captured")[y];
    spent_a += money(a.programmes[0], "spent")[y];
    spent_b += money(b.programmes[0], "spent")[y];
    EXPECT_LE(money(b.programmes[0], "captured")[y], money(b.programmes[0], "spent")[y]);
  }
  EXPECT_EQ(captured_a.fen(), 0);
  EXPECT_GT(captured_b.fen(), 0);
  // Roughly the captured share of what reached households in villages with a share to capture.
  EXPECT_LT(captured_b.yuan(), 0.2 * spent_b.yuan() + 1.0);
}

// Households reached count the households whose money arrived this year: none in a year without
// tranches, and never more than the registered households.
TEST(MoneyBought, HouseholdsReachedFollowTheTranches) {
  const Scenario v = yunnan().variants.front();
  const VariantResult r = simulate(v, 2);
  const ProgrammeSeries& p = r.programmes[0];
  ASSERT_EQ(p.years.size(), r.years.size());
  bool some = false;
  for (std::size_t y = 0; y < p.years.size(); ++y) {
    const double reached = measure(p, "households_reached")[y];
    const sim::Money spent = money(p, "spent")[y];
    const sim::Money saved = money(p, "saved")[y];
    if (spent.fen() == 0 && saved.fen() == 0 && money(p, "issued")[y].fen() == 0) {
      EXPECT_EQ(reached, 0.0) << p.years[y];
    }
    if (spent.fen() > 0) {
      EXPECT_GT(reached, 0.0) << p.years[y];
    }
    some = some || reached > 0;
  }
  EXPECT_TRUE(some);
  // The package's last tranche is in 2015 (cohort 2014 + 1): nothing arrives in 2016.
  EXPECT_EQ(p.years.back(), 2016);
  EXPECT_EQ(measure(p, "households_reached").back(), 0.0);
}

// cost_per_exit is the programme's spent money since the start over the exits of the households
// it assisted since the start.
TEST(MoneyBought, CostPerExitIsCumulativeSpentOverCumulativeAssistedExits) {
  const VariantResult r = simulate(yunnan().variants.front(), 2);
  const ProgrammeSeries& p = r.programmes[0];
  double spent = 0, exits = 0;
  for (std::size_t y = 0; y < p.years.size(); ++y) {
    spent += money(p, "spent")[y].yuan();
    exits += measure(p, "assisted_exits")[y];
    const double cost = measure(p, "cost_per_exit")[y];
    if (exits == 0) {
      EXPECT_TRUE(std::isnan(cost));
    } else {
      EXPECT_NEAR(cost, spent / exits, 1e-9 * cost);
    }
    EXPECT_LE(measure(p, "assisted_exits")[y], static_cast<double>(r.years[y].exits));
  }
  EXPECT_GT(exits, 0.0);
}

// Against the counterfactual: people lifted is the counterfactual's poor minus the variant's, and
// the cost is the money disbursed beyond the counterfactual's since the start, per person lifted.
TEST(MoneyBought, CostPerPersonLiftedAgainstTheCounterfactual) {
  ScenarioSet set = yunnan();
  ASSERT_EQ(set.variants.front().counterfactual, "no_programme");
  const RunResult run = run_scenarios(set, 2);
  const VariantResult* base = nullptr;
  for (const VariantResult& v : run.variants) {
    if (v.name == "no_programme") base = &v;
  }
  ASSERT_NE(base, nullptr);
  for (const YearSummary& y : base->years) {
    EXPECT_EQ(y.people_lifted, 0.0);
    EXPECT_TRUE(std::isnan(y.cost_per_person_lifted));
  }
  bool lifted = false;
  for (const VariantResult& v : run.variants) {
    if (&v == base) continue;
    double extra = 0;
    for (std::size_t k = 0; k < v.years.size(); ++k) {
      const YearSummary& y = v.years[k];
      extra += y.disbursed.yuan() - base->years[k].disbursed.yuan();
      EXPECT_DOUBLE_EQ(y.people_lifted, base->years[k].poor_people - y.poor_people)
          << v.name << " " << y.year;
      if (y.people_lifted > 0) {
        lifted = true;
        EXPECT_NEAR(y.cost_per_person_lifted, extra / y.people_lifted,
                    1e-9 * y.cost_per_person_lifted);
      } else {
        EXPECT_TRUE(std::isnan(y.cost_per_person_lifted));
      }
    }
  }
  EXPECT_TRUE(lifted);
  // Without a counterfactual nothing is compared.
  for (Scenario& v : set.variants) v.counterfactual.clear();
  set.variants.resize(1);
  const RunResult alone = run_scenarios(set, 2);
  for (const YearSummary& y : alone.variants[0].years) EXPECT_TRUE(std::isnan(y.people_lifted));
}

// Loans defaulted: a probe that differs only in the default probability.
TEST(MoneyBought, LoansDefaultedFollowTheDefaultProbability) {
  ScenarioSet set = load_scenario_file(std::string(FUPIN_SOURCE_DIR) +
                                       "/scenarios/guangdong_plan_to_household.yaml");
  Scenario never = set.variants.front();
  never.geography.households_per_village = 30;
  std::size_t credit = never.programmes.size();
  for (std::size_t p = 0; p < never.programmes.size(); ++p) {
    if (never.programmes[p].kind() == "microcredit") credit = p;
  }
  ASSERT_LT(credit, never.programmes.size());
  Scenario often = never;
  std::any_cast<MicrocreditSpec&>(never.programmes[credit].params).default_probability = 0.0;
  std::any_cast<MicrocreditSpec&>(often.programmes[credit].params).default_probability = 0.5;
  const VariantResult a = simulate(never, 2);
  const VariantResult b = simulate(often, 2);
  double defaulted_a = 0, defaulted_b = 0, issued_b = 0;
  for (std::size_t y = 0; y < a.years.size(); ++y) {
    defaulted_a += measure(a.programmes[credit], "loans_defaulted")[y];
    defaulted_b += measure(b.programmes[credit], "loans_defaulted")[y];
    issued_b += measure(b.programmes[credit], "loans_issued")[y];
  }
  EXPECT_EQ(defaulted_a, 0.0);
  EXPECT_GT(defaulted_b, 0.0);
  EXPECT_LE(defaulted_b, issued_b);
  EXPECT_EQ(measure(a.programmes[credit], "principal_written_off").back(), 0.0);
  EXPECT_GT(measure(b.programmes[credit], "principal_written_off").back(), 0.0);
}

TEST(MoneyBought, CounterfactualMustNameAVariant) {
  const std::string text = R"(name: t
period: {start: 2014, end: 2015}
poverty_line: {base: 2800, base_year: 2014, growth: 0}
geography: {counties: 1, townships_per_county: 1, villages_per_township: 1, households_per_village: 5}
counterfactual: nothing
variants:
  - name: a
  - name: b
)";
  try {
    (void)load_scenario_text(text, "t.yaml");
    FAIL() << "accepted";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "t.yaml:5:17: error: counterfactual: counterfactual 'nothing' is not a variant "
                  "of the file (variants: a, b)"),
              std::string::npos)
        << e.what();
  }
  const std::size_t at = text.find("nothing");
  const std::string ok = text.substr(0, at) + "b" + text.substr(at + 7);
  EXPECT_EQ(load_scenario_text(ok, "t.yaml").variants[0].counterfactual, "b");
}

}  // namespace
}  // namespace fupin::models
