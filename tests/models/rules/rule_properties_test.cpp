// Property tests over every built-in rule on random candidate tables (fixed seeds): exact totals,
// no negative parts, ineligible candidates get nothing, determinism, ties to the lower index,
// monotonicity, agreement with an exact integer oracle of the largest-remainder method for the
// proportional rules, and the ranking promise of the rules that fund whole needs in order.
#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <numeric>
#include <ostream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "rule_test_support.hpp"

namespace fupin::models {
namespace {

using sim::Int128;
using sim::Money;

constexpr int kTables = 300;
constexpr std::size_t kMaxCandidates = 500;
constexpr std::int64_t kMaxBudget = 1'000'000'000'000;  // 1e12 fen = 10 billion yuan

// Raw engine output only: the std:: distributions differ between standard libraries, and a
// failing seed should reproduce everywhere.
std::int64_t uniform(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
  const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
  return lo + static_cast<std::int64_t>(rng() % span);
}
bool chance(std::mt19937_64& rng, int percent) { return uniform(rng, 0, 99) < percent; }
double pick(std::mt19937_64& rng, std::initializer_list<double> values) {
  return values.begin()[uniform(rng, 0, static_cast<std::int64_t>(values.size()) - 1)];
}

struct Scenario {
  Money budget;
  CandidateTable table;
};

// Many zeros and many repeated values, so that zero-weight and tied candidates are common.
// The first three columns and the budget come from `rng` exactly as before the optional columns
// existed (the exact-oracle note below depends on them); the optional columns come from `extra`.
// Every weight of the proportional rules is a multiple of 1/64, so the oracle can use integers.
Scenario random_scenario(std::mt19937_64& rng, std::mt19937_64& extra) {
  Scenario s;
  const auto n = static_cast<std::size_t>(
      chance(rng, 30) ? uniform(rng, 0, 5)
                      : uniform(rng, 0, static_cast<std::int64_t>(kMaxCandidates)));
  const int zero_percent = static_cast<int>(uniform(rng, 0, 100));
  for (std::size_t i = 0; i < n; ++i) {
    const double people =
        chance(rng, zero_percent) ? 0.0 : static_cast<double>(uniform(rng, 1, 12));
    const double poor =
        people == 0 || chance(rng, zero_percent)
            ? 0.0
            : static_cast<double>(uniform(rng, 1, static_cast<std::int64_t>(people)));
    // Per-capita shortfall below the line in yuan, from a short list (ties) or any half-yuan.
    const double shortfall = chance(rng, 50) ? static_cast<double>(500 * uniform(rng, 1, 4))
                                             : 0.5 * static_cast<double>(uniform(rng, 1, 8000));
    s.table.people.push_back(people);
    s.table.poor_people.push_back(poor);
    s.table.poverty_gap.push_back(poor * shortfall);
  }
  switch (uniform(rng, 0, 3)) {
    case 0: s.budget = Money::from_fen(uniform(rng, 0, 1000)); break;        // a few fen
    case 1: s.budget = Money::from_fen(uniform(rng, 0, kMaxBudget)); break;  // up to 1e12
    case 2:
      s.budget = Money::from_fen(std::int64_t{1} << uniform(rng, 0, 39));
      break;  // powers of two
    default:
      s.budget = Money::from_fen(static_cast<std::int64_t>(
          std::pow(10.0, static_cast<double>(uniform(rng, 0, 1200)) / 100.0)));  // log-uniform
  }

  // Optional columns.
  auto& t = s.table;
  const int ineligible_percent = static_cast<int>(pick(extra, {0, 0, 10, 50, 100}));
  const bool with_eligible = ineligible_percent > 0 || chance(extra, 50);
  const bool regions = chance(extra, 50);
  // Need = gap / return rate, in whole fen; the rate decides whether budgets exceed total need.
  const double need_per_gap = pick(extra, {0.01, 0.5, 1, 6.5, 100});
  for (std::size_t i = 0; i < n; ++i) {
    const double income = chance(extra, 30)  ? pick(extra, {1000, 1500, 2000, 2500})
                          : chance(extra, 5) ? -0.5 * static_cast<double>(uniform(extra, 0, 1000))
                                             : 0.5 * static_cast<double>(uniform(extra, 0, 10000));
    t.income.push_back(income);
    const double households = regions ? static_cast<double>(uniform(extra, 1, 5)) : 1.0;
    t.households.push_back(households);
    t.poor_households.push_back(
        t.poor_people[i] == 0
            ? 0.0
            : static_cast<double>(uniform(extra, 0, static_cast<std::int64_t>(households))));
    double need = std::round(t.poverty_gap[i] * need_per_gap * 100) / 100;
    if (chance(extra, 10)) need = t.poverty_gap[i] * need_per_gap * 1.000371;  // not whole fen
    if (chance(extra, 5)) need = static_cast<double>(uniform(extra, 1, 100));  // need without a gap
    t.need.push_back(need);
    t.assessment.push_back(static_cast<double>(uniform(extra, 0, 16)) / 16);
    t.priority.push_back(chance(extra, 50) ? std::uint8_t{0}
                                           : static_cast<std::uint8_t>(uniform(extra, 0, 7)));
    t.cause.push_back(static_cast<std::int8_t>(uniform(extra, -1, 10)));
    if (with_eligible) t.eligible.push_back(chance(extra, ineligible_percent) ? 0 : 1);
  }
  return s;
}

std::vector<Scenario> scenarios() {
  std::mt19937_64 rng(20240601);
  std::mt19937_64 extra(20240602);
  std::vector<Scenario> out;
  out.reserve(kTables);
  for (int i = 0; i < kTables; ++i) out.push_back(random_scenario(rng, extra));
  return out;
}

bool eligible(const CandidateTable& t, std::size_t i) {
  return t.eligible.empty() || t.eligible[i] != 0;
}

// ---------------------------------------------------------------------------------------------
// What each rule promises, written independently of models/rules/*.cpp.

enum class Kind {
  kProportional,  // largest remainder over a weight per candidate
  kRanked,        // whole needs in rank order, then the surplus in proportion to need
  kOptimum        // optimal (both objectives): checked against brute force in optimal_test.cpp
                  // and against every other rule in optimal_dominance_test.cpp
};

struct Variant {
  std::string label;  // test name
  std::string rule;   // registry key
  RuleParams params;
  Kind kind = Kind::kProportional;
  bool exact_weights = true;  // proportional weights are multiples of 1/64 (the oracle applies)
  // Proportional: the weight (ignoring eligibility). Ranked and knapsack: the rank key (lower is
  // funded first; ties to the lower index).
  std::function<std::vector<double>(const CandidateTable&)> key;
  // The values the rule reads for one candidate: equal tuples are "tied" candidates.
  std::function<std::vector<double>(const CandidateTable&, std::size_t)> reads;
};

// Shown by GoogleTest instead of a byte dump.
void PrintTo(const Variant& v, std::ostream* os) { *os << v.label; }

double bits(const CandidateTable& t, std::size_t i, std::uint8_t bit) {
  return (t.priority[i] & bit) != 0 ? 1.0 : 0.0;
}

std::vector<double> column_key(const std::vector<double>& c) { return c; }

std::vector<Variant> variants() {
  std::vector<Variant> v;
  const auto with_eligible = [](std::vector<double> values, const CandidateTable& t,
                                std::size_t i) {
    values.push_back(eligible(t, i) ? 1.0 : 0.0);
    return values;
  };
  const auto proportional = [&](const std::string& rule, auto weight, auto reads,
                                bool exact = true) {
    Variant x;
    x.label = rule;
    x.rule = rule;
    x.params = test::sample_params(rule);
    x.exact_weights = exact;
    x.key = weight;
    x.reads = [=](const CandidateTable& t, std::size_t i) {
      return with_eligible(reads(t, i), t, i);
    };
    v.push_back(x);
  };
  proportional(
      "equal", [](const CandidateTable& t) { return std::vector<double>(t.size(), 1.0); },
      [](const CandidateTable&, std::size_t) { return std::vector<double>{}; });
  proportional(
      "per_capita", [](const CandidateTable& t) { return column_key(t.people); },
      [](const CandidateTable& t, std::size_t i) { return std::vector<double>{t.people[i]}; });
  proportional(
      "per_poor_person", [](const CandidateTable& t) { return column_key(t.poor_people); },
      [](const CandidateTable& t, std::size_t i) { return std::vector<double>{t.poor_people[i]}; });
  proportional(
      "poverty_gap", [](const CandidateTable& t) { return column_key(t.poverty_gap); },
      [](const CandidateTable& t, std::size_t i) { return std::vector<double>{t.poverty_gap[i]}; });
  // sample_params("factor"): people .25, poor_people .5, poverty_gap 1, households .25,
  // poor_households .25, headcount_ratio .5, assessment .25, priority .25.
  proportional(
      "factor",
      [](const CandidateTable& t) {
        const std::size_t n = t.size();
        std::vector<std::vector<double>> x(8, std::vector<double>(n, 0.0));
        for (std::size_t i = 0; i < n; ++i) {
          x[0][i] = t.people[i];
          x[1][i] = t.poor_people[i];
          x[2][i] = t.poverty_gap[i];
          x[3][i] = t.households[i];
          x[4][i] = t.poor_households[i];
          x[5][i] = t.people[i] > 0 ? t.poor_people[i] / t.people[i] : 0.0;
          x[6][i] = t.assessment[i];
          x[7][i] = bits(t, i, 1) + bits(t, i, 2) + bits(t, i, 4);
        }
        const double w[8] = {0.25, 0.5, 1, 0.25, 0.25, 0.5, 0.25, 0.25};
        std::vector<double> weight(n, 0.0);
        for (std::size_t f = 0; f < 8; ++f) {
          long double total = 0;
          for (std::size_t j = 0; j < n; ++j) total += eligible(t, j) ? x[f][j] : 0.0;
          if (total == 0) continue;
          for (std::size_t i = 0; i < n; ++i)
            weight[i] += static_cast<double>(w[f] * x[f][i] / total);
        }
        return weight;
      },
      [](const CandidateTable& t, std::size_t i) {
        return std::vector<double>{t.people[i],
                                   t.poor_people[i],
                                   t.poverty_gap[i],
                                   t.households[i],
                                   t.poor_households[i],
                                   t.assessment[i],
                                   static_cast<double>(t.priority[i])};
      },
      false);
  // sample_params("cause_matched"): illness .5, lack_of_skills 2, remoteness 0, disaster 1.25.
  proportional(
      "cause_matched",
      [](const CandidateTable& t) {
        std::vector<double> w(t.size());
        for (std::size_t i = 0; i < t.size(); ++i) {
          const int c = t.cause[i];  // NOLINT(bugprone-signed-char-misuse): -1 for a region
          const double m = c == 0 ? 0.5 : c == 6 ? 2.0 : c == 9 ? 0.0 : c == 3 ? 1.25 : 1.0;
          w[i] = t.poverty_gap[i] * m;
        }
        return w;
      },
      [](const CandidateTable& t, std::size_t i) {
        return std::vector<double>{t.poverty_gap[i], static_cast<double>(t.cause[i])};
      });
  // sample_params("priority") and ("formula"): poverty_gap × (1 + .5 em + 1 border + .25 orb).
  const auto priority_weight = [](const CandidateTable& t) {
    std::vector<double> w(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
      w[i] = t.poverty_gap[i] * (1 + 0.5 * bits(t, i, 1) + bits(t, i, 2) + 0.25 * bits(t, i, 4));
    }
    return w;
  };
  const auto priority_reads = [](const CandidateTable& t, std::size_t i) {
    return std::vector<double>{t.poverty_gap[i], static_cast<double>(t.priority[i])};
  };
  proportional("priority", priority_weight, priority_reads);
  proportional("formula", priority_weight, priority_reads);
  proportional(
      "performance",
      [](const CandidateTable& t) {
        std::vector<double> w(t.size());
        for (std::size_t i = 0; i < t.size(); ++i) w[i] = t.poor_people[i] * t.assessment[i];
        return w;
      },
      [](const CandidateTable& t, std::size_t i) {
        return std::vector<double>{t.poor_people[i], t.assessment[i]};
      });

  const auto ranked = [&](const std::string& label, const std::string& rule, RuleParams params,
                          Kind kind, auto key, auto reads) {
    Variant x;
    x.label = label;
    x.rule = rule;
    x.params = std::move(params);
    x.kind = kind;
    x.key = key;
    x.reads = [=](const CandidateTable& t, std::size_t i) {
      return with_eligible(reads(t, i), t, i);
    };
    v.push_back(x);
  };
  ranked(
      "poorest_first", "poorest_first", {}, Kind::kRanked,
      [](const CandidateTable& t) { return t.income; },
      [](const CandidateTable& t, std::size_t i) {
        return std::vector<double>{t.income[i], t.need[i]};
      });
  ranked(
      "nearest_to_threshold", "nearest_to_threshold", {}, Kind::kRanked,
      [](const CandidateTable& t) {
        std::vector<double> k(t.size());
        for (std::size_t i = 0; i < t.size(); ++i)
          k[i] = t.need[i] / std::max(t.poor_households[i], 1.0);
        return k;
      },
      [](const CandidateTable& t, std::size_t i) {
        return std::vector<double>{t.need[i], t.poor_households[i]};
      });
  RuleParams gap_objective;
  gap_objective.objective = "poverty_gap";
  ranked(
      "optimal", "optimal", gap_objective, Kind::kOptimum,
      [](const CandidateTable& t) {
        std::vector<double> k(t.size());
        for (std::size_t i = 0; i < t.size(); ++i)
          k[i] = t.need[i] > 0 ? -(t.poverty_gap[i] / t.need[i]) : 0.0;
        return k;
      },
      [](const CandidateTable& t, std::size_t i) {
        return std::vector<double>{t.need[i], t.poverty_gap[i], t.poor_people[i]};
      });
  RuleParams lifted;
  lifted.objective = "people_lifted";
  ranked(
      "optimal_people_lifted", "optimal", lifted, Kind::kOptimum,
      [](const CandidateTable& t) { return std::vector<double>(t.size(), 0.0); },
      [](const CandidateTable& t, std::size_t i) {
        return std::vector<double>{t.need[i], t.poverty_gap[i], t.poor_people[i]};
      });
  return v;
}

// Whole fen covering a need in yuan, as fund_in_order.hpp documents (a few ulps of tolerance).
std::int64_t cap_fen(double need) {
  const double x = need * 100;
  const double r = std::nearbyint(x);
  return std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::fabs(x - r) <= 8 * DBL_EPSILON * x ? r : std::ceil(x)));
}

