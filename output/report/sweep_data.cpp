// Reading the report's data from a sweep file (sweep_data.hpp), with the output layer's reader.
#include "output/report/sweep_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "output/run_file_reader.hpp"

namespace fupin::output::report {

namespace {

using detail::RunFileReader;

constexpr const char* kVerb = "report on";
constexpr const char* kCreator = "fupin sweep";

std::vector<double> reals(const RunFileReader& f, const std::string& path) {
  const std::optional<detail::Column> c = f.numbers(path);
  if (!c)
    throw OutputError(fmt::format("cannot {} '{}': {} is not numeric", kVerb, f.path(), path));
  return c->reals();
}

std::vector<std::int64_t> wholes(const RunFileReader& f, const std::string& path) {
  std::vector<std::int64_t> out;
  for (double v : reals(f, path)) out.push_back(static_cast<std::int64_t>(v));
  return out;
}

SweepValues column(const RunFileReader& f, const std::string& name, std::size_t runs) {
  const std::string path = "/runs/" + name;
  if (!f.exists(path)) {
    throw OutputError(
        fmt::format("cannot {} '{}': /runs@parameters or @metrics names {}, which the file lacks",
                    kVerb, f.path(), path));
  }
  SweepValues v;
  v.name = name;
  v.units = f.string_attribute(path, "units");
  v.description = f.string_attribute(path, "description");
  if (f.numbers(path)) {
    v.numbers = reals(f, path);
  } else {
    v.text = true;
    v.strings = f.strings(path);
  }
  if ((v.text ? v.strings.size() : v.numbers.size()) != runs) {
    throw OutputError(
        fmt::format("cannot {} '{}': {} does not have one value per run", kVerb, f.path(), path));
  }
  return v;
}

}  // namespace

const std::vector<double>& SweepIndexData::column(const std::string& name) const {
  static const std::vector<double> kNone;
  for (const auto& [n, values] : columns) {
    if (n == name) return values;
  }
  return kNone;
}

std::size_t SweepData::points() const {
  return std::set<std::int64_t>(point.begin(), point.end()).size();
}

std::size_t SweepData::replicates() const {
  return std::set<std::int64_t>(replicate.begin(), replicate.end()).size();
}

bool is_sweep_file(const std::string& path) {
  const detail::ErrorPrintingOff quiet;
  try {
    const RunFileReader f(path, kVerb, kCreator, "/runs");
    return true;
  } catch (const NotARunFile&) {
    return false;
  }
}

SweepData read_sweep_data(const std::string& path) {
  const detail::ErrorPrintingOff quiet;
  const RunFileReader f(path, kVerb, kCreator, "/runs");
  SweepData d;
  d.path = path;
  d.title = f.string_attribute("/", "title");
  d.history = f.string_attribute("/", "history");
  d.conventions = f.string_attribute("/", "Conventions");
  d.fupin_version = f.string_attribute("/meta", "fupin_version");
  d.sweep_file = f.string_attribute("/meta", "sweep_file");
  d.scenario_file = f.string_attribute("/meta", "scenario_file");
  d.variant = f.string_attribute("/meta", "variant");
  d.design = f.string_attribute("/meta", "design");
  d.seed = static_cast<std::uint64_t>(f.number_attribute("/meta", "seed").value_or(0));
  d.layout_version = static_cast<int>(f.number_attribute("/meta", "layout_version").value_or(0));
  if (!f.exists("/runs/run")) {
    throw NotARunFile(fmt::format("cannot {} '{}': the sweep file has no /runs/run", kVerb, path));
  }
  d.run = wholes(f, "/runs/run");
  d.point = wholes(f, "/runs/point");
  d.replicate = wholes(f, "/runs/replicate");
  if (d.run.empty()) {
    throw NotARunFile(fmt::format("cannot {} '{}': the sweep file holds no run", kVerb, path));
  }
  if (d.point.size() != d.run.size() || d.replicate.size() != d.run.size()) {
    throw OutputError(
        fmt::format("cannot {} '{}': /runs/point or /runs/replicate does not have "
                    "one value per run",
                    kVerb, path));
  }
  for (const std::string& p : f.string_list_attribute("/runs", "parameters"))
    d.parameters.push_back(column(f, p, d.run.size()));
  for (const std::string& m : f.string_list_attribute("/runs", "metrics"))
    d.metrics.push_back(column(f, m, d.run.size()));
  if (f.exists("/sensitivity")) {
    for (const std::string& metric : f.members("/sensitivity", H5I_GROUP)) {
      for (const std::string& method : f.members("/sensitivity/" + metric, H5I_GROUP)) {
        const std::string g = "/sensitivity/" + metric + "/" + method;
        SweepIndexData ix;
        ix.metric = metric;
        ix.method = method;
        ix.parameters = f.strings(g + "/parameter");
        for (const std::string& c : f.members(g, H5I_DATASET)) {
          if (c == "parameter") continue;
          std::vector<double> values = reals(f, g + "/" + c);
          if (values.size() != ix.parameters.size()) {
            throw OutputError(fmt::format(
                "cannot {} '{}': {}/{} does not have one value per parameter", kVerb, path, g, c));
          }
          ix.columns.emplace_back(c, std::move(values));
        }
        d.indices.push_back(std::move(ix));
      }
    }
  }
  return d;
}

}  // namespace fupin::output::report
