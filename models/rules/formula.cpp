// Rule "formula": the planner writes the weight as an expression (muParser syntax).
//
//   weight_i = value of params.formula for candidate i
//
// Variables (vocabulary::kFormulaVariables): people, poor_people, poverty_gap, income,
// households, poor_households, need, assessment, ethnic_minority, border,
// old_revolutionary_base (0 or 1 for a village or a household, from its village's categories; for
// a township or county the share of its villages in the category, CandidateTable::priority_share)
// and headcount_ratio (poor_people /
// people, 0 when people = 0); muParser's functions (min, max, sqrt, ...), operators (including
// comparisons and `c ? a : b`) and constants (_pi, _e). A value that is negative or not finite
// is a std::invalid_argument naming the candidate and the value. Only the columns the formula
// uses must be present. Ineligible candidates are not evaluated.
//
// The check rejects, besides muParser's syntax errors: unknown names (listing the valid ones),
// assignment with '=' (muParser would silently overwrite the variable; '==' compares), and
// several comma-separated expressions (muParser would return only the last).
#include <muParser.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/params_check.hpp"
#include "models/rules/vocabulary.hpp"
#include "models/rules/weights.hpp"

namespace fupin::models::rules {
namespace {

constexpr std::string_view kRule = "formula";
constexpr std::size_t kVariables = vocabulary::kFormulaVariables.size();
using Values = std::array<double, kVariables>;

// Index of each variable in vocabulary::kFormulaVariables.
enum Var : std::size_t {
  kPeople,
  kPoorPeople,
  kPovertyGap,
  kIncome,
  kHouseholds,
  kPoorHouseholds,
  kNeed,
  kAssessment,
  kEthnicMinorityVar,
  kBorderVar,
  kOldRevolutionaryBaseVar,
  kHeadcountRatio
};
static_assert(vocabulary::kFormulaVariables[kHeadcountRatio] == "headcount_ratio");
static_assert(vocabulary::kFormulaVariables[kEthnicMinorityVar] == "ethnic_minority");

void define_variables(mu::Parser& parser, Values& values) {
  for (std::size_t k = 0; k < kVariables; ++k) {
    parser.DefineVar(std::string(vocabulary::kFormulaVariables[k]), &values[k]);
  }
}

// Position of an assignment '=' (not part of ==, <=, >=, !=), or npos.
std::size_t assignment_position(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '=') continue;
    const char prev = i > 0 ? s[i - 1] : '\0';
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (next == '=') {
      ++i;  // "==": skip the second '='
      continue;
    }
    if (prev == '<' || prev == '>' || prev == '!') continue;
    return i;
  }
  return std::string::npos;
}

std::string function_names(const mu::Parser& parser) {
  std::string out;
  for (const auto& entry : parser.GetFunDef()) out += (out.empty() ? "" : ", ") + entry.first;
  return out;
}

// The user's message for a muParser error.
std::string describe(const mu::Parser& parser, const mu::ParserError& e,
                     const std::string& formula) {
  if (e.GetCode() == mu::ecUNASSIGNABLE_TOKEN && !e.GetToken().empty()) {
    // An unknown word: a function if '(' follows it, else a variable.
    std::size_t after = e.GetPos() >= 0 ? static_cast<std::size_t>(e.GetPos()) + e.GetToken().size()
                                        : formula.size();
    while (after < formula.size() && formula[after] == ' ') ++after;
    if (after < formula.size() && formula[after] == '(') {
      return "unknown function '" + e.GetToken() +
             "' in formula; valid functions: " + function_names(parser);
    }
    return "unknown name '" + e.GetToken() + "' in formula; valid names: " +
           detail::join(std::span<const std::string_view>(vocabulary::kFormulaVariables));
  }
  std::string message = "cannot parse formula '" + formula + "'";
  if (e.GetPos() >= 0) message += " at position " + std::to_string(e.GetPos());
  return message + ": " + e.GetMsg();
}

