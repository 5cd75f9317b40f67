// Names of the scenario enumerations as they are written in YAML.
#include "models/scenario/scenario_names.hpp"

#include <cstddef>

namespace fupin::models {

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> find_name(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

const std::array<std::string_view, kCauseCount>& cause_names() {
  static constexpr std::array<std::string_view, kCauseCount> kNames = {
      "illness",        "disability",     "schooling",       "disaster",   "lack_of_land", "lack_of_water",
      "lack_of_skills", "lack_of_labour", "lack_of_capital", "remoteness", "other"};
  return kNames;
}

std::optional<Cause> cause_from_name(std::string_view name) { return find_name<Cause>(cause_names(), name); }

const char* cause_name(Cause c) { return cause_names().at(static_cast<std::size_t>(c)).data(); }

const std::array<std::string_view, 4>& level_names() {
  static constexpr std::array<std::string_view, 4> kNames = {"county", "township", "village", "household"};
  return kNames;
}

std::optional<Level> level_from_name(std::string_view name) { return find_name<Level>(level_names(), name); }

const char* level_name(Level l) { return level_names().at(static_cast<std::size_t>(l)).data(); }

const std::array<std::string_view, 2>& selection_names() {
  static constexpr std::array<std::string_view, 2> kNames = {"listed", "poorest_first"};
  return kNames;
}

std::optional<Selection> selection_from_name(std::string_view name) {
  return find_name<Selection>(selection_names(), name);
}

const char* selection_name(Selection s) { return selection_names().at(static_cast<std::size_t>(s)).data(); }

const std::array<std::string_view, 1>& programme_kinds() {
  static constexpr std::array<std::string_view, 1> kKinds = {"township_package"};
  return kKinds;
}

}  // namespace fupin::models
