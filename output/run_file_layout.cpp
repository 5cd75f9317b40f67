// The run file's layout (run_file_layout.hpp, docs/output.md). The yearly summary is one table of
// series (kSummarySeries) written in its order.
#include "output/run_file_layout.hpp"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "fupin/version.hpp"
#include "models/causes.hpp"
#include "output/household_panel.hpp"
#include "output/replicates_layout.hpp"
#include "output/run_file.hpp"

namespace fupin::output::detail {
namespace {

// Units used in the file (docs/output.md lists them).
constexpr const char* kOne = "1";  // dimensionless ratios and 0/1 flags
constexpr const char* kIndex = "index";
constexpr const char* kYear = "year";
constexpr const char* kFen = "fen";
constexpr const char* kYuan = "yuan";
constexpr const char* kIncome = "yuan/person/year";
constexpr const char* kPeople = "people";
constexpr const char* kHouseholds = "households";
constexpr const char* kTownships = "townships";
constexpr const char* kCounties = "counties";

using Y = models::YearSummary;
using C = models::IncomeComponents;

// The two summary datasets with a second dimension.
struct SharesAbove {};  // [year, threshold]: the series' entry names the dataset
struct ByCause {};  // [year, cause]: the series' entry names the dataset; the `cause` scale first

// One yearly series of /variants/<variant>/summary: a member of YearSummary, an income component
// (a member of YearSummary::mean_components), a money member (written as <name>_fen, exact, and
// <name>_yuan; `units` is the fen dataset's) or one of the two 2-D datasets.
struct SummarySeries {
  using Value = std::variant<double Y::*, std::int64_t Y::*, double C::*, sim::Money Y::*,
                             SharesAbove, ByCause>;
  const char* name;
  const char* units;
  const char* description;
  Value value;
};

// Every dataset of the summary after the `year` and `threshold` scales, in the order of creation.
const SummarySeries kSummarySeries[] = {
    {"poverty_line", kIncome, "poverty line of the year, per-capita income", &Y::poverty_line},
    {"population", kPeople, "people (sum of household sizes)", &Y::population},
    {"households", kHouseholds, "households", &Y::households},
    {"poor_people", kPeople, "people in households with per-capita income below the poverty line",
     &Y::poor_people},
    {"poor_households", kHouseholds, "households with per-capita income below the poverty line",
     &Y::poor_households},
    {"headcount_ratio", kOne, "poor people / population, FGT(0)", &Y::headcount_ratio},
    {"fgt1", kOne, "poverty gap index, FGT(1)", &Y::fgt1},
    {"fgt2", kOne, "squared poverty gap (severity), FGT(2)", &Y::fgt2},
    {"mean_income", kIncome, "mean per-capita income, person-weighted", &Y::mean_income},
    {"median_income", kIncome,
     "median per-capita income, person-weighted, incomes bottom-coded at zero", &Y::median_income},
    {"gini", kOne, "Gini coefficient of per-capita income, incomes bottom-coded at zero", &Y::gini},
    // Income components: person-weighted means that sum to mean_income.
    {"mean_earned", kIncome,
     "mean earned income that persists and grows (the only component that compounds), per person, "
     "person-weighted",
     &C::earned},
    {"mean_returns", kIncome,
     "mean of this year's returns of active projects (a recurring flow), per person, "
     "person-weighted",
     &C::returns},
    {"mean_wages", kIncome,
     "mean of this year's wages of local jobs held (a recurring flow), per person, person-weighted",
     &C::wages},
    {"mean_remittances", kIncome,
     "mean of this year's remittances of labourers working away (a recurring flow), per person, "
     "person-weighted",
     &C::remittances},
    {"mean_transfers", kIncome,
     "mean of this year's transfers, minimum living guarantee (a recurring flow), per person, "
     "person-weighted",
     &C::transfers},
    {"mean_costs", kIncome,
     "mean of this year's costs: medical, interest, fees, disaster and moving losses (one-off, "
     "subtracted), per person, person-weighted",
     &C::costs},
    {"share_above", kOne, "share of people with per-capita income >= threshold", SharesAbove{}},
    {"registered_households", kHouseholds,
     "registered poor households (建档立卡) at year end, after exits", &Y::registered_households},
    {"newly_registered", kHouseholds, "households identified and registered this year",
     &Y::newly_registered},
    {"exits", kHouseholds, "registered households exiting at the year-end review", &Y::exits},
    {"returns", kHouseholds, "households registered again after an earlier exit", &Y::returns},
    {"townships_selected", kTownships,
     "townships selected for a package so far (cumulative, all programmes)",
     &Y::townships_selected},
    {"registered_not_poor", kHouseholds,
     "registered households with per-capita income at or above the line (inclusion)",
     &Y::registered_not_poor},
    {"poor_not_registered", kHouseholds,
     "households below the line that are not registered (exclusion)", &Y::poor_not_registered},
    {"safe_housing_share", kOne, "share of households in safe housing", &Y::safe_housing_share},
    {"insured_share", kOne, "share of households with medical insurance", &Y::insured_share},
    {"schooling_share", kOne, "share of households whose children's schooling is assured",
     &Y::schooling_share},
    {"counties_exited", kCounties, "counties that have exited poverty (摘帽), cumulative",
     &Y::counties_exited},
    {"registered_by_cause", kHouseholds,
     "registered households at year end by primary cause of poverty", ByCause{}},
    {"disbursed", kFen, "money issued from source accounts this year", &Y::disbursed},
    {"spent", kFen, "money that reached households as projects this year", &Y::spent},
    {"idle", kFen, "money held in region accounts at year end", &Y::idle},
    {"people_lifted", kPeople,
     "the counterfactual variant's poor people minus this variant's (NaN without a counterfactual)",
     &Y::people_lifted},
    {"cost_per_person_lifted", "yuan/person",
     "(money disbursed since the start minus the counterfactual's) / people_lifted; NaN unless "
     "people_lifted > 0",
     &Y::cost_per_person_lifted},
};

// The series of kSummarySeries that need the counterfactual variant's results: written after every
// variant has run (they are the summary's last datasets).
bool is_comparison(const SummarySeries& s) {
  return std::string_view(s.name) == "people_lifted" ||
         std::string_view(s.name) == "cost_per_person_lifted";
}

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

template <class T, class Row>
std::vector<T> column(const std::vector<Row>& rows, T Row::*member) {
  std::vector<T> values;
  values.reserve(rows.size());
  for (const auto& r : rows) values.push_back(r.*member);
  return values;
}

class RunLayout {
 public:
  explicit RunLayout(Hdf5Writer& w) : w_(w) {}