// Parses `formula` into `parser` (whose variables point into `values`); returns "" or the message.
std::string parse(mu::Parser& parser, const std::string& formula) {
  if (formula.find_first_not_of(" \t\r\n") == std::string::npos) {
    return "formula is empty; give an expression over: " +
           detail::join(std::span<const std::string_view>(vocabulary::kFormulaVariables));
  }
  if (const auto at = assignment_position(formula); at != std::string::npos) {
    return "formula '" + formula + "' assigns with '=' at position " + std::to_string(at) +
           "; a formula cannot change a variable (write '==' to compare)";
  }
  try {
    parser.SetExpr(formula);
    (void)parser.Eval();  // muParser parses lazily, on the first evaluation
    if (parser.GetNumResults() != 1) {
      return "formula '" + formula + "' has " + std::to_string(parser.GetNumResults()) +
             " comma-separated expressions; give one";
    }
  } catch (const mu::ParserError& e) {
    return describe(parser, e, formula);
  }
  return "";
}

}  // namespace

std::string check_formula(const RuleParams& p) {
  mu::Parser parser;
  Values values;
  values.fill(1.0);
  define_variables(parser, values);
  return parse(parser, p.formula);
}

std::span<const double> formula_bounds(std::string_view variable) {
  // Counts of people and households of a candidate (a household, village, township or county):
  // at least one person and one household; up to far more than any geography holds.
  static constexpr std::array<double, 2> kAtLeastOne = {1, 1e12};
  static constexpr std::array<double, 2> kCount = {0, 1e12};
  // Amounts of yuan: a gap or need from none to more than any geography's; an income that may
  // be negative (after a year's costs).
  static constexpr std::array<double, 2> kAmount = {0, 1e15};
  static constexpr std::array<double, 3> kIncome = {-1e15, 0, 1e15};
  static constexpr std::array<double, 2> kShare = {0, 1};
  if (variable == "people" || variable == "households") return kAtLeastOne;
  if (variable == "poor_people" || variable == "poor_households") return kCount;
  if (variable == "poverty_gap" || variable == "need") return kAmount;
  if (variable == "income") return kIncome;
  return kShare;  // assessment, the priority categories, headcount_ratio
}

std::span<const double> formula_grid(std::string_view variable) {
  // Inside the bounds: the small whole numbers of household and village counts, the amounts and
  // shares near which planners write thresholds (poverty lines, halves, thirds), and powers of ten.
  static const std::vector<double> kAtLeastOne = [] {
    std::vector<double> v;
    for (int k = 1; k <= 20; ++k) v.push_back(k);
    for (double x : {25.0, 50.0, 100.0, 1e3, 1e4, 1e6, 1e9, 1e12}) v.push_back(x);
    return v;
  }();
  static const std::vector<double> kCount = [] {
    std::vector<double> v{0};
    v.insert(v.end(), kAtLeastOne.begin(), kAtLeastOne.end());
    return v;
  }();
  static const std::vector<double> kAmount = {0,    0.5,  1,    2,    5,    10,   20,   50,   100,
                                              200,  500,  1000, 1500, 2000, 2300, 2500, 2736, 2800,
                                              2855, 2952, 3000, 3500, 4000, 5000, 6000, 8000, 1e4,
                                              2e4,  5e4,  1e5,  1e6,  1e9,  1e12, 1e15};
  static const std::vector<double> kIncome = [] {
    std::vector<double> v;
    for (auto it = kAmount.rbegin(); it != kAmount.rend(); ++it) {
      if (*it > 0) v.push_back(-*it);
    }
    v.insert(v.end(), kAmount.begin(), kAmount.end());
    return v;
  }();
  static const std::vector<double> kShare = {0,   0.05,    0.1,  0.2, 0.25, 1.0 / 3, 0.4, 0.5,
                                             0.6, 2.0 / 3, 0.75, 0.8, 0.9,  0.95,    1};
  if (variable == "people" || variable == "households") return kAtLeastOne;
  if (variable == "poor_people" || variable == "poor_households") return kCount;
  if (variable == "poverty_gap" || variable == "need") return kAmount;
  if (variable == "income") return kIncome;
  return kShare;
}

