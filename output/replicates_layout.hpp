// The layout of /variants/<variant>/replicates (docs/output.md): the key yearly metrics of every
// replicate of a variant with their means and 95% Student-t intervals. Private to the output layer.
#pragma once

#include "models/results.hpp"
#include "output/hdf5_writer.hpp"

namespace fupin::output::detail {

// Writes the variant's replicates group (nothing when it has no replicates) under `variant_node`.
void write_replicates(Hdf5Writer& w, const Node& variant_node, const models::RunResult& run,
                      const models::VariantResult& variant);

}  // namespace fupin::output::detail