  void write_header(const models::RunResult& run) {
    Node root = w_.root();
    write_global_attributes(root, run);
    write_meta(root, run);
  }

  void write_geography_and_variants_group(const models::RunResult& run,
                                          const std::vector<std::uint8_t>* village_priority) {
    Node root = w_.root();
    write_geography(root, run, village_priority);
    Node variants = w_.group(root, "variants");
    w_.attr_string(variants, "description", "one group per scenario variant, in scenario order");
  }

  void write_variant(const models::RunResult& run, const models::VariantResult& variant,
                     PanelDatasets* streamed) {
    Node variants = w_.open("/variants");
    write_variant(variants, run, variant, streamed);
  }

  // What needs every variant's results: the summary series that compare a variant with its
  // counterfactual (the last datasets of each summary) and the replicates group (the last group of
  // each variant; replicates beyond the first run after every variant).
  void write_comparisons(const models::RunResult& run) {
    for (const models::VariantResult& variant : run.variants) {
      write_replicates(w_, w_.open("/variants/" + variant.name), run, variant);
      const std::string path = "/variants/" + variant.name + "/summary";
      Node summary = w_.open(path);
      Node year = w_.open(path + "/year");
      for (const SummarySeries& s : kSummarySeries) {
        if (!is_comparison(s)) continue;
        w_.attach(w_.dataset(summary, s.name, column(variant.years, std::get<double Y::*>(s.value)),
                             s.units, s.description),
                  year, 0);
      }
    }
  }

 private:
  // netCDF-style global attributes (no timestamp: the file stays deterministic).
  void write_global_attributes(const Node& root, const models::RunResult& run) {
    w_.attr_string(root, "Conventions", "fupin-" + std::to_string(kRunFileLayoutVersion));
    w_.attr_string(root, "title", run.scenario_name);
    w_.attr_string(root, "source", std::string("fupin ") + fupin::kVersion);
    w_.attr_string(root, "history", run.history);
    w_.attr_string(root, "references",
                   "layout: docs/output.md of fupin; scenario format: docs/scenario.md");
  }

