#include "output/export_csv.hpp"

#include <fmt/format.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>

#include "output/csv_table.hpp"
#include "output/hdf5_handle.hpp"
#include "output/run_file_reader.hpp"

namespace fupin::output {

namespace {

namespace fs = std::filesystem;
using detail::H5Handle;

using detail::Column;
using detail::CsvTable;
using detail::RunFileReader;

// The coordinate labels of a dimension scale: the names of a sibling `<scale>_name` string
// dataset of the same length when the group has one (cause codes), the scale's values otherwise.
std::vector<std::string> coordinates(const RunFileReader& f, const std::string& group,
                                     const std::string& scale) {
  const std::string names = group + "/" + scale + "_name";
  const std::optional<Column> values = f.numbers(group + "/" + scale);
  std::vector<std::string> out;
  if (values) {
    for (std::size_t k = 0; k < values->size(); ++k) out.push_back(values->cell(k));
  }
  if (f.exists(names)) {
    std::vector<std::string> labels = f.strings(names);
    if (labels.size() == out.size()) return labels;
  }
  return out;
}

// Calls `emit(metric, year_index, value)` for every value of every yearly dataset of `group`:
// datasets whose first dimension is `year`, that are not themselves scales. A second dimension
// becomes part of the metric's name, `share_above[threshold=3000]`.
void yearly_values(
    const RunFileReader& f, const std::string& group,
    const std::function<void(const std::string&, std::size_t, const std::string&)>& emit) {
  for (const std::string& name : f.members(group, H5I_DATASET)) {
    const std::string path = group + "/" + name;
    if (f.is_scale(path)) continue;
    const std::vector<std::string> dims = f.dimensions(path);
    if (dims.empty() || dims.size() > 2 || dims[0] != "year") continue;
    const std::optional<Column> c = f.numbers(path);
    if (!c) continue;
    const std::size_t years = static_cast<std::size_t>(c->shape[0]);
    if (dims.size() == 1) {
      for (std::size_t y = 0; y < years; ++y) emit(name, y, c->cell(y));
      continue;
    }
    const std::size_t width = static_cast<std::size_t>(c->shape[1]);
    std::vector<std::string> labels =
        dims[1].empty() ? std::vector<std::string>{} : coordinates(f, group, dims[1]);
    if (labels.size() != width) {
      labels.clear();
      for (std::size_t k = 0; k < width; ++k) labels.push_back(std::to_string(k));
    }
    const std::string dim = dims[1].empty() ? "index" : dims[1];
    for (std::size_t k = 0; k < width; ++k) {
      const std::string metric = fmt::format("{}[{}={}]", name, dim, labels[k]);
      for (std::size_t y = 0; y < years; ++y) emit(metric, y, c->cell(y * width + k));
    }
  }
}

std::vector<std::string> year_labels(const RunFileReader& f, const std::string& group) {
  const std::optional<Column> years = f.numbers(group + "/year");
  if (!years)
    throw OutputError(fmt::format("cannot export '{}': {}/year is not numeric", f.path(), group));
  std::vector<std::string> out;
  for (std::size_t k = 0; k < years->size(); ++k) out.push_back(years->cell(k));
  return out;
}

// The rows of /variants/<v>/replicates: every [replicate, year] value of every metric (a third
// dimension folded into the name, `share_above[threshold=3000]`), then each target's scores per
// replicate (no year), `target_<target>_margin` and `target_<target>_met_share`.
void export_replicates(const RunFileReader& f, const std::string& v, CsvTable& t) {
  const std::string base = "/variants/" + v + "/replicates";
  if (!f.exists(base)) return;
  const std::vector<std::string> years = year_labels(f, base);
  for (const std::string& name : f.members(base, H5I_DATASET)) {
    const std::string path = base + "/" + name;
    if (f.is_scale(path)) continue;
    const std::vector<std::string> dims = f.dimensions(path);
    if (dims.size() < 2 || dims.size() > 3 || dims[0] != "replicate" || dims[1] != "year") continue;
    const std::optional<Column> c = f.numbers(path);
    if (!c) continue;
    const auto replicates = static_cast<std::size_t>(c->shape[0]);
    const auto n_years = static_cast<std::size_t>(c->shape[1]);
    const std::size_t width = dims.size() == 3 ? static_cast<std::size_t>(c->shape[2]) : 1;
    std::vector<std::string> metrics{name};
    if (dims.size() == 3) {
      const std::vector<std::string> labels = coordinates(f, base, dims[2]);
      metrics.clear();
      for (std::size_t k = 0; k < width; ++k) {
        metrics.push_back(fmt::format("{}[{}={}]", name, dims[2],
                                      k < labels.size() ? labels[k] : std::to_string(k)));
      }
    }
    for (std::size_t k = 0; k < width; ++k) {
      for (std::size_t r = 0; r < replicates; ++r) {
        for (std::size_t y = 0; y < n_years; ++y) {
          t.row({v, std::to_string(r), years.at(y), metrics[k],
                 c->cell((r * n_years + y) * width + k)});
        }
      }
    }
  }
  if (!f.exists(base + "/targets")) return;
  for (const std::string& target : f.members(base + "/targets", H5I_GROUP)) {
    for (const char* score : {"margin", "met_share"}) {
      const std::string path = base + "/targets/" + target + "/" + score;
      if (!f.exists(path)) continue;
      const std::optional<Column> c = f.numbers(path);
      if (!c) continue;
      for (std::size_t r = 0; r < c->size(); ++r) {
        t.row({v, std::to_string(r), "", fmt::format("target_{}_{}", target, score), c->cell(r)});
      }
    }
  }
}

}  // namespace

std::vector<ExportedTable> export_csv(const std::string& run_file, const std::string& directory) {
  static_assert(sizeof(hsize_t) >= sizeof(std::size_t) || sizeof(std::size_t) == 8);
  const detail::ErrorPrintingOff quiet;
  const RunFileReader f(run_file, "export");
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec || !fs::is_directory(directory)) {
    throw OutputError(fmt::format("cannot create directory '{}': {}", directory,
                                  ec ? ec.message() : std::string("it is not a directory")));
  }
  const auto in_dir = [&](const char* name) { return (fs::path(directory) / name).string(); };
  const std::vector<std::string> variants = f.members("/variants", H5I_GROUP);
  std::vector<ExportedTable> out;

