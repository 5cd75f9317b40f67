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

#include "output/hdf5_handle.hpp"

namespace fupin::output {

namespace {

namespace fs = std::filesystem;
using detail::H5Handle;

// One numeric dataset read whole: integers exactly, floating point as doubles.
struct Column {
  bool floating = false;
  bool is_unsigned = false;
  std::vector<double> real;
  std::vector<std::int64_t> whole;
  std::vector<std::uint64_t> natural;
  std::vector<hsize_t> shape;

  [[nodiscard]] std::string cell(std::size_t k) const {
    if (floating) return fmt::format("{}", real[k]);
    if (is_unsigned) return fmt::format("{}", natural[k]);
    return fmt::format("{}", whole[k]);
  }
  [[nodiscard]] std::size_t size() const {
    std::size_t n = 1;
    for (hsize_t d : shape) n *= static_cast<std::size_t>(d);
    return n;
  }
};

class RunFileReader {
 public:
  explicit RunFileReader(std::string path) : path_(std::move(path)) {
    if (!fs::is_regular_file(path_)) throw NotARunFile(fmt::format("cannot export '{}': no such file", path_));
    if (H5Fis_hdf5(path_.c_str()) <= 0) {
      throw NotARunFile(fmt::format("cannot export '{}': not an HDF5 file", path_));
    }
    file_ = detail::file_handle(H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file_.valid()) throw OutputError(fmt::format("cannot export '{}': H5Fopen failed", path_));
    if (!exists("/meta") || !exists("/variants") || string_attribute("/meta", "created_by") != "fupin") {
      throw NotARunFile(fmt::format("cannot export '{}': not a fupin run file (no /meta@created_by = \"fupin\")",
                                    path_));
    }
  }

  [[nodiscard]] const std::string& path() const { return path_; }

  [[nodiscard]] bool exists(const std::string& object) const {
    // Every intermediate link must exist for H5Lexists to answer without an error.
    std::size_t pos = 0;
    while ((pos = object.find('/', pos + 1)) != std::string::npos) {
      if (H5Lexists(file_.get(), object.substr(0, pos).c_str(), H5P_DEFAULT) <= 0) return false;
    }
    return H5Lexists(file_.get(), object.c_str(), H5P_DEFAULT) > 0;
  }

  // The names of a group's members of one type (H5I_GROUP or H5I_DATASET), in creation order
  // where the file tracks it (fupin's writer does), in name order otherwise.
  [[nodiscard]] std::vector<std::string> members(const std::string& group, H5I_type_t type) const {
    H5Handle g = detail::group_handle(H5Gopen2(file_.get(), group.c_str(), H5P_DEFAULT));
    if (!g.valid()) fail("H5Gopen2", group);
    struct Visit {
      std::vector<std::string> names;
    } visit;
    const auto callback = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
      static_cast<Visit*>(data)->names.emplace_back(name);
      return 0;
    };
    hsize_t index = 0;
    if (H5Literate(g.get(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, callback, &visit) < 0) {
      visit.names.clear();
      index = 0;
      if (H5Literate(g.get(), H5_INDEX_NAME, H5_ITER_INC, &index, callback, &visit) < 0) fail("H5Literate", group);
    }
    std::vector<std::string> out;
    for (const std::string& name : visit.names) {
      H5Handle o = detail::object_handle(H5Oopen(g.get(), name.c_str(), H5P_DEFAULT));
      if (!o.valid()) fail("H5Oopen", group + "/" + name);
      if (H5Iget_type(o.get()) == type) out.push_back(name);
    }
    return out;
  }

