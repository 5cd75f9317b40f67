// The YAML names of the scenario's enumerations (causes, levels, selections, programme kinds,
// channels, project types, ...), shared by the loader, the key schema and the docs test.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace fupin::models {

// In enum order: cause_names()[static_cast<int>(c)] == cause_name(c).
const std::array<std::string_view, kCauseCount>& cause_names();
std::optional<Cause> cause_from_name(std::string_view name);

// In downward order: county, township, village, household.
const std::array<std::string_view, 4>& level_names();
std::optional<Level> level_from_name(std::string_view name);

const std::array<std::string_view, 2>& selection_names();
std::optional<Selection> selection_from_name(std::string_view name);
const char* selection_name(Selection s);

// The name of every registered programme kind, in registration order (programme_kind.hpp).
std::vector<std::string_view> programme_kinds();

// In enum order: channel_names()[static_cast<int>(c)] == channel_name(c).
const std::array<std::string_view, kChannelCount>& channel_names();
std::optional<Channel> channel_from_name(std::string_view name);

const std::array<std::string_view, 2>& unit_kind_names();  // village, household
std::optional<UnitKind> unit_kind_from_name(std::string_view name);
const char* unit_kind_name(UnitKind u);

const std::array<std::string_view, 3>& idle_money_names();  // carry_over, returned, lost
std::optional<IdleMoney> idle_money_from_name(std::string_view name);
const char* idle_money_name(IdleMoney i);

// The priority categories of the "three ensures", in bit order of PriorityCategory.
const std::array<std::string_view, 3>& priority_category_names();
std::optional<PriorityCategory> priority_category_from_name(std::string_view name);

// The orders in which a sector channel takes uncovered units (SectorChannelSpec::order).
const std::array<std::string_view, 3>& channel_order_names();

// In enum order: project_type_names()[static_cast<int>(t)] == project_type_name(t).
const std::array<std::string_view, kProjectTypeCount>& project_type_names();
std::optional<ProjectType> project_type_from_name(std::string_view name);
const char* project_type_name(ProjectType t);

}  // namespace fupin::models
