// The HDF5 writer of the output layer (hdf5_writer.hpp).
#include "output/hdf5_writer.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

#include "output/chunk_compression.hpp"
#include "output/output_error.hpp"

namespace fupin::output::detail {
namespace {

// File (little-endian, fixed width) and memory types of the numbers written.
template <class T>
struct H5Types;
template <>
struct H5Types<std::int32_t> {
  static hid_t file() { return H5T_STD_I32LE; }
  static hid_t memory() { return H5T_NATIVE_INT32; }
};
template <>
struct H5Types<std::int64_t> {
  static hid_t file() { return H5T_STD_I64LE; }
  static hid_t memory() { return H5T_NATIVE_INT64; }
};
template <>
struct H5Types<std::uint8_t> {
  static hid_t file() { return H5T_STD_U8LE; }
  static hid_t memory() { return H5T_NATIVE_UINT8; }
};
template <>
struct H5Types<std::uint32_t> {
  static hid_t file() { return H5T_STD_U32LE; }
  static hid_t memory() { return H5T_NATIVE_UINT32; }
};
template <>
struct H5Types<std::uint64_t> {
  static hid_t file() { return H5T_STD_U64LE; }
  static hid_t memory() { return H5T_NATIVE_UINT64; }
};
template <>
struct H5Types<double> {
  static hid_t file() { return H5T_IEEE_F64LE; }
  static hid_t memory() { return H5T_NATIVE_DOUBLE; }
};

constexpr const char* kNoUnits = "";  // units of string datasets
constexpr const char* kIndex = "index";
// The in-memory file grows in steps of this many bytes.
constexpr std::size_t kCoreIncrement = std::size_t{4} << 20;

herr_t collect_error(unsigned /*n*/, const H5E_error2_t* err, void* data) {
  auto* entries = static_cast<std::vector<std::pair<std::string, hid_t>>*>(data);
  entries->emplace_back(err->desc != nullptr ? err->desc : "", err->min_num);
  return 0;
}

std::string child_path(const std::string& parent, const std::string& name) {
  return parent == "/" ? "/" + name : parent + "/" + name;
}

// HDF5 closes the files still open when the process exits (an atexit handler). fupin closes every
// file itself, and a file whose close failed (a full disk while HDF5 writes its last metadata) is
// left half-closed by HDF5 1.10, which that handler then crashes on: so it is not installed. This
// runs before main, before any HDF5 call initialises the library (which is when it would be).
[[maybe_unused]] const bool kNoExitHandler = [] { return H5dont_atexit() >= 0; }();

}  // namespace

std::mutex& hdf5_mutex() {
  static std::mutex m;
  return m;
}

std::string hdf5_error_stack() {
  const hid_t stack = H5Eget_current_stack();  // copies and clears the default stack
  if (stack < 0) return {};
  std::vector<std::pair<std::string, hid_t>> entries;
  H5Ewalk2(stack, H5E_WALK_DOWNWARD, &collect_error, &entries);
  H5Eclose_stack(stack);
  if (entries.empty()) return {};
  std::string text = entries.front().first;
  const auto& inner = entries.back();
  if (entries.size() > 1 && !inner.first.empty() && inner.first != text) {
    text += text.empty() ? "" : "; ";
    text += inner.first;
  }
  char minor[256] = {};
  if (H5Eget_msg(inner.second, nullptr, minor, sizeof minor) > 0) {
    text += text.empty() ? "" : " ";
    text += "(";
    text += minor;
    text += ")";
  }
  return text;
}

Hdf5Writer::Hdf5Writer(std::string subject, const std::string& name, Storage storage)
    : subject_(std::move(subject)), name_(name) {
  fcpl_ = plist_handle(check_id(H5Pcreate(H5P_FILE_CREATE), "H5Pcreate", "file"));
  check(H5Pset_link_creation_order(fcpl_.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "H5Pset_link_creation_order", "file");
  check(H5Pset_obj_track_times(fcpl_.get(), false), "H5Pset_obj_track_times", "file");
  fapl_ = plist_handle(check_id(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate", "file access"));
  // Closing the file fails if an object in it is still open, instead of silently staying open.
  check(H5Pset_fclose_degree(fapl_.get(), H5F_CLOSE_SEMI), "H5Pset_fclose_degree", "file");
  if (storage == Storage::memory) {
    // The file is built in memory (the core driver, no backing store) and written to disk by the
    // caller: a disk that fills up fails a write(2) the caller handles, never an HDF5 close.
    check(H5Pset_fapl_core(fapl_.get(), kCoreIncrement, false), "H5Pset_fapl_core", "file access");
  } else {
    check(H5Pset_fapl_sec2(fapl_.get()), "H5Pset_fapl_sec2", "file access");
    // The file is this process's own temporary: no lock (which some file systems refuse).
    check(H5Pset_file_locking(fapl_.get(), false, true), "H5Pset_file_locking", "file access");
  }
  gcpl_ = plist_handle(check_id(H5Pcreate(H5P_GROUP_CREATE), "H5Pcreate", "group"));
  check(H5Pset_link_creation_order(gcpl_.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "H5Pset_link_creation_order", "group");
  check(H5Pset_obj_track_times(gcpl_.get(), false), "H5Pset_obj_track_times", "group");
  dcpl_ = plist_handle(check_id(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate", "dataset"));
  check(H5Pset_obj_track_times(dcpl_.get(), false), "H5Pset_obj_track_times", "dataset");
  string_type_ = datatype_handle(check_id(H5Tcopy(H5T_C_S1), "H5Tcopy", "string type"));
  check(H5Tset_size(string_type_.get(), H5T_VARIABLE), "H5Tset_size", "string type");
  check(H5Tset_cset(string_type_.get(), H5T_CSET_UTF8), "H5Tset_cset", "string type");

  file_ = file_handle(check_id(H5Fcreate(name_.c_str(), H5F_ACC_TRUNC, fcpl_.get(), fapl_.get()),
                               "H5Fcreate", name_));
}

// ----- errors and checks -----

void Hdf5Writer::fail(std::string_view call, std::string_view object) const {
  std::string message = "cannot write " + subject_ + ": " + std::string(call) + "(" +
                        std::string(object) + ") failed";
  const std::string stack = hdf5_error_stack();
  if (!stack.empty()) message += ": " + stack;
  throw OutputError(message);
}

void Hdf5Writer::invalid(const std::string& what) const {
  throw OutputError("cannot write " + subject_ + ": " + what);
}

hid_t Hdf5Writer::check_id(hid_t id, std::string_view call, std::string_view object) const {
  if (id < 0) fail(call, object);
  return id;
}

void Hdf5Writer::check(herr_t status, std::string_view call, std::string_view object) const {
  if (status < 0) fail(call, object);
}

void Hdf5Writer::check_string(const std::string& s, const std::string& what) const {
  if (s.find('\0') != std::string::npos) invalid(what + " contains a NUL character");
}

void Hdf5Writer::check_name(const std::string& name, const std::string& what,
                            const char* object) const {
  if (name.empty() || name == "." || name.find('/') != std::string::npos) {
    invalid(what + " '" + name + "' cannot be an HDF5 " + object +
            " name (empty, '.' or containing '/')");
  }
  check_string(name, what);
}

std::int32_t Hdf5Writer::to_int32(std::size_t n, const std::string& what) const {
  if (n > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    invalid(what + " has too many entries (" + std::to_string(n) + ")");
  }
  return static_cast<std::int32_t>(n);
}

// ----- groups -----

Node Hdf5Writer::root() {
  return {group_handle(check_id(H5Gopen2(file_.get(), "/", H5P_DEFAULT), "H5Gopen2", "/")), "/"};
}

Node Hdf5Writer::group(const Node& parent, const std::string& name) {
  std::string path = child_path(parent.path, name);
  hid_t id = H5Gcreate2(parent.id(), name.c_str(), H5P_DEFAULT, gcpl_.get(), H5P_DEFAULT);
  return {group_handle(check_id(id, "H5Gcreate2", path)), std::move(path)};
}

Node Hdf5Writer::open(const std::string& path) {
  return {object_handle(check_id(H5Oopen(file_.get(), path.c_str(), H5P_DEFAULT), "H5Oopen", path)),
          path};
}

// ----- attributes -----

void Hdf5Writer::attr_string(const Node& object, const char* name, const std::string& value) {
  const std::string where = object.path + "@" + name;
  check_string(value, "attribute " + where);
  H5Handle space = dataspace_handle(check_id(H5Screate(H5S_SCALAR), "H5Screate", where));
  H5Handle attr = attribute_handle(check_id(
      H5Acreate2(object.id(), name, string_type_.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
      "H5Acreate2", where));
  const char* text = value.c_str();
  check(H5Awrite(attr.get(), string_type_.get(), &text), "H5Awrite", where);
}

void Hdf5Writer::attr_strings(const Node& object, const char* name,
                              const std::vector<std::string>& values) {
  const std::string where = object.path + "@" + name;
  std::vector<const char*> texts;
  texts.reserve(values.size());
  for (const auto& v : values) {
    check_string(v, "attribute " + where);
    texts.push_back(v.c_str());
  }
  const hsize_t dims[1] = {values.size()};
  H5Handle space =
      dataspace_handle(check_id(H5Screate_simple(1, dims, nullptr), "H5Screate_simple", where));
  H5Handle attr = attribute_handle(check_id(
      H5Acreate2(object.id(), name, string_type_.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
      "H5Acreate2", where));
  if (!texts.empty())
    check(H5Awrite(attr.get(), string_type_.get(), texts.data()), "H5Awrite", where);
}

template <class T>
void Hdf5Writer::attr_scalar(const Node& object, const char* name, T value) {
  const std::string where = object.path + "@" + name;
  H5Handle space = dataspace_handle(check_id(H5Screate(H5S_SCALAR), "H5Screate", where));
  H5Handle attr = attribute_handle(check_id(
      H5Acreate2(object.id(), name, H5Types<T>::file(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
      "H5Acreate2", where));
  check(H5Awrite(attr.get(), H5Types<T>::memory(), &value), "H5Awrite", where);
}

void Hdf5Writer::describe(const Node& dataset, const char* units, const std::string& description) {
  attr_string(dataset, "units", units);
  attr_string(dataset, "description", description);
}

// ----- datasets -----

namespace {
constexpr hsize_t kCompressFromBytes = 64 * 1024;
constexpr hsize_t kChunkBytes = 256 * 1024;

}  // namespace

// The storage of a dataset of `dims` elements of `element` bytes: large datasets are stored
// compressed (shuffle + deflate) in chunks of whole rows of about kChunkBytes; small ones
// contiguous, where compression does not pay (an invalid handle: the writer's plain dcpl).
H5Handle Hdf5Writer::storage_plist(const std::string& path, const std::vector<hsize_t>& dims,
                                   std::size_t element) {
  hsize_t count = 1;
  for (hsize_t d : dims) count *= d;
  H5Handle compressed;
  if (count * element < kCompressFromBytes || dims.empty()) return compressed;
  compressed = plist_handle(check_id(H5Pcopy(dcpl_.get()), "H5Pcopy", path));
  std::vector<hsize_t> chunk = dims;
  const hsize_t row = count / std::max<hsize_t>(dims[0], 1) * element;
  chunk[0] = std::clamp<hsize_t>(kChunkBytes / std::max<hsize_t>(row, 1), 1, dims[0]);
  for (std::size_t d = dims.size(); d-- > 1;) {
    // A single row larger than a chunk is split along its own dimensions.
    hsize_t bytes = element;
    for (std::size_t e = 0; e < dims.size(); ++e) bytes *= chunk[e];
    if (bytes <= kChunkBytes * 4) break;
    chunk[d] = std::max<hsize_t>(1, chunk[d] / ((bytes + kChunkBytes - 1) / kChunkBytes));
  }
  check(H5Pset_chunk(compressed.get(), static_cast<int>(chunk.size()), chunk.data()),
        "H5Pset_chunk", path);
  check(H5Pset_shuffle(compressed.get()), "H5Pset_shuffle", path);
  check(H5Pset_deflate(compressed.get(), kDeflateLevel), "H5Pset_deflate", path);
  return compressed;
}

// The chunks of a dataset created with the shuffle and deflate filters, compressed here in
// parallel exactly as those filters would (byte shuffle, then a zlib stream) and written with
// H5Dwrite_chunk in chunk order, so that the file is the same whatever the thread count. Bands
// (chunks sharing their rows) are compressed several at a time, about kBandGroupBytes of data:
// a row of the results by village is one chunk, so band by band there was one chunk to compress
// at a time and the zlib streams of those datasets took a thread alone.
void Hdf5Writer::write_compressed_chunks(const Node& ds, hid_t dcpl,
                                         const std::vector<hsize_t>& dims,
                                         const unsigned char* data, std::size_t element) {
  constexpr std::size_t kBandGroupBytes = 8U << 20;
  const std::size_t rank = dims.size();
  std::vector<hsize_t> chunk(rank);
  check(H5Pget_chunk(dcpl, static_cast<int>(rank), chunk.data()) == static_cast<int>(rank) ? 0 : -1,
        "H5Pget_chunk", ds.path);
  std::size_t row = element;
  for (std::size_t d = 1; d < rank; ++d) row *= dims[d];
  const std::size_t bands = (dims[0] + chunk[0] - 1) / chunk[0];
  const std::size_t band_bytes = std::max<std::size_t>(1, chunk[0] * row);
  const std::size_t group = std::clamp<std::size_t>(kBandGroupBytes / band_bytes, 1, bands);
  for (std::size_t first = 0; first < bands; first += group) {
    write_chunk_bands(ds, chunk, dims, first, std::min(group, bands - first),
                      data + first * chunk[0] * row, element);
  }
}

void Hdf5Writer::write_chunk_bands(const Node& ds, const std::vector<hsize_t>& chunk,
                                   const std::vector<hsize_t>& dims, std::size_t first_band,
                                   std::size_t bands, const unsigned char* rows,
                                   std::size_t element) {
  const std::size_t chunks =
      compress_chunk_bands(chunk, dims, first_band, bands, rows, element, packed_);
  if (chunks == 0) invalid("compressing " + ds.path + " failed (zlib)");
  const std::size_t per_band = chunks_per_band(chunk, dims);
  for (std::size_t k = 0; k < chunks; ++k) {
    const std::vector<hsize_t> origin =
        band_chunk_origin(chunk, dims, first_band + k / per_band, k % per_band);
    check(H5Dwrite_chunk(ds.id(), H5P_DEFAULT, 0, origin.data(), packed_[k].size(),
                         packed_[k].data()),
          "H5Dwrite_chunk", ds.path);
  }
}

template <class T>
Node Hdf5Writer::dataset(const Node& parent, const std::string& name,
                         const std::vector<hsize_t>& dims, const T* data, const char* units,
                         const std::string& description) {
  std::string path = child_path(parent.path, name);
  H5Handle space = dataspace_handle(
      check_id(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
               "H5Screate_simple", path));
  hsize_t count = 1;
  for (hsize_t d : dims) count *= d;
  H5Handle compressed = storage_plist(path, dims, sizeof(T));
  Node ds{dataset_handle(check_id(
              H5Dcreate2(parent.id(), name.c_str(), H5Types<T>::file(), space.get(), H5P_DEFAULT,
                         compressed.valid() ? compressed.get() : dcpl_.get(), H5P_DEFAULT),
              "H5Dcreate2", path)),
          path};
  if (count > 0 && compressed.valid()) {
    write_compressed_chunks(ds, compressed.get(), dims,
                            reinterpret_cast<const unsigned char*>(data), sizeof(T));
  } else if (count > 0) {
    check(H5Dwrite(ds.id(), H5Types<T>::memory(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "H5Dwrite",
          path);
  }
  describe(ds, units, description);
  return ds;
}

// ----- datasets written row by row -----

std::size_t RowDataset::row_bytes() const {
  std::size_t bytes = element;
  for (std::size_t d = 1; d < dims.size(); ++d) bytes *= dims[d];
  return bytes;
}

template <class T>
RowDataset Hdf5Writer::row_dataset(const std::string& path, const std::vector<hsize_t>& dims) {
  if (dims.empty()) invalid(path + " has no dimensions");
  RowDataset ds;
  ds.dims = dims;
  ds.element = sizeof(T);
  ds.memory_type = H5Types<T>::memory();
  ds.dcpl = storage_plist(path, dims, sizeof(T));
  if (ds.dcpl.valid()) {
    ds.chunk.resize(dims.size());
    check(H5Pget_chunk(ds.dcpl.get(), static_cast<int>(dims.size()), ds.chunk.data()) ==
                  static_cast<int>(dims.size())
              ? 0
              : -1,
          "H5Pget_chunk", path);
  }
  H5Handle space = dataspace_handle(
      check_id(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
               "H5Screate_simple", path));
  ds.node = {dataset_handle(check_id(
                 H5Dcreate_anon(file_.get(), H5Types<T>::file(), space.get(),
                                ds.dcpl.valid() ? ds.dcpl.get() : dcpl_.get(), H5P_DEFAULT),
                 "H5Dcreate_anon", path)),
             path};
  return ds;
}

void Hdf5Writer::write_row(RowDataset& ds, const void* row) {
  if (ds.rows_written >= ds.dims[0])
    invalid(ds.node.path + " has only " + std::to_string(ds.dims[0]) + " rows");
  const std::size_t bytes = ds.row_bytes();
  const auto* data = static_cast<const unsigned char*>(row);
  const std::size_t r = ds.rows_written++;
  if (bytes == 0) return;
  if (ds.chunk.empty()) {
    // Contiguous: the row's hyperslab.
    std::vector<hsize_t> start(ds.dims.size(), 0);
    std::vector<hsize_t> count = ds.dims;
    start[0] = r;
    count[0] = 1;
    const std::string& path = ds.node.path;
    H5Handle file_space =
        dataspace_handle(check_id(H5Dget_space(ds.node.id()), "H5Dget_space", path));
    check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                              nullptr),
          "H5Sselect_hyperslab", path);
    H5Handle memory_space = dataspace_handle(
        check_id(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr),
                 "H5Screate_simple", path));
    check(H5Dwrite(ds.node.id(), ds.memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT,
                   data),
          "H5Dwrite", path);
    return;
  }
  const std::size_t band = r / ds.chunk[0];
  const bool band_complete = r + 1 == std::min<hsize_t>((band + 1) * ds.chunk[0], ds.dims[0]);
  if (ds.chunk[0] == 1) {
    write_chunk_bands(ds.node, ds.chunk, ds.dims, band, 1, data, ds.element);
    return;
  }
  ds.band.insert(ds.band.end(), data, data + bytes);
  if (band_complete) {
    write_chunk_bands(ds.node, ds.chunk, ds.dims, band, 1, ds.band.data(), ds.element);
    ds.band.clear();
  }
}

Node Hdf5Writer::link(RowDataset&& ds, const Node& parent, const std::string& name,
                      const char* units, const std::string& description) {
  std::string path = child_path(parent.path, name);
  if (ds.rows_written != ds.dims[0]) {
    invalid(path + " has " + std::to_string(ds.rows_written) + " of its " +
            std::to_string(ds.dims[0]) + " rows written");
  }
  check(H5Olink(ds.node.id(), parent.id(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), "H5Olink",
        path);
  Node linked{std::move(ds.node.handle), std::move(path)};
  describe(linked, units, description);
  return linked;
}

Node Hdf5Writer::string_dataset(const Node& parent, const std::string& name,
                                const std::vector<std::string>& values,
                                const std::string& description) {
  std::string path = child_path(parent.path, name);
  std::vector<const char*> texts;
  texts.reserve(values.size());
  for (const auto& v : values) {
    check_string(v, "an entry of " + path);
    texts.push_back(v.c_str());
  }
  const hsize_t dims[1] = {values.size()};
  H5Handle space =
      dataspace_handle(check_id(H5Screate_simple(1, dims, nullptr), "H5Screate_simple", path));
  Node ds{dataset_handle(check_id(H5Dcreate2(parent.id(), name.c_str(), string_type_.get(),
                                             space.get(), H5P_DEFAULT, dcpl_.get(), H5P_DEFAULT),
                                  "H5Dcreate2", path)),
          path};
  if (!texts.empty()) {
    check(H5Dwrite(ds.id(), string_type_.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()),
          "H5Dwrite", path);
  }
  describe(ds, kNoUnits, description);
  return ds;
}

Node Hdf5Writer::scalar_string_dataset(const Node& parent, const std::string& name,
                                       const std::string& value, const std::string& description) {
  std::string path = child_path(parent.path, name);
  check_string(value, path);
  H5Handle space = dataspace_handle(check_id(H5Screate(H5S_SCALAR), "H5Screate", path));
  Node ds{dataset_handle(check_id(H5Dcreate2(parent.id(), name.c_str(), string_type_.get(),
                                             space.get(), H5P_DEFAULT, dcpl_.get(), H5P_DEFAULT),
                                  "H5Dcreate2", path)),
          path};
  const char* text = value.c_str();
  check(H5Dwrite(ds.id(), string_type_.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &text), "H5Dwrite",
        path);
  describe(ds, kNoUnits, description);
  return ds;
}

// ----- dimension scales -----

void Hdf5Writer::make_scale(const Node& ds, const std::string& dimension) {
  check(H5DSset_scale(ds.id(), dimension.c_str()), "H5DSset_scale", ds.path);
}

void Hdf5Writer::attach(const Node& ds, const Node& scale, unsigned dim) {
  check(H5DSattach_scale(ds.id(), scale.id(), dim), "H5DSattach_scale",
        ds.path + " <- " + scale.path);
}

Node Hdf5Writer::index_scale(const Node& parent, const std::string& name, std::size_t n,
                             const std::string& description) {
  std::vector<std::int32_t> index(
      static_cast<std::size_t>(to_int32(n, child_path(parent.path, name))));
  for (std::size_t i = 0; i < index.size(); ++i) index[i] = static_cast<std::int32_t>(i);
  Node scale = dataset(parent, name, index, kIndex, description);
  make_scale(scale, name);
  return scale;
}

// ----- the file -----

std::vector<char> Hdf5Writer::image() {
  check(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), "H5Fflush", name_);
  const ssize_t size = H5Fget_file_image(file_.get(), nullptr, 0);
  if (size < 0) fail("H5Fget_file_image", name_);
  std::vector<char> bytes(static_cast<std::size_t>(size));
  if (H5Fget_file_image(file_.get(), bytes.data(), bytes.size()) != size)
    fail("H5Fget_file_image", name_);
  return bytes;
}

void Hdf5Writer::close() { check(file_.close(), "H5Fclose", name_); }

// The number types the templates are defined for.
template void Hdf5Writer::attr_scalar<std::int32_t>(const Node&, const char*, std::int32_t);
template void Hdf5Writer::attr_scalar<std::int64_t>(const Node&, const char*, std::int64_t);
template void Hdf5Writer::attr_scalar<std::uint8_t>(const Node&, const char*, std::uint8_t);
template void Hdf5Writer::attr_scalar<std::uint32_t>(const Node&, const char*, std::uint32_t);
template void Hdf5Writer::attr_scalar<std::uint64_t>(const Node&, const char*, std::uint64_t);
template void Hdf5Writer::attr_scalar<double>(const Node&, const char*, double);
template RowDataset Hdf5Writer::row_dataset<std::int32_t>(const std::string&,
                                                          const std::vector<hsize_t>&);
template RowDataset Hdf5Writer::row_dataset<std::int64_t>(const std::string&,
                                                          const std::vector<hsize_t>&);
template RowDataset Hdf5Writer::row_dataset<std::uint8_t>(const std::string&,
                                                          const std::vector<hsize_t>&);
template RowDataset Hdf5Writer::row_dataset<double>(const std::string&,
                                                    const std::vector<hsize_t>&);
template Node Hdf5Writer::dataset<std::int32_t>(const Node&, const std::string&,
                                                const std::vector<hsize_t>&, const std::int32_t*,
                                                const char*, const std::string&);
template Node Hdf5Writer::dataset<std::int64_t>(const Node&, const std::string&,
                                                const std::vector<hsize_t>&, const std::int64_t*,
                                                const char*, const std::string&);
template Node Hdf5Writer::dataset<std::uint8_t>(const Node&, const std::string&,
                                                const std::vector<hsize_t>&, const std::uint8_t*,
                                                const char*, const std::string&);
template Node Hdf5Writer::dataset<std::uint32_t>(const Node&, const std::string&,
                                                 const std::vector<hsize_t>&, const std::uint32_t*,
                                                 const char*, const std::string&);
template Node Hdf5Writer::dataset<std::uint64_t>(const Node&, const std::string&,
                                                 const std::vector<hsize_t>&, const std::uint64_t*,
                                                 const char*, const std::string&);
template Node Hdf5Writer::dataset<double>(const Node&, const std::string&,
                                          const std::vector<hsize_t>&, const double*, const char*,
                                          const std::string&);

}  // namespace fupin::output::detail