  void write_meta(const Node& root, const models::RunResult& run) {
    Node meta = w_.group(root, "meta");
    w_.attr_string(meta, "fupin_version", fupin::kVersion);
    w_.attr_scalar<std::int32_t>(meta, "layout_version", kRunFileLayoutVersion);
    w_.attr_string(meta, "created_by", "fupin");
    w_.attr_string(meta, "scenario_name", run.scenario_name);
    w_.attr_string(meta, "scenario_file", run.scenario_file);
    w_.attr_scalar<std::uint64_t>(meta, "seed", run.seed);
    w_.attr_scalar<std::uint32_t>(meta, "threads", run.threads);
    w_.attr_scalar<std::int64_t>(meta, "households", run.households);
    w_.attr_strings(meta, "warnings", run.warnings);
    w_.scalar_string_dataset(meta, "scenario", run.scenario_text,
                             "the scenario file's text (YAML) as read for this run");
  }

  void write_geography(const Node& root, const models::RunResult& run,
                       const std::vector<std::uint8_t>* village_priority) {
    Node geography = w_.group(root, "geography");
    std::vector<std::string> levels;
    for (const auto& table : run.geography) levels.push_back(table.level);
    w_.attr_strings(geography, "levels", levels);
    std::string parent_level;
    for (const auto& table : run.geography) {
      w_.check_name(table.level, "geography level");
      if (table.level == "name" || table.level == "parent") {
        w_.invalid("geography level cannot be called '" + table.level + "'");
      }
      if (table.parent.size() != table.names.size()) {
        w_.invalid("geography level '" + table.level + "' has " +
                   std::to_string(table.names.size()) + " names but " +
                   std::to_string(table.parent.size()) + " parents");
      }
      Node level = w_.group(geography, table.level);
      w_.attr_string(level, "parent_level", parent_level);
      Node index = w_.index_scale(level, table.level, table.names.size(),
                                  "index of the " + table.level + " (position in this level)");
      Node names = w_.string_dataset(level, "name", table.names, table.level + " name");
      w_.attach(names, index, 0);
      Node parents =
          w_.dataset(level, "parent", table.parent, kIndex,
                     parent_level.empty()
                         ? "index of the parent region (-1: none, top level)"
                         : "index of the parent in /geography/" + parent_level + " (-1: none)");
      w_.attach(parents, index, 0);
      if (!table.province.empty()) {
        if (table.province.size() != table.names.size()) {
          w_.invalid("geography level '" + table.level + "' has " +
                     std::to_string(table.names.size()) + " names but " +
                     std::to_string(table.province.size()) + " provinces");
        }
        w_.attach(w_.string_dataset(level, "province", table.province,
                                    "the province of the " + table.level),
                  index, 0);
      }
      if (table.level == "village" && village_priority != nullptr &&
          village_priority->size() == table.names.size()) {
        w_.attach(w_.dataset(level, "priority", *village_priority, kOne,
                             "priority categories of the village in the first variant (bits: 1 "
                             "ethnic minority, 2 "
                             "border, 4 old revolutionary base); each variant's own are in "
                             "by_level/village/priority"),
                  index, 0);
      }
      parent_level = table.level;
    }
  }

  void write_variant(const Node& variants, const models::RunResult& run,
                     const models::VariantResult& variant, PanelDatasets* streamed) {
    w_.check_name(variant.name, "variant name");
    Node group_node = w_.group(variants, variant.name);
    w_.attr_string(group_node, "description", variant.description);
    w_.attr_scalar<std::uint64_t>(group_node, "events", variant.events);
    w_.attr_scalar<std::uint64_t>(group_node, "seed", variant.seed);
    if (!variant.counterfactual.empty())
      w_.attr_string(group_node, "counterfactual", variant.counterfactual);
    w_.scalar_string_dataset(
        group_node, "scenario", variant.resolved_scenario,
        "the document this variant was run from: the scenario file with the variant's set "
        "applied and variants removed (YAML)");
    write_summary(group_node, run, variant);

    Node township = w_.index_scale(group_node, "township", variant.township_cohort.size(),
                                   "index of the township, as in /geography/township");
    Node cohort = w_.dataset(group_node, "township_cohort", variant.township_cohort, kYear,
                             "year in which the township was first selected for a package by any "
                             "programme (0: never selected)");
    w_.attach(cohort, township, 0);

    write_ledger(group_node, variant);
    write_programmes(group_node, variant);
    write_by_level(group_node, run, variant);
    write_targets(group_node, run, variant);
    if (streamed != nullptr && !streamed->empty() && streamed->variant() == variant.name) {
      streamed->link(w_, group_node, variant);
    } else {
      write_collected_households(w_, group_node, variant);
    }
  }

