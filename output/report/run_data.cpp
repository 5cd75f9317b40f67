// Reading the report's data from a run file (run_data.hpp), with the output layer's reader.
#include "output/report/run_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "output/report/svg_chart.hpp"
#include "output/run_file_reader.hpp"

namespace fupin::output::report {

namespace {

using detail::Column;
using detail::RunFileReader;

constexpr const char* kVerb = "report on";

Column column(const RunFileReader& f, const std::string& path) {
  std::optional<Column> c = f.numbers(path);
  if (!c)
    throw OutputError(fmt::format("cannot {} '{}': {} is not numeric", kVerb, f.path(), path));
  return std::move(*c);
}

std::vector<double> reals(const RunFileReader& f, const std::string& path) {
  const Column c = column(f, path);
  if (c.floating) return c.real;
  std::vector<double> out;
  out.reserve(c.size());
  if (c.is_unsigned) {
    for (std::uint64_t v : c.natural) out.push_back(static_cast<double>(v));
  } else {
    for (std::int64_t v : c.whole) out.push_back(static_cast<double>(v));
  }
  return out;
}

// Missing datasets (older layouts) read as NaN, one per year.
std::vector<double> reals_or_nan(const RunFileReader& f, const std::string& path, std::size_t n) {
  return f.exists(path) ? reals(f, path) : std::vector<double>(n, std::nan(""));
}

std::vector<std::int64_t> wholes(const RunFileReader& f, const std::string& path, std::size_t n) {
  if (!f.exists(path)) return std::vector<std::int64_t>(n, 0);
  const Column c = column(f, path);
  if (c.floating)
    throw OutputError(fmt::format("cannot {} '{}': {} is not integer", kVerb, f.path(), path));
  if (!c.is_unsigned) return c.whole;
  return {c.natural.begin(), c.natural.end()};
}

std::vector<int> years_of(const RunFileReader& f, const std::string& path) {
  std::vector<int> out;
  for (double y : reals(f, path)) out.push_back(static_cast<int>(y));
  return out;
}

ProgrammeMoney read_programme(const RunFileReader& f, const std::string& group,
                              const std::string& name) {
  ProgrammeMoney p;
  p.name = name;
  p.kind = f.string_attribute(group, "kind");
  p.stream = f.string_attribute(group, "stream");
  if (!f.exists(group + "/year")) return p;
  p.years = years_of(f, group + "/year");
  const std::size_t n = p.years.size();
  p.issued_fen = wholes(f, group + "/issued_fen", n);
  p.spent_fen = wholes(f, group + "/spent_fen", n);
  p.assisted_exits = reals_or_nan(f, group + "/assisted_exits", n);
  p.cost_per_exit = reals_or_nan(f, group + "/cost_per_exit", n);
  return p;
}

TargetResult read_target(const RunFileReader& f, const std::string& group,
                         const std::string& name) {
  TargetResult t;
  t.name = name;
  t.description = f.string_attribute(group, "description");
  while (!t.description.empty() && (t.description.back() == '\n' || t.description.back() == ' ')) {
    t.description.pop_back();
  }
  t.metric = f.string_attribute(group, "metric");
  t.level = f.string_attribute(group, "level");
  t.comparison = f.string_attribute(group, "comparison");
  t.threshold = f.number_attribute(group, "threshold").value_or(std::nan(""));
  t.year = static_cast<int>(f.number_attribute(group, "year").value_or(0));
  t.years_after_selection =
      static_cast<int>(f.number_attribute(group, "years_after_selection").value_or(-1));
  const std::vector<double> applicable = reals(f, group + "/applicable");
  const std::vector<double> met = reals(f, group + "/met");
  const std::vector<double> value = reals(f, group + "/value");
  for (std::size_t r = 0; r < applicable.size() && r < met.size(); ++r) {
    if (applicable[r] == 0) continue;
    ++t.regions_scored;
    if (met[r] != 0) ++t.regions_met;
  }
  if (t.level == "scenario" && !value.empty()) t.value = value[0];
  return t;
}

std::vector<RegionChange> read_regions(const RunFileReader& f, const std::string& group,
                                       const std::string& level) {
  const std::vector<double> ratio = reals(f, group + "/headcount_ratio");
  const std::vector<double> population = reals(f, group + "/population");
  const std::size_t years = years_of(f, group + "/year").size();
  if (years == 0 || ratio.size() % years != 0) return {};
  const std::size_t regions = ratio.size() / years;
  const std::string geography = "/geography/" + level;
  const std::vector<std::string> names = f.strings(geography + "/name");
  std::vector<std::string> parents;
  const std::string parent_level = f.string_attribute(geography, "parent_level");
  if (!parent_level.empty() && f.exists(geography + "/parent")) {
    const std::vector<std::string> parent_names = f.strings("/geography/" + parent_level + "/name");
    for (double p : reals(f, geography + "/parent")) {
      const auto i = static_cast<std::size_t>(p);
      parents.push_back(p >= 0 && i < parent_names.size() ? parent_names[i] : "");
    }
  }
  std::vector<RegionChange> out;
  for (std::size_t r = 0; r < regions; ++r) {
    RegionChange c;
    c.name = r < names.size() ? names[r] : std::to_string(r);
    c.parent = r < parents.size() ? parents[r] : "";
    c.start = ratio[r];
    c.end = ratio[(years - 1) * regions + r];
    c.population_end =
        population.size() == ratio.size() ? population[(years - 1) * regions + r] : 0;
    if (population.size() == ratio.size() && (population[r] <= 0 || c.population_end <= 0))
      continue;  // no people
    out.push_back(std::move(c));
  }
  return out;
}

// Incomes and weights (household sizes) of one panel year.
struct PanelYear {
  std::vector<double> income;
  std::vector<double> size;
};

PanelYear panel_year(const std::vector<double>& income, const std::vector<double>& size,
                     std::size_t y, std::size_t years) {
  const std::size_t h = years > 0 ? income.size() / years : 0;
  const auto from = static_cast<std::ptrdiff_t>(y * h);
  const auto to = static_cast<std::ptrdiff_t>((y + 1) * h);
  PanelYear out;
  out.income.assign(income.begin() + from, income.begin() + to);
  if (size.size() == income.size()) out.size.assign(size.begin() + from, size.begin() + to);
  out.size.resize(out.income.size(), 1.0);
  return out;
}

// Person-weighted quantile q of the incomes.
double weighted_quantile(std::vector<std::pair<double, double>> values, double q) {
  std::sort(values.begin(), values.end());
  double total = 0;
  for (const auto& v : values) total += v.second;
  double seen = 0;
  for (const auto& v : values) {
    seen += v.second;
    if (seen >= q * total) return v.first;
  }
  return values.empty() ? 0 : values.back().first;
}

std::vector<double> histogram(const PanelYear& p, const std::vector<double>& edges) {
  const std::size_t bins = edges.size() - 1;
  std::vector<double> share(bins, 0);
  double total = 0;
  for (std::size_t i = 0; i < p.income.size(); ++i) {
    const auto it = std::upper_bound(edges.begin(), edges.end(), p.income[i]);
    std::size_t k = it == edges.begin() ? 0 : static_cast<std::size_t>(it - edges.begin()) - 1;
    k = std::min(k, bins - 1);
    share[k] += p.size[i];
    total += p.size[i];
  }
  if (total > 0) {
    for (double& s : share) s /= total;
  }
  return share;
}

void read_panels(const RunFileReader& f, RunData& run) {
  std::vector<std::pair<double, double>> pooled;
  std::vector<std::vector<PanelYear>> years(run.variants.size());
  for (std::size_t v = 0; v < run.variants.size(); ++v) {
    const std::string group = "/variants/" + run.variants[v].name + "/households";
    if (!f.exists(group + "/income")) continue;
    VariantData& variant = run.variants[v];
    variant.panel_years = years_of(f, group + "/year");
    const std::size_t n = variant.panel_years.size();
    if (n == 0) continue;
    const std::vector<double> income = reals(f, group + "/income");
    const std::vector<double> size = reals(f, group + "/size");
    for (std::size_t y : {std::size_t{0}, n - 1}) {
      years[v].push_back(panel_year(income, size, y, n));
      const PanelYear& p = years[v].back();
      for (std::size_t i = 0; i < p.income.size(); ++i) pooled.emplace_back(p.income[i], p.size[i]);
      if (n == 1) break;
    }
  }
  if (pooled.empty()) return;
  const double top = std::max(1.0, weighted_quantile(std::move(pooled), 0.99));
  run.histogram_edges = nice_ticks(0, top, 20);
  for (std::size_t v = 0; v < run.variants.size(); ++v) {
    VariantData& variant = run.variants[v];
    for (std::size_t k = 0; k < years[v].size(); ++k) {
      const int year = k == 0 ? variant.panel_years.front() : variant.panel_years.back();
      variant.histograms.push_back({year, histogram(years[v][k], run.histogram_edges)});
    }
  }
}

VariantData read_variant(const RunFileReader& f, const std::string& name) {
  const std::string base = "/variants/" + name;
  const std::string s = base + "/summary";
  VariantData v;
  v.name = name;
  v.description = f.string_attribute(base, "description");
  v.seed = static_cast<std::uint64_t>(f.number_attribute(base, "seed").value_or(0));
  // The parts every run file has: without them the file is not one fupin can report on (bad input).
  for (const char* required :
       {"year", "poverty_line", "population", "poor_people", "headcount_ratio", "fgt1"}) {
    if (!f.exists(s + "/" + required)) {
      throw NotARunFile(
          fmt::format("cannot {} '{}': {}/{} is missing", kVerb, f.path(), s, required));
    }
  }
  v.years = years_of(f, s + "/year");
  const std::size_t n = v.years.size();
  v.poverty_line = reals(f, s + "/poverty_line");
  v.population = reals(f, s + "/population");
  v.poor_people = reals(f, s + "/poor_people");
  v.headcount_ratio = reals(f, s + "/headcount_ratio");
  v.fgt1 = reals(f, s + "/fgt1");
  v.people_lifted = reals_or_nan(f, s + "/people_lifted", n);
  v.cost_per_person_lifted = reals_or_nan(f, s + "/cost_per_person_lifted", n);
  v.disbursed_fen = wholes(f, s + "/disbursed_fen", n);
  v.spent_fen = wholes(f, s + "/spent_fen", n);
  v.exits = wholes(f, s + "/exits", n);
  if (f.exists(s + "/threshold") && f.exists(s + "/share_above")) {
    v.thresholds = reals(f, s + "/threshold");
    v.share_above = reals(f, s + "/share_above");
  }
  for (const std::vector<double>* series :
       {&v.poverty_line, &v.population, &v.poor_people, &v.headcount_ratio, &v.fgt1}) {
    if (series->size() != n) {
      throw OutputError(
          fmt::format("cannot {} '{}': {} has series of different lengths", kVerb, f.path(), s));
    }
  }
  if (f.exists(base + "/programmes")) {
    for (const std::string& p : f.members(base + "/programmes", H5I_GROUP)) {
      v.programmes.push_back(read_programme(f, base + "/programmes/" + p, p));
    }
  }
  if (f.exists(base + "/targets")) {
    for (const std::string& t : f.members(base + "/targets", H5I_GROUP)) {
      v.targets.push_back(read_target(f, base + "/targets/" + t, t));
    }
  }
  for (const char* level : {"county", "township"}) {
    const std::string group = base + "/by_level/" + level;
    if (!f.exists(group + "/headcount_ratio")) continue;
    v.region_levels.emplace_back(level);
    v.regions.push_back(read_regions(f, group, level));
  }
  return v;
}

}  // namespace

RunData read_run_data(const std::string& path) {
  const detail::ErrorPrintingOff quiet;
  const RunFileReader f(path, kVerb);
  RunData run;
  run.path = path;
  run.title = f.string_attribute("/", "title");
  run.scenario_name = f.string_attribute("/meta", "scenario_name");
  run.scenario_file = f.string_attribute("/meta", "scenario_file");
  run.fupin_version = f.string_attribute("/meta", "fupin_version");
  run.source = f.string_attribute("/", "source");
  run.history = f.string_attribute("/", "history");
  run.conventions = f.string_attribute("/", "Conventions");
  run.seed = static_cast<std::uint64_t>(f.number_attribute("/meta", "seed").value_or(0));
  run.layout_version = static_cast<int>(f.number_attribute("/meta", "layout_version").value_or(0));
  run.households = static_cast<std::int64_t>(f.number_attribute("/meta", "households").value_or(0));
  for (const std::string& name : f.members("/variants", H5I_GROUP)) {
    if (!f.exists("/variants/" + name + "/summary/year")) continue;
    VariantData v = read_variant(f, name);
    if (!v.years.empty())
      run.variants.push_back(std::move(v));  // a variant without years shows nothing
  }
  if (run.variants.empty()) {
    throw NotARunFile(fmt::format(
        "cannot {} '{}': no variant with a yearly summary (/variants/<variant>/summary/year)",
        kVerb, path));
  }
  read_panels(f, run);
  // Layout 6 records it (/variants/<v>@counterfactual); older files are recognised by their data.
  for (const VariantData& v : run.variants) {
    const std::string named = f.string_attribute("/variants/" + v.name, "counterfactual");
    if (run.counterfactual.empty() && !named.empty()) run.counterfactual = named;
  }
  if (!run.counterfactual.empty()) return run;
  bool any_lifted = false;
  for (const VariantData& v : run.variants) {
    for (double x : v.people_lifted) any_lifted = any_lifted || !std::isnan(x);
  }
  if (any_lifted) {
    for (const VariantData& v : run.variants) {
      if (std::all_of(v.people_lifted.begin(), v.people_lifted.end(),
                      [](double x) { return x == 0; })) {
        run.counterfactual = v.name;
        break;
      }
    }
  }
  return run;
}

}  // namespace fupin::output::report
