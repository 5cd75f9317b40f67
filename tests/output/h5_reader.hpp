// Reading HDF5 files back in tests, with the C API. Every helper throws std::runtime_error (which
// fails the calling test) when the object is missing or stored with another type than expected.
#pragma once

#include <hdf5.h>
#include <hdf5_hl.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "output/hdf5_handle.hpp"

namespace fupin::output::testing {

using detail::H5Handle;

template <class T>
struct H5Expected;
template <>
struct H5Expected<std::int32_t> {
  static hid_t file() { return H5T_STD_I32LE; }
  static hid_t memory() { return H5T_NATIVE_INT32; }
};
template <>
struct H5Expected<std::int64_t> {
  static hid_t file() { return H5T_STD_I64LE; }
  static hid_t memory() { return H5T_NATIVE_INT64; }
};
template <>
struct H5Expected<std::uint8_t> {
  static hid_t file() { return H5T_STD_U8LE; }
  static hid_t memory() { return H5T_NATIVE_UINT8; }
};
template <>
struct H5Expected<std::uint32_t> {
  static hid_t file() { return H5T_STD_U32LE; }
  static hid_t memory() { return H5T_NATIVE_UINT32; }
};
template <>
struct H5Expected<std::uint64_t> {
  static hid_t file() { return H5T_STD_U64LE; }
  static hid_t memory() { return H5T_NATIVE_UINT64; }
};
template <>
struct H5Expected<double> {
  static hid_t file() { return H5T_IEEE_F64LE; }
  static hid_t memory() { return H5T_NATIVE_DOUBLE; }
};

class H5Reader {
 public:
  explicit H5Reader(const std::string& file) : name_(file) {
    file_ = detail::file_handle(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file_.valid()) throw std::runtime_error("cannot open " + file);
  }

  [[nodiscard]] hid_t id() const { return file_.get(); }

  [[nodiscard]] bool exists(const std::string& path) const {
    return H5LTpath_valid(file_.get(), path.c_str(), true) > 0;
  }

  [[nodiscard]] H5Handle open(const std::string& path) const {
    H5Handle h = detail::object_handle(H5Oopen(file_.get(), path.c_str(), H5P_DEFAULT));
    if (!h.valid()) throw std::runtime_error(name_ + ": no object " + path);
    return h;
  }

  [[nodiscard]] H5Handle open_dataset(const std::string& path) const {
    H5Handle h = detail::dataset_handle(H5Dopen2(file_.get(), path.c_str(), H5P_DEFAULT));
    if (!h.valid()) throw std::runtime_error(name_ + ": no dataset " + path);
    return h;
  }

