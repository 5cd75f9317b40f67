// Names of the scenario enumerations as they are written in YAML.
#include "models/scenario/scenario_names.hpp"

#include <cstddef>

#include "models/scenario/programme_kind.hpp"

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

const std::array<std::string_view, kCauseCount>& cause_names() { return kCauseNames; }

std::optional<Cause> cause_from_name(std::string_view name) {
  return find_name<Cause>(cause_names(), name);
}

const char* cause_name(Cause c) { return cause_names().at(static_cast<std::size_t>(c)).data(); }

const std::array<std::string_view, 4>& level_names() {
  static constexpr std::array<std::string_view, 4> kNames = {"county", "township", "village",
                                                             "household"};
  return kNames;
}

std::optional<Level> level_from_name(std::string_view name) {
  return find_name<Level>(level_names(), name);
}

const char* level_name(Level l) { return level_names().at(static_cast<std::size_t>(l)).data(); }

const std::array<std::string_view, 2>& selection_names() {
  static constexpr std::array<std::string_view, 2> kNames = {"listed", "poorest_first"};
  return kNames;
}

std::optional<Selection> selection_from_name(std::string_view name) {
  return find_name<Selection>(selection_names(), name);
}

const char* selection_name(Selection s) {
  return selection_names().at(static_cast<std::size_t>(s)).data();
}

std::vector<std::string_view> programme_kinds() {
  std::vector<std::string_view> out;
  for (const ProgrammeKindInfo& k : programme_kind_infos()) out.emplace_back(k.name);
  return out;
}

const std::array<std::string_view, kChannelCount>& channel_names() {
  static constexpr std::array<std::string_view, kChannelCount> kNames = {
      "roads",  "drinking_water", "electricity", "housing",    "education",
      "health", "broadband",      "culture",     "agriculture"};
  return kNames;
}

std::optional<Channel> channel_from_name(std::string_view name) {
  return find_name<Channel>(channel_names(), name);
}

const char* channel_name(Channel c) {
  return channel_names().at(static_cast<std::size_t>(c)).data();
}

const std::array<std::string_view, 2>& unit_kind_names() {
  static constexpr std::array<std::string_view, 2> kNames = {"village", "household"};
  return kNames;
}

std::optional<UnitKind> unit_kind_from_name(std::string_view name) {
  return find_name<UnitKind>(unit_kind_names(), name);
}

const char* unit_kind_name(UnitKind u) {
  return unit_kind_names().at(static_cast<std::size_t>(u)).data();
}

const std::array<std::string_view, 3>& idle_money_names() {
  static constexpr std::array<std::string_view, 3> kNames = {"carry_over", "returned", "lost"};
  return kNames;
}

std::optional<IdleMoney> idle_money_from_name(std::string_view name) {
  return find_name<IdleMoney>(idle_money_names(), name);
}

const char* idle_money_name(IdleMoney i) {
  return idle_money_names().at(static_cast<std::size_t>(i)).data();
}

const std::array<std::string_view, 3>& priority_category_names() {
  static constexpr std::array<std::string_view, 3> kNames = {"ethnic_minority", "border",
                                                             "old_revolutionary_base"};
  return kNames;
}

std::optional<PriorityCategory> priority_category_from_name(std::string_view name) {
  for (std::size_t i = 0; i < priority_category_names().size(); ++i) {
    if (priority_category_names()[i] == name) return static_cast<PriorityCategory>(1U << i);
  }
  return std::nullopt;
}

const std::array<std::string_view, 3>& channel_order_names() {
  static constexpr std::array<std::string_view, 3> kNames = {"poorest_first", "priority_first",
                                                             "index"};
  return kNames;
}

const std::array<std::string_view, kProjectTypeCount>& project_type_names() {
  static constexpr std::array<std::string_view, kProjectTypeCount> kNames = {
      "income",     "village_industry", "housing",          "skills",
      "relocation", "education",        "health_insurance", "matched"};
  return kNames;
}

std::optional<ProjectType> project_type_from_name(std::string_view name) {
  return find_name<ProjectType>(project_type_names(), name);
}

const char* project_type_name(ProjectType t) {
  return project_type_names().at(static_cast<std::size_t>(t)).data();
}

}  // namespace fupin::models
