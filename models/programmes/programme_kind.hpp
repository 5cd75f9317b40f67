// The run-level part of a programme kind: how the simulation creates its programme, what
// `fupin check` plans and warns about for it. The scenario-level part (name, schema, parser,
// funding network) is ProgrammeKindInfo (models/scenario/programme_kind.hpp); a built-in kind
// registers both with its one line in models/scenario/programme_kinds.def, and
// tests/models/programmes/programme_kind_test.cpp checks that every registered kind has both.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/programmes/money_plan.hpp"
#include "models/programmes/programme.hpp"
#include "models/programmes/rule_warnings.hpp"
#include "models/programmes/unit_check.hpp"
#include "models/scenario/programme_kind.hpp"

namespace fupin::models {

struct ProgrammeKindRun {
  std::string name;  // the kind's name, as in its ProgrammeKindInfo
  // The programme of `spec` (index: its position in the scenario).
  std::unique_ptr<Programme> (*create)(int index, const ProgrammeSpec& spec,
                                       SimulationState& s) = nullptr;
  // Adds the programme's entries to the money plan (plan.p is the programme).
  void (*plan_money)(KindPlan& plan) = nullptr;
  // The region one split of its first allocation stage divides (rule warnings); nullopt when it
  // has no stages.
  std::optional<RuleScope> (*first_scope)(const ProgrammeSpec& p) = nullptr;
  // The most money that reaches one poor household over the period (unit warnings); yuan < 0:
  // not checked.
  HouseholdReach (*reach)(const ReachContext& c, const ProgrammeSpec& p) = nullptr;
  // Its money is a loan for the household's project: never saved toward a unit.
  bool lends = false;
};

// The run-level parts of every registered kind: the built-in ones, then any added later.
const std::deque<ProgrammeKindRun>& programme_kind_runs();
// Registers the run-level part of a kind whose ProgrammeKindInfo is registered (or is about to
// be); throws std::logic_error if the name is taken or a part is missing.
void add_programme_kind_run(ProgrammeKindRun run);
// The run-level part of p's kind; throws std::logic_error if its kind has none.
const ProgrammeKindRun& kind_run(const ProgrammeSpec& p);
// Names of the parts `run` lacks (empty when complete).
std::vector<std::string> missing_parts(const ProgrammeKindRun& run);
// One line per registered kind that lacks a part at either level, or that is registered at one
// level only; empty when every kind is complete.
std::vector<std::string> incomplete_kinds();

// Declarations of the built-in kinds' run-level parts, one per line of programme_kinds.def.
#define FUPIN_PROGRAMME_KIND(name, file) ProgrammeKindRun name##_run();
#include "models/scenario/programme_kinds.def"
#undef FUPIN_PROGRAMME_KIND

}  // namespace fupin::models