  // /variants/<v>/targets/<target>: the scores of each target of the scenario over the regions of
  // its level (docs/output.md).
  void write_targets(const Node& variant_node, const models::RunResult& run,
                     const models::VariantResult& variant) {
    if (variant.targets.empty()) return;
    const std::string where = "variant '" + variant.name + "' target";
    Node targets = w_.group(variant_node, "targets");
    w_.attr_string(
        targets, "description",
        "the scenario's targets, one group per target, scored over the regions of its level");
    for (const models::TargetResult& t : variant.targets) {
      w_.check_name(t.name, where + " name");
      std::vector<std::string> names{"scenario"};
      if (t.level != "scenario") {
        const models::RegionTable* table = nullptr;
        for (const auto& g : run.geography) {
          if (g.level == t.level) table = &g;
        }
        if (table == nullptr)
          w_.invalid(where + " '" + t.name + "' has level '" + t.level + "' not in /geography");
        names = table->names;
      }
      const std::size_t n = names.size();
      if (t.value.size() != n || t.met.size() != n || t.margin.size() != n ||
          t.population_size.size() != n || t.year_scored.size() != n || t.applicable.size() != n) {
        w_.invalid(where + " '" + t.name + "' does not match the regions of level '" + t.level +
                   "'");
      }
      Node g = w_.group(targets, t.name);
      w_.attr_string(g, "description", t.description);
      w_.attr_string(g, "metric", t.metric);
      w_.attr_string(g, "level", t.level);
      w_.attr_string(g, "population", t.population);
      w_.attr_string(g, "comparison", t.at_least ? "at_least" : "at_most");
      w_.attr_scalar<double>(g, "threshold", t.threshold);
      w_.attr_scalar<std::int32_t>(g, "year", t.year);
      w_.attr_scalar<std::int32_t>(g, "years_after_selection", t.years_after_selection);
      Node region = w_.index_scale(
          g, "region", n,
          t.level == "scenario" ? std::string("the whole scenario (one region)")
                                : "index of the " + t.level + ", as in /geography/" + t.level);
      w_.attach(w_.string_dataset(g, "region_name", names, t.level + " name"), region, 0);
      const std::string units = t.metric_units;
      w_.attach(
          w_.dataset(g, "value", t.value, units.c_str(),
                     t.metric +
                         " over the region's population at the end of the scored year (NaN: not "
                         "applicable)"),
          region, 0);
      w_.attach(w_.dataset(g, "margin", t.margin, units.c_str(),
                           "value − threshold (at_least) or threshold − value (at_most); met when "
                           ">= 0 (NaN: not "
                           "applicable)"),
                region, 0);
      w_.attach(w_.dataset(g, "met", t.met, kOne, "1 if the target is met in the region"), region,
                0);
      w_.attach(w_.dataset(g, "applicable", t.applicable, kOne,
                           "1 if the region was scored with a non-empty population"),
                region, 0);
      w_.attach(w_.dataset(g, "population", t.population_size, t.population_units.c_str(),
                           t.population_units + " in the target's population in the region"),
                region, 0);
      w_.attach(
          w_.dataset(
              g, "year", t.year_scored, kYear,
              "year at whose end the region was scored (0: not scored: never selected, or its year "
              "falls after the period)"),
          region, 0);
    }
  }

