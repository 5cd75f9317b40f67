// Loading and checking sweep files.
#include "app/sweep_spec.hpp"

#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "models/scenario/edit_distance.hpp"
#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/yaml_reader.hpp"
#include "models/simulation/region_results.hpp"

namespace fupin::app {

namespace {

using models::KeySpec;
using models::MappingSchema;
using models::yaml::Located;

const MappingSchema kTop{"",
                         "",
                         {{"scenario", true},
                          {"variant", false},
                          {"set", false},
                          {"design", true},
                          {"replicates", false},
                          {"seed", false},
                          {"bootstrap", false},
                          {"parameters", true},
                          {"metrics", true}},
                         ""};
const MappingSchema kDesign{
    "design", "", {{"kind", true}, {"points", false}, {"levels", false}}, ""};
const MappingSchema kParameter{"parameters[]",
                               "",
                               {{"path", true},
                                {"levels", false},
                                {"range", false},
                                {"distribution", false},
                                {"steps", false},
                                {"decimals", false}},
                               ""};
const MappingSchema kRange{"parameters[].range", "", {{"min", true}, {"max", true}}, ""};
const MappingSchema kDistribution{"parameters[].distribution",
                                  "",
                                  {{"kind", true},
                                   {"min", false},
                                   {"max", false},
                                   {"mode", false},
                                   {"mean", false},
                                   {"sd", false}},
                                  ""};
const MappingSchema kMetric{"metrics[]",
                            "",
                            {{"name", false},
                             {"year", false},
                             {"over", false},
                             {"target", false},
                             {"of", false},
                             {"level", false},
                             {"region", false}},
                            ""};

using Measure = std::function<double(const models::YearSummary&)>;
const std::map<std::string, Measure>& measures() {
  static const std::map<std::string, Measure> m = {
      {"headcount_ratio", [](const models::YearSummary& y) { return y.headcount_ratio; }},
      {"fgt1", [](const models::YearSummary& y) { return y.fgt1; }},
      {"fgt2", [](const models::YearSummary& y) { return y.fgt2; }},
      {"mean_income", [](const models::YearSummary& y) { return y.mean_income; }},
      {"median_income", [](const models::YearSummary& y) { return y.median_income; }},
      {"gini", [](const models::YearSummary& y) { return y.gini; }},
      {"population", [](const models::YearSummary& y) { return y.population; }},
      {"poor_people", [](const models::YearSummary& y) { return y.poor_people; }},
      {"poor_households",
       [](const models::YearSummary& y) { return static_cast<double>(y.poor_households); }},
      {"registered_households",
       [](const models::YearSummary& y) { return static_cast<double>(y.registered_households); }},
      {"newly_registered",
       [](const models::YearSummary& y) { return static_cast<double>(y.newly_registered); }},
      {"exits", [](const models::YearSummary& y) { return static_cast<double>(y.exits); }},
      {"returns", [](const models::YearSummary& y) { return static_cast<double>(y.returns); }},
      {"registered_not_poor",
       [](const models::YearSummary& y) { return static_cast<double>(y.registered_not_poor); }},
      {"poor_not_registered",
       [](const models::YearSummary& y) { return static_cast<double>(y.poor_not_registered); }},
      {"safe_housing_share", [](const models::YearSummary& y) { return y.safe_housing_share; }},
      {"insured_share", [](const models::YearSummary& y) { return y.insured_share; }},
      {"schooling_share", [](const models::YearSummary& y) { return y.schooling_share; }},
      {"counties_exited",
       [](const models::YearSummary& y) { return static_cast<double>(y.counties_exited); }},
      {"disbursed", [](const models::YearSummary& y) { return y.disbursed.yuan(); }},
      {"spent", [](const models::YearSummary& y) { return y.spent.yuan(); }},
      {"idle", [](const models::YearSummary& y) { return y.idle.yuan(); }},
  };
  return m;
}

std::string read_text(const std::string& path) {
  const auto fail = [&](const std::string& message) {
    throw models::ScenarioError({path, 0, 0}, "", message, "");
  };
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    fail(std::string("cannot open the sweep file: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) fail("the sweep file is not a regular file");
  if (st.st_size > static_cast<off_t>(models::kMaxScenarioFileBytes))
    fail("the sweep file is larger than 16 MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read the sweep file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t positive(const Located& v, const char* what) {
  const int n = v.as_int();
  if (n < 1) v.fail(std::string(what) + " must be at least 1, got " + std::to_string(n));
  return static_cast<std::size_t>(n);
}

double number(const Located& m, const char* key) { return m.child(key).as_number(); }

void parse_parameter(const Located& p, Design design, SweepParameter& out) {
  p.check_keys(kParameter);
  out.path = p.child("path").as_string();
  const int given = static_cast<int>(p.has("levels")) + static_cast<int>(p.has("range")) +
                    static_cast<int>(p.has("distribution"));
  if (given != 1) p.fail("give exactly one of levels, range or distribution");
  if (auto l = p.find("levels")) {
    out.kind = SweepParameter::Kind::levels;
    for (const Located& e : l->elements()) {
      if (!e.node().IsScalar()) {
        // A whole mapping or list as a level: kept as YAML text.
        YAML::Emitter em;
        em << YAML::Flow << e.node();
        out.levels.emplace_back(em.c_str());
        out.text_levels = true;
        continue;
      }
      const std::string text = e.scalar();
      out.levels.push_back(text);
      char* end = nullptr;
      errno = 0;
      const double v = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v))
        out.text_levels = true;
    }
    if (out.levels.empty()) l->fail("give at least one level");
    if (p.has("steps"))
      p.child("steps").fail("steps: a parameter with levels runs each of its levels");
  } else if (auto r = p.find("range")) {
    r->check_keys(kRange);
    out.kind = SweepParameter::Kind::range;
    out.min = number(*r, "min");
    out.max = number(*r, "max");
    if (!(out.min < out.max)) r->fail("min must be less than max");
  } else {
    const Located d = p.child("distribution");
    d.check_keys(kDistribution);
    const Located kind = d.child("kind");
    const std::string k = kind.as_string();
    const auto require = [&](std::initializer_list<const char*> keys) {
      for (const auto& [key, value] : d.entries()) {
        const std::string name = key.node().Scalar();
        bool allowed = name == "kind";
        for (const char* a : keys) allowed = allowed || name == a;
        if (!allowed) key.fail_plain(d.path() + ": a " + k + " distribution has no '" + name + "'");
      }
      for (const char* a : keys) (void)d.child(a);
    };
    if (k == "uniform") {
      require({"min", "max"});
      out.kind = SweepParameter::Kind::uniform;
      out.min = number(d, "min");
      out.max = number(d, "max");
      if (!(out.min < out.max)) d.fail("min must be less than max");
    } else if (k == "normal") {
      require({"mean", "sd"});
      out.kind = SweepParameter::Kind::normal;
      out.mean = number(d, "mean");
      out.sd = number(d, "sd");
      if (!(out.sd > 0)) d.child("sd").fail("sd must be greater than 0");
    } else if (k == "triangular") {
      require({"min", "mode", "max"});
      out.kind = SweepParameter::Kind::triangular;
      out.min = number(d, "min");
      out.mode = number(d, "mode");
      out.max = number(d, "max");
      if (!(out.min < out.max && out.min <= out.mode && out.mode <= out.max)) {
        d.fail("a triangular distribution needs min <= mode <= max and min < max");
      }
    } else {
      kind.fail("unknown distribution '" + k + "'; distributions: uniform, normal, triangular");
    }
  }
  if (auto s = p.find("steps")) {
    if (design != Design::grid) s->fail("steps is for the grid design only");
    out.steps = positive(*s, "steps");
    if (out.steps < 2 && out.kind == SweepParameter::Kind::range)
      s->fail("a range needs at least 2 steps");
  } else if (design == Design::grid && out.kind != SweepParameter::Kind::levels) {
    p.fail("the grid design needs the number of steps of a range or distribution (steps: N)");
  }
  if (auto dec = p.find("decimals")) {
    if (out.kind == SweepParameter::Kind::levels)
      dec->fail("decimals is for a range or distribution");
    const int n = dec->as_int();
    if (n < 0 || n > 12) dec->fail("decimals must be from 0 to 12");
    out.decimals = n;
  }
}

// A region's name as part of a column name: letters, digits, '_', '-', '.' and non-ASCII text kept,
// anything else (spaces, '/', punctuation) becomes '_'.
std::string column_part(const std::string& name) {
  std::string out = name;
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !std::isalnum(u) && c != '_' && c != '-' && c != '.') c = '_';
  }
  return out;
}

models::SourceLocation location(const Located& v) {
  const YAML::Mark mark = v.mark();
  models::SourceLocation at{v.reader().file(), 0, 0};
  if (!mark.is_null() && mark.line >= 0) {
    at.line = mark.line + 1;
    at.column = mark.column + 1;
  }
  return at;
}

// The year or the period of a summary or region metric; returns the column's suffix.
std::string parse_when(const Located& m, SweepMetric& metric) {
  if (m.has("year") == m.has("over")) m.fail("give either year: Y or over: period");
  if (auto y = m.find("year")) {
    metric.year = y->as_int();
    return std::to_string(metric.year);
  }
  const Located over = m.child("over");
  if (over.as_string() != "period")
    over.fail("over must be 'period' (the mean over the scenario's years)");
  return "period_mean";
}

void parse_metric(const Located& m, SweepMetric& metric) {
  m.check_keys(kMetric);
  if (auto target = m.find("target")) {
    for (const char* key : {"name", "year", "over", "level", "region"}) {
      if (auto k = m.find(key))
        k->fail(std::string("a target metric takes no ") + key +
                " (give target: NAME, of: value|margin|met_share)");
    }
    metric.kind = SweepMetric::Kind::target;
    metric.name = target->as_string();
    metric.where = target->path();
    metric.at = location(*target);
    const Located of = m.child("of");
    metric.of = of.as_string();
    const std::vector<std::string> ofs = {"value", "margin", "met_share"};
    if (std::find(ofs.begin(), ofs.end(), metric.of) == ofs.end()) {
      const auto near = models::nearest_name(metric.of, ofs);
      of.fail("unknown '" + metric.of + "'" + (near ? " (did you mean '" + *near + "'?)" : "") +
              "; of: value, margin or met_share");
    }
    metric.column = "target_" + column_part(metric.name) + "_" + metric.of;
    return;
  }
  if (auto of = m.find("of")) of->fail("of is for a target metric (target: NAME, of: ...)");
  if (!m.has("name")) m.fail("give name: MEASURE (with year or over) or target: NAME");
  const Located name = m.child("name");
  metric.name = name.as_string();
  metric.where = name.path();
  metric.at = location(name);
  if (!m.has("level") && !m.has("region")) {
    if (measures().count(metric.name) == 0) {
      const auto near = models::nearest_name(metric.name, metric_names());
      name.fail("unknown metric '" + metric.name + "'" +
                (near ? " (did you mean '" + *near + "'?)" : "") +
                "; metrics: " + models::join_names(metric_names()));
    }
    metric.column = metric.name + "_" + parse_when(m, metric);
    return;
  }
  if (!m.has("level") || !m.has("region"))
    m.fail("a region's metric needs both level: county|township|village and region: NAME");
  metric.kind = SweepMetric::Kind::region;
  const std::vector<std::string>& series = models::level_real_names();
  if (std::find(series.begin(), series.end(), metric.name) == series.end()) {
    const auto near = models::nearest_name(metric.name, series);
    name.fail("unknown measure of a region '" + metric.name + "'" +
              (near ? " (did you mean '" + *near + "'?)" : "") +
              "; measures: " + models::join_names(series));
  }
  const Located level = m.child("level");
  metric.level = level.as_string();
  const std::vector<std::string> levels = {"county", "township", "village"};
  if (std::find(levels.begin(), levels.end(), metric.level) == levels.end()) {
    const auto near = models::nearest_name(metric.level, levels);
    level.fail("unknown level '" + metric.level + "'" +
               (near ? " (did you mean '" + *near + "'?)" : "") +
               "; levels: county, township, village");
  }
  const Located region = m.child("region");
  metric.region = region.as_string();
  metric.where = region.path();
  metric.at = location(region);
  metric.column = metric.name + "_" + metric.level + "_" + column_part(metric.region) + "_" +
                  parse_when(m, metric);
}

}  // namespace

