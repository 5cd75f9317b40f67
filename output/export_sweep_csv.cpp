// Reading a sweep file back from HDF5 and writing its tidy CSV tables.
#include "output/export_sweep_csv.hpp"

#include <fmt/format.h>
#include <hdf5.h>

#include <filesystem>
#include <mutex>
#include <optional>
#include <variant>

#include "output/csv_table.hpp"
#include "output/hdf5_handle.hpp"
#include "output/hdf5_writer.hpp"

namespace fupin::output {

namespace fs = std::filesystem;
using detail::H5Handle;

namespace {

H5Handle string_type() {
  H5Handle t = detail::datatype_handle(H5Tcopy(H5T_C_S1));
  H5Tset_size(t.get(), H5T_VARIABLE);
  H5Tset_cset(t.get(), H5T_CSET_UTF8);
  return t;
}

class SweepReader {
 public:
  explicit SweepReader(std::string path) : path_(std::move(path)) {
    file_ = detail::file_handle(H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file_.valid()) fail("H5Fopen", "/");
  }

  // Strings of a string attribute (scalar or 1-D), empty when missing.
  [[nodiscard]] std::vector<std::string> strings_attribute(const std::string& object,
                                                           const std::string& name) const {
    if (H5Aexists_by_name(file_.get(), object.c_str(), name.c_str(), H5P_DEFAULT) <= 0) return {};
    H5Handle a = detail::attribute_handle(
        H5Aopen_by_name(file_.get(), object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT));
    if (!a.valid()) fail("H5Aopen_by_name", object + "@" + name);
    H5Handle space = detail::dataspace_handle(H5Aget_space(a.get()));
    const hssize_t n = H5Sget_simple_extent_npoints(space.get());
    if (n < 0) fail("H5Sget_simple_extent_npoints", object + "@" + name);
    std::vector<char*> raw(static_cast<std::size_t>(n), nullptr);
    H5Handle mem = string_type();
    if (n > 0 && H5Aread(a.get(), mem.get(), raw.data()) < 0) fail("H5Aread", object + "@" + name);
    std::vector<std::string> out;
    for (char* s : raw) {
      out.emplace_back(s != nullptr ? s : "");
      H5free_memory(s);
    }
    return out;
  }

  // A 1-D dataset as text fields: numbers in their shortest exact form, strings as they are.
  [[nodiscard]] std::vector<std::string> fields(const std::string& dataset) const {
    H5Handle d = detail::dataset_handle(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT));
    if (!d.valid()) fail("H5Dopen2", dataset);
    H5Handle type = detail::datatype_handle(H5Dget_type(d.get()));
    H5Handle space = detail::dataspace_handle(H5Dget_space(d.get()));
    const hssize_t count = H5Sget_simple_extent_npoints(space.get());
    if (count < 0) fail("H5Sget_simple_extent_npoints", dataset);
    const auto n = static_cast<std::size_t>(count);
    std::vector<std::string> out;
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls == H5T_STRING) {
      std::vector<char*> raw(n, nullptr);
      H5Handle mem = string_type();
      if (n > 0 && H5Dread(d.get(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) < 0)
        fail("H5Dread", dataset);
      for (char* s : raw) {
        out.emplace_back(s != nullptr ? s : "");
        H5free_memory(s);
      }
    } else if (cls == H5T_FLOAT) {
      std::vector<double> v(n);
      if (n > 0 &&
          H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0) {
        fail("H5Dread", dataset);
      }
      for (const double x : v) out.push_back(fmt::format("{}", x));
    } else if (cls == H5T_INTEGER) {
      std::vector<long long> v(n);
      if (n > 0 &&
          H5Dread(d.get(), H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0) {
        fail("H5Dread", dataset);
      }
      for (const long long x : v) out.push_back(std::to_string(x));
    } else {
      fail("H5Tget_class", dataset);
    }
    return out;
  }

  // A group's members in creation order; empty when the group does not exist.
  [[nodiscard]] std::vector<std::string> members(const std::string& group) const {
    if (H5Lexists(file_.get(), group.c_str(), H5P_DEFAULT) <= 0) return {};
    H5Handle g = detail::group_handle(H5Gopen2(file_.get(), group.c_str(), H5P_DEFAULT));
    if (!g.valid()) fail("H5Gopen2", group);
    std::vector<std::string> names;
    const auto callback = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
      static_cast<std::vector<std::string>*>(data)->emplace_back(name);
      return 0;
    };
    hsize_t index = 0;
    if (H5Literate(g.get(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, callback, &names) < 0)
      fail("H5Literate", group);
    return names;
  }

 private:
  [[noreturn]] void fail(const char* call, const std::string& object) const {
    throw OutputError(fmt::format("cannot export '{}': {}({}) failed", path_, call, object));
  }

  std::string path_;
  H5Handle file_;
};

// A table whose first row is its header.
ExportedTable write_table(const fs::path& path, const std::vector<std::vector<std::string>>& rows) {
  detail::CsvTable table(path.string(), rows.front());
  for (std::size_t i = 1; i < rows.size(); ++i) table.row(rows[i]);
  return table.commit();
}

}  // namespace

bool is_sweep_file(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  std::lock_guard lock(detail::hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  if (H5Fis_hdf5(path.c_str()) <= 0) return false;
  try {
    const SweepReader r(path);
    const std::vector<std::string> created = r.strings_attribute("/meta", "created_by");
    return created.size() == 1 && created.front() == "fupin sweep";
  } catch (const OutputError&) {
    return false;
  }
}

std::vector<ExportedTable> export_sweep_csv(const std::string& sweep_file,
                                            const std::string& directory) {
  std::vector<std::vector<std::string>> runs;
  std::vector<std::vector<std::string>> sensitivity;
  {
    std::lock_guard lock(detail::hdf5_mutex());
    detail::ErrorPrintingOff quiet;
    const SweepReader r(sweep_file);
    std::vector<std::string> columns = {"run", "point", "replicate"};
    for (const std::string& name : r.strings_attribute("/runs", "parameters"))
      columns.push_back(name);
    for (const std::string& name : r.strings_attribute("/runs", "metrics")) columns.push_back(name);
    std::vector<std::vector<std::string>> values;
    for (const std::string& c : columns) values.push_back(r.fields("/runs/" + c));
    runs.push_back(columns);
    for (std::size_t i = 0; i < values.front().size(); ++i) {
      std::vector<std::string> row;
      for (const auto& column : values) row.push_back(i < column.size() ? column[i] : "");
      runs.push_back(std::move(row));
    }
    sensitivity.push_back({"metric", "method", "parameter", "index", "value"});
    for (const std::string& metric : r.members("/sensitivity")) {
      for (const std::string& method : r.members("/sensitivity/" + metric)) {
        const std::string group = "/sensitivity/" + metric + "/" + method;
        const std::vector<std::string> parameters = r.fields(group + "/parameter");
        for (const std::string& index : r.members(group)) {
          if (index == "parameter") continue;
          const std::vector<std::string> v = r.fields(group + "/" + index);
          for (std::size_t k = 0; k < parameters.size() && k < v.size(); ++k) {
            sensitivity.push_back({metric, method, parameters[k], index, v[k]});
          }
        }
      }
    }
  }
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec)
    throw OutputError(fmt::format("cannot create directory '{}': {}", directory, ec.message()));
  std::vector<ExportedTable> out;
  out.push_back(write_table(fs::path(directory) / "runs.csv", runs));
  if (sensitivity.size() > 1)
    out.push_back(write_table(fs::path(directory) / "sensitivity.csv", sensitivity));
  return out;
}

}  // namespace fupin::output
