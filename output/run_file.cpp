// Writes a RunResult to one HDF5 file: the layout (run_file_layout.cpp) is built in memory by the
// HDF5 writer (hdf5_writer.cpp), variant by variant, and published atomically (atomic_file.cpp).
#include "output/run_file.hpp"

#include <mutex>
#include <utility>
#include <vector>

#include "output/atomic_file.hpp"
#include "output/hdf5_handle.hpp"
#include "output/hdf5_writer.hpp"
#include "output/run_file_layout.hpp"

namespace fupin::output {

struct RunFileWriter::File {
  File(const std::string& subject, const std::string& name) : writer(subject, name) {}
  detail::Hdf5Writer writer;
};

RunFileWriter::RunFileWriter(std::string path, std::function<bool()> cancelled)
    : path_(std::move(path)), subject_("run file '" + path_ + "'"), cancelled_(std::move(cancelled)) {
  if (path_.empty()) throw OutputError("cannot write run file: the path is empty");
}

RunFileWriter::~RunFileWriter() {
  if (!file_) return;
  std::lock_guard lock(detail::hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  file_.reset();
}

void RunFileWriter::start(const models::RunResult& run, const std::vector<std::uint8_t>* village_priority) {
  const auto checkpoint = [&] {
    if (cancelled_ && cancelled_()) throw WriteCancelled("writing " + subject_ + " cancelled");
  };
  checkpoint();
  // The in-memory file is named after the temporary it will be written to (nothing is written there).
  file_ = std::make_unique<File>(subject_, detail::temporary_path(path_));
  detail::write_run_header(file_->writer, run);
  checkpoint();
  detail::write_run_geography(file_->writer, run, village_priority);
}

void RunFileWriter::add_variant(const models::RunResult& run, const models::VariantResult& variant) {
  std::lock_guard lock(detail::hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  try {
    if (!file_) start(run, &variant.village_priority);
    if (cancelled_ && cancelled_()) throw WriteCancelled("writing " + subject_ + " cancelled");
    detail::write_run_variant(file_->writer, run, variant);
    ++variants_;
  } catch (...) {
    file_.reset();
    throw;
  }
}

void RunFileWriter::finish(const models::RunResult& run) {
  std::lock_guard lock(detail::hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  try {
    if (!file_) start(run, nullptr);
    if (run.variants.size() != variants_) {
      throw OutputError("cannot write " + subject_ + ": " + std::to_string(variants_) + " variants were added but " +
                        std::to_string(run.variants.size()) + " are finished");
    }
    detail::write_atomically(
        path_, subject_,
        [&](const std::string&) {
          detail::write_run_comparisons(file_->writer, run);
          std::vector<char> image = file_->writer.image();
          file_->writer.close();
          return image;
        },
        cancelled_, run.scenario_file);
  } catch (...) {
    file_.reset();
    throw;
  }
  file_.reset();
}

void write_run_file(const models::RunResult& run, const std::string& path, const std::function<bool()>& cancelled) {
  RunFileWriter file(path, cancelled);
  for (const models::VariantResult& variant : run.variants) file.add_variant(run, variant);
  file.finish(run);
}

}  // namespace fupin::output
