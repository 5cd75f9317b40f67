// Parts that several programme kinds share: the disbursement date, project returns, amounts and
// counts by year, county lists, and the allocation stages with their rule parameters.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace fupin::models::parts {

// `disbursement: {month, day}`; each key keeps its default (the value passed in) when left out.
void parse_disbursement(const yaml::Located& d, int& month, int& day);

// `project: {type, return_rate, lag_years, success_probability, depreciation, industry}`; the
// industry must be a market of `s.shocks.markets` (so the shocks are parsed before the programmes).
ProjectSpec parse_project(const yaml::Located& p, const Scenario& s);

// A mapping year -> yuan with at least one year, every year in the period. `what` names the
// amounts in messages ("appropriation").
// Tranches by programme year for cohorts selected in `cohort_years`: one tranche per programme
// year, none falling after the period. `schema` is the kind's `programmes[].tranches[]` table;
// `what` names the kind in messages ("a township package"). `units` is the number of townships or
// villages the cohorts select together: the tranches paid to all of them must total at most the
// largest amount of money (int64 fen), or the amount that passes it is an error.
std::vector<Tranche> parse_tranches(const yaml::Located& list, const Scenario& s,
                                    const std::vector<int>& cohort_years,
                                    const MappingSchema& schema, const std::string& what,
                                    long long units);

YearlyAmounts parse_yearly_amounts(const yaml::Located& m, const Scenario& s,
                                   const std::string& what);

// A mapping year -> count (each >= 0 and <= `maximum`), every year in the period.
std::map<int, int> parse_yearly_counts(const yaml::Located& m, const Scenario& s,
                                       const std::string& what, int maximum,
                                       const std::string& maximum_text);

// "<county_prefix>NN" for county c (1-based), as the geography names it.
std::string county_name(const GeographySpec& g, int c);
// The number (1-based) of the county `name` names, or 0 if none of the geography's counties.
long long county_number(const GeographySpec& g, const std::string& name);
// A list of county names of the geography: at least one, none twice.
std::vector<std::string> parse_counties(const yaml::Located& list, const Scenario& s);

// Fails at `at` when `total_fen` — an upper bound, in fen, of the money a programme part moves
// over the period — is more than the largest amount fupin can hold (int64 fen), so that neither
// `check` nor the run can overflow. `what` says what adds up ("the loans of 3 years").
void check_money_total(const yaml::Located& at, long double total_fen, const std::string& what);

// Number of villages and households of the whole geography.
long long village_count(const GeographySpec& g);
long long household_count(const GeographySpec& g);

// The allocation stages of a programme whose money, before the first stage, sits above
// `highest_first`: the first stage is at `highest_first` or below, each next one strictly below
// the previous, the last at household. `where_money_starts` explains the limit in messages
// ("a township package's money starts at the township"). Each stage's rule parameters are
// checked against the rule (RuleInfo::params and RuleInfo::check).
std::vector<AllocationStage> parse_allocation(const yaml::Located& list, Level highest_first,
                                              const std::string& where_money_starts);

}  // namespace fupin::models::parts