  [[nodiscard]] std::vector<hsize_t> dims(const std::string& path) const {
    H5Handle ds = open_dataset(path);
    H5Handle space = detail::dataspace_handle(H5Dget_space(ds.get()));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) throw std::runtime_error("rank of " + path);
    std::vector<hsize_t> d(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), d.data(), nullptr);
    return d;
  }

  template <class T>
  [[nodiscard]] std::vector<T> read(const std::string& path) const {
    H5Handle ds = open_dataset(path);
    H5Handle type = detail::datatype_handle(H5Dget_type(ds.get()));
    if (H5Tequal(type.get(), H5Expected<T>::file()) <= 0) {
      throw std::runtime_error(path + " is not stored with the expected type");
    }
    std::size_t n = 1;
    for (hsize_t d : dims(path)) n *= static_cast<std::size_t>(d);
    std::vector<T> values(n);
    if (n > 0 && H5Dread(ds.get(), H5Expected<T>::memory(), H5S_ALL, H5S_ALL, H5P_DEFAULT,
                         values.data()) < 0) {
      throw std::runtime_error("cannot read " + path);
    }
    return values;
  }

  // A 1-D (or scalar) dataset of variable-length UTF-8 strings.
  [[nodiscard]] std::vector<std::string> read_strings(const std::string& path) const {
    H5Handle ds = open_dataset(path);
    H5Handle type = detail::datatype_handle(H5Dget_type(ds.get()));
    check_vlen_utf8(type.get(), path);
    H5Handle space = detail::dataspace_handle(H5Dget_space(ds.get()));
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
    std::vector<char*> raw(n, nullptr);
    if (n > 0 && H5Dread(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) < 0) {
      throw std::runtime_error("cannot read " + path);
    }
    return take_strings(raw);
  }

  [[nodiscard]] bool has_attr(const std::string& object, const std::string& name) const {
    return H5Aexists_by_name(file_.get(), object.c_str(), name.c_str(), H5P_DEFAULT) > 0;
  }

  [[nodiscard]] std::vector<std::string> attr_strings(const std::string& object,
                                                      const std::string& name) const {
    H5Handle attr = open_attr(object, name);
    H5Handle type = detail::datatype_handle(H5Aget_type(attr.get()));
    check_vlen_utf8(type.get(), object + "@" + name);
    H5Handle space = detail::dataspace_handle(H5Aget_space(attr.get()));
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
    std::vector<char*> raw(n, nullptr);
    if (n > 0 && H5Aread(attr.get(), type.get(), raw.data()) < 0) {
      throw std::runtime_error("cannot read " + object + "@" + name);
    }
    return take_strings(raw);
  }

  [[nodiscard]] std::string attr_string(const std::string& object, const std::string& name) const {
    H5Handle attr = open_attr(object, name);
    H5Handle space = detail::dataspace_handle(H5Aget_space(attr.get()));
    if (H5Sget_simple_extent_type(space.get()) != H5S_SCALAR) {
      throw std::runtime_error(object + "@" + name + " is not scalar");
    }
    auto v = attr_strings(object, name);
    return v.at(0);
  }

  template <class T>
  [[nodiscard]] T attr(const std::string& object, const std::string& name) const {
    H5Handle a = open_attr(object, name);
    H5Handle type = detail::datatype_handle(H5Aget_type(a.get()));
    if (H5Tequal(type.get(), H5Expected<T>::file()) <= 0) {
      throw std::runtime_error(object + "@" + name + " is not stored with the expected type");
    }
    T value{};
    if (H5Aread(a.get(), H5Expected<T>::memory(), &value) < 0) {
      throw std::runtime_error("cannot read " + object + "@" + name);
    }
    return value;
  }

  [[nodiscard]] bool is_scale(const std::string& path) const {
    H5Handle ds = open_dataset(path);
    return H5DSis_scale(ds.get()) > 0;
  }

  [[nodiscard]] std::string scale_name(const std::string& path) const {
    H5Handle ds = open_dataset(path);
    char buf[256] = {};
    if (H5DSget_scale_name(ds.get(), buf, sizeof buf) < 0) {
      throw std::runtime_error("no scale name on " + path);
    }
    return buf;
  }

  [[nodiscard]] bool is_attached(const std::string& dataset, const std::string& scale,
                                 unsigned dim) const {
    H5Handle ds = open_dataset(dataset);
    H5Handle sc = open_dataset(scale);
    return H5DSis_attached(ds.get(), sc.get(), dim) > 0;
  }

  // Paths of all datasets in the file, in name order.
  [[nodiscard]] std::vector<std::string> dataset_paths() const {
    std::vector<std::string> paths;
    H5Lvisit(file_.get(), H5_INDEX_NAME, H5_ITER_INC, &collect_dataset, &paths);
    return paths;
  }

  // Paths of all groups and datasets in the file (without "/"), in name order.
  [[nodiscard]] std::vector<std::string> object_paths() const {
    std::vector<std::string> paths;
    H5Lvisit(file_.get(), H5_INDEX_NAME, H5_ITER_INC, &collect_object, &paths);
    return paths;
  }

  // The value of a string or number attribute as bytes (strings: their text, each with a NUL);
  // "<other>" for references and compound types (dimension scale bookkeeping).
  [[nodiscard]] std::string attr_content(const std::string& object, const std::string& name) const {
    H5Handle a = open_attr(object, name);
    H5Handle type = detail::datatype_handle(H5Aget_type(a.get()));
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls == H5T_STRING && H5Tis_variable_str(type.get()) > 0) {
      std::string all;
      for (const auto& s : attr_strings(object, name)) {
        all += s;
        all.push_back('\0');
      }
      return all;
    }
    if (cls != H5T_STRING && cls != H5T_INTEGER && cls != H5T_FLOAT) return "<other>";
    H5Handle space = detail::dataspace_handle(H5Aget_space(a.get()));
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
    std::string bytes(n * H5Tget_size(type.get()), '\0');
    if (n > 0 && H5Aread(a.get(), type.get(), bytes.data()) < 0) {
      throw std::runtime_error("cannot read " + object + "@" + name);
    }
    return bytes;
  }

  // Names of the attributes of one object.
  [[nodiscard]] std::vector<std::string> attr_names(const std::string& object) const {
    H5Handle obj = open(object);
    std::vector<std::string> names;
    H5Aiterate2(obj.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr, &collect_attr, &names);
    return names;
  }

  // The content of a dataset as bytes (strings: their concatenated text, each with a NUL), for
  // comparing files.
  [[nodiscard]] std::string content(const std::string& path) const {
    H5Handle ds = open_dataset(path);
    H5Handle type = detail::datatype_handle(H5Dget_type(ds.get()));
    if (H5Tis_variable_str(type.get()) > 0) {
      std::string all;
      for (const auto& s : read_strings(path)) {
        all += s;
        all.push_back('\0');
      }
      return all;
    }
    H5Handle space = detail::dataspace_handle(H5Dget_space(ds.get()));
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get()));
    std::string bytes(n * H5Tget_size(type.get()), '\0');
    if (n > 0 && H5Dread(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()) < 0) {
      throw std::runtime_error("cannot read " + path);
    }
    return bytes;
  }

 private:
  [[nodiscard]] H5Handle open_attr(const std::string& object, const std::string& name) const {
    H5Handle a = detail::attribute_handle(
        H5Aopen_by_name(file_.get(), object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT));
    if (!a.valid()) throw std::runtime_error(name_ + ": no attribute " + object + "@" + name);
    return a;
  }

  static void check_vlen_utf8(hid_t type, const std::string& what) {
    if (H5Tget_class(type) != H5T_STRING || H5Tis_variable_str(type) <= 0 ||
        H5Tget_cset(type) != H5T_CSET_UTF8) {
      throw std::runtime_error(what + " is not a variable-length UTF-8 string");
    }
  }

  static std::vector<std::string> take_strings(std::vector<char*>& raw) {
    std::vector<std::string> out;
    out.reserve(raw.size());
    for (char* p : raw) {
      out.emplace_back(p != nullptr ? p : "");
      H5free_memory(p);
    }
    return out;
  }

  static herr_t collect_dataset(hid_t group, const char* name, const H5L_info_t* /*info*/,
                                void* data) {
    const hid_t obj = H5Oopen(group, name, H5P_DEFAULT);
    if (obj < 0) return -1;
    if (H5Iget_type(obj) == H5I_DATASET) {
      static_cast<std::vector<std::string>*>(data)->push_back(std::string("/") + name);
    }
    H5Oclose(obj);
    return 0;
  }

  static herr_t collect_object(hid_t /*group*/, const char* name, const H5L_info_t* /*info*/,
                               void* data) {
    static_cast<std::vector<std::string>*>(data)->push_back(std::string("/") + name);
    return 0;
  }

  static herr_t collect_attr(hid_t /*loc*/, const char* name, const H5A_info_t* /*info*/,
                             void* data) {
    static_cast<std::vector<std::string>*>(data)->push_back(name);
    return 0;
  }

  std::string name_;
  H5Handle file_;
};

}  // namespace fupin::output::testing