  [[nodiscard]] std::string string_attribute(const std::string& object, const std::string& name) const {
    if (H5Aexists_by_name(file_.get(), object.c_str(), name.c_str(), H5P_DEFAULT) <= 0) return {};
    H5Handle a = detail::attribute_handle(H5Aopen_by_name(file_.get(), object.c_str(), name.c_str(), H5P_DEFAULT,
                                                          H5P_DEFAULT));
    if (!a.valid()) fail("H5Aopen_by_name", object + "@" + name);
    H5Handle type = detail::datatype_handle(H5Aget_type(a.get()));
    if (H5Tget_class(type.get()) != H5T_STRING || H5Tis_variable_str(type.get()) <= 0) return {};
    H5Handle mem = string_type();
    char* value = nullptr;
    if (H5Aread(a.get(), mem.get(), &value) < 0) fail("H5Aread", object + "@" + name);
    std::string out = value != nullptr ? value : "";
    H5free_memory(value);
    return out;
  }

  // A scalar numeric attribute as a double; nullopt when missing or not numeric.
  [[nodiscard]] std::optional<double> number_attribute(const std::string& object, const std::string& name) const {
    if (H5Aexists_by_name(file_.get(), object.c_str(), name.c_str(), H5P_DEFAULT) <= 0) return std::nullopt;
    H5Handle a = detail::attribute_handle(H5Aopen_by_name(file_.get(), object.c_str(), name.c_str(), H5P_DEFAULT,
                                                          H5P_DEFAULT));
    if (!a.valid()) fail("H5Aopen_by_name", object + "@" + name);
    H5Handle type = detail::datatype_handle(H5Aget_type(a.get()));
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls != H5T_INTEGER && cls != H5T_FLOAT) return std::nullopt;
    double value = 0;
    if (H5Aread(a.get(), H5T_NATIVE_DOUBLE, &value) < 0) fail("H5Aread", object + "@" + name);
    return value;
  }

  // A dataset's dimension-scale names, one per dimension ("" where none is attached).
  [[nodiscard]] std::vector<std::string> dimensions(const std::string& dataset) const {
    H5Handle d = open(dataset);
    H5Handle space = detail::dataspace_handle(H5Dget_space(d.get()));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) fail("H5Sget_simple_extent_ndims", dataset);
    std::vector<std::string> out(static_cast<std::size_t>(rank));
    for (int dim = 0; dim < rank; ++dim) {
      const auto callback = [](hid_t, unsigned, hid_t scale, void* data) -> herr_t {
        char name[1024];
        const ssize_t n = H5Iget_name(scale, name, sizeof name);
        if (n > 0) {
          const std::string full(name, static_cast<std::size_t>(n) < sizeof name ? static_cast<std::size_t>(n)
                                                                                   : sizeof name - 1);
          *static_cast<std::string*>(data) = full.substr(full.rfind('/') + 1);
        }
        return 1;  // the first scale names the dimension
      };
      if (H5DSget_num_scales(d.get(), static_cast<unsigned>(dim)) > 0) {
        H5DSiterate_scales(d.get(), static_cast<unsigned>(dim), nullptr, callback, &out[static_cast<std::size_t>(dim)]);
      }
    }
    return out;
  }

  [[nodiscard]] bool is_scale(const std::string& dataset) const {
    H5Handle d = open(dataset);
    return H5DSis_scale(d.get()) > 0;
  }

