// Allocation stages: levels in downward order from where a programme's money starts, a rule per
// stage, and the rule's parameters (weights, formula, objective, base) checked by the rule itself.
#include <array>
#include <cctype>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "models/rules/allocation_rule.hpp"
#include "models/rules/params_check.hpp"
#include "models/scenario/programme_parts.hpp"
#include "models/scenario/scenario_names.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/value_checks.hpp"

namespace fupin::models::parts {

namespace {

using yaml::Located;

// The RuleParams field each YAML key of a stage fills, in the order they are documented.
constexpr std::array<const char*, 4> kParamKeys = {"weights", "formula", "objective", "base"};

// "village or household", "township, village or household".
std::string levels_from(Level highest) {
  std::string out;
  for (auto l = static_cast<int>(highest); l <= static_cast<int>(Level::household); ++l) {
    if (!out.empty()) out += l == static_cast<int>(Level::household) ? " or " : ", ";
    out += level_name(static_cast<Level>(l));
  }
  return out;
}

std::string takes_text(const RuleInfo& info) {
  if (info.params.empty()) return "it takes no parameters";
  std::string out;
  for (const std::string& p : info.params) out += (out.empty() ? "'" : ", '") + p + "'";
  return "it takes " + out;
}

// Reads the parameter keys present in `stage` into `params`; each must be one the rule reads.
void read_params(const Located& stage, const RuleInfo& info, RuleParams& params) {
  for (const char* key : kParamKeys) {
    const auto value = stage.find(key);
    if (!value) continue;
    bool read = false;
    for (const std::string& p : info.params) read = read || p == key;
    if (!read) {
      // Point at the key itself: it is the key, not its value, that does not belong here.
      for (const auto& [k, v] : stage.entries()) {
        if (k.node().Scalar() == key) {
          k.fail("rule '" + info.name + "' takes no '" + key + "'; " + takes_text(info));
        }
      }
    }
    const std::string name = key;
    if (name == "weights") {
      for (const auto& [k, v] : value->entries()) {
        const std::string& weight = k.node().Scalar();
        if (params.weights.count(weight) != 0) k.fail("weight '" + weight + "' is given twice");
        params.weights[weight] = v.as_number();
      }
      if (params.weights.empty())
        value->fail("no weights given; give at least one or leave out 'weights'");
    } else if (name == "formula") {
      params.formula = value->as_string();
    } else if (name == "objective") {
      params.objective = value->as_string();
    } else {
      params.base = value->as_string();
    }
  }
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// Where the message's first quoted word stands in `formula`: as a whole word, or, when the message
// quotes the whole formula, at the "position N" it gives; npos when neither.
std::size_t word_position(const std::string& formula, const std::string& token,
                          const std::string& text) {
  if (token.empty()) return std::string::npos;
  if (token == formula) {
    const std::string marker = " at position ";
    const std::size_t p = text.find(marker);
    if (p == std::string::npos) return 0;
    const std::size_t n =
        static_cast<std::size_t>(std::strtoul(text.c_str() + p + marker.size(), nullptr, 10));
    return n < formula.size() ? n : 0;
  }
  for (std::size_t at = formula.find(token); at != std::string::npos;
       at = formula.find(token, at + 1)) {
    const bool starts = at == 0 || !is_name_char(formula[at - 1]);
    const bool ends =
        at + token.size() == formula.size() || !is_name_char(formula[at + token.size()]);
    if (starts && ends) return at;
  }
  return std::string::npos;
}

// Fails at the word the message names inside the one-line formula `value`, when it is found there.
void fail_in_formula(const Located& value, const std::string& text) {
  YAML::Mark mark = value.mark();
  const std::string& formula = value.node().Scalar();
  const std::size_t open = text.find('\'', text.find("': ") + 3);
  const std::size_t close = open == std::string::npos ? open : text.find('\'', open + 1);
  if (mark.is_null() || close == std::string::npos) value.fail(text);
  const std::string token = text.substr(open + 1, close - open - 1);
  const std::size_t at = word_position(formula, token, text);
  const int quote = value.node().Tag() == "!" ? 1 : 0;  // a quoted scalar starts with its quote
  const std::string_view source = value.reader().text();
  // From the line and column, not mark.pos: a variant's values are parsed from a text whose
  // lines and columns are the file's but whose byte offsets are not.
  std::size_t line_start = 0;
  for (int line = 0; line < mark.line && line_start != std::string_view::npos; ++line) {
    line_start = source.find('\n', line_start);
    if (line_start != std::string_view::npos) ++line_start;
  }
  if (line_start == std::string_view::npos) value.fail(text);
  const std::size_t start = line_start + static_cast<std::size_t>(mark.column + quote);
  if (at == std::string::npos || start + formula.size() > source.size() ||
      source.substr(start, formula.size()) != formula) {
    value.fail(text);  // an escaped or folded scalar: the value's start is the best place
  }
  mark.column += quote + static_cast<int>(at);
  mark.pos += quote + static_cast<int>(at);
  value.reader().fail(mark, value.path(), value.path() + ": " + text);
}

RuleParams without(const RuleParams& params, const std::string& key) {
  RuleParams out = params;
  if (key == "weights") out.weights.clear();
  if (key == "formula") out.formula.clear();
  if (key == "objective") out.objective.clear();
  if (key == "base") out.base.clear();
  return out;
}

// The rule's verdict on `params`, reported at the parameter that causes it when that can be told:
// a weight the message names; else the one key without which the parameters pass; else a key whose
// value or name the message quotes ("unknown attribute 'incme' in formula"); else the stage.
void check_params(const Located& stage, const RuleInfo& info, const RuleParams& params) {
  if (!info.check) return;
  const std::string message = info.check(params);
  if (message.empty()) {
    // A formula that parses must also give a valid weight over its variables' whole domain.
    if (const auto formula = stage.find("formula"); formula && !params.formula.empty()) {
      const std::string domain = rules::check_formula_domain(params.formula);
      if (!domain.empty()) formula->fail("rule '" + info.name + "': " + domain);
    }
    return;
  }
  const std::string text = "rule '" + info.name + "': " + message;
  if (const auto weights = stage.find("weights")) {
    for (const auto& [k, v] : weights->entries()) {
      if (message.find("'" + k.node().Scalar() + "'") != std::string::npos) k.fail(text);
    }
  }
  std::vector<std::pair<std::string, Located>> present;
  for (const char* key : kParamKeys) {
    if (auto value = stage.find(key)) present.emplace_back(key, *value);
  }
  for (const auto& [key, value] : present) {
    if (info.check(without(params, key)).empty()) value.fail(text);
  }
  for (const auto& [key, value] : present) {
    const bool quoted = value.node().IsScalar() &&
                        message.find("'" + value.node().Scalar() + "'") != std::string::npos;
    if (quoted || message.find(key) != std::string::npos) {
      if (key == "formula") fail_in_formula(value, text);
      value.fail(text);
    }
  }
  stage.fail(text);
}

}  // namespace

std::vector<AllocationStage> parse_allocation(const Located& list, Level highest_first,
                                              const std::string& where_money_starts) {
  const std::vector<std::string> rule_names = builtin_rules().names();
  const std::vector<std::string> levels(level_names().begin(), level_names().end());
  std::vector<AllocationStage> stages;
  const std::vector<Located> elements = list.elements();
  if (elements.empty()) list.fail("the allocation needs at least one stage, the last at household");
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const Located& e = elements[i];
    e.check_keys(mapping_schema("programmes[].allocation[]"));
    const Located level_node = e.child("level");
    AllocationStage stage;
    stage.level = *level_from_name(checks::one_of(level_node, levels, "level"));
    if (i == 0 && stage.level < highest_first) {
      level_node.fail(where_money_starts + ", so its first stage must be at " +
                      levels_from(highest_first) + ", not " + level_name(stage.level));
    }
    if (i > 0 && stage.level <= stages.back().level) {
      level_node.fail(std::string("a stage at ") + level_name(stage.level) +
                      " must be below the previous stage (" + level_name(stages.back().level) +
                      "); stages go downward: county, township, village, household");
    }
    if (i + 1 == elements.size() && stage.level != Level::household) {
      level_node.fail(std::string("the last allocation stage must be at household, not ") +
                      level_name(stage.level));
    }
    stage.rule = checks::one_of(e.child("rule"), rule_names, "rule");
    const RuleInfo& info = *builtin_rules().find(stage.rule);
    read_params(e, info, stage.params);
    check_params(e, info, stage.params);
    stages.push_back(std::move(stage));
  }
  return stages;
}

}  // namespace fupin::models::parts
