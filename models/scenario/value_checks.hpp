// Range checks shared by the parts of the scenario loader: each reads a located value and fails
// at it with a message saying what was expected.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "models/scenario/scenario.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace fupin::models::checks {

// Loose bounds on any year of a scenario: they catch typos like 20013 without limiting any real
// study.
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 2200;
// Bound on counts of years (lags, terms, cover, programme years, reviews): a century, far beyond
// any programme, and small enough that a year plus a count never overflows.
inline constexpr int kMaxYears = 100;
// Household size (minimum + extra_trials) is held in one byte.
inline constexpr int kMaxHouseholdSize = 255;

// Bound on an amount of yuan per person, household or unit (incomes, lines, wages, costs): far
// above any real one, and small enough that such amounts times people times years, in fen, stay
// well inside the ledger's int64 (the totals that could still pass it are checked as totals).
inline constexpr double kMaxYuan = 1e9;
// Bound on a yearly growth rate that compounds (incomes, the poverty line, fiscal aid): at most
// doubling every year.
inline constexpr double kMaxGrowth = 1;
// Bound on a yearly project return per yuan invested and on the spread (sd) of log incomes.
inline constexpr double kMaxReturnRate = 10;
inline constexpr double kMaxNoiseSd = 5;

double probability(const yaml::Located& v);  // in [0, 1]
// An amount of yuan from 0 (or above 0 when `positive`) to kMaxYuan.
double yuan(const yaml::Located& v, bool positive = false);
// A compounding yearly growth rate: above -1 and at most kMaxGrowth.
double growth(const yaml::Located& v);
double positive(const yaml::Located& v);      // > 0
double non_negative(const yaml::Located& v);  // >= 0
double fraction(const yaml::Located& v);      // in [0, 1], named "share"
double rate(const yaml::Located& v);          // in [0, 1), a yearly interest or fee rate
int at_least(const yaml::Located& v, int minimum);
int in_range(const yaml::Located& v, int minimum, int maximum);  // in [minimum, maximum]
double in_range_number(const yaml::Located& v, double minimum,
                       double maximum);  // in [minimum, maximum]
// A calendar year from kFirstYear to kLastYear ("year 20016 is not between 1900 and 2200").
int calendar_year(const yaml::Located& v);
// A number of years from `minimum` to kMaxYears.
int year_count(const yaml::Located& v, int minimum);
double at_least_number(const yaml::Located& v, double minimum);  // >= minimum

// A year of the scenario's period; `what` names it in the message ("cohort year").
int year_in_period(const yaml::Located& v, const Scenario& s, const std::string& what);
std::string period_text(const Scenario& s);  // "2013–2016"

// A name that variant paths can address: letters, digits, '_' and '-', not starting with a digit.
std::string identifier(const yaml::Located& v, const std::string& what);

// The name `v` must be one of `valid` ("unknown rule 'x' (did you mean 'y'?); valid rules: ...").
// Returns the name.
std::string one_of(const yaml::Located& v, std::span<const std::string> valid,
                   const std::string& what);

// A double for messages, to 12 significant digits ("0.98", "1e-05").
std::string number_text(double x);

}  // namespace fupin::models::checks
