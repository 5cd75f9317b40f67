// The causes of poverty a household can be registered with (致贫原因), and their names as written
// in scenarios (population.cause_shares), in rule parameters (the cause_matched rule's weights) and
// in the run file (the `cause` scale of the summary). The one table of these names.
//
// Plain data with no dependencies, so that every layer that needs the names can include it: the
// scenario loader (fupin_scenario), the pure allocation rules (fupin_rules, which reads causes as
// CandidateTable::cause indices) and the output layer (through models/results.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace fupin::models {

// In the order of kCauseNames: static_cast<int>(c) is the index of c's name.
enum class Cause : std::uint8_t {
  illness,
  disability,
  schooling,
  disaster,
  lack_of_land,
  lack_of_water,
  lack_of_skills,
  lack_of_labour,
  lack_of_capital,
  remoteness,
  other
};
inline constexpr int kCauseCount = 11;

// The name of each Cause, in enum order (docs/scenario.md and docs/output.md list them in this
// order; tests compare those lists with this table).
inline constexpr std::array<std::string_view, kCauseCount> kCauseNames = {
    "illness",         "disability",    "schooling",      "disaster",
    "lack_of_land",    "lack_of_water", "lack_of_skills", "lack_of_labour",
    "lack_of_capital", "remoteness",    "other"};

static_assert(static_cast<int>(Cause::other) + 1 == kCauseCount, "one name per Cause");

}  // namespace fupin::models