  // Numeric datasets only; nullopt for strings and other types.
  [[nodiscard]] std::optional<Column> numbers(const std::string& dataset) const {
    H5Handle d = open(dataset);
    H5Handle type = detail::datatype_handle(H5Dget_type(d.get()));
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls != H5T_INTEGER && cls != H5T_FLOAT) return std::nullopt;
    Column c;
    H5Handle space = detail::dataspace_handle(H5Dget_space(d.get()));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) fail("H5Sget_simple_extent_ndims", dataset);
    c.shape.resize(static_cast<std::size_t>(rank));
    if (rank > 0) H5Sget_simple_extent_dims(space.get(), c.shape.data(), nullptr);
    const std::size_t n = c.size();
    herr_t status = 0;
    if (cls == H5T_FLOAT) {
      c.floating = true;
      c.real.resize(n);
      if (n > 0) status = H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, c.real.data());
    } else if (H5Tget_sign(type.get()) == H5T_SGN_NONE && H5Tget_size(type.get()) >= 8) {
      c.is_unsigned = true;
      c.natural.resize(n);
      if (n > 0) status = H5Dread(d.get(), H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, c.natural.data());
    } else {
      c.whole.resize(n);
      if (n > 0) status = H5Dread(d.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, c.whole.data());
    }
    if (status < 0) fail("H5Dread", dataset);
    return c;
  }

  // A one-dimensional dataset of variable-length strings.
  [[nodiscard]] std::vector<std::string> strings(const std::string& dataset) const {
    H5Handle d = open(dataset);
    H5Handle type = detail::datatype_handle(H5Dget_type(d.get()));
    if (H5Tget_class(type.get()) != H5T_STRING || H5Tis_variable_str(type.get()) <= 0) {
      throw OutputError(fmt::format("cannot export '{}': {} is not a dataset of strings", path_, dataset));
    }
    H5Handle space = detail::dataspace_handle(H5Dget_space(d.get()));
    const hssize_t n = H5Sget_simple_extent_npoints(space.get());
    if (n < 0) fail("H5Sget_simple_extent_npoints", dataset);
    std::vector<char*> raw(static_cast<std::size_t>(n), nullptr);
    H5Handle mem = string_type();
    if (n > 0 && H5Dread(d.get(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) < 0) fail("H5Dread", dataset);
    std::vector<std::string> out;
    out.reserve(raw.size());
    for (char* s : raw) {
      out.emplace_back(s != nullptr ? s : "");
      H5free_memory(s);
    }
    return out;
  }

 private:
  [[noreturn]] void fail(const char* call, const std::string& object) const {
    throw OutputError(fmt::format("cannot export '{}': {}({}) failed", path_, call, object));
  }

  [[nodiscard]] H5Handle open(const std::string& dataset) const {
    H5Handle d = detail::dataset_handle(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT));
    if (!d.valid()) fail("H5Dopen2", dataset);
    return d;
  }

  static H5Handle string_type() {
    H5Handle t = detail::datatype_handle(H5Tcopy(H5T_C_S1));
    H5Tset_size(t.get(), H5T_VARIABLE);
    H5Tset_cset(t.get(), H5T_CSET_UTF8);
    return t;
  }

  std::string path_;
  H5Handle file_;
};

// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
std::string field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// One CSV table, written to "<path>.tmp-<pid>" and renamed over `path` by commit().
class CsvTable {
 public:
  CsvTable(std::string path, const std::vector<std::string>& header)
      : path_(std::move(path)), temporary_(fmt::format("{}.tmp-{}", path_, ::getpid())) {
    out_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!out_) throw OutputError(fmt::format("cannot write '{}': {}", temporary_, std::strerror(errno)));
    row(header);
    rows_ = 0;
  }
  CsvTable(const CsvTable&) = delete;
  CsvTable& operator=(const CsvTable&) = delete;
  ~CsvTable() {
    if (!committed_) {
      out_.close();
      std::remove(temporary_.c_str());
    }
  }

  void row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) buffer_ += ',';
      buffer_ += field(fields[i]);
    }
    buffer_ += '\n';
    ++rows_;
    if (buffer_.size() > (1U << 20)) flush();
  }

  ExportedTable commit() {
    flush();
    out_.close();
    if (!out_) throw OutputError(fmt::format("cannot write '{}': {}", temporary_, std::strerror(errno)));
    if (std::rename(temporary_.c_str(), path_.c_str()) != 0) {
      throw OutputError(fmt::format("cannot rename '{}' to '{}': {}", temporary_, path_, std::strerror(errno)));
    }
    committed_ = true;
    return {path_, rows_};
  }

 private:
  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    if (!out_) throw OutputError(fmt::format("cannot write '{}': {}", temporary_, std::strerror(errno)));
    buffer_.clear();
  }

  std::string path_;
  std::string temporary_;
  std::ofstream out_;
  std::string buffer_;
  std::size_t rows_ = 0;
  bool committed_ = false;
};

