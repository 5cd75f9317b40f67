#include "models/programmes/rule_warnings.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "models/programmes/programme_kind.hpp"
#include "models/rules/allocation_rule.hpp"
#include "models/rules/vocabulary.hpp"

namespace fupin::models {
namespace {

const char* plural(Level level) {
  switch (level) {
    case Level::county: return "counties";
    case Level::township: return "townships";
    case Level::village: return "villages";
    case Level::household: return "households";
  }
  return "";
}

// A factor a stage's rule reads that belongs to a region above the candidates.
struct Factor {
  std::string what;      // for the message
  bool village = false;  // a village attribute (else the county's assessment)
  int category = -1;     // index in vocabulary::kPriorityCategories; -1 for `priority` (all three)
};

std::vector<Factor> region_factors(const AllocationStage& st) {
  std::vector<Factor> out;
  const auto weight = [&](std::string_view name) {
    const auto it = st.params.weights.find(std::string(name));
    return it == st.params.weights.end() ? 0.0 : it->second;
  };
  const auto& categories = vocabulary::kPriorityCategories;
  if (st.rule == "formula") {
    const std::vector<std::string> used = rules::formula_variables(st.params.formula);
    const auto uses = [&](std::string_view v) {
      return std::find(used.begin(), used.end(), v) != used.end();
    };
    for (std::size_t k = 0; k < categories.size(); ++k) {
      if (uses(categories[k])) {
        out.push_back({"the formula's variable '" + std::string(categories[k]) + "'", true,
                       static_cast<int>(k)});
      }
    }
    if (uses("assessment")) out.push_back({"the formula's variable 'assessment'", false, -1});
  } else if (st.rule == "priority") {
    for (std::size_t k = 0; k < categories.size(); ++k) {
      if (weight(categories[k]) > 0) {
        out.push_back({"the priority category '" + std::string(categories[k]) + "'", true,
                       static_cast<int>(k)});
      }
    }
  } else if (st.rule == "factor") {
    if (weight("priority") > 0) out.push_back({"the factor 'priority'", true, -1});
    if (weight("assessment") > 0) out.push_back({"the factor 'assessment'", false, -1});
  } else if (st.rule == "performance") {
    out.push_back({"'assessment' (the rule's multiplier)", false, -1});
  }
  return out;
}

double category_share(const PopulationSpec& p, int k) {
  return k == 0   ? p.ethnic_minority_share
         : k == 1 ? p.border_share
                  : p.old_revolutionary_base_share;
}

// Why `f` is the same for every candidate of every split in `scope`, or "" when it is not.
std::string why_constant(const Scenario& s, const Factor& f, const RuleScope& scope, Level stage) {
  const GeographySpec& g = s.geography;
  const auto within = [&](Level region) {
    std::string text = "this stage splits money among the " + std::string(plural(stage)) +
                       " of one " + level_name(region) + " at a time";
    if (!scope.holder.empty()) text += " (" + scope.holder + ")";
    return text;
  };
  if (f.village) {
    // Population: a category no village or every village has.
    const auto fixed = [&](int k) {
      const double share = category_share(s.population, k);
      return share <= 0 || share >= 1;
    };
    const bool all_fixed = f.category >= 0 ? fixed(f.category) : fixed(0) && fixed(1) && fixed(2);
    if (all_fixed) {
      if (f.category >= 0) {
        const std::string key =
            "population." + std::string(vocabulary::kPriorityCategories[f.category]) + "_share";
        return category_share(s.population, f.category) <= 0
                   ? "no village has the category (" + key + " is 0)"
                   : "every village has the category (" + key + " is 1)";
      }
      return "every village has the same categories (each population.<category>_share is 0 or 1)";
    }
    long long villages_per_split =
        static_cast<long long>(g.counties) * g.townships_per_county * g.villages_per_township;
    if (scope.level == Level::county)
      villages_per_split = static_cast<long long>(g.townships_per_county) * g.villages_per_township;
    if (scope.level == Level::township) villages_per_split = g.villages_per_township;
    if (scope.level == Level::village) villages_per_split = 1;
    if (villages_per_split == 1) {
      std::string text = "it belongs to the village, and ";
      return text + (scope.level ? within(*scope.level) : "the province has one village");
    }
    return "";
  }
  if (scope.level) return "it is the county's score, and " + within(*scope.level);
  if (g.counties == 1) return "it is the county's score, and the province has one county";
  return "";
}

}  // namespace

std::vector<std::string> constant_factor_warnings(const Scenario& s) {
  std::vector<std::string> out;
  for (const ProgrammeSpec& p : s.programmes) {
    const std::vector<AllocationStage>* stages = kind_info(p).allocation(p);
    const std::optional<RuleScope> first = kind_run(p).first_scope(p);
    if (stages == nullptr || !first) continue;
    for (std::size_t k = 0; k < stages->size(); ++k) {
      const AllocationStage& st = (*stages)[k];
      const RuleScope scope = k == 0 ? *first : RuleScope{(*stages)[k - 1].level, ""};
      for (const Factor& f : region_factors(st)) {
        const std::string why = why_constant(s, f, scope, st.level);
        if (why.empty()) continue;
        std::string message =
            "variant '" + s.variant + "', programme '" + p.name + "' (programmes." + p.name +
            ".allocation[" + std::to_string(k) + "], rule '" + st.rule + "'): " + f.what +
            " is the same for every candidate of every split this stage makes: " + why + ". ";
        if (st.rule == "factor") {
          message +=
              "It cannot favour one candidate over another: its part of the money is split "
              "equally, or, "
              "where it is 0, goes to the other factors.";
        } else {
          message +=
              "It cannot favour one candidate over another; as a factor of the weight it cancels "
              "out, and "
              "the rule splits as it would without it.";
        }
        message +=
            f.village
                ? " Weight by it at a stage that splits among villages, townships or counties, or "
                  "among the households of several villages."
                : " Weight by it at a stage that splits among counties.";
        out.push_back(std::move(message));
      }
    }
  }
  return out;
}

}  // namespace fupin::models
