// The `targets` section: what the policy promised, stated as a measure of a population, a level
// at which it is scored, a year and a threshold (docs/scenario.md, "targets").
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/scenario_names.hpp"
#include "models/scenario/scenario_parser.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/value_checks.hpp"

namespace fupin::models {

namespace {

using yaml::Located;

constexpr std::array<std::string_view, kTargetMetricCount> kMetricNames{
    "headcount_ratio",    "share_income_at_least", "mean_income",     "registered_share",
    "safe_housing_share", "insured_share",         "schooling_share", "household_coverage",
    "villages_reached",   "village_coverage"};
constexpr std::array<std::string_view, 4> kLevelNames{"scenario", "county", "township", "village"};

template <std::size_t N>
std::vector<std::string> strings(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

// The key `key` of target `t` is given only for the metrics that read it.
void only_for(const Located& t, const char* key, bool applies, const std::string& metric,
              const char* which) {
  if (auto v = t.find(key); v && !applies) {
    v->fail(std::string("'") + key + "' applies only to the metric" + which + ", not to '" +
            metric + "'");
  }
}

int programme_index(const Located& v, const Scenario& s, const char* what) {
  std::vector<std::string> names;
  for (const ProgrammeSpec& p : s.programmes) names.push_back(p.name);
  if (names.empty()) v.fail(std::string(what) + " names a programme, but the scenario has none");
  const std::string name = checks::one_of(v, names, "programme");
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

bool has_township_package(const Scenario& s) {
  for (const ProgrammeSpec& p : s.programmes) {
    if (params_if<TownshipPackageSpec>(p) != nullptr) return true;
  }
  return false;
}

void parse_population(const Located& p, const Scenario& s, TargetSpec& t) {
  if (p.node().IsScalar()) {
    if (p.scalar() != "all") {
      p.fail(
          "a population is 'all' or a mapping of registered_in, assisted_by and "
          "village_categories, not " +
          p.describe());
    }
    return;
  }
  p.check_keys(mapping_schema("targets[].population"));
  const bool villages = is_village_metric(t.metric);
  if (auto r = p.find("registered_in")) {
    if (villages)
      r->fail("a village metric counts villages: its population takes only village_categories");
    if (r->node().IsScalar() && r->scalar() == "selection") {
      t.registered_in_selection = true;
    } else {
      t.registered_in = checks::year_in_period(*r, s, "registration year");
    }
  }
  if (auto a = p.find("assisted_by")) {
    if (villages)
      a->fail("a village metric counts villages: its population takes only village_categories");
    t.assisted_by = programme_index(*a, s, "assisted_by");
  }
  if (auto c = p.find("village_categories")) {
    std::vector<std::string> valid = strings(priority_category_names());
    const auto elements = c->elements();
    if (elements.empty()) c->fail("give at least one village category");
    for (const Located& e : elements) {
      const std::uint8_t bit =
          *priority_category_from_name(checks::one_of(e, valid, "village category"));
      if ((t.village_categories & bit) != 0)
        e.fail("village category '" + e.scalar() + "' is given twice");
      t.village_categories |= bit;
    }
  }
}

TargetSpec parse_target(const Located& e, const Scenario& s) {
  e.check_keys(mapping_schema("targets[]"));
  TargetSpec t;
  t.name = checks::identifier(e.child("name"), "target name");
  t.description = e.child("description").as_string();
  const Located metric = e.child("metric");
  const std::string metric_name = checks::one_of(metric, strings(kMetricNames), "metric");
  for (std::size_t i = 0; i < kMetricNames.size(); ++i) {
    if (kMetricNames[i] == metric_name) t.metric = static_cast<TargetMetric>(i);
  }
  const bool coverage =
      t.metric == TargetMetric::household_coverage || t.metric == TargetMetric::village_coverage;
  only_for(e, "income", t.metric == TargetMetric::share_income_at_least, metric_name,
           " share_income_at_least");
  only_for(e, "programme", t.metric == TargetMetric::villages_reached, metric_name,
           " villages_reached");
  only_for(e, "channel", coverage, metric_name, "s household_coverage and village_coverage");
  only_for(e, "weight", !is_village_metric(t.metric), metric_name, "s over households");
  if (t.metric == TargetMetric::share_income_at_least)
    t.income = checks::positive(e.child("income"));
  if (t.metric == TargetMetric::villages_reached)
    t.programme = programme_index(e.child("programme"), s, "programme");
  if (coverage) {
    t.channel =
        *channel_from_name(checks::one_of(e.child("channel"), strings(channel_names()), "channel"));
  }
  // Shares of people by default for the income measures, of households for the others.
  t.weight_people = t.metric == TargetMetric::headcount_ratio ||
                    t.metric == TargetMetric::share_income_at_least ||
                    t.metric == TargetMetric::mean_income;
  if (auto w = e.find("weight")) {
    t.weight_people =
        checks::one_of(*w, std::vector<std::string>{"people", "households"}, "weight") == "people";
  }

  if (auto l = e.find("level")) {
    const std::string level = checks::one_of(*l, strings(kLevelNames), "target level");
    for (std::size_t i = 0; i < kLevelNames.size(); ++i) {
      if (kLevelNames[i] == level) t.level = static_cast<TargetLevel>(i);
    }
  }

  const auto year = e.find("year");
  const auto after = e.find("years_after_selection");
  if (year && after) after->fail("give either 'year' or 'years_after_selection', not both");
  if (!year && !after) e.fail("give the year of the target as 'year' or 'years_after_selection'");
  if (year) t.year = checks::year_in_period(*year, s, "target year");
  if (after) {
    if (t.level != TargetLevel::township) {
      after->fail(
          "years_after_selection counts from a township's selection: it needs 'level: township'");
    }
    if (!has_township_package(s)) {
      after->fail(
          "years_after_selection counts from a township's selection, but no township_package "
          "programme "
          "selects townships");
    }
    t.years_after_selection = checks::in_range(*after, 0, s.years() - 1);
  }

  if (auto p = e.find("population")) parse_population(*p, s, t);
  if (t.registered_in_selection && t.years_after_selection < 0) {
    e.child("population")
        .child("registered_in")
        .fail("'registered_in: selection' needs 'years_after_selection'");
  }
  if (t.registered_in != 0 && year && t.registered_in > t.year) {
    e.child("population")
        .child("registered_in")
        .fail("registration year " + std::to_string(t.registered_in) +
              " is after the target year " + std::to_string(t.year));
  }

  const auto least = e.find("at_least");
  const auto most = e.find("at_most");
  if (least && most) most->fail("give either 'at_least' or 'at_most', not both");
  if (!least && !most) e.fail("give the threshold as 'at_least' or 'at_most'");
  const Located& threshold = least ? *least : *most;
  t.at_least = least.has_value();
  t.threshold = t.metric == TargetMetric::mean_income ? checks::non_negative(threshold)
                                                      : checks::fraction(threshold);
  return t;
}

}  // namespace

const char* target_metric_name(TargetMetric m) {
  return kMetricNames[static_cast<std::size_t>(m)].data();
}
const char* target_level_name(TargetLevel l) {
  return kLevelNames[static_cast<std::size_t>(l)].data();
}

std::vector<TargetSpec> parse_targets(const Located& list, const Scenario& s) {
  std::vector<TargetSpec> out;
  std::vector<int> lines;
  for (const Located& e : list.elements()) {
    TargetSpec t = parse_target(e, s);
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].name == t.name) {
        e.child("name").fail("duplicate target name '" + t.name + "' (first given at line " +
                             std::to_string(lines[i]) + ")");
      }
    }
    lines.push_back(e.child("name").mark().line + 1);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace fupin::models