  {
    CsvTable t(in_dir("summary.csv"), {"variant", "year", "metric", "value"});
    for (const std::string& v : variants) {
      const std::string group = "/variants/" + v + "/summary";
      if (!f.exists(group)) continue;
      const std::vector<std::string> years = year_labels(f, group);
      yearly_values(f, group,
                    [&](const std::string& metric, std::size_t y, const std::string& value) {
                      t.row({v, years.at(y), metric, value});
                    });
    }
    out.push_back(t.commit());
  }

  bool by_region = false;
  for (const std::string& v : variants)
    by_region = by_region || f.exists("/variants/" + v + "/by_level");
  if (by_region) {
    CsvTable t(in_dir("regions.csv"),
               {"variant", "year", "level", "region", "name", "metric", "value"});
    for (const std::string& v : variants) {
      const std::string base = "/variants/" + v + "/by_level";
      if (!f.exists(base)) continue;
      for (const std::string& level : f.members(base, H5I_GROUP)) {
        const std::string group = base + "/" + level;
        const std::vector<std::string> years = year_labels(f, group);
        const std::string names_path = "/geography/" + level + "/name";
        const std::vector<std::string> names =
            f.exists(names_path) ? f.strings(names_path) : std::vector<std::string>{};
        for (const std::string& metric : f.members(group, H5I_DATASET)) {
          const std::string path = group + "/" + metric;
          if (f.is_scale(path)) continue;
          // (year, region) series, and (year, region, k) ones folded as metric[dim=label].
          const std::vector<std::string> dims = f.dimensions(path);
          if (dims.size() < 2 || dims.size() > 3 || dims[0] != "year" || dims[1] != level) continue;
          const std::optional<Column> c = f.numbers(path);
          if (!c) continue;
          const auto n_years = static_cast<std::size_t>(c->shape[0]);
          const auto regions = static_cast<std::size_t>(c->shape[1]);
          const std::size_t width = dims.size() == 3 ? static_cast<std::size_t>(c->shape[2]) : 1;
          std::vector<std::string> metrics{metric};
          if (dims.size() == 3) {
            std::vector<std::string> labels = coordinates(f, group, dims[2]);
            metrics.clear();
            for (std::size_t k = 0; k < width; ++k) {
              metrics.push_back(fmt::format("{}[{}={}]", metric, dims[2],
                                            k < labels.size() ? labels[k] : std::to_string(k)));
            }
          }
          for (std::size_t r = 0; r < regions; ++r) {
            const std::string name = r < names.size() ? names[r] : "";
            for (std::size_t k = 0; k < width; ++k) {
              for (std::size_t y = 0; y < n_years; ++y) {
                t.row({v, years.at(y), level, std::to_string(r), name, metrics[k],
                       c->cell((y * regions + r) * width + k)});
              }
            }
          }
        }
      }
    }
    out.push_back(t.commit());
  }

