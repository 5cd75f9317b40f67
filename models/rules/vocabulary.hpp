// The names the allocation rules accept in their parameters (RuleParams), in one place so that
// the rules, their checks, the scenario loader and the docs list the same words.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "models/causes.hpp"
#include "models/rules/allocation_rule.hpp"

namespace fupin::models::vocabulary {

// Causes of poverty by CandidateTable::cause index: the table of models/causes.hpp (header-only,
// so fupin_rules stays free of the scenario library).
inline constexpr const std::array<std::string_view, kCauseCount>& kCauses = kCauseNames;

// Priority categories (weights keys of `priority`) and their PriorityCategory bits.
inline constexpr std::array<std::string_view, 3> kPriorityCategories = {"ethnic_minority", "border",
                                                                        "old_revolutionary_base"};
inline constexpr std::array<std::uint8_t, 3> kPriorityBits = {kEthnicMinority, kBorder,
                                                              kOldRevolutionaryBase};
inline constexpr std::uint8_t kAllPriorityBits = kEthnicMinority | kBorder | kOldRevolutionaryBase;

// Columns a `priority` or `performance` rule may take as its base (params.base).
inline constexpr std::array<std::string_view, 5> kBases = {"people", "poor_people", "poverty_gap",
                                                           "households", "poor_households"};
inline constexpr std::string_view kDefaultBase = "poor_people";

// Factors of the `factor` rule (weights keys).
inline constexpr std::array<std::string_view, 8> kFactors = {
    "people",          "poor_people",     "poverty_gap", "households",
    "poor_households", "headcount_ratio", "assessment",  "priority"};

// Variables of a `formula` expression.
inline constexpr std::array<std::string_view, 12> kFormulaVariables = {"people",
                                                                       "poor_people",
                                                                       "poverty_gap",
                                                                       "income",
                                                                       "households",
                                                                       "poor_households",
                                                                       "need",
                                                                       "assessment",
                                                                       "ethnic_minority",
                                                                       "border",
                                                                       "old_revolutionary_base",
                                                                       "headcount_ratio"};

// Objectives of the `optimal` rule; the first is the default.
inline constexpr std::array<std::string_view, 2> kObjectives = {"poverty_gap", "people_lifted"};

}  // namespace fupin::models::vocabulary
