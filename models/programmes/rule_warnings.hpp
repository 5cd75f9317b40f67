// Warnings about allocation stages whose rule weight has a factor that is the same for every
// candidate of every split the stage makes: such a factor cannot favour one candidate over
// another, and as a factor of the weight it cancels out, so the rule splits as it would without
// it (a planner's weight that silently does nothing). `fupin check` prints them; a run can record
// them beside its results.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace fupin::models {

// The region one split of a programme's first allocation stage divides: one region of `level`,
// or the whole province (`level` empty). Each kind says its own (ProgrammeKindRun::first_scope).
struct RuleScope {
  std::optional<Level> level;
  std::string holder;  // how the programme gets there, for the message ("" when evident)
};

// One message per (stage, factor) of one resolved variant, naming the variant, the programme and
// the stage's YAML path (programmes.<name>.allocation[<k>]), and saying why the factor is
// constant and where it would act. A factor is constant within every split when
//   - it is a village attribute (ethnic_minority, border, old_revolutionary_base, the `priority`
//     factor) and each split lies inside one village (a village package's household stage, or
//     any stage below a village-level stage), or the population gives the category to no village
//     or to every village (population.<category>_share 0 or 1);
//   - it is the county's assessment score and each split lies inside one county.
// Factors read: `formula` the variables its expression uses, `priority` the categories with a
// positive weight, `factor` the factors `priority` and `assessment` with a positive weight,
// `performance` the assessment. Empty when nothing cancels.
std::vector<std::string> constant_factor_warnings(const Scenario& scenario);

}  // namespace fupin::models