// Does candidate i have a claim on the money under this variant?
std::vector<bool> claims(const Variant& v, const CandidateTable& t) {
  std::vector<bool> out(t.size(), false);
  const auto w = v.key(t);
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!eligible(t, i)) continue;
    out[i] = v.kind == Kind::kProportional ? w[i] > 0 : t.need[i] > 0;
  }
  return out;
}

// Indices grouped by equal read tuples, groups in first-index order, indices increasing.
std::vector<std::vector<std::size_t>> identical_groups(const Variant& v, const CandidateTable& t) {
  std::vector<std::size_t> order(t.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<std::vector<double>> reads(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) reads[i] = v.reads(t, i);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return reads[a] < reads[b]; });
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k == 0 || reads[order[k]] != reads[order[k - 1]]) groups.emplace_back();
    groups.back().push_back(order[k]);
  }
  return groups;
}

// Indices grouped by equal effective weight (0 when ineligible), groups in increasing weight.
std::vector<std::vector<std::size_t>> weight_groups(const std::vector<double>& w) {
  std::vector<std::size_t> order(w.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return w[a] < w[b]; });
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k == 0 || w[order[k]] != w[order[k - 1]]) groups.emplace_back();
    groups.back().push_back(order[k]);
  }
  return groups;
}

std::vector<double> effective_weights(const Variant& v, const CandidateTable& t) {
  auto w = v.key(t);
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!eligible(t, i)) w[i] = 0;
  }
  return w;
}

