// A small writer of HDF5 files built in memory: groups, datasets of numbers and strings, string and
// number attributes, and dimension scales. The run file (run_file_layout.cpp) is written with it;
// any other file of fupin (e.g. a file of several runs) can be too.
//
// Conventions of every file it writes (docs/output.md):
// - links are stored in creation order (tracked and indexed), object modification times are off,
//   so the same calls give the same bytes;
// - numbers are little-endian and fixed width; strings are variable-length UTF-8, and cannot hold
//   NUL (OutputError);
// - every dataset gets the string attributes `units` and `description` (string datasets have the
//   units "");
// - a dimension scale is a 1-D dataset named after its dimension (netCDF-4 / xarray convention).
//
// Every failing HDF5 call throws OutputError naming the subject ("run file 'out/run.h5'"), the call
// and the object, e.g. `cannot write run file 'out/run.h5': H5Gcreate2(/variants/base) failed: …`.
// Private to the output layer: this header includes <hdf5.h>. HDF5 keeps global state, so callers
// hold hdf5_mutex() (and usually ErrorPrintingOff) while a writer is alive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "output/hdf5_handle.hpp"

namespace fupin::output::detail {

// Serialises HDF5 within the process: every writer of the output layer is used under this lock.
std::mutex& hdf5_mutex();

// The calling thread's HDF5 error stack as text ("outermost; innermost (minor)"); clears it.
std::string hdf5_error_stack();

// An open group or dataset and its path in the file (for error messages).
struct Node {
  H5Handle handle;
  std::string path;
  [[nodiscard]] hid_t id() const { return handle.get(); }
};

// A dataset created unlinked (not yet in any group) and written row by row (rows along its first
// dimension, in order), e.g. one year of a panel as each year of a run ends; Hdf5Writer::link puts
// it into a group once every row is written. Rows of a chunk that spans several rows are held here
// until the chunk is complete.
struct RowDataset {
  Node node;
  H5Handle dcpl;  // chunked and compressed, or contiguous
  std::vector<hsize_t> dims;
  std::vector<hsize_t> chunk;  // empty: contiguous
  std::size_t element = 0;     // bytes per element
  hid_t memory_type = -1;
  std::size_t rows_written = 0;
  std::vector<unsigned char> band;  // rows of the chunks not yet complete
  [[nodiscard]] std::size_t row_bytes() const;
};

// One HDF5 file, built with the calls below. In memory (the core driver, no backing store): take
// its bytes with image() and write them wherever they belong (atomic_file.hpp), then close(). On
// disk (Storage::disk, HDF5's sec2 driver, the file `name` created or truncated): close() flushes
// it.
//
// The number templates (dataset, attr_scalar) are defined for std::int32_t, std::int64_t,
// std::uint8_t, std::uint32_t, std::uint64_t and double.
class Hdf5Writer {
 public:
  // `subject` names the file in error messages ("run file 'out/run.h5'"); `name` is the in-memory
  // file's name (nothing is written there).
  enum class Storage { memory, disk };
  Hdf5Writer(std::string subject, const std::string& name, Storage storage = Storage::memory);
  Hdf5Writer(const Hdf5Writer&) = delete;
  Hdf5Writer& operator=(const Hdf5Writer&) = delete;

  // The root group "/".
  Node root();
  Node group(const Node& parent, const std::string& name);
  // An object already in the file (a group or a dataset), by its absolute path.
  Node open(const std::string& path);

  // ----- attributes -----
  void attr_string(const Node& object, const char* name, const std::string& value);
  void attr_strings(const Node& object, const char* name, const std::vector<std::string>& values);
  template <class T>
  void attr_scalar(const Node& object, const char* name, T value);