  bool with_targets = false;
  for (const std::string& v : variants)
    with_targets = with_targets || f.exists("/variants/" + v + "/targets");
  if (with_targets) {
    CsvTable t(in_dir("targets.csv"), {"variant", "target", "level", "region", "name", "year",
                                       "value", "threshold", "met", "margin"});
    for (const std::string& v : variants) {
      const std::string base = "/variants/" + v + "/targets";
      if (!f.exists(base)) continue;
      for (const std::string& target : f.members(base, H5I_GROUP)) {
        const std::string group = base + "/" + target;
        const std::string level = f.string_attribute(group, "level");
        const std::vector<std::string> names = f.strings(group + "/region_name");
        const std::optional<Column> year = f.numbers(group + "/year");
        const std::optional<Column> value = f.numbers(group + "/value");
        const std::optional<Column> met = f.numbers(group + "/met");
        const std::optional<Column> margin = f.numbers(group + "/margin");
        const std::optional<double> threshold = f.number_attribute(group, "threshold");
        if (!year || !value || !met || !margin || !threshold) {
          throw OutputError(fmt::format("cannot export '{}': {} is incomplete", run_file, group));
        }
        for (std::size_t r = 0; r < year->size(); ++r) {
          if (year->whole.at(r) == 0) continue;  // not scored
          t.row({v, target, level, std::to_string(r), r < names.size() ? names[r] : "",
                 year->cell(r), value->cell(r), fmt::format("{}", *threshold), met->cell(r),
                 margin->cell(r)});
        }
      }
    }
    out.push_back(t.commit());
  }

  {
    CsvTable t(in_dir("programmes.csv"), {"variant", "programme", "year", "metric", "value"});
    for (const std::string& v : variants) {
      const std::string base = "/variants/" + v + "/programmes";
      if (!f.exists(base)) continue;
      for (const std::string& p : f.members(base, H5I_GROUP)) {
        const std::string group = base + "/" + p;
        if (!f.exists(group + "/year")) continue;
        const std::vector<std::string> years = year_labels(f, group);
        yearly_values(f, group,
                      [&](const std::string& metric, std::size_t y, const std::string& value) {
                        t.row({v, p, years.at(y), metric, value});
                      });
      }
    }
    out.push_back(t.commit());
  }

  bool with_replicates = false;
  for (const std::string& v : variants)
    with_replicates = with_replicates || f.exists("/variants/" + v + "/replicates");
  if (with_replicates) {
    CsvTable t(in_dir("replicates.csv"), {"variant", "replicate", "year", "metric", "value"});
    for (const std::string& v : variants) export_replicates(f, v, t);
    out.push_back(t.commit());
  }

  {
    CsvTable t(in_dir("ledger_flows.csv"),
               {"variant", "year", "stream", "from", "to", "amount_fen"});
    for (const std::string& v : variants) {
      const std::string base = "/variants/" + v + "/ledger";
      if (!f.exists(base + "/flows/amount_fen")) continue;
      const std::vector<std::string> streams = f.strings(base + "/streams");
      const std::vector<std::string> accounts = f.strings(base + "/accounts/name");
      const std::optional<Column> year = f.numbers(base + "/flows/year");
      const std::optional<Column> stream = f.numbers(base + "/flows/stream");
      const std::optional<Column> from = f.numbers(base + "/flows/from");
      const std::optional<Column> to = f.numbers(base + "/flows/to");
      const std::optional<Column> amount = f.numbers(base + "/flows/amount_fen");
      if (!year || !stream || !from || !to || !amount) {
        throw OutputError(
            fmt::format("cannot export '{}': {}/flows is incomplete", run_file, base));
      }
      const auto label = [&](const std::vector<std::string>& names, const Column& c,
                             std::size_t k) {
        const std::int64_t i = c.whole.at(k);
        return i >= 0 && static_cast<std::size_t>(i) < names.size()
                   ? names[static_cast<std::size_t>(i)]
                   : std::to_string(i);
      };
      for (std::size_t k = 0; k < amount->size(); ++k) {
        t.row({v, year->cell(k), label(streams, *stream, k), label(accounts, *from, k),
               label(accounts, *to, k), amount->cell(k)});
      }
    }
    out.push_back(t.commit());
  }
  return out;
}

}  // namespace fupin::output