const char* design_name(Design d) {
  switch (d) {
    case Design::grid: return "grid";
    case Design::latin_hypercube: return "latin_hypercube";
    case Design::sobol: return "sobol";
    case Design::morris: return "morris";
  }
  return "grid";
}

const std::vector<std::string>& metric_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, f] : measures()) out.push_back(name);
    return out;
  }();
  return names;
}

double metric_value(const std::string& name, const models::YearSummary& y) {
  return measures().at(name)(y);
}

SweepSpec load_sweep_file(const std::string& path) {
  return load_sweep_text(path, read_text(path));
}

SweepSpec load_sweep_text(const std::string& path, const std::string& text) {
  SweepSpec spec;
  spec.file = path;
  spec.text = text;
  const models::yaml::Reader reader(path, spec.text);
  YAML::Node doc;
  try {
    doc = YAML::Load(spec.text);
  } catch (const YAML::Exception& e) {
    reader.fail(e.mark, "", "YAML syntax error: " + e.msg);
  }
  const Located root(reader, doc, "");
  if (!doc.IsMap())
    root.fail_plain(
        "a sweep file is a mapping of keys (scenario, design, parameters, metrics, ...)");
  root.check_keys(kTop);
  spec.scenario = root.child("scenario").as_string();
  if (auto v = root.find("variant")) spec.variant = v->as_string();
  if (auto set = root.find("set")) {
    set->expect_mapping();
    for (const auto& [key, value] : set->entries()) {
      YAML::Emitter em;
      em << YAML::Flow << value.node();
      spec.set.push_back({key.as_string(), em.c_str()});
    }
  }
  const Located design = root.child("design");
  design.check_keys(kDesign);
  const Located kind = design.child("kind");
  const std::string k = kind.as_string();
  if (k == "grid") {
    spec.design = Design::grid;
  } else if (k == "latin_hypercube") {
    spec.design = Design::latin_hypercube;
  } else if (k == "sobol") {
    spec.design = Design::sobol;
  } else if (k == "morris") {
    spec.design = Design::morris;
  } else {
    const std::vector<std::string> kinds = {"grid", "latin_hypercube", "sobol", "morris"};
    const auto near = models::nearest_name(k, kinds);
    kind.fail("unknown design '" + k + "'" + (near ? " (did you mean '" + *near + "'?)" : "") +
              "; designs: grid, latin_hypercube, sobol, morris");
  }
  if (auto points = design.find("points")) {
    if (spec.design == Design::grid)
      points->fail("the grid design runs every combination of levels; it takes no points");
    spec.size = positive(*points, "points");
    if (spec.design == Design::sobol && spec.size < 2)
      points->fail("the sobol design needs at least 2 base points");
  } else if (spec.design != Design::grid) {
    design.fail(std::string("the ") + k + " design needs its size (points: N)");
  }
  if (auto levels = design.find("levels")) {
    if (spec.design != Design::morris) levels->fail("levels is for the morris design only");
    const int n = levels->as_int();
    if (n < 2 || n % 2 != 0)
      levels->fail("Morris levels must be even and at least 2, got " + std::to_string(n));
    spec.morris_levels = static_cast<std::size_t>(n);
  }
  if (auto r = root.find("replicates")) spec.replicates = positive(*r, "replicates");
  if (auto s = root.find("seed")) spec.seed = s->as_uint64();
  if (auto b = root.find("bootstrap")) {
    const int n = b->as_int();
    if (n < 0) b->fail("bootstrap must be 0 or more");
    spec.bootstrap = static_cast<std::size_t>(n);
  }
  const Located parameters = root.child("parameters");
  std::set<std::string> paths;
  for (const Located& p : parameters.elements()) {
    SweepParameter parameter;
    parse_parameter(p, spec.design, parameter);
    if (!paths.insert(parameter.path).second)
      p.child("path").fail("the path '" + parameter.path + "' is swept twice");
    for (const models::Override& o : spec.set) {
      if (o.path == parameter.path)
        p.child("path").fail("the path '" + o.path + "' is also fixed by set");
    }
    spec.parameters.push_back(std::move(parameter));
  }
  if (spec.parameters.empty()) parameters.fail("give at least one parameter");
  const Located metrics = root.child("metrics");
  std::set<std::string> columns;
  for (const Located& m : metrics.elements()) {
    SweepMetric metric;
    parse_metric(m, metric);
    if (!columns.insert(metric.column).second)
      m.fail("metric " + metric.column + " is listed twice");
    spec.metrics.push_back(std::move(metric));
  }
  if (spec.metrics.empty()) metrics.fail("give at least one metric");
  return spec;
}

}  // namespace fupin::app
