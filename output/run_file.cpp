// Writes a RunResult to one HDF5 file: the layout (run_file_layout.cpp) is written by the HDF5
// writer (hdf5_writer.cpp) into a temporary file, variant by variant (and the household panel year
// by year), and published atomically (atomic_file.cpp).
#include "output/run_file.hpp"

#include <cstdio>
#include <mutex>
#include <utility>
#include <vector>

#include "output/atomic_file.hpp"
#include "output/hdf5_handle.hpp"
#include "output/hdf5_writer.hpp"
#include "output/household_panel.hpp"
#include "output/run_file_layout.hpp"

namespace fupin::output {

struct RunFileWriter::File {
  File(const std::string& subject, const std::string& name)
      : writer(subject, name, detail::Hdf5Writer::Storage::disk), temporary(name) {}
  detail::Hdf5Writer writer;
  detail::PanelDatasets panel;  // declared after the writer: closed before the file
  std::string temporary;
  bool started = false;  // the header and geography are written
};

RunFileWriter::RunFileWriter(std::string path, std::function<bool()> cancelled)
    : path_(std::move(path)),
      subject_("run file '" + path_ + "'"),
      cancelled_(std::move(cancelled)) {
  if (path_.empty()) throw OutputError("cannot write run file: the path is empty");
}

RunFileWriter::~RunFileWriter() {
  if (!file_) return;
  std::lock_guard lock(detail::hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  discard();
}

// Closes every HDF5 object of the file and removes the temporary.
void RunFileWriter::discard() noexcept {
  if (!file_) return;
  const std::string temporary = file_->temporary;
  file_.reset();
  std::remove(temporary.c_str());
}

void RunFileWriter::open_file() {
  if (file_) return;
  const std::string temporary = detail::create_temporary(path_, subject_);
  try {
    file_ = std::make_unique<File>(subject_, temporary);
  } catch (...) {
    std::remove(temporary.c_str());  // H5Fcreate may have created it before failing
    throw;
  }
}

void RunFileWriter::start(const models::RunResult& run,
                          const std::vector<std::uint8_t>* village_priority) {
  const auto checkpoint = [&] {
    if (cancelled_ && cancelled_()) throw WriteCancelled("writing " + subject_ + " cancelled");
  };
  checkpoint();
  open_file();
  detail::write_run_header(file_->writer, run);
  checkpoint();
  detail::write_run_geography(file_->writer, run, village_priority);
  file_->started = true;
}

void RunFileWriter::add_panel_year(const models::HouseholdYear& year) {
  std::lock_guard lock(detail::hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  try {
    if (cancelled_ && cancelled_()) throw WriteCancelled("writing " + subject_ + " cancelled");
    open_file();
    if (!file_->panel.empty() && file_->panel.variant() != year.variant) {
      throw OutputError("cannot write " + subject_ + ": the household panel of variant '" +
                        file_->panel.variant() + "' was not followed by the variant");
    }
    file_->panel.add_year(file_->writer, year);
  } catch (...) {
    discard();
    throw;
  }
}

void RunFileWriter::add_variant(const models::RunResult& run,
                                const models::VariantResult& variant) {
  std::lock_guard lock(detail::hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  try {
    if (!file_ || !file_->started) start(run, &variant.village_priority);
    if (cancelled_ && cancelled_()) throw WriteCancelled("writing " + subject_ + " cancelled");
    detail::write_run_variant(file_->writer, run, variant, &file_->panel);
    if (!file_->panel.empty()) {
      throw OutputError("cannot write " + subject_ + ": the household panel of variant '" +
                        file_->panel.variant() + "' was not followed by the variant (variant '" +
                        variant.name + "' came)");
    }
    ++variants_;
  } catch (...) {
    discard();
    throw;
  }
}

void RunFileWriter::finish(const models::RunResult& run) {
  std::lock_guard lock(detail::hdf5_mutex());
  detail::ErrorPrintingOff quiet;
  try {
    if (!file_ || !file_->started) start(run, nullptr);
    if (run.variants.size() != variants_) {
      throw OutputError("cannot write " + subject_ + ": " + std::to_string(variants_) +
                        " variants were added but " + std::to_string(run.variants.size()) +
                        " are finished");
    }
    detail::write_run_comparisons(file_->writer, run);
    file_->writer.close();
    const std::string temporary = file_->temporary;
    file_.reset();
    detail::publish(temporary, path_, subject_, cancelled_, run.scenario_file);
  } catch (...) {
    discard();
    throw;
  }
}

void write_run_file(const models::RunResult& run, const std::string& path,
                    const std::function<bool()>& cancelled) {
  RunFileWriter file(path, cancelled);
  for (const models::VariantResult& variant : run.variants) file.add_variant(run, variant);
  file.finish(run);
}

}  // namespace fupin::output
