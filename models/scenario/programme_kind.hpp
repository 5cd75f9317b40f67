// Programme kinds as registered "styles": the scenario-level part of a kind (its YAML name, key
// schema, parser, where its money rests in the funding network, ...). The loader, `fupin check`
// and the funding-network check iterate the registry; they never switch on kinds. The run-level
// part (programme class, money plan, warnings) is ProgrammeKindRun in
// models/programmes/programme_kind.hpp; both parts of a built-in kind are registered by its one
// line in programme_kinds.def.
#pragma once

#include <any>
#include <deque>
#include <string>
#include <string_view>
#include <typeindex>
#include <vector>

#include "models/scenario/scenario.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace fupin::models {

struct ProgrammeKindInfo {
  std::string name;                            // the value of `kind:` in YAML
  std::type_index params_type = typeid(void);  // the type ProgrammeSpec::params holds
  // The kind's own mappings: "programmes[]" with its keys beyond the common ones, and its nested
  // mappings ("programmes[].cohorts[]", ...). MappingSchema::kind is set to `name` on registration.
  std::vector<MappingSchema> schema;
  // The kind's parameters from the programme's mapping (keys already checked); `s` is the scenario
  // parsed so far (period, geography, shocks), against which years, names and counts are checked.
  std::any (*parse)(const yaml::Located& programme, const Scenario& s) = nullptr;
  // The levels at which its money rests before it is split further, top down
  // (levels_holding_money).
  std::vector<Level> (*levels_holding_money)(const ProgrammeSpec& p) = nullptr;
  // Why a programme of this kind cannot be pooled by a fund integration (when it does not reach
  // county).
  std::string (*why_not_at_county)(const ProgrammeSpec& p) = nullptr;
  // The programmes whose county money it pools (the edges of the funding network); empty for most
  // kinds.
  std::vector<std::string> (*pools)(const ProgrammeSpec& p) = nullptr;
  // The kind's own checks once every programme is parsed; `node` is the programme's mapping.
  void (*check)(const yaml::Located& node, const ProgrammeSpec& p) = nullptr;
  // Its allocation stages, or nullptr for kinds without any.
  const std::vector<AllocationStage>* (*allocation)(const ProgrammeSpec& p) = nullptr;
  // What its money buys, or nullptr for kinds without a project.
  const ProjectSpec* (*project)(const ProgrammeSpec& p) = nullptr;
  // Its money is revolving capital resting in the villages: nothing is kept there for
  // administration (paid from fees instead) and it never sits idle at year end.
  bool revolving_capital = false;
  // Its money can sit idle at year end in a pool of its own even though it rests at no region
  // level.
  bool idles_in_pool = false;
};

// Every registered kind: the built-in ones (programme_kinds.def order), then any added later.
// References stay valid when kinds are added.
const std::deque<ProgrammeKindInfo>& programme_kind_infos();
// Registers a kind (a test's, or one outside the built-ins); throws std::logic_error if its name
// or spec type is taken or a part is missing.
void add_programme_kind(ProgrammeKindInfo info);
// nullptr when no kind has that name.
const ProgrammeKindInfo* find_programme_kind(std::string_view name);
// The kind of `p`, from the type of its params; throws std::logic_error if none is registered.
const ProgrammeKindInfo& kind_info(const ProgrammeSpec& p);
// Names of the parts `info` lacks (empty when complete).
std::vector<std::string> missing_parts(const ProgrammeKindInfo& info);

// Declarations of the built-in kinds' parts, one per line of programme_kinds.def.
#define FUPIN_PROGRAMME_KIND(name, file) ProgrammeKindInfo name##_kind();
#include "models/scenario/programme_kinds.def"
#undef FUPIN_PROGRAMME_KIND

// Helpers for a kind's parts.
namespace kind_parts {
// The levels above household of `stages`, appended to `out`.
void add_levels(std::vector<Level>& out, const std::vector<AllocationStage>& stages);
template <typename Spec>
const std::vector<AllocationStage>* allocation_of(const ProgrammeSpec& p) {
  return &params_of<Spec>(p).allocation;
}
template <typename Spec>
const ProjectSpec* project_of(const ProgrammeSpec& p) {
  return &params_of<Spec>(p).project;
}
// The levels and the reason for special_fund and donation (one AppropriationSpec,
// special_fund.cpp).
std::vector<Level> appropriation_levels(const ProgrammeSpec& p);
std::string appropriation_not_at_county(const ProgrammeSpec& p);
inline const std::vector<AllocationStage>* no_allocation(const ProgrammeSpec&) { return nullptr; }
inline std::vector<std::string> pools_nothing(const ProgrammeSpec&) { return {}; }
inline void no_check(const yaml::Located&, const ProgrammeSpec&) {}
}  // namespace kind_parts

}  // namespace fupin::models
