// The scenario's keys: which mapping accepts which keys, which are required. The loader checks
// unknown and missing keys against these tables, and the docs test checks that docs/scenario.md
// documents every key they list, so the tables are the single source of truth for the format.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fupin::models {

struct KeySpec {
  std::string name;
  bool required = false;
};

// The keys of one kind of mapping. `path` is generic: sequence elements are written "[]", so
// "programmes[].cohorts[]" is the schema of every cohort of every programme.
struct MappingSchema {
  std::string path;
  std::string kind;  // programme kind for kind-specific programme keys; empty otherwise
  std::vector<KeySpec> keys;
  // Besides `keys`, the mapping accepts keys of this free form ("<year>" for the poverty-line
  // table, "<path>" for a variant's overrides); empty when it does not.
  std::string free_key;
};

// Every mapping of the format: the common ones, then each registered programme kind's own. The
// reference stays valid until another kind is registered (programme_kind.hpp).
const std::vector<MappingSchema>& scenario_schema();

// The schema of mapping `path` (and programme `kind`); throws std::logic_error if there is none,
// which is a bug in the loader, not in the input.
const MappingSchema& mapping_schema(std::string_view path, std::string_view kind = {});

// Every key path the loader accepts, sorted and unique: "period.start",
// "programmes[].cohorts[].year", "poverty_line.<year>", "variants[].set.<path>", ... (kinds
// merged).
std::vector<std::string> documented_scenario_keys();

}  // namespace fupin::models
