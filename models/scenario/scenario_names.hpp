// The YAML names of the scenario's enumerations (causes, levels, selections, programme kinds),
// shared by the loader, the key schema and the docs test.
#pragma once

#include <array>
#include <optional>
#include <string_view>

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

// Every programme kind the loader knows.
const std::array<std::string_view, 1>& programme_kinds();

}  // namespace fupin::models