// Test oracle, independent of sim/money.cpp: the largest-remainder split computed exactly for
// weights that are whole multiples of 1/64, in 128-bit arithmetic. sim::split_largest_remainder
// treats remainders within 16·LDBL_EPSILON·budget fen of the cut-off as tied (lower index wins),
// so the oracle accepts a different choice exactly among such near-tied remainders. Returns "" or
// what is wrong.
std::string check_against_exact_split(std::int64_t budget, const std::vector<double>& w,
                                      const std::vector<std::int64_t>& parts) {
  std::vector<Int128> iw;
  Int128 total = 0;
  for (double x : w) {
    const double scaled = x * 64;
    if (scaled != std::round(scaled))
      return "oracle: weight " + std::to_string(x) + " is not a multiple of 1/64";
    iw.push_back(static_cast<Int128>(std::llround(scaled)));
    total += iw.back();
  }
  if (total == 0) {
    for (auto p : parts) {
      if (p != 0) return "no weight, yet a part is " + std::to_string(p);
    }
    return "";
  }
  // With every part its floor or one more, the parts summing to the budget (checked below) means
  // exactly the leftover fen were handed out.
  std::vector<Int128> floor(w.size()), rem(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) {
    const Int128 num = static_cast<Int128>(budget) * iw[i];
    floor[i] = num / total;
    rem[i] = num % total;
  }
  Int128 sum = 0;
  const long double eps = 64 * LDBL_EPSILON * static_cast<long double>(budget) + 1e-12L;  // in fen
  for (std::size_t i = 0; i < w.size(); ++i) {
    sum += parts[i];
    const Int128 extra = parts[i] - floor[i];
    if (extra < 0 || extra > 1 || (extra == 1 && iw[i] == 0)) {
      return "part " + std::to_string(i) + " is " + std::to_string(parts[i]) +
             ", not floor(quota) or one more";
    }
  }
  if (sum != budget) return "parts do not sum to the budget";
  // Every candidate that got a leftover fen must have a remainder at least as large (up to eps,
  // and exactly equal only with a lower index) as every positive-weight candidate that did not.
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (parts[i] - floor[i] != 1) continue;
    for (std::size_t j = 0; j < w.size(); ++j) {
      if (iw[j] == 0 || parts[j] - floor[j] == 1) continue;
      if (rem[i] > rem[j] || (rem[i] == rem[j] && i < j)) continue;
      const long double gap =
          static_cast<long double>(rem[j] - rem[i]) / static_cast<long double>(total);
      if (gap > eps) {
        return "candidate " + std::to_string(i) + " got a leftover fen before candidate " +
               std::to_string(j) + " with a larger remainder";
      }
    }
  }
  return "";
}