  // ----- datasets (each with its `units` and `description`) -----
  // `dims` of row-major `data`; an empty dataset (a zero dimension) is created but not written.
  template <class T>
  Node dataset(const Node& parent, const std::string& name, const std::vector<hsize_t>& dims,
               const T* data, const char* units, const std::string& description);
  // A 1-D dataset of `values`.
  template <class T>
  Node dataset(const Node& parent, const std::string& name, const std::vector<T>& values,
               const char* units, const std::string& description) {
    return dataset(parent, name, {values.size()}, values.data(), units, description);
  }
  // A dataset of shape `dims` stored exactly as dataset() would store it (same chunks, filters and
  // compressed bytes), created unlinked; `path` names it in messages. Write its rows with
  // write_row, in order, then link it.
  template <class T>
  RowDataset row_dataset(const std::string& path, const std::vector<hsize_t>& dims);
  // The next row of `ds`: `row` holds the product of dims[1..] elements (row-major).
  void write_row(RowDataset& ds, const void* row);
  // Links `ds`, every row written, into `parent` as `name`, with its `units` and `description`.
  Node link(RowDataset&& ds, const Node& parent, const std::string& name, const char* units,
            const std::string& description);

  Node string_dataset(const Node& parent, const std::string& name,
                      const std::vector<std::string>& values, const std::string& description);
  Node scalar_string_dataset(const Node& parent, const std::string& name, const std::string& value,
                             const std::string& description);

  // ----- dimension scales -----
  // Marks `ds` as the dimension scale of `dimension` (name it after its dataset).
  void make_scale(const Node& ds, const std::string& dimension);
  // Attaches `scale` to dimension `dim` of `ds`.
  void attach(const Node& ds, const Node& scale, unsigned dim);
  // An int32 scale 0..n-1, with units "index", for a dimension that has no natural coordinate.
  Node index_scale(const Node& parent, const std::string& name, std::size_t n,
                   const std::string& description);

  // ----- the file -----
  // The bytes of the file as it stands (flushed first).
  std::vector<char> image();
  // Closes the file; fails if an object in it is still open.
  void close();

  // ----- checks of data before it is written (OutputError naming the subject) -----
  [[noreturn]] void invalid(const std::string& what) const;
  // Strings are stored as C strings, which cannot hold NUL.
  void check_string(const std::string& s, const std::string& what) const;
  // A link name: not empty, not ".", no '/', no NUL; `object` says what it names.
  void check_name(const std::string& name, const std::string& what,
                  const char* object = "group") const;
  // `n` as a count or index of an int32 dataset.
  std::int32_t to_int32(std::size_t n, const std::string& what) const;

 private:
  [[noreturn]] void fail(std::string_view call, std::string_view object) const;
  hid_t check_id(hid_t id, std::string_view call, std::string_view object) const;
  void check(herr_t status, std::string_view call, std::string_view object) const;
  void describe(const Node& dataset, const char* units, const std::string& description);
  H5Handle storage_plist(const std::string& path, const std::vector<hsize_t>& dims,
                         std::size_t element);
  void write_compressed_chunks(const Node& ds, hid_t dcpl, const std::vector<hsize_t>& dims,
                               const unsigned char* data, std::size_t element);
  // The chunks of `bands` consecutive bands from `first_band` (rows from `rows`), compressed
  // together in parallel and written in chunk order.
  void write_chunk_bands(const Node& ds, const std::vector<hsize_t>& chunk,
                         const std::vector<hsize_t>& dims, std::size_t first_band,
                         std::size_t bands, const unsigned char* rows, std::size_t element);

  std::string subject_;
  std::string name_;
  std::vector<std::vector<unsigned char>> packed_;  // compressed chunks (write_chunk_bands)
  H5Handle fcpl_;
  H5Handle fapl_;
  H5Handle gcpl_;
  H5Handle dcpl_;
  H5Handle string_type_;
  H5Handle file_;  // declared last, so closed first, after every group and dataset (held by the
                   // caller's Nodes, which must not outlive the writer) is already closed
};

}  // namespace fupin::output::detail