  // /variants/<v>/by_level/<level>: year × region series of every level (docs/output.md).
  void write_by_level(const Node& variant_node, const models::RunResult& run,
                      const models::VariantResult& variant) {
    if (variant.by_level.empty()) return;
    const std::string where = "variant '" + variant.name + "' by_level";
    Node by_level = w_.group(variant_node, "by_level");
    w_.attr_string(
        by_level, "description",
        "yearly results of every region, one group per level; the regions of a level add up to "
        "the summary");
    for (const models::LevelResults& l : variant.by_level) {
      w_.check_name(l.level, where + " level");
      const models::RegionTable* table = nullptr;
      for (const auto& t : run.geography) {
        if (t.level == l.level) table = &t;
      }
      if (table == nullptr || table->names.size() != l.regions) {
        w_.invalid(where + " level '" + l.level + "' does not match /geography");
      }
      const std::size_t years = l.years.size();
      const std::size_t cells = years * l.regions;
      for (const auto& m : l.real) {
        if (m.values.size() != cells)
          w_.invalid(where + "/" + l.level + " series '" + m.name + "' is misaligned");
      }
      for (const auto& m : l.counts) {
        if (m.values.size() != cells)
          w_.invalid(where + "/" + l.level + " series '" + m.name + "' is misaligned");
      }
      if (l.spent_fen.size() != cells * l.programmes.size() ||
          l.share_above.size() != cells * l.thresholds.size()) {
        w_.invalid(where + "/" + l.level + " money or share_above is misaligned");
      }
      Node level = w_.group(by_level, l.level);
      w_.attr_string(
          level, "description",
          "one value per (year, " + l.level + "); " + l.level + " indexes /geography/" + l.level);
      std::vector<std::int32_t> year_values(l.years.begin(), l.years.end());
      Node year = w_.dataset(level, "year", year_values, kYear, "calendar year");
      w_.make_scale(year, "year");
      Node region = w_.index_scale(level, l.level, l.regions,
                                   "index of the " + l.level + ", as in /geography/" + l.level);
      w_.attach(w_.string_dataset(level, l.level + "_name", table->names, l.level + " name"),
                region, 0);
      Node programme = w_.index_scale(level, "programme", l.programmes.size(),
                                      "index of the programme, in scenario order");
      w_.attach(w_.string_dataset(level, "programme_name", l.programmes, "programme name"),
                programme, 0);
      Node threshold =
          w_.dataset(level, "threshold", l.thresholds, kIncome, "income thresholds of share_above");
      w_.make_scale(threshold, "threshold");
      const auto attach_year_region = [&](const Node& ds) {
        w_.attach(ds, year, 0);
        w_.attach(ds, region, 1);
      };
      for (const auto& m : l.real) {
        attach_year_region(w_.dataset(level, m.name, {years, l.regions}, m.values.data(),
                                      m.units.c_str(), m.description));
      }
      for (const auto& m : l.counts) {
        attach_year_region(w_.dataset(level, m.name, {years, l.regions}, m.values.data(),
                                      m.units.c_str(), m.description));
      }
      Node spent = w_.dataset(
          level, "spent_fen", {years, l.regions, l.programmes.size()}, l.spent_fen.data(), kFen,
          "money of each programme that reached the region's households this year as projects "
          "and units bought (exact)");
      attach_year_region(spent);
      w_.attach(spent, programme, 2);
      Node share = w_.dataset(
          level, "share_above", {years, l.regions, l.thresholds.size()}, l.share_above.data(), kOne,
          "people with per-capita income at or above each threshold / population");
      attach_year_region(share);
      w_.attach(share, threshold, 2);
      if (l.level == "village" && variant.village_priority.size() == l.regions) {
        w_.attach(
            w_.dataset(
                level, "priority", variant.village_priority, kOne,
                "priority categories of the village (bits: 1 ethnic minority, 2 border, 4 old "
                "revolutionary base)"),
            region, 0);
      }
    }
  }