namespace {

// Evaluations of the whole grid up to which every combination is tried; beyond, the bounds'
// combinations, each variable over its grid with the others at their lower, then upper bounds,
// and a fixed pseudo-random sample of the grid.
constexpr std::size_t kFullGrid = 200'000;
constexpr std::size_t kSampled = 100'000;

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Calls visit(point) for the points to check (values of the used variables); stops when it
// returns false.
template <class Visit>
void for_each_point(const std::vector<std::span<const double>>& bounds,
                    const std::vector<std::span<const double>>& grid, Visit&& visit) {
  const std::size_t n = grid.size();
  std::vector<double> point(n);
  // Every combination of `sets`, as an odometer; false if visit stopped it.
  const auto product = [&](const std::vector<std::span<const double>>& sets) {
    std::vector<std::size_t> at(n, 0);
    while (true) {
      for (std::size_t u = 0; u < n; ++u) point[u] = sets[u][at[u]];
      if (!visit(point)) return false;
      std::size_t u = 0;
      while (u < n && ++at[u] == sets[u].size()) at[u++] = 0;
      if (u == n) return true;
    }
  };
  if (!product(bounds)) return;
  double combinations = 1;
  for (const auto& g : grid) combinations *= static_cast<double>(g.size());
  if (combinations <= static_cast<double>(kFullGrid)) {
    product(grid);
    return;
  }
  // Each variable over its grid, the others all at their lower bounds, then all at their upper
  // bounds.
  for (const bool upper : {false, true}) {
    for (std::size_t u = 0; u < n; ++u) {
      std::vector<std::span<const double>> sets = bounds;
      for (std::size_t o = 0; o < n; ++o) sets[o] = upper ? sets[o].last(1) : sets[o].first(1);
      sets[u] = grid[u];
      if (!product(sets)) return;
    }
  }
  for (std::uint64_t k = 0; k < kSampled; ++k) {
    for (std::size_t u = 0; u < n; ++u)
      point[u] = grid[u][splitmix64(k * 131 + u) % grid[u].size()];
    if (!visit(point)) return;
  }
}

}  // namespace

namespace {
std::string formula_domain_error(const std::string& formula) {
  mu::Parser parser;
  Values values;
  values.fill(0.0);
  define_variables(parser, values);
  if (!parse(parser, formula).empty()) return "";  // check_formula reports it
  std::vector<std::size_t> used;
  for (const auto& entry : parser.GetUsedVar()) {
    for (std::size_t k = 0; k < kVariables; ++k) {
      if (entry.first == vocabulary::kFormulaVariables[k]) used.push_back(k);
    }
  }
  std::vector<std::span<const double>> bounds;
  std::vector<std::span<const double>> grid;
  for (std::size_t k : used) {
    bounds.push_back(formula_bounds(vocabulary::kFormulaVariables[k]));
    grid.push_back(formula_grid(vocabulary::kFormulaVariables[k]));
  }
  std::string error;
  for_each_point(bounds, grid, [&](const std::vector<double>& point) {
    for (std::size_t u = 0; u < used.size(); ++u) values[used[u]] = point[u];
    double value = 0;
    bool failed = false;
    try {
      value = parser.Eval();
    } catch (const mu::ParserError&) {
      failed = true;
    }
    if (!failed && std::isfinite(value) && value >= 0) return true;
    std::ostringstream os;
    if (failed) {
      os << "cannot be evaluated";
    } else if (std::isnan(value)) {
      os << "gives nan";  // not "-nan": the sign of a NaN means nothing to the planner
    } else {
      os << "gives " << value;
    }
    std::string where;
    for (std::size_t u = 0; u < used.size(); ++u) {
      std::ostringstream v;
      v << values[used[u]];
      where += (where.empty() ? "" : ", ") + std::string(vocabulary::kFormulaVariables[used[u]]) +
               " = " + v.str();
    }
    error = "formula '" + formula + "' " + os.str() + (where.empty() ? "" : " for " + where) +
            "; a weight must be finite and non-negative for every candidate, and the formula is "
            "checked at the "
            "bounds of its variables and at a grid of values between them (docs/scenario.md)";
    return false;
  });
  return error;
}
}  // namespace

std::string check_formula_domain(const std::string& formula) {
  // Variants repeat their base's formulas: each formula is checked once per process.
  static std::mutex mutex;
  static std::map<std::string, std::string, std::less<>> checked;
  {
    std::lock_guard lock(mutex);
    if (const auto it = checked.find(formula); it != checked.end()) return it->second;
  }
  std::string error = formula_domain_error(formula);
  std::lock_guard lock(mutex);
  return checked.emplace(formula, std::move(error)).first->second;
}

