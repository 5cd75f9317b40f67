#include "output/replicate_reader.hpp"

#include <fmt/format.h>
#include <hdf5.h>

#include <mutex>
#include <optional>

#include "output/hdf5_handle.hpp"
#include "output/hdf5_writer.hpp"
#include "output/run_file_reader.hpp"

namespace fupin::output {

namespace {

using detail::RunFileReader;

// A numeric dataset as doubles (integers converted), with its shape.
std::vector<double> doubles(const RunFileReader& f, const std::string& dataset,
                            std::vector<hsize_t>* shape = nullptr) {
  const std::optional<detail::Column> c = f.numbers(dataset);
  if (!c) throw NotComparable(fmt::format("'{}': {} is not numeric", f.path(), dataset));
  if (shape != nullptr) *shape = c->shape;
  return c->reals();
}

// An integer dataset (seeds, years) read exactly.
template <class T>
std::vector<T> integers(const RunFileReader& f, const std::string& dataset) {
  const std::optional<detail::Column> c = f.numbers(dataset);
  if (!c || c->floating)
    throw NotComparable(fmt::format("'{}': {} is not a dataset of integers", f.path(), dataset));
  if (c->is_unsigned) return {c->natural.begin(), c->natural.end()};
  return std::vector<T>(c->whole.begin(), c->whole.end());
}

std::string threshold_text(double t) { return fmt::format("{}", t); }

VariantReplicates read_variant(const RunFileReader& f, const std::string& path,
                               const std::string& name) {
  const std::string g = "/variants/" + name + "/replicates";
  VariantReplicates v;
  v.name = name;
  v.counterfactual = f.string_attribute("/variants/" + name, "counterfactual");
  if (!f.exists(g))
    throw NotComparable(fmt::format("'{}': variant '{}' has no replicates group", path, name));
  v.seeds = integers<std::uint64_t>(f, g + "/seed");
  v.years = integers<std::int32_t>(f, g + "/year");
  const std::vector<double> thresholds = doubles(f, g + "/threshold");
  const std::size_t replicates = v.seeds.size();
  const std::size_t years = v.years.size();
  for (const std::string& ds : f.members(g, H5I_DATASET)) {
    if (ds == "replicate" || ds == "year" || ds == "threshold" || ds == "seed") continue;
    std::vector<hsize_t> shape;
    const std::vector<double> values = doubles(f, g + "/" + ds, &shape);
    const std::string units = f.string_attribute(g + "/" + ds, "units");
    const std::string description = f.string_attribute(g + "/" + ds, "description");
    if (shape.size() == 2 && shape[0] == replicates && shape[1] == years) {
      v.metrics.push_back({ds, units, description, true, years, values});
    } else if (shape.size() == 3 && shape[0] == replicates && shape[1] == years &&
               shape[2] == thresholds.size()) {
      const std::size_t width = thresholds.size();
      for (std::size_t t = 0; t < width; ++t) {
        ReplicateMetricValues m{ds + "_" + threshold_text(thresholds[t]),
                                units,
                                description + " (threshold " + threshold_text(thresholds[t]) + ")",
                                true,
                                years,
                                {}};
        m.values.resize(replicates * years);
        for (std::size_t k = 0; k < replicates * years; ++k) m.values[k] = values[k * width + t];
        v.metrics.push_back(std::move(m));
      }
    } else {
      throw NotComparable(
          fmt::format("'{}': {}/{} does not have the shape [replicate, year]", path, g, ds));
    }
  }
  if (f.exists(g + "/targets")) {
    for (const std::string& t : f.members(g + "/targets", H5I_GROUP)) {
      for (const char* score : {"margin", "met_share"}) {
        const std::string ds = g + "/targets/" + t + "/" + score;
        std::vector<double> values = doubles(f, ds);
        if (values.size() != replicates)
          throw NotComparable(fmt::format("'{}': {} is not one value per replicate", path, ds));
        v.metrics.push_back({"target_" + t + "_" + score, f.string_attribute(ds, "units"),
                             "target " + t + ": " + f.string_attribute(ds, "description"), false, 1,
                             std::move(values)});
      }
    }
  }
  return v;
}

}  // namespace

RunReplicates read_replicates(const std::string& path) {
  std::lock_guard lock(detail::hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  // The reader checks that the file exists, is HDF5 and is a fupin run file.
  std::optional<RunFileReader> opened;
  try {
    opened.emplace(path, "compare");
  } catch (const NotARunFile& e) {
    throw NotComparable(e.what());
  }
  const RunFileReader& f = *opened;
  const std::optional<double> version = f.number_attribute("/meta", "layout_version");
  if (!version || *version < 5) {
    throw NotComparable(
        fmt::format("'{}': a run file of layout {} holds no replicates (layout 5 and later do); "
                    "run the scenario again",
                    path, version ? fmt::format("{}", *version) : std::string("unknown")));
  }
  RunReplicates out;
  out.path = path;
  for (const std::string& v : f.members("/variants", H5I_GROUP))
    out.variants.push_back(read_variant(f, path, v));
  return out;
}

}  // namespace fupin::output