class RuleProperties : public ::testing::TestWithParam<Variant> {
 protected:
  [[nodiscard]] std::vector<std::int64_t> run(const Scenario& s) const {
    return run(s.budget, s.table);
  }
  [[nodiscard]] std::vector<std::int64_t> run(Money budget, const CandidateTable& t) const {
    return test::fen(builtin_rules().find(GetParam().rule)->rule(budget, t, GetParam().params));
  }
  const std::vector<Scenario> scenarios_ = scenarios();
};

TEST_P(RuleProperties, PartsSumExactlyToBudgetWhenAnyoneHasAClaim) {
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    const auto parts = run(scenarios_[s]);
    ASSERT_EQ(parts.size(), table.size()) << "scenario " << s;
    const auto c = claims(GetParam(), table);
    if (std::find(c.begin(), c.end(), true) != c.end()) {
      EXPECT_EQ(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}), budget.fen())
          << "scenario " << s;
    } else {
      EXPECT_EQ(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}), 0)
          << "scenario " << s << ": no claim, the caller keeps the money";
    }
  }
}

TEST_P(RuleProperties, NoPartIsNegativeAndNoClaimGetsNothing) {
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    const auto parts = run(scenarios_[s]);
    const auto c = claims(GetParam(), table);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      EXPECT_GE(parts[i], 0) << "scenario " << s << " candidate " << i;
      EXPECT_LE(parts[i], budget.fen()) << "scenario " << s << " candidate " << i;
      if (!c[i]) {
        EXPECT_EQ(parts[i], 0) << "scenario " << s << " candidate " << i
                               << (eligible(table, i) ? "" : " (ineligible)");
      }
    }
  }
}

