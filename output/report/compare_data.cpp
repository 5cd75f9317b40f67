// Reading the report's data from a compare file (compare_data.hpp), with the output layer's reader.
#include "output/report/compare_data.hpp"

#include <fmt/format.h>

#include "output/run_file_reader.hpp"

namespace fupin::output::report {

namespace {

using detail::RunFileReader;

constexpr const char* kVerb = "report on";

std::vector<double> reals(const RunFileReader& f, const std::string& path) {
  if (!f.exists(path)) return {};
  const std::optional<detail::Column> c = f.numbers(path);
  if (!c)
    throw OutputError(fmt::format("cannot {} '{}': {} is not numeric", kVerb, f.path(), path));
  return c->reals();
}

std::vector<std::uint64_t> seeds(const RunFileReader& f, const std::string& path) {
  if (!f.exists(path)) return {};
  const std::optional<detail::Column> c = f.numbers(path);
  if (!c || c->floating) {
    throw OutputError(
        fmt::format("cannot {} '{}': {} is not a dataset of integers", kVerb, f.path(), path));
  }
  if (c->is_unsigned) return c->natural;
  return {c->whole.begin(), c->whole.end()};
}

MetricComparison read_metric(const RunFileReader& f, const std::string& group,
                             const std::string& name, const std::vector<int>& years) {
  MetricComparison m;
  m.name = name;
  m.description = f.string_attribute(group, "description");
  m.units = f.string_attribute(group + "/difference", "units");
  m.difference = reals(f, group + "/difference");
  m.lower = reals(f, group + "/lower");
  m.upper = reals(f, group + "/upper");
  m.unpaired_lower = reals(f, group + "/unpaired_lower");
  m.unpaired_upper = reals(f, group + "/unpaired_upper");
  for (double d : reals(f, group + "/distinguishable")) m.distinguishable.push_back(d != 0 ? 1 : 0);
  const std::vector<std::string> dims = f.dimensions(group + "/difference");
  m.yearly = !dims.empty() && dims.front() == "year";
  if (m.yearly) m.years = years;
  const std::size_t n = m.difference.size();
  for (auto* v : {&m.lower, &m.upper, &m.unpaired_lower, &m.unpaired_upper}) {
    if (v->size() != n) {
      throw OutputError(fmt::format("cannot {} '{}': the datasets of {} differ in length", kVerb,
                                    f.path(), group));
    }
  }
  m.distinguishable.resize(n, 0);
  if (m.yearly && m.years.size() != n) {
    throw OutputError(fmt::format("cannot {} '{}': {}/difference has {} values for {} years", kVerb,
                                  f.path(), group, n, m.years.size()));
  }
  return m;
}

}  // namespace

bool is_compare_file(const std::string& path) {
  const detail::ErrorPrintingOff quiet;
  const RunFileReader f(path, kVerb, "fupin", "/meta");
  return f.string_attribute("/meta", "kind") == "compare" && f.exists("/comparisons");
}

CompareData read_compare_data(const std::string& path) {
  const detail::ErrorPrintingOff quiet;
  const RunFileReader f(path, kVerb, "fupin", "/comparisons");
  CompareData out;
  out.path = path;
  out.history = f.string_attribute("/", "history");
  out.conventions = f.string_attribute("/", "Conventions");
  out.fupin_version = f.string_attribute("/meta", "fupin_version");
  out.interval = f.string_attribute("/meta", "interval");
  out.layout_version = static_cast<int>(f.number_attribute("/meta", "layout_version").value_or(0));
  for (const std::string& v : f.members("/comparisons", H5I_GROUP)) {
    const std::string g = "/comparisons/" + v;
    ComparisonData c;
    c.variant = f.string_attribute(g, "variant");
    c.against = f.string_attribute(g, "against");
    c.file = f.string_attribute(g, "file");
    c.against_file = f.string_attribute(g, "against_file");
    c.paired = f.number_attribute(g, "paired").value_or(0) != 0;
    c.replicates = static_cast<int>(f.number_attribute(g, "replicates").value_or(0));
    c.seeds = seeds(f, g + "/seed");
    c.against_seeds = seeds(f, g + "/against_seed");
    std::vector<int> years;
    for (double y : reals(f, g + "/year")) years.push_back(static_cast<int>(y));
    for (const std::string& m : f.members(g, H5I_GROUP))
      c.metrics.push_back(read_metric(f, g + "/" + m, m, years));
    out.comparisons.push_back(std::move(c));
  }
  if (out.comparisons.empty()) {
    throw NotARunFile(
        fmt::format("cannot {} '{}': the compare file holds no comparison", kVerb, path));
  }
  return out;
}

}  // namespace fupin::output::report