  void write_summary(const Node& variant_node, const models::RunResult& run,
                     const models::VariantResult& variant) {
    const auto& years = variant.years;
    const std::size_t thresholds = run.thresholds.size();
    for (const auto& y : years) {
      if (y.share_above.size() != thresholds) {
        w_.invalid("variant '" + variant.name + "' year " + std::to_string(y.year) + " has " +
                   std::to_string(y.share_above.size()) + " share_above values but the run has " +
                   std::to_string(thresholds) + " thresholds");
      }
    }
    Node summary = w_.group(variant_node, "summary");
    w_.attr_string(summary, "description", "yearly summary of the variant, one entry per year");

    std::vector<std::int32_t> year_values;
    year_values.reserve(years.size());
    for (const auto& y : years) year_values.push_back(static_cast<std::int32_t>(y.year));
    Node year = w_.dataset(summary, "year", year_values, kYear, "calendar year");
    w_.make_scale(year, "year");
    Node threshold = w_.dataset(summary, "threshold", run.thresholds, kIncome,
                                "income thresholds of share_above");
    w_.make_scale(threshold, "threshold");

    auto by_year = [&](const std::string& name, const auto& values, const char* units,
                       const std::string& description) {
      w_.attach(w_.dataset(summary, name, values, units, description), year, 0);
    };
    for (const SummarySeries& s : kSummarySeries) {
      if (is_comparison(s)) continue;  // write_comparisons
      std::visit(Overloaded{
                     [&](double Y::*member) {
                       by_year(s.name, column(years, member), s.units, s.description);
                     },
                     [&](std::int64_t Y::*member) {
                       by_year(s.name, column(years, member), s.units, s.description);
                     },
                     [&](double C::*member) {
                       std::vector<double> values;
                       values.reserve(years.size());
                       for (const auto& y : years) values.push_back(y.mean_components.*member);
                       by_year(s.name, values, s.units, s.description);
                     },
                     [&](sim::Money Y::*member) {
                       const std::string name = s.name;
                       const std::string description = s.description;
                       std::vector<std::int64_t> fen;
                       std::vector<double> yuan;
                       fen.reserve(years.size());
                       yuan.reserve(years.size());
                       for (const auto& y : years) {
                         fen.push_back((y.*member).fen());
                         yuan.push_back((y.*member).yuan());
                       }
                       by_year(name + "_fen", fen, s.units, description + " (exact)");
                       by_year(name + "_yuan", yuan, kYuan,
                               description + " (= " + name + "_fen / 100, rounded)");
                     },
                     [&](SharesAbove) {
                       std::vector<double> share(years.size() * thresholds);
                       for (std::size_t i = 0; i < years.size(); ++i) {
                         for (std::size_t j = 0; j < thresholds; ++j)
                           share[i * thresholds + j] = years[i].share_above[j];
                       }
                       Node ds = w_.dataset(summary, s.name, {years.size(), thresholds},
                                            share.data(), s.units, s.description);
                       w_.attach(ds, year, 0);
                       w_.attach(ds, threshold, 1);
                     },
                     [&](ByCause) {
                       std::size_t causes = 0;
                       for (const auto& y : years)
                         causes = std::max(causes, y.registered_by_cause.size());
                       std::vector<std::int64_t> by_cause(years.size() * causes, 0);
                       for (std::size_t i = 0; i < years.size(); ++i) {
                         if (years[i].registered_by_cause.size() != causes) {
                           w_.invalid("variant '" + variant.name + "' year " +
                                      std::to_string(years[i].year) +
                                      " has registered_by_cause of a different length");
                         }
                         for (std::size_t j = 0; j < causes; ++j)
                           by_cause[i * causes + j] = years[i].registered_by_cause[j];
                       }
                       std::vector<std::int32_t> cause_index(causes);
                       for (std::size_t j = 0; j < causes; ++j)
                         cause_index[j] = static_cast<std::int32_t>(j);
                       Node cause = w_.dataset(summary, "cause", cause_index, kOne,
                                               cause_scale_description());
                       w_.make_scale(cause, "cause");
                       std::vector<std::string> cause_names;
                       for (std::size_t j = 0; j < causes; ++j) {
                         cause_names.push_back(j < models::kCauseNames.size()
                                                   ? std::string(models::kCauseNames[j])
                                                   : std::to_string(j));
                       }
                       w_.attach(w_.string_dataset(summary, "cause_name", cause_names,
                                                   "name of the cause of poverty"),
                                 cause, 0);
                       Node ds = w_.dataset(summary, s.name, {years.size(), causes},
                                            by_cause.data(), s.units, s.description);
                       w_.attach(ds, year, 0);
                       w_.attach(ds, cause, 1);
                     },
                 },
                 s.value);
    }
  }