TEST_P(RuleProperties, IneligibleCandidatesGetNothingAndDoNotMatterWhenAbsent) {
  // Making candidates ineligible is the same as deleting them, for every rule.
  std::mt19937_64 rng(3);
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    CandidateTable masked = table;
    masked.eligible.assign(table.size(), 1);
    for (std::size_t i = 0; i < table.size(); ++i)
      masked.eligible[i] = eligible(table, i) && !chance(rng, 30) ? 1 : 0;
    CandidateTable kept;
    std::vector<std::size_t> index;
    for (std::size_t i = 0; i < table.size(); ++i) {
      if (masked.eligible[i] == 0) continue;
      index.push_back(i);
      kept.people.push_back(table.people[i]);
      kept.poor_people.push_back(table.poor_people[i]);
      kept.poverty_gap.push_back(table.poverty_gap[i]);
      kept.income.push_back(table.income[i]);
      kept.households.push_back(table.households[i]);
      kept.poor_households.push_back(table.poor_households[i]);
      kept.need.push_back(table.need[i]);
      kept.assessment.push_back(table.assessment[i]);
      kept.priority.push_back(table.priority[i]);
      kept.cause.push_back(table.cause[i]);
    }
    const auto with_mask = run(budget, masked);
    const auto without = run(budget, kept);
    for (std::size_t i = 0; i < table.size(); ++i) {
      if (masked.eligible[i] == 0) {
        EXPECT_EQ(with_mask[i], 0) << "scenario " << s << " candidate " << i;
      }
    }
    for (std::size_t k = 0; k < index.size(); ++k) {
      // Largest-remainder near-ties are settled by index, which deleting rows preserves; the
      // factor sums may round differently by an ulp, so allow one fen there.
      EXPECT_LE(std::abs(with_mask[index[k]] - without[k]), GetParam().exact_weights ? 0 : 1)
          << "scenario " << s << " candidate " << index[k];
    }
  }
}

