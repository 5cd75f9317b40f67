#include "output/replicate_reader.hpp"

#include <fmt/format.h>
#include <hdf5.h>

#include <filesystem>
#include <mutex>
#include <optional>

#include "output/hdf5_handle.hpp"
#include "output/hdf5_writer.hpp"

namespace fupin::output {

namespace {

using detail::H5Handle;

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {
    if (!std::filesystem::is_regular_file(path_))
      throw NotComparable(fmt::format("'{}': no such file", path_));
    if (H5Fis_hdf5(path_.c_str()) <= 0)
      throw NotComparable(fmt::format("'{}': not an HDF5 file", path_));
    file_ = detail::file_handle(H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file_.valid()) throw OutputError(fmt::format("cannot read '{}': H5Fopen failed", path_));
  }

  [[nodiscard]] bool exists(const std::string& object) const {
    std::size_t pos = 0;
    while ((pos = object.find('/', pos + 1)) != std::string::npos) {
      if (H5Lexists(file_.get(), object.substr(0, pos).c_str(), H5P_DEFAULT) <= 0) return false;
    }
    return H5Lexists(file_.get(), object.c_str(), H5P_DEFAULT) > 0;
  }

  // Members of a group of one type, in creation order.
  [[nodiscard]] std::vector<std::string> members(const std::string& group, H5I_type_t type) const {
    H5Handle g = detail::group_handle(H5Gopen2(file_.get(), group.c_str(), H5P_DEFAULT));
    if (!g.valid()) fail("H5Gopen2", group);
    std::vector<std::string> names;
    const auto callback = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
      static_cast<std::vector<std::string>*>(data)->emplace_back(name);
      return 0;
    };
    hsize_t index = 0;
    if (H5Literate(g.get(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, callback, &names) < 0) {
      fail("H5Literate", group);
    }
    std::vector<std::string> out;
    for (const std::string& name : names) {
      H5Handle o = detail::object_handle(H5Oopen(g.get(), name.c_str(), H5P_DEFAULT));
      if (!o.valid()) fail("H5Oopen", group + "/" + name);
      if (H5Iget_type(o.get()) == type) out.push_back(name);
    }
    return out;
  }

  [[nodiscard]] std::string string_attribute(const std::string& object, const char* name) const {
    if (H5Aexists_by_name(file_.get(), object.c_str(), name, H5P_DEFAULT) <= 0) return {};
    H5Handle a = detail::attribute_handle(
        H5Aopen_by_name(file_.get(), object.c_str(), name, H5P_DEFAULT, H5P_DEFAULT));
    if (!a.valid()) fail("H5Aopen_by_name", object + "@" + name);
    H5Handle type = detail::datatype_handle(H5Aget_type(a.get()));
    if (H5Tget_class(type.get()) != H5T_STRING || H5Tis_variable_str(type.get()) <= 0) return {};
    H5Handle mem = detail::datatype_handle(H5Tcopy(H5T_C_S1));
    H5Tset_size(mem.get(), H5T_VARIABLE);
    H5Tset_cset(mem.get(), H5T_CSET_UTF8);
    char* value = nullptr;
    if (H5Aread(a.get(), mem.get(), &value) < 0) fail("H5Aread", object + "@" + name);
    std::string out = value != nullptr ? value : "";
    H5free_memory(value);
    return out;
  }

  [[nodiscard]] std::optional<long long> int_attribute(const std::string& object,
                                                       const char* name) const {
    if (H5Aexists_by_name(file_.get(), object.c_str(), name, H5P_DEFAULT) <= 0) return std::nullopt;
    H5Handle a = detail::attribute_handle(
        H5Aopen_by_name(file_.get(), object.c_str(), name, H5P_DEFAULT, H5P_DEFAULT));
    long long value = 0;
    if (!a.valid() || H5Aread(a.get(), H5T_NATIVE_LLONG, &value) < 0)
      fail("H5Aread", object + "@" + name);
    return value;
  }

  // A numeric dataset read whole as `T` (H5T_NATIVE_*), with its shape.
  template <class T>
  std::vector<T> read(const std::string& dataset, hid_t mem_type,
                      std::vector<hsize_t>* shape = nullptr) const {
    H5Handle d = detail::dataset_handle(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT));
    if (!d.valid()) fail("H5Dopen2", dataset);
    H5Handle space = detail::dataspace_handle(H5Dget_space(d.get()));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) fail("H5Sget_simple_extent_ndims", dataset);
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    if (rank > 0) H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    std::size_t n = 1;
    for (hsize_t x : dims) n *= static_cast<std::size_t>(x);
    std::vector<T> out(n);
    if (n > 0 && H5Dread(d.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
      fail("H5Dread", dataset);
    if (shape != nullptr) *shape = dims;
    return out;
  }

  [[noreturn]] void fail(const char* call, const std::string& object) const {
    throw OutputError(fmt::format("cannot read '{}': {}({}) failed", path_, call, object));
  }

 private:
  std::string path_;
  H5Handle file_;
};

std::string threshold_text(double t) { return fmt::format("{}", t); }

VariantReplicates read_variant(const Reader& f, const std::string& path, const std::string& name) {
  const std::string g = "/variants/" + name + "/replicates";
  VariantReplicates v;
  v.name = name;
  if (!f.exists(g))
    throw NotComparable(fmt::format("'{}': variant '{}' has no replicates group", path, name));
  v.seeds = f.read<std::uint64_t>(g + "/seed", H5T_NATIVE_UINT64);
  v.years = f.read<std::int32_t>(g + "/year", H5T_NATIVE_INT32);
  const std::vector<double> thresholds = f.read<double>(g + "/threshold", H5T_NATIVE_DOUBLE);
  const std::size_t replicates = v.seeds.size();
  const std::size_t years = v.years.size();
  for (const std::string& ds : f.members(g, H5I_DATASET)) {
    if (ds == "replicate" || ds == "year" || ds == "threshold" || ds == "seed") continue;
    std::vector<hsize_t> shape;
    const std::vector<double> values = f.read<double>(g + "/" + ds, H5T_NATIVE_DOUBLE, &shape);
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
        std::vector<double> values = f.read<double>(ds, H5T_NATIVE_DOUBLE);
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
  const Reader f(path);
  if (!f.exists("/meta") || !f.exists("/variants") ||
      f.string_attribute("/meta", "created_by") != "fupin") {
    throw NotComparable(
        fmt::format("'{}': not a fupin run file (no /meta@created_by = \"fupin\")", path));
  }
  const auto version = f.int_attribute("/meta", "layout_version");
  if (!version || *version < 5) {
    throw NotComparable(
        fmt::format("'{}': a run file of layout {} holds no replicates (layout 5 and later do); "
                    "run the scenario again",
                    path, version ? std::to_string(*version) : std::string("unknown")));
  }
  RunReplicates out;
  out.path = path;
  for (const std::string& v : f.members("/variants", H5I_GROUP))
    out.variants.push_back(read_variant(f, path, v));
  return out;
}

}  // namespace fupin::output