std::vector<std::string> formula_variables(const std::string& formula) {
  mu::Parser parser;
  Values values;
  values.fill(1.0);
  define_variables(parser, values);
  if (!parse(parser, formula).empty()) return {};
  std::vector<std::string> out;
  for (const auto& entry : parser.GetUsedVar()) out.push_back(entry.first);  // a std::map: sorted
  return out;
}

std::vector<sim::Money> formula(sim::Money budget, const CandidateTable& c, const RuleParams& p) {
  detail::check_table(kRule, c);
  mu::Parser parser;
  Values values;
  values.fill(0.0);
  define_variables(parser, values);
  detail::require_valid_params(kRule, parse(parser, p.formula));

  std::array<bool, kVariables> used{};
  for (const auto& entry : parser.GetUsedVar()) {
    for (std::size_t k = 0; k < kVariables; ++k) {
      if (entry.first == vocabulary::kFormulaVariables[k]) used[k] = true;
    }
  }
  // The columns behind the used variables must be present and valid; the others are not read.
  static const std::vector<double> kNone;
  const auto column = [&](Var v, const std::vector<double>& col,
                          const char* name) -> const std::vector<double>& {
    return used[v] ? detail::non_negative(kRule, c, col, name) : kNone;
  };
  const bool ratio = used[kHeadcountRatio];
  const auto& people = ratio ? detail::non_negative(kRule, c, c.people, "people")
                             : column(kPeople, c.people, "people");
  const auto& poor_people = ratio ? detail::non_negative(kRule, c, c.poor_people, "poor_people")
                                  : column(kPoorPeople, c.poor_people, "poor_people");
  const auto& gap = column(kPovertyGap, c.poverty_gap, "poverty_gap");
  const auto& income = used[kIncome] ? detail::finite(kRule, c, c.income, "income") : kNone;
  const auto& households = column(kHouseholds, c.households, "households");
  const auto& poor_households = column(kPoorHouseholds, c.poor_households, "poor_households");
  const auto& need = column(kNeed, c.need, "need");
  const auto& assessment =
      used[kAssessment] ? detail::unit_interval(kRule, c, c.assessment, "assessment") : kNone;
  const bool any_priority =
      used[kEthnicMinorityVar] || used[kBorderVar] || used[kOldRevolutionaryBaseVar];
  const std::vector<std::array<double, 3>> shares =
      any_priority ? detail::priority_values(kRule, c) : std::vector<std::array<double, 3>>{};

  std::vector<double> weights(c.size(), 0.0);
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (!detail::is_eligible(c, i)) continue;
    if (!people.empty()) values[kPeople] = people[i];
    if (!poor_people.empty()) values[kPoorPeople] = poor_people[i];
    if (!gap.empty()) values[kPovertyGap] = gap[i];
    if (!income.empty()) values[kIncome] = income[i];
    if (!households.empty()) values[kHouseholds] = households[i];
    if (!poor_households.empty()) values[kPoorHouseholds] = poor_households[i];
    if (!need.empty()) values[kNeed] = need[i];
    if (!assessment.empty()) values[kAssessment] = assessment[i];
    if (!shares.empty()) {
      values[kEthnicMinorityVar] = shares[i][0];
      values[kBorderVar] = shares[i][1];
      values[kOldRevolutionaryBaseVar] = shares[i][2];
    }
    if (ratio) values[kHeadcountRatio] = people[i] > 0 ? poor_people[i] / people[i] : 0.0;
    double value = 0;
    try {
      value = parser.Eval();
    } catch (const mu::ParserError& e) {
      detail::fail(kRule, "evaluating '" + p.formula + "' for candidate " + std::to_string(i) +
                              ": " + e.GetMsg());
    }
    if (!std::isfinite(value) || value < 0) {
      std::ostringstream os;
      os << value;
      detail::fail(kRule, "formula '" + p.formula + "' gives " + os.str() + " for candidate " +
                              std::to_string(i) + " (weights must be finite and non-negative)");
    }
    weights[i] = value + 0.0;  // -0.0 -> +0.0
  }
  return detail::split(budget, c, std::move(weights));
}

}  // namespace fupin::models::rules