TEST_P(RuleProperties, SameInputGivesSameOutput) {
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    const CandidateTable copy = table;
    EXPECT_EQ(run(budget, table), run(budget, copy)) << "scenario " << s;
  }
}

TEST_P(RuleProperties, IdenticalCandidatesFavourTheLowerIndex) {
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto parts = run(scenarios_[s]);
    for (const auto& group : identical_groups(GetParam(), scenarios_[s].table)) {
      for (std::size_t k = 1; k < group.size(); ++k) {
        EXPECT_GE(parts[group[k - 1]], parts[group[k]]) << "scenario " << s;
        if (GetParam().kind == Kind::kProportional) {
          // Equal weights: equal quotas, so parts differ by at most the one leftover fen.
          EXPECT_LE(parts[group.front()] - parts[group[k]], 1) << "scenario " << s;
        }
      }
    }
  }
}

// The proportional rules, and among them those whose weights are exact binary fractions.
class ProportionalRuleProperties : public RuleProperties {};
class ExactWeightRuleProperties : public RuleProperties {};
// The rules that fund whole needs in rank order.
class RankedRuleProperties : public RuleProperties {};

TEST_P(ExactWeightRuleProperties, PermutingTiedCandidatesLeavesAmountsByPositionUnchanged) {
  // Rows tied in what decides their money may differ elsewhere; swapping whole rows within a
  // tie must not move money, because ties are settled by position alone. (For the other rules
  // ties are identical rows, covered by IdenticalCandidatesFavourTheLowerIndex.)
  std::mt19937_64 rng(7);
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    CandidateTable permuted = table;
    for (const auto& group : weight_groups(effective_weights(GetParam(), table))) {
      std::vector<std::size_t> shuffled = group;
      std::shuffle(shuffled.begin(), shuffled.end(), rng);
      for (std::size_t k = 0; k < group.size(); ++k) {
        const std::size_t to = group[k];
        const std::size_t from = shuffled[k];
        permuted.people[to] = table.people[from];
        permuted.poor_people[to] = table.poor_people[from];
        permuted.poverty_gap[to] = table.poverty_gap[from];
        permuted.income[to] = table.income[from];
        permuted.households[to] = table.households[from];
        permuted.poor_households[to] = table.poor_households[from];
        permuted.need[to] = table.need[from];
        permuted.assessment[to] = table.assessment[from];
        permuted.priority[to] = table.priority[from];
        permuted.cause[to] = table.cause[from];
        if (!table.eligible.empty()) permuted.eligible[to] = table.eligible[from];
      }
    }
    EXPECT_EQ(run(budget, permuted), run(budget, table)) << "scenario " << s;
  }
}