  void write_ledger(const Node& variant_node, const models::VariantResult& variant) {
    const auto& ledger = variant.ledger;
    const std::string where = "variant '" + variant.name + "' ledger";
    const std::size_t accounts = ledger.accounts.size();
    if (ledger.balances.size() != ledger.years.size()) {
      w_.invalid(where + " has " + std::to_string(ledger.balances.size()) + " balance rows for " +
                 std::to_string(ledger.years.size()) + " years");
    }
    for (std::size_t i = 0; i < ledger.balances.size(); ++i) {
      if (ledger.balances[i].size() != accounts) {
        w_.invalid(where + " year " + std::to_string(ledger.years[i]) + " has " +
                   std::to_string(ledger.balances[i].size()) + " balances for " +
                   std::to_string(accounts) + " accounts");
      }
    }
    const auto account_limit = w_.to_int32(accounts, where + " accounts");
    const auto stream_limit = w_.to_int32(ledger.streams.size(), where + " streams");
    for (std::size_t i = 0; i < ledger.flows.size(); ++i) {
      const auto& f = ledger.flows[i];
      if (f.from >= static_cast<sim::AccountId>(account_limit) ||
          f.to >= static_cast<sim::AccountId>(account_limit) ||
          f.stream >= static_cast<sim::StreamId>(stream_limit)) {
        w_.invalid(where + " flow " + std::to_string(i) + " names an unknown account or stream");
      }
    }

    Node ledger_node = w_.group(variant_node, "ledger");
    w_.attr_string(
        ledger_node, "description",
        "double-entry money ledger: accounts, streams, flows by (year, stream, from, to) "
        "and closing balances");

    std::vector<std::int32_t> year_values(ledger.years.begin(), ledger.years.end());
    Node year = w_.dataset(ledger_node, "year", year_values, kYear, "closed year");
    w_.make_scale(year, "year");
    Node account =
        w_.index_scale(ledger_node, "account", accounts, "account index (position in accounts/)");
    Node stream = w_.index_scale(ledger_node, "stream", ledger.streams.size(),
                                 "stream index (position in streams)");

    Node streams = w_.string_dataset(ledger_node, "streams", ledger.streams, "funding stream name");
    w_.attach(streams, stream, 0);

    std::vector<std::int64_t> balances;
    balances.reserve(ledger.years.size() * accounts);
    for (const auto& row : ledger.balances) {
      for (const auto& m : row) balances.push_back(m.fen());
    }
    Node balances_node =
        w_.dataset(ledger_node, "balances_fen", {ledger.years.size(), accounts}, balances.data(),
                   kFen, "closing balance of each account at year end");
    w_.attach(balances_node, year, 0);
    w_.attach(balances_node, account, 1);

    Node accounts_node = w_.group(ledger_node, "accounts");
    w_.attr_string(accounts_node, "description", "ledger accounts, one entry per account index");
    std::vector<std::string> names;
    std::vector<std::string> kinds;
    std::vector<std::uint8_t> is_source;
    names.reserve(accounts);
    kinds.reserve(accounts);
    is_source.reserve(accounts);
    for (const auto& a : ledger.accounts) {
      names.push_back(a.name);
      kinds.push_back(a.kind);
      is_source.push_back(a.is_source ? 1 : 0);
    }
    w_.attach(w_.string_dataset(accounts_node, "name", names, "account name (unique)"), account, 0);
    w_.attach(w_.string_dataset(accounts_node, "kind", kinds, "account kind, for grouping"),
              account, 0);
    w_.attach(w_.dataset(accounts_node, "is_source", is_source, kOne,
                         "1 if the account issues money (may go negative), else 0"),
              account, 0);

    Node flows_node = w_.group(ledger_node, "flows");
    w_.attr_string(flows_node, "description",
                   "money moved from one account to another by one stream in one year, in (year, "
                   "stream, from, to) order");
    const std::size_t n = ledger.flows.size();
    Node flow = w_.index_scale(flows_node, "flow", n, "flow index");
    std::vector<std::int32_t> flow_year;
    std::vector<std::int32_t> flow_stream;
    std::vector<std::int32_t> flow_from;
    std::vector<std::int32_t> flow_to;
    std::vector<std::int64_t> flow_amount;
    flow_year.reserve(n);
    flow_stream.reserve(n);
    flow_from.reserve(n);
    flow_to.reserve(n);
    flow_amount.reserve(n);
    for (const auto& f : ledger.flows) {
      flow_year.push_back(static_cast<std::int32_t>(f.year));
      flow_stream.push_back(static_cast<std::int32_t>(f.stream));
      flow_from.push_back(static_cast<std::int32_t>(f.from));
      flow_to.push_back(static_cast<std::int32_t>(f.to));
      flow_amount.push_back(f.amount.fen());
    }
    w_.attach(w_.dataset(flows_node, "year", flow_year, kYear, "year of the flow"), flow, 0);
    w_.attach(w_.dataset(flows_node, "stream", flow_stream, kIndex, "index into ../streams"), flow,
              0);
    w_.attach(
        w_.dataset(flows_node, "from", flow_from, kIndex, "paying account, index into ../accounts"),
        flow, 0);
    w_.attach(
        w_.dataset(flows_node, "to", flow_to, kIndex, "receiving account, index into ../accounts"),
        flow, 0);
    w_.attach(w_.dataset(flows_node, "amount_fen", flow_amount, kFen, "amount moved (exact)"), flow,
              0);
  }

