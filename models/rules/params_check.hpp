// Parameter checks of the built-in rules (RuleInfo::check) and the helpers they share. Each
// check returns "" when the parameters are valid, else one line for the user that names the
// offending word and lists the valid ones.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "models/rules/allocation_rule.hpp"

namespace fupin::models::rules {

std::string check_factor(const RuleParams& p);
std::string check_cause_matched(const RuleParams& p);
std::string check_priority(const RuleParams& p);
std::string check_performance(const RuleParams& p);
std::string check_formula(const RuleParams& p);
std::string check_optimal(const RuleParams& p);

// The formula (which must pass check_formula) evaluated over the whole domain of the variables it
// uses — every combination of their bounds (formula_bounds), then of their grids (formula_grid;
// beyond 200,000 combinations each variable over its grid at the others' bounds and a fixed
// sample of 100,000 grid points) — before any run: "" when every value
// is finite and non-negative, else the first combination that is not ("formula '1 / poor_people'
// gives inf for poor_people = 0; ..."). A candidate's weight then never fails during a run.
std::string check_formula_domain(const std::string& formula);

// The bounds at which check_formula_domain evaluates a variable of the formula rule.
std::span<const double> formula_bounds(std::string_view variable);
// The values between (and at) those bounds at which it also evaluates the variable: small whole
// numbers for counts, typical amounts and thresholds in yuan, common shares, powers of ten.
std::span<const double> formula_grid(std::string_view variable);

namespace detail {

// "a, b, c"
std::string join(std::span<const std::string_view> names);

// params.weights: every key one of `valid` and every value finite and non-negative. `what` names
// a key in messages ("factor", "cause", "priority category").
std::string check_weight_names(const RuleParams& p, std::span<const std::string_view> valid,
                               std::string_view what);

// params.base: empty (the default, poor_people) or one of vocabulary::kBases.
std::string check_base(const RuleParams& p);

}  // namespace detail
}  // namespace fupin::models::rules