TEST_P(RuleProperties, PermutingCandidatesMovesLittle) {
  // Proportional rules: at most the one leftover fen (two for factor, whose sums may round
  // differently in another order). Ranked rules: only candidates whose rank is not shared can be
  // compared, and they move at most a leftover fen of the surplus.
  std::mt19937_64 rng(11);
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    std::vector<std::size_t> perm(table.size());
    std::iota(perm.begin(), perm.end(), std::size_t{0});
    std::shuffle(perm.begin(), perm.end(), rng);
    CandidateTable permuted;
    for (std::size_t k : perm) {
      permuted.people.push_back(table.people[k]);
      permuted.poor_people.push_back(table.poor_people[k]);
      permuted.poverty_gap.push_back(table.poverty_gap[k]);
      permuted.income.push_back(table.income[k]);
      permuted.households.push_back(table.households[k]);
      permuted.poor_households.push_back(table.poor_households[k]);
      permuted.need.push_back(table.need[k]);
      permuted.assessment.push_back(table.assessment[k]);
      permuted.priority.push_back(table.priority[k]);
      permuted.cause.push_back(table.cause[k]);
      if (!table.eligible.empty()) permuted.eligible.push_back(table.eligible[k]);
    }
    const auto before = run(budget, table);
    const auto after = run(budget, permuted);
    if (GetParam().kind == Kind::kOptimum) {
      EXPECT_EQ(std::accumulate(after.begin(), after.end(), std::int64_t{0}),
                std::accumulate(before.begin(), before.end(), std::int64_t{0}));
      continue;
    }
    const auto key = GetParam().key(table);
    const auto c = claims(GetParam(), table);
    std::map<double, int> rank_count;
    for (std::size_t i = 0; i < table.size(); ++i) {
      if (c[i]) ++rank_count[key[i]];
    }
    const std::int64_t tolerance = GetParam().exact_weights ? 1 : 2;
    for (std::size_t k = 0; k < perm.size(); ++k) {
      if (GetParam().kind == Kind::kRanked && c[perm[k]] && rank_count[key[perm[k]]] > 1) continue;
      EXPECT_LE(std::abs(after[k] - before[perm[k]]), tolerance)
          << "scenario " << s << " candidate " << perm[k];
    }
  }
}

TEST_P(ProportionalRuleProperties, LargerWeightNeverGetsLess) {
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto parts = run(scenarios_[s]);
    const auto w = effective_weights(GetParam(), scenarios_[s].table);
    std::vector<std::size_t> order(w.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return w[a] < w[b]; });
    // Walking up the weights, every part is at least the largest part of any clearly smaller
    // weight (factor weights are recomputed here in another order: only a relative difference
    // above 1e-9 counts as "clearly").
    const double margin = GetParam().exact_weights ? 0.0 : 1e-9;
    std::int64_t best_below = 0;
    std::size_t below = 0;  // order[0 .. below) are clearly smaller than the current weight
    for (std::size_t k = 0; k < order.size(); ++k) {
      const double wk = w[order[k]];
      while (below < k && w[order[below]] < wk - margin * wk)
        best_below = std::max(best_below, parts[order[below++]]);
      EXPECT_GE(parts[order[k]], best_below) << "scenario " << s << " candidate " << order[k];
    }
  }
}

TEST_P(ProportionalRuleProperties, MatchesTheLargestRemainderSplitOfTheWeights) {
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    const auto parts = run(scenarios_[s]);
    const auto w = effective_weights(GetParam(), table);
    if (GetParam().exact_weights) {
      EXPECT_EQ(check_against_exact_split(budget.fen(), w, parts), "") << "scenario " << s;
      continue;
    }
    // Weights not exact in binary: every part within one fen of its quota.
    long double total = 0;
    for (double x : w) total += x;
    for (std::size_t i = 0; i < w.size(); ++i) {
      const long double quota =
          total > 0 ? static_cast<long double>(budget.fen()) * w[i] / total : 0;
      EXPECT_LT(std::fabs(static_cast<long double>(parts[i]) - quota), 1.0L + 1e-6L * quota)
          << "scenario " << s << " candidate " << i;
    }
  }
}

TEST_P(RankedRuleProperties, FundsWholeNeedsInRankOrder) {
  // poorest_first, nearest_to_threshold: walking the claimants in rank
  // order (ties: lower index), once one is short of its whole need every later one gets nothing;
  // beyond the total need every claimant has its whole need. So a poorer (closer)
  // candidate is never funded a smaller fraction of its need than a later one.
  for (std::size_t s = 0; s < scenarios_.size(); ++s) {
    const auto& [budget, table] = scenarios_[s];
    const auto parts = run(scenarios_[s]);
    const auto key = GetParam().key(table);
    const auto c = claims(GetParam(), table);
    std::vector<std::size_t> order;
    Int128 total_cap = 0;
    for (std::size_t i = 0; i < table.size(); ++i) {
      if (!c[i]) continue;
      order.push_back(i);
      total_cap += cap_fen(table.need[i]);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return key[a] < key[b]; });
    bool short_seen = false;
    for (std::size_t i : order) {
      const std::int64_t cap = cap_fen(table.need[i]);
      if (short_seen) {
        EXPECT_EQ(parts[i], 0) << "scenario " << s << " candidate " << i
                               << " funded after a shortfall";
      }
      if (parts[i] < cap) short_seen = true;
      if (total_cap <= budget.fen()) {
        EXPECT_GE(parts[i], cap) << "scenario " << s << " candidate " << i;
      } else {
        EXPECT_LE(parts[i], cap) << "scenario " << s << " candidate " << i;
      }
    }
    // The promise as a planner reads it: funded fractions of need never rise along the ranking
    // (above 100 % every fraction counts as whole).
    for (std::size_t k = 1; k < order.size(); ++k) {
      const std::size_t a = order[k - 1];
      const std::size_t b = order[k];
      const double fa = std::min(static_cast<double>(parts[a]) / (table.need[a] * 100), 1.0);
      const double fb = std::min(static_cast<double>(parts[b]) / (table.need[b] * 100), 1.0);
      EXPECT_GE(fa, fb - 1e-9) << "scenario " << s << " candidates " << a << ", " << b;
    }
  }
}

