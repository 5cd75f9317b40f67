// The generic HDF5 writer (output/hdf5_writer.hpp) and the atomic write (output/atomic_file.hpp)
// on their own, without the run file's layout.
#include "output/hdf5_writer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "output/atomic_file.hpp"
#include "output/output_error.hpp"
#include "tests/output/h5_reader.hpp"

namespace fupin::output::detail {
namespace {

namespace fs = std::filesystem;
using testing::H5Reader;
using ::testing::HasSubstr;

class Hdf5WriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("fupin-hdf5-writer-test-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  [[nodiscard]] std::string file(const std::string& name) const { return (dir_ / name).string(); }
  [[nodiscard]] std::size_t entries() const {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++n;
    return n;
  }

  fs::path dir_;
};

// A small file of another layout than the run file: a group, a scale, a 2-D dataset attached to it,
// strings and attributes.
std::vector<char> small_file(const std::string& name) {
  Hdf5Writer w("test file '" + name + "'", name);
  {
    Node root = w.root();
    Node runs = w.group(root, "runs");
    w.attr_string(runs, "description", "one entry per run");
    w.attr_scalar<std::uint64_t>(runs, "seed", 42);
    w.attr_strings(runs, "labels", {"a", "b"});
    Node run = w.index_scale(runs, "run", 2, "run index");
    Node labels = w.string_dataset(runs, "label", {"low", "high"}, "run label");
    w.attach(labels, run, 0);
    const std::vector<double> values = {1.5, 2.5, 3.5, 4.5, 5.5, 6.5};
    Node grid =
        w.dataset(runs, "value", {2, 3}, values.data(), "yuan", "a value per run and column");
    w.attach(grid, run, 0);
    w.scalar_string_dataset(root, "note", "plain text", "a note");
  }
  std::vector<char> image = w.image();
  w.close();
  return image;
}

TEST_F(Hdf5WriterTest, WritesGroupsDatasetsAttributesAndScales) {
  const std::string path = file("small.h5");
  {
    std::lock_guard lock(hdf5_mutex());
    write_atomically(path, "test file", small_file, {});
  }
  H5Reader r(path);
  EXPECT_EQ(r.attr_string("/runs", "description"), "one entry per run");
  EXPECT_EQ(r.attr<std::uint64_t>("/runs", "seed"), 42U);
  EXPECT_EQ(r.attr_strings("/runs", "labels"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.read<std::int32_t>("/runs/run"), (std::vector<std::int32_t>{0, 1}));
  EXPECT_TRUE(r.is_scale("/runs/run"));
  EXPECT_EQ(r.attr_string("/runs/run", "units"), "index");
  EXPECT_EQ(r.read_strings("/runs/label"), (std::vector<std::string>{"low", "high"}));
  EXPECT_EQ(r.attr_string("/runs/label", "units"), "");
  EXPECT_TRUE(r.is_attached("/runs/label", "/runs/run", 0));
  EXPECT_EQ(r.dims("/runs/value"), (std::vector<hsize_t>{2, 3}));
  EXPECT_EQ(r.read<double>("/runs/value"), (std::vector<double>{1.5, 2.5, 3.5, 4.5, 5.5, 6.5}));
  EXPECT_EQ(r.attr_string("/runs/value", "units"), "yuan");
  EXPECT_EQ(r.attr_string("/runs/value", "description"), "a value per run and column");
  EXPECT_EQ(r.attr_string("/note", "units"), "");
  EXPECT_EQ(entries(), 1U);  // no temporary left
}

// Large datasets are compressed chunk by chunk (shuffle + deflate, done in parallel by the writer):
// HDF5's own filter pipeline reads back every value, including chunks cut by the dataset's edges,
// in 1, 2 and 3 dimensions, and the file is chunked and filtered.
TEST_F(Hdf5WriterTest, LargeDatasetsAreCompressedAndReadBackExactly) {
  const std::string path = file("large.h5");
  std::vector<double> flat(400'003);
  for (std::size_t i = 0; i < flat.size(); ++i) flat[i] = 0.5 * static_cast<double>(i % 977) - 3.25;
  std::vector<std::int64_t> cube(7 * 10'007 * 3);
  for (std::size_t i = 0; i < cube.size(); ++i)
    cube[i] = static_cast<std::int64_t>(i * 2654435761U % 1000003) - 500;
  std::vector<std::uint8_t> bytes(5 * 70'001);
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 31 % 251);
  {
    std::lock_guard lock(hdf5_mutex());
    write_atomically(
        path, "test file",
        [&](const std::string& name) {
          Hdf5Writer w("test file", name);
          {
            Node root = w.root();
            w.dataset(root, "flat", flat, "1", "1-D");
            w.dataset(root, "cube", {7, 10'007, 3}, cube.data(), "fen", "3-D");
            w.dataset(root, "bytes", {5, 70'001}, bytes.data(), "1", "2-D of bytes");
            // A row of 1.6 MB: chunks split along the row, the last one cut by its edge.
            w.dataset(root, "wide", {2, 200'001}, flat.data(), "1", "2-D, rows wider than a chunk");
          }
          std::vector<char> image = w.image();
          w.close();
          return image;
        },
        {});
  }
  H5Reader r(path);
  EXPECT_EQ(r.read<double>("/flat"), flat);
  EXPECT_EQ(r.read<std::int64_t>("/cube"), cube);
  EXPECT_EQ(r.read<std::uint8_t>("/bytes"), bytes);
  EXPECT_EQ(r.read<double>("/wide"), std::vector<double>(flat.begin(), flat.begin() + 400'002));
  for (const char* name : {"/flat", "/cube", "/bytes", "/wide"}) {
    H5Handle ds = r.open_dataset(name);
    const hid_t dcpl = H5Dget_create_plist(ds.get());
    EXPECT_EQ(H5Pget_layout(dcpl), H5D_CHUNKED) << name;
    EXPECT_EQ(H5Pget_nfilters(dcpl), 2) << name;  // shuffle, deflate
    H5Pclose(dcpl);
  }
  EXPECT_LT(fs::file_size(path), flat.size() * sizeof(double) + cube.size() * sizeof(std::int64_t));
}

// The storage layout (chunk shape, or 0 for contiguous, and the number of filters) of a dataset.
std::pair<std::vector<hsize_t>, int> storage_of(const H5Reader& r, const std::string& name) {
  H5Handle ds = r.open_dataset(name);
  H5Handle dcpl = plist_handle(H5Dget_create_plist(ds.get()));
  std::vector<hsize_t> chunk(r.dims(name).size(), 0);
  if (H5Pget_layout(dcpl.get()) == H5D_CHUNKED)
    H5Pget_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data());
  return {chunk, H5Pget_nfilters(dcpl.get())};
}

// A dataset written row by row (a year at a time, as the household panel is) holds what dataset()
// writes from the whole array, stored the same way: contiguous when small; in chunks of one row,
// wider rows split; in chunks of several rows held until complete, the last band cut by the edge.
// dataset() compresses bands several at a time (about 8 MB of rows): "groups" (40 rows of 320 KB,
// a chunk each) takes two groups, the second shorter, and "banded" one group whose last band is
// cut by the edge; write_row compresses each band alone.
TEST_F(Hdf5WriterTest, DatasetsWrittenRowByRowEqualDatasetsWrittenWhole) {
  struct Case {
    const char* name;
    std::vector<hsize_t> dims;
  };
  const std::vector<Case> cases = {{"small", {3, 100}},      {"banded", {9, 8'000}},
                                   {"one_band", {7, 3'000}}, {"rows", {3, 40'000}},
                                   {"groups", {40, 40'000}}, {"wide", {2, 200'001}}};
  std::vector<std::vector<double>> data;
  for (const Case& c : cases) {
    std::vector<double> v(c.dims[0] * c.dims[1]);
    for (std::size_t i = 0; i < v.size(); ++i)
      v[i] = 0.25 * static_cast<double>(i % 1013) - static_cast<double>(i % 7);
    data.push_back(std::move(v));
  }
  std::vector<std::int64_t> cube(4 * 10'007 * 3);
  for (std::size_t i = 0; i < cube.size(); ++i)
    cube[i] = static_cast<std::int64_t>(i * 2654435761U % 1000003) - 500;
  const std::vector<hsize_t> cube_dims{4, 10'007, 3};
  const auto write = [&](const std::string& path, bool by_row) {
    std::lock_guard lock(hdf5_mutex());
    Hdf5Writer w("test file", path, Hdf5Writer::Storage::disk);
    {
      Node root = w.root();
      for (std::size_t k = 0; k < cases.size(); ++k) {
        if (!by_row) {
          w.dataset(root, cases[k].name, cases[k].dims, data[k].data(), "1", "rows");
          continue;
        }
        RowDataset ds = w.row_dataset<double>(std::string("/") + cases[k].name, cases[k].dims);
        for (hsize_t row = 0; row < cases[k].dims[0]; ++row)
          w.write_row(ds, data[k].data() + row * cases[k].dims[1]);
        w.link(std::move(ds), root, cases[k].name, "1", "rows");
      }
      if (!by_row) {
        w.dataset(root, "cube", cube_dims, cube.data(), "fen", "3-D");
      } else {
        RowDataset ds = w.row_dataset<std::int64_t>("/cube", cube_dims);
        for (hsize_t row = 0; row < cube_dims[0]; ++row)
          w.write_row(ds, cube.data() + row * cube_dims[1] * cube_dims[2]);
        EXPECT_THROW(w.write_row(ds, cube.data()), OutputError);  // a row too many
        w.link(std::move(ds), root, "cube", "fen", "3-D");
      }
    }
    w.close();
  };
  write(file("whole.h5"), false);
  write(file("rows.h5"), true);
  H5Reader whole(file("whole.h5"));
  H5Reader rows(file("rows.h5"));
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const std::string name = std::string("/") + cases[k].name;
    EXPECT_EQ(rows.read<double>(name), data[k]) << name;
    EXPECT_EQ(storage_of(rows, name), storage_of(whole, name)) << name;
    EXPECT_EQ(rows.attr_string(name, "units"), "1");
  }
  EXPECT_EQ(rows.read<std::int64_t>("/cube"), cube);
  EXPECT_EQ(storage_of(rows, "/cube"), storage_of(whole, "/cube"));
  // The cases cover each way of storing: contiguous, rows held in bands, one chunk row per row.
  EXPECT_EQ(storage_of(whole, "/small").second, 0);
  EXPECT_EQ(storage_of(whole, "/banded").first, (std::vector<hsize_t>{4, 8'000}));
  EXPECT_EQ(storage_of(whole, "/rows").first[0], 1U);
  EXPECT_EQ(storage_of(whole, "/groups").first, (std::vector<hsize_t>{1, 40'000}));
}

// A dataset linked before every row is written is refused; an unlinked one leaves nothing behind.
TEST_F(Hdf5WriterTest, ARowDatasetIsLinkedOnlyWhenComplete) {
  std::lock_guard lock(hdf5_mutex());
  ErrorPrintingOff quiet;
  Hdf5Writer w("test file 'x.h5'", file("x.h5"), Hdf5Writer::Storage::disk);
  {
    Node root = w.root();
    std::vector<double> row(50'000, 1.5);
    RowDataset ds = w.row_dataset<double>("/x", {3, 50'000});
    w.write_row(ds, row.data());
    try {
      w.link(std::move(ds), root, "x", "1", "x");
      FAIL() << "linked with rows missing";
    } catch (const OutputError& e) {
      EXPECT_THAT(e.what(), HasSubstr("/x has 1 of its 3 rows written"));
    }
  }
  w.close();
  H5Reader r(file("x.h5"));
  EXPECT_FALSE(r.exists("/x"));
}

TEST_F(Hdf5WriterTest, SameCallsGiveSameBytes) {
  std::lock_guard lock(hdf5_mutex());
  EXPECT_EQ(small_file("one"), small_file("one"));
}

TEST_F(Hdf5WriterTest, FailuresNameTheSubjectTheCallAndTheObject) {
  std::lock_guard lock(hdf5_mutex());
  ErrorPrintingOff quiet;
  Hdf5Writer w("test file 'x.h5'", "x.h5");
  Node root = w.root();
  Node g = w.group(root, "g");
  try {
    (void)w.group(root, "g");
    FAIL() << "a second group of the same name was created";
  } catch (const OutputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot write test file 'x.h5': H5Gcreate2(/g) failed"));
  }
  EXPECT_THROW(w.check_name("a/b", "name"), OutputError);
  EXPECT_THROW(w.check_string(std::string("a\0b", 3), "text"), OutputError);
}

TEST_F(Hdf5WriterTest, AtomicWriteRemovesTheTemporaryOnFailureAndCancellation) {
  const std::string path = file("out.bin");
  auto bytes = [](const std::string&) { return std::vector<char>{'a', 'b'}; };
  EXPECT_THROW(write_atomically(path, "test file", bytes, [] { return true; }), WriteCancelled);
  EXPECT_EQ(entries(), 0U);
  EXPECT_THROW(
      write_atomically(
          path, "test file",
          [](const std::string&) -> std::vector<char> { throw std::runtime_error("x"); }, {}),
      std::runtime_error);
  EXPECT_EQ(entries(), 0U);
  write_atomically(path, "test file", bytes, {});
  EXPECT_EQ(fs::file_size(path), 2U);
  EXPECT_EQ(entries(), 1U);
  try {
    write_atomically(file("missing/out.bin"), "test file 'missing/out.bin'", bytes, {});
    FAIL() << "wrote into a missing directory";
  } catch (const OutputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot write test file 'missing/out.bin': open("));
  }
}

}  // namespace
}  // namespace fupin::output::detail
