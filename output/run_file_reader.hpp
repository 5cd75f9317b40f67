// Reading a fupin run file back: numeric datasets whole, strings, attributes, group members in
// creation order and dimension-scale names. Shared by the CSV export and the HTML report.
// Private to the output layer: this header includes <hdf5.h>.
#pragma once

#include <fmt/format.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "output/hdf5_handle.hpp"
#include "output/output_error.hpp"

namespace fupin::output::detail {

// One numeric dataset read whole: integers exactly, floating point as doubles.
struct Column {
  bool floating = false;
  bool is_unsigned = false;
  std::vector<double> real;
  std::vector<std::int64_t> whole;
  std::vector<std::uint64_t> natural;
  std::vector<hsize_t> shape;

  // Every value as a double (integers converted).
  [[nodiscard]] std::vector<double> reals() const {
    if (floating) return real;
    if (is_unsigned) return {natural.begin(), natural.end()};
    return {whole.begin(), whole.end()};
  }

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

// An open file of fupin: a run file, or with `creator` "fupin sweep" and `group` "/runs" a sweep
// file. Every message starts "cannot <verb> '<path>'", e.g. "cannot export 'run.h5'". The
// constructor throws NotARunFile for a missing file, a file that is not HDF5 or an HDF5 file
// without /meta@created_by = creator and `group`; every other failure is an OutputError naming
// the object read.
class RunFileReader {
 public:
  RunFileReader(std::string path, std::string verb, const std::string& creator = "fupin",
                const std::string& group = "/variants")
      : path_(std::move(path)), verb_(std::move(verb)) {
    if (!std::filesystem::is_regular_file(path_))
      throw NotARunFile(fmt::format("cannot {} '{}': no such file", verb_, path_));
    if (H5Fis_hdf5(path_.c_str()) <= 0) {
      throw NotARunFile(fmt::format("cannot {} '{}': not an HDF5 file", verb_, path_));
    }
    file_ = detail::file_handle(H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file_.valid())
      throw OutputError(fmt::format("cannot {} '{}': H5Fopen failed", verb_, path_));
    if (!exists("/meta") || !exists(group) || string_attribute("/meta", "created_by") != creator) {
      throw NotARunFile(fmt::format("cannot {} '{}': not a {} file (no /meta@created_by = \"{}\")",
                                    verb_, path_, creator == "fupin" ? "fupin run" : creator,
                                    creator));
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
      if (H5Literate(g.get(), H5_INDEX_NAME, H5_ITER_INC, &index, callback, &visit) < 0)
        fail("H5Literate", group);
    }
    std::vector<std::string> out;
    for (const std::string& name : visit.names) {
      H5Handle o = detail::object_handle(H5Oopen(g.get(), name.c_str(), H5P_DEFAULT));
      if (!o.valid()) fail("H5Oopen", group + "/" + name);
      if (H5Iget_type(o.get()) == type) out.push_back(name);
    }
    return out;
  }

  [[nodiscard]] std::string string_attribute(const std::string& object,
                                             const std::string& name) const {
    if (H5Aexists_by_name(file_.get(), object.c_str(), name.c_str(), H5P_DEFAULT) <= 0) return {};
    H5Handle a = detail::attribute_handle(
        H5Aopen_by_name(file_.get(), object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT));
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

  // The strings of a string attribute, scalar or 1-D; empty when missing.
  [[nodiscard]] std::vector<std::string> string_list_attribute(const std::string& object,
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
    for (char* c : raw) {
      out.emplace_back(c != nullptr ? c : "");
      H5free_memory(c);
    }
    return out;
  }

  // A scalar numeric attribute as a double; nullopt when missing or not numeric.
  [[nodiscard]] std::optional<double> number_attribute(const std::string& object,
                                                       const std::string& name) const {
    if (H5Aexists_by_name(file_.get(), object.c_str(), name.c_str(), H5P_DEFAULT) <= 0)
      return std::nullopt;
    H5Handle a = detail::attribute_handle(
        H5Aopen_by_name(file_.get(), object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT));
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
          const std::string full(name, static_cast<std::size_t>(n) < sizeof name
                                           ? static_cast<std::size_t>(n)
                                           : sizeof name - 1);
          *static_cast<std::string*>(data) = full.substr(full.rfind('/') + 1);
        }
        return 1;  // the first scale names the dimension
      };
      if (H5DSget_num_scales(d.get(), static_cast<unsigned>(dim)) > 0) {
        H5DSiterate_scales(d.get(), static_cast<unsigned>(dim), nullptr, callback,
                           &out[static_cast<std::size_t>(dim)]);
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
      if (n > 0)
        status = H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, c.real.data());
    } else if (H5Tget_sign(type.get()) == H5T_SGN_NONE && H5Tget_size(type.get()) >= 8) {
      c.is_unsigned = true;
      c.natural.resize(n);
      if (n > 0)
        status =
            H5Dread(d.get(), H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, c.natural.data());
    } else {
      c.whole.resize(n);
      if (n > 0)
        status = H5Dread(d.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, c.whole.data());
    }
    if (status < 0) fail("H5Dread", dataset);
    return c;
  }

  // A one-dimensional dataset of variable-length strings.
  [[nodiscard]] std::vector<std::string> strings(const std::string& dataset) const {
    H5Handle d = open(dataset);
    H5Handle type = detail::datatype_handle(H5Dget_type(d.get()));
    if (H5Tget_class(type.get()) != H5T_STRING || H5Tis_variable_str(type.get()) <= 0) {
      throw OutputError(
          fmt::format("cannot {} '{}': {} is not a dataset of strings", verb_, path_, dataset));
    }
    H5Handle space = detail::dataspace_handle(H5Dget_space(d.get()));
    const hssize_t n = H5Sget_simple_extent_npoints(space.get());
    if (n < 0) fail("H5Sget_simple_extent_npoints", dataset);
    std::vector<char*> raw(static_cast<std::size_t>(n), nullptr);
    H5Handle mem = string_type();
    if (n > 0 && H5Dread(d.get(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) < 0)
      fail("H5Dread", dataset);
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
    throw OutputError(fmt::format("cannot {} '{}': {}({}) failed", verb_, path_, call, object));
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
  std::string verb_;
  H5Handle file_;
};

}  // namespace fupin::output::detail