// The coordinate labels of a dimension scale: the names of a sibling `<scale>_name` string
// dataset of the same length when the group has one (cause codes), the scale's values otherwise.
std::vector<std::string> coordinates(const RunFileReader& f, const std::string& group, const std::string& scale) {
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
void yearly_values(const RunFileReader& f, const std::string& group,
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
    std::vector<std::string> labels = dims[1].empty() ? std::vector<std::string>{} : coordinates(f, group, dims[1]);
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
  if (!years) throw OutputError(fmt::format("cannot export '{}': {}/year is not numeric", f.path(), group));
  std::vector<std::string> out;
  for (std::size_t k = 0; k < years->size(); ++k) out.push_back(years->cell(k));
  return out;
}

}  // namespace

std::vector<ExportedTable> export_csv(const std::string& run_file, const std::string& directory) {
  static_assert(sizeof(hsize_t) >= sizeof(std::size_t) || sizeof(std::size_t) == 8);
  const detail::ErrorPrintingOff quiet;
  const RunFileReader f(run_file);
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
      yearly_values(f, group, [&](const std::string& metric, std::size_t y, const std::string& value) {
        t.row({v, years.at(y), metric, value});
      });
    }
    out.push_back(t.commit());
  }

  bool by_region = false;
  for (const std::string& v : variants) by_region = by_region || f.exists("/variants/" + v + "/by_level");
  if (by_region) {
    CsvTable t(in_dir("regions.csv"), {"variant", "year", "level", "region", "name", "metric", "value"});
    for (const std::string& v : variants) {
      const std::string base = "/variants/" + v + "/by_level";
      if (!f.exists(base)) continue;
      for (const std::string& level : f.members(base, H5I_GROUP)) {
        const std::string group = base + "/" + level;
        const std::vector<std::string> years = year_labels(f, group);
        const std::string names_path = "/geography/" + level + "/name";
        const std::vector<std::string> names = f.exists(names_path) ? f.strings(names_path) : std::vector<std::string>{};
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
              metrics.push_back(fmt::format("{}[{}={}]", metric, dims[2], k < labels.size() ? labels[k] : std::to_string(k)));
            }
          }
          for (std::size_t r = 0; r < regions; ++r) {
            const std::string name = r < names.size() ? names[r] : "";
            for (std::size_t k = 0; k < width; ++k) {
              for (std::size_t y = 0; y < n_years; ++y) {
                t.row({v, years.at(y), level, std::to_string(r), name, metrics[k], c->cell((y * regions + r) * width + k)});
              }
            }
          }
        }
      }
    }
    out.push_back(t.commit());
  }

  bool with_targets = false;
  for (const std::string& v : variants) with_targets = with_targets || f.exists("/variants/" + v + "/targets");
  if (with_targets) {
    CsvTable t(in_dir("targets.csv"),
               {"variant", "target", "level", "region", "name", "year", "value", "threshold", "met", "margin"});
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
          t.row({v, target, level, std::to_string(r), r < names.size() ? names[r] : "", year->cell(r), value->cell(r),
                 fmt::format("{}", *threshold), met->cell(r), margin->cell(r)});
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
        yearly_values(f, group, [&](const std::string& metric, std::size_t y, const std::string& value) {
          t.row({v, p, years.at(y), metric, value});
        });
      }
    }
    out.push_back(t.commit());
  }

  {
    CsvTable t(in_dir("ledger_flows.csv"), {"variant", "year", "stream", "from", "to", "amount_fen"});
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
        throw OutputError(fmt::format("cannot export '{}': {}/flows is incomplete", run_file, base));
      }
      const auto label = [&](const std::vector<std::string>& names, const Column& c, std::size_t k) {
        const std::int64_t i = c.whole.at(k);
        return i >= 0 && static_cast<std::size_t>(i) < names.size() ? names[static_cast<std::size_t>(i)]
                                                                     : std::to_string(i);
      };
      for (std::size_t k = 0; k < amount->size(); ++k) {
        t.row({v, year->cell(k), label(streams, *stream, k), label(accounts, *from, k), label(accounts, *to, k),
               amount->cell(k)});
      }
    }
    out.push_back(t.commit());
  }
  return out;
}

}  // namespace fupin::output
