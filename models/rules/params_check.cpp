// Helpers shared by the rules' parameter checks (the checks themselves live with their rules).
#include "models/rules/params_check.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include "models/rules/vocabulary.hpp"

namespace fupin::models::rules::detail {

std::string join(std::span<const std::string_view> names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

namespace {

std::string number(double x) {
  std::ostringstream os;
  os << x;
  return os.str();
}

}  // namespace

std::string check_weight_names(const RuleParams& p, std::span<const std::string_view> valid,
                               std::string_view what) {
  for (const auto& [name, weight] : p.weights) {
    if (std::find(valid.begin(), valid.end(), name) == valid.end()) {
      return "unknown " + std::string(what) + " '" + name + "' in weights; valid " +
             std::string(what) + " names: " + join(valid);
    }
    if (!std::isfinite(weight) || weight < 0) {
      return "weight of " + std::string(what) + " '" + name + "' is " + number(weight) +
             "; weights must be finite and non-negative";
    }
  }
  return "";
}

std::string check_base(const RuleParams& p) {
  if (p.base.empty()) return "";
  const auto& valid = vocabulary::kBases;
  if (std::find(valid.begin(), valid.end(), p.base) != valid.end()) return "";
  return "unknown base '" + p.base + "'; valid bases: " + join(valid) + " (default " +
         std::string(vocabulary::kDefaultBase) + ")";
}

}  // namespace fupin::models::rules::detail
