// Writes a SweepResult with the HDF5 writer, published atomically.
#include "output/sweep_file.hpp"

#include <mutex>
#include <vector>

#include "fupin/version.hpp"
#include "output/atomic_file.hpp"
#include "output/hdf5_handle.hpp"
#include "output/hdf5_writer.hpp"
#include "output/run_file.hpp"
#include "output/run_file_reader.hpp"

namespace fupin::output {

namespace {

constexpr std::int32_t kSweepLayoutVersion = 1;
constexpr const char* kShardCreator = "fupin sweep --shard";

void write_column(detail::Hdf5Writer& w, const detail::Node& group, const SweepColumn& c,
                  const detail::Node& scale) {
  const detail::Node ds = c.text
                              ? w.string_dataset(group, c.name, c.strings, c.description)
                              : w.dataset(group, c.name, c.numbers, c.units.c_str(), c.description);
  w.attach(ds, scale, 0);
}

void write_layout(detail::Hdf5Writer& w, const SweepResult& s) {
  detail::Node root = w.root();
  const bool shard = s.shards > 0;
  w.attr_string(
      root, "Conventions",
      (shard ? "fupin-sweep-shard-" : "fupin-sweep-") + std::to_string(kSweepLayoutVersion));
  w.attr_string(root, "title", s.title);
  w.attr_string(root, "source", std::string("fupin ") + fupin::kVersion);
  w.attr_string(root, "history", s.history);
  w.attr_string(root, "references", "layout: docs/output.md of fupin; sweep format: docs/sweep.md");

  detail::Node meta = w.group(root, "meta");
  w.attr_string(meta, "fupin_version", fupin::kVersion);
  w.attr_scalar<std::int32_t>(meta, "layout_version", kSweepLayoutVersion);
  w.attr_string(meta, "created_by", shard ? kShardCreator : "fupin sweep");
  if (shard) {
    w.attr_scalar<std::uint32_t>(meta, "shard", s.shard);
    w.attr_scalar<std::uint32_t>(meta, "shards", s.shards);
    w.attr_string(meta, "sweep_digest", s.digest);
    w.attr_scalar<std::uint64_t>(meta, "total_runs", s.total_runs);
  }
  w.attr_string(meta, "sweep_file", s.sweep_file);
  w.attr_string(meta, "scenario_file", s.scenario_file);
  w.attr_string(meta, "variant", s.variant);
  w.attr_string(meta, "design", s.design);
  w.attr_scalar<std::uint64_t>(meta, "seed", s.seed);
  w.attr_scalar<std::uint32_t>(meta, "threads", s.threads);
  w.scalar_string_dataset(meta, "sweep", s.sweep_text, "the sweep file's text (YAML) as read");
  w.scalar_string_dataset(meta, "scenario", s.scenario_text,
                          "the base scenario file's text (YAML) as read");

  detail::Node runs = w.group(root, "runs");
  w.attr_string(runs, "description",
                "one row per run: its point, replicate, parameter values and metrics");
  std::vector<std::string> parameter_names;
  for (const SweepColumn& c : s.parameters) parameter_names.push_back(c.name);
  std::vector<std::string> metric_names;
  for (const SweepColumn& c : s.metrics) metric_names.push_back(c.name);
  w.attr_strings(runs, "parameters", parameter_names);
  w.attr_strings(runs, "metrics", metric_names);
  const detail::Node run =
      w.dataset(runs, "run", s.run, "1", "run index: point * replicates + replicate");
  w.make_scale(run, "run");
  w.attach(w.dataset(runs, "point", s.point, "1", "index of the design point"), run, 0);
  w.attach(
      w.dataset(runs, "replicate", s.replicate, "1",
                "replicate index: replicate r runs with the scenario's seed + r at every point"),
      run, 0);
  for (const SweepColumn& c : s.parameters) write_column(w, runs, c, run);
  for (const SweepColumn& c : s.metrics) write_column(w, runs, c, run);

  if (s.indices.empty()) return;
  detail::Node sensitivity = w.group(root, "sensitivity");
  w.attr_string(
      sensitivity, "description",
      "sensitivity indices of each metric (its mean over replicates at each point), by method");
  for (const SweepIndices& ix : s.indices) {
    detail::Node metric = w.group(sensitivity, ix.metric);
    detail::Node method = w.group(metric, ix.method);
    const detail::Node parameter =
        w.string_dataset(method, "parameter", ix.parameters, "parameter key path");
    w.make_scale(parameter, "parameter");
    for (const SweepColumn& c : ix.columns) write_column(w, method, c, parameter);
  }
}

}  // namespace

void write_sweep_file(const SweepResult& sweep, const std::string& path,
                      const std::function<bool()>& cancelled, const std::string& protect) {
  if (path.empty()) throw OutputError("cannot write sweep file: the path is empty");
  const std::string subject = "sweep file '" + path + "'";
  std::lock_guard lock(detail::hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  detail::write_atomically(
      path, subject,
      [&](const std::string& temporary) {
        detail::Hdf5Writer writer(subject, temporary);
        write_layout(writer, sweep);
        std::vector<char> image = writer.image();
        writer.close();
        return image;
      },
      cancelled, protect);
}

SweepShardFile read_sweep_shard_file(const std::string& path) {
  std::lock_guard lock(detail::hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  const detail::RunFileReader r(path, "merge", kShardCreator, "/runs");
  SweepShardFile f;
  f.path = path;
  const auto text = [&](const std::string& dataset) {
    const std::vector<std::string> v = r.strings(dataset);
    return v.empty() ? std::string() : v.front();
  };
  const auto whole = [&](const std::string& name) -> std::uint64_t {
    const std::optional<double> v = r.number_attribute("/meta", name);
    if (!v) throw OutputError("cannot merge '" + path + "': /meta@" + name + " is missing");
    return static_cast<std::uint64_t>(*v);
  };
  f.fupin_version = r.string_attribute("/meta", "fupin_version");
  f.title = r.string_attribute("/", "title");
  f.sweep_file = r.string_attribute("/meta", "sweep_file");
  f.scenario_file = r.string_attribute("/meta", "scenario_file");
  f.sweep_text = text("/meta/sweep");
  f.scenario_text = text("/meta/scenario");
  f.digest = r.string_attribute("/meta", "sweep_digest");
  f.threads = static_cast<std::uint32_t>(whole("threads"));
  f.shard = static_cast<std::uint32_t>(whole("shard"));
  f.shards = static_cast<std::uint32_t>(whole("shards"));
  f.total_runs = whole("total_runs");
  const std::optional<detail::Column> run = r.numbers("/runs/run");
  if (!run || run->floating)
    throw OutputError("cannot merge '" + path + "': /runs/run is not integers");
  f.run = run->whole;
  for (const std::string& name : r.string_list_attribute("/runs", "metrics")) {
    const std::optional<detail::Column> c = r.numbers("/runs/" + name);
    if (!c || !c->floating || c->real.size() != f.run.size())
      throw OutputError("cannot merge '" + path + "': /runs/" + name +
                        " is not one number per run");
    SweepColumn column;
    column.name = name;
    column.numbers = c->real;
    f.metrics.push_back(std::move(column));
  }
  return f;
}

}  // namespace fupin::output
