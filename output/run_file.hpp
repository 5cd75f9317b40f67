// The HDF5 run file: one file per run holding the metadata, the geography and, per variant, the
// yearly summary, the township cohorts, the money ledger and the yearly series of each programme.
// The layout is described in docs/output.md.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "models/household_year.hpp"
#include "models/results.hpp"
#include "output/output_error.hpp"

namespace fupin::output {

// Layout version written to /meta as attribute `layout_version`; bump it when the layout changes.
// 1: meta, geography, per variant summary, township_cohort and ledger.
// 2: adds /variants/<variant>/programmes/<programme> (ProgrammeSeries).
// 3: income components in summary, /meta@warnings, programmes' saved money.
// 4: by_level results by region, the household panel, per-variant seed and scenario, cause names,
//    global attributes, compressed large datasets.
// 5: /variants/<variant>/replicates (key yearly metrics of every replicate, their means and 95%
//    intervals).
// 6: /variants/<variant>@counterfactual (the variant it is compared with, when the scenario names
// one).
inline constexpr int kRunFileLayoutVersion = 6;

// Writes the run to `path` atomically: to "<path>.tmp-<pid>" in the same directory, fsync(2), then
// rename(2). On any failure the temporary is removed and an OutputError is thrown naming the path
// and the HDF5 call; `path` is never left half-written, and an existing file at `path` is only
// replaced by a complete one.
//
// The content is deterministic: no timestamps are stored, so the same RunResult gives the same
// bytes, and runs that differ only in `threads` give files that differ only in /meta@threads.
//
// Calls are serialised within the process (HDF5 keeps global state); HDF5's automatic error
// printing is turned off during the call and restored afterwards.
//
// `cancelled`, if given, is asked before each part of the file (metadata, geography, each variant)
// and once more just before the rename; when it returns true the write stops, the temporary is
// removed and WriteCancelled is thrown.
void write_run_file(const models::RunResult& run, const std::string& path,
                    const std::function<bool()>& cancelled = {});

// The same file written while the run goes on: each variant is added as soon as it has run, and its
// household panel year by year as each panel year ends (add_panel_year, from the simulation's
// HouseholdYearCallback) or with the variant (a panel collected in VariantResult::households), so
// that no panel is held in memory. The file is written to "<path>.tmp-<pid>" in the same directory
// (HDF5 writes it there as it grows: memory does not grow with the panel) and published by finish()
// exactly as write_run_file does: the path is untouched until then, and the temporary is removed
// when anything fails, when the writer is cancelled or destroyed before finish(). Without streamed
// panel years the bytes are those write_run_file writes for the finished RunResult; with them the
// datasets are the same (their places in the file differ).
//
//   RunFileWriter file(path, cancelled);
//   for each variant v as it runs:
//     for each panel year as it ends: file.add_panel_year(year);    // optional
//     once it has run: file.add_variant(run_so_far, v);  // `run` holds the metadata
//   file.finish(run);  // after the comparisons with counterfactuals are known
//
// Each call holds the HDF5 lock only while it runs. Errors and cancellation are as for
// write_run_file (checked before each panel year, the metadata, the geography, each variant and
// the rename); after one the writer holds nothing and cannot be used further.
class RunFileWriter {
 public:
  explicit RunFileWriter(std::string path, std::function<bool()> cancelled = {});
  RunFileWriter(const RunFileWriter&) = delete;
  RunFileWriter& operator=(const RunFileWriter&) = delete;
  ~RunFileWriter();

  // Writes one year of the household panel of the variant that is running (the years of a variant
  // in order, all of them before the variant is added).
  void add_panel_year(const models::HouseholdYear& year);
  // Writes `variant` (the first call also writes the metadata and the geography of `run`, whose
  // `variants` are ignored): everything but the counterfactual comparisons; its household panel
  // from the years added, if any, else from `variant.households`.
  void add_variant(const models::RunResult& run, const models::VariantResult& variant);
  // Writes the counterfactual comparisons and the replicates of every variant of `run` (which must
  // be the variants added, in the same order) and publishes the file at the path.
  void finish(const models::RunResult& run);

 private:
  struct File;
  void open_file();
  void start(const models::RunResult& run, const std::vector<std::uint8_t>* village_priority);
  void discard() noexcept;
  std::string path_;
  std::string subject_;
  std::function<bool()> cancelled_;
  std::unique_ptr<File> file_;
  std::size_t variants_ = 0;
};

}  // namespace fupin::output
