// The layout of the run file (docs/output.md): what is written where, with which units and
// descriptions. Private to the output layer; write_run_file (run_file.hpp) is the public entry.
#pragma once

#include <functional>

#include "models/results.hpp"
#include "output/hdf5_writer.hpp"

namespace fupin::output::detail {

// Writes `run` into the empty file of `w`: /meta, /geography and /variants/<variant>/... in that
// order. `before_each_part` is called before the metadata, the geography and each variant (it may
// throw to stop the write). Data that cannot be stored throws OutputError (Hdf5Writer::invalid).
void write_run_layout(Hdf5Writer& w, const models::RunResult& run, const std::function<void()>& before_each_part);

}  // namespace fupin::output::detail