  // Everything that would make a programme's group unwritable or its series misaligned, checked
  // before any of the variant's programmes is written.
  void check_programmes(const models::VariantResult& variant) const {
    std::set<std::string> programme_names;
    for (const auto& p : variant.programmes) {
      w_.check_name(p.name, "variant '" + variant.name + "' programme name");
      const std::string where = "variant '" + variant.name + "' programme '" + p.name + "'";
      if (!programme_names.insert(p.name).second) w_.invalid(where + " appears more than once");
      w_.check_string(p.kind, where + " kind");
      w_.check_string(p.stream, where + " stream");
      const std::size_t years = p.years.size();
      std::set<std::string> datasets{"year"};
      auto series = [&](const std::string& name, std::size_t size, const char* what) {
        w_.check_name(name, where + " " + what + " name", "dataset");
        if (size != years) {
          w_.invalid(where + " " + what + " '" + name + "' has " + std::to_string(size) +
                     " values for " + std::to_string(years) + " years");
        }
      };
      auto unique = [&](const std::string& dataset, const std::string& name, const char* what) {
        if (!datasets.insert(dataset).second) {
          w_.invalid(where + " has more than one dataset named '" + dataset + "' (" + what + " '" +
                     name + "'" +
                     (dataset == "year" ? "; 'year' is the programme's year scale" : "") + ")");
        }
      };
      for (const auto& a : p.money) {
        series(a.name, a.values.size(), "money series");
        w_.check_string(a.description, where + " money series '" + a.name + "' description");
        unique(a.name + "_fen", a.name, "money series");
        unique(a.name + "_yuan", a.name, "money series");
      }
      for (const auto& m : p.measures) {
        series(m.name, m.values.size(), "measure");
        w_.check_string(m.units, where + " measure '" + m.name + "' units");
        w_.check_string(m.description, where + " measure '" + m.name + "' description");
        unique(m.name, m.name, "measure");
      }
    }
  }

  void write_programmes(const Node& variant_node, const models::VariantResult& variant) {
    check_programmes(variant);
    Node programmes = w_.group(variant_node, "programmes");
    w_.attr_string(programmes, "description",
                   "one group per programme of the scenario, in scenario order: its yearly series");
    for (const auto& p : variant.programmes) {
      Node programme = w_.group(programmes, p.name);
      w_.attr_string(programme, "kind", p.kind);
      w_.attr_string(programme, "stream", p.stream);

      std::vector<std::int32_t> year_values(p.years.begin(), p.years.end());
      Node year = w_.dataset(programme, "year", year_values, kYear, "calendar year");
      w_.make_scale(year, "year");

      for (const auto& a : p.money) {
        std::vector<std::int64_t> fen;
        std::vector<double> yuan;
        fen.reserve(a.values.size());
        yuan.reserve(a.values.size());
        for (const auto& m : a.values) {
          fen.push_back(m.fen());
          yuan.push_back(m.yuan());
        }
        w_.attach(w_.dataset(programme, a.name + "_fen", fen, kFen, a.description + " (exact)"),
                  year, 0);
        w_.attach(w_.dataset(programme, a.name + "_yuan", yuan, kYuan,
                             a.description + " (= " + a.name + "_fen / 100, rounded)"),
                  year, 0);
      }
      for (const auto& m : p.measures) {
        w_.attach(w_.dataset(programme, m.name, m.values, m.units.c_str(), m.description), year, 0);
      }
    }
  }

  Hdf5Writer& w_;
};

}  // namespace

std::string cause_scale_description() {
  std::string text = "primary cause of poverty: ";
  for (std::size_t i = 0; i < models::kCauseNames.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(i) + " " + std::string(models::kCauseNames[i]);
  }
  return text;
}

void write_run_header(Hdf5Writer& w, const models::RunResult& run) {
  RunLayout(w).write_header(run);
}

void write_run_geography(Hdf5Writer& w, const models::RunResult& run,
                         const std::vector<std::uint8_t>* village_priority) {
  RunLayout(w).write_geography_and_variants_group(run, village_priority);
}

void write_run_variant(Hdf5Writer& w, const models::RunResult& run,
                       const models::VariantResult& variant, PanelDatasets* streamed) {
  RunLayout(w).write_variant(run, variant, streamed);
}

void write_run_comparisons(Hdf5Writer& w, const models::RunResult& run) {
  RunLayout(w).write_comparisons(run);
}

}  // namespace fupin::output::detail