std::vector<Variant> variants_where(const std::function<bool(const Variant&)>& keep) {
  std::vector<Variant> out;
  for (const auto& v : variants()) {
    if (keep(v)) out.push_back(v);
  }
  return out;
}

std::string label(const ::testing::TestParamInfo<Variant>& p) { return p.param.label; }

INSTANTIATE_TEST_SUITE_P(Builtin, RuleProperties, ::testing::ValuesIn(variants()), label);
INSTANTIATE_TEST_SUITE_P(Builtin, ProportionalRuleProperties,
                         ::testing::ValuesIn(variants_where([](const Variant& v) {
                           return v.kind == Kind::kProportional;
                         })),
                         label);
INSTANTIATE_TEST_SUITE_P(Builtin, ExactWeightRuleProperties,
                         ::testing::ValuesIn(variants_where([](const Variant& v) {
                           return v.kind == Kind::kProportional && v.exact_weights;
                         })),
                         label);
INSTANTIATE_TEST_SUITE_P(Builtin, RankedRuleProperties,
                         ::testing::ValuesIn(variants_where([](const Variant& v) {
                           return v.kind == Kind::kRanked;
                         })),
                         label);

TEST(RulePropertiesCoverage, EveryBuiltinRuleHasAVariant) {
  std::set<std::string> covered;
  for (const auto& v : variants()) covered.insert(v.rule);
  for (const auto& name : builtin_rules().names())
    EXPECT_TRUE(covered.count(name)) << name << " has no property variant";
}

TEST(RulePropertiesCoverage, FormulaCanExpressPriority) {
  // The two sample parameter sets describe the same weight; the splits must be identical.
  for (const auto& [budget, table] : scenarios()) {
    EXPECT_EQ(test::fen(rules::formula(budget, table, test::sample_params("formula"))),
              test::fen(rules::priority(budget, table, test::sample_params("priority"))));
  }
}

TEST(RulePropertiesGenerator, ProducesZerosTiesLargeTablesAndBothRegimesOfNeed) {
  // Guards the generator itself: the properties above are only as strong as their inputs.
  std::size_t zero_weights = 0;
  std::size_t largest = 0;
  std::int64_t max_budget = 0;
  std::size_t tied = 0;
  std::size_t ineligible = 0;
  std::size_t need_exceeds_budget = 0;
  std::size_t budget_exceeds_need = 0;
  for (const auto& [budget, table] : scenarios()) {
    largest = std::max(largest, table.size());
    max_budget = std::max(max_budget, budget.fen());
    zero_weights += static_cast<std::size_t>(
        std::count(table.poor_people.begin(), table.poor_people.end(), 0.0));
    for (const auto& g : weight_groups(table.poverty_gap)) tied += g.size() > 1 ? g.size() : 0;
    ineligible +=
        static_cast<std::size_t>(std::count(table.eligible.begin(), table.eligible.end(), 0));
    double need = 0;
    for (double x : table.need) need += x * 100;
    if (need > 0)
      ++(need > static_cast<double>(budget.fen()) ? need_exceeds_budget : budget_exceeds_need);
  }
  EXPECT_GT(largest, 400U);
  EXPECT_GT(max_budget, kMaxBudget / 2);
  EXPECT_GT(zero_weights, 1000U);
  EXPECT_GT(tied, 1000U);
  EXPECT_GT(ineligible, 1000U);
  EXPECT_GT(need_exceeds_budget, 30U);
  EXPECT_GT(budget_exceeds_need, 30U);
}

}  // namespace
}  // namespace fupin::models
