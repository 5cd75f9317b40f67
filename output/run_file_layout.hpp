// The layout of the run file (docs/output.md): what is written where, with which units and
// descriptions. Private to the output layer; write_run_file (run_file.hpp) is the public entry.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/results.hpp"
#include "output/hdf5_writer.hpp"

namespace fupin::output::detail {

class PanelDatasets;

// The parts of a run file, written into the empty file of `w` in this order (each variant as soon
// as it has run, so that a large household panel is compressed and released variant by variant):
//   write_run_header       the global attributes and /meta (everything of `run` but its variants);
//   write_run_geography    /geography, with the first variant's village priorities (null: none),
//                          and the empty /variants group;
//   write_run_variant      /variants/<variant>/..., once per variant in scenario order, except
//                          the series that compare it with its counterfactual; its household
//                          panel is the one of `streamed` if that holds the variant's, else the
//                          one collected in the VariantResult;
//   write_run_comparisons  those series (people_lifted, cost_per_person_lifted) of every variant of
//                          `run`, the last datasets of each summary, and each variant's
//                          replicates group (its last group).
// Data that cannot be stored throws OutputError (Hdf5Writer::invalid).
//
// The description of a `cause` scale: "primary cause of poverty: 0 illness, 1 disability, ...".
std::string cause_scale_description();
void write_run_header(Hdf5Writer& w, const models::RunResult& run);
void write_run_geography(Hdf5Writer& w, const models::RunResult& run,
                         const std::vector<std::uint8_t>* village_priority);
void write_run_variant(Hdf5Writer& w, const models::RunResult& run,
                       const models::VariantResult& variant, PanelDatasets* streamed = nullptr);
void write_run_comparisons(Hdf5Writer& w, const models::RunResult& run);

}  // namespace fupin::output::detail
