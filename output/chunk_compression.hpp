// Chunks of a dataset compressed exactly as HDF5's shuffle and deflate filters would compress them
// (byte shuffle, then a zlib stream), in parallel, for the HDF5 writer to store with
// H5Dwrite_chunk (hdf5_writer.cpp). The bytes do not depend on the thread count. Private to the
// output layer.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <vector>

namespace fupin::output::detail {

// The deflate level of compressed datasets (their filter declares it).
inline constexpr int kDeflateLevel = 1;

// Compresses the chunks of a dataset of shape `dims` (row-major, `element` bytes per element) in
// chunks of shape `chunk` whose first index along dimension 0 is `band`: rows band * chunk[0]
// onwards, the first of them at `rows`. Chunks at the edges are padded with zeros to the full chunk
// shape, as HDF5 stores them. packed[k] (grown as needed; its memory is reused from call to call)
// receives the band's chunk k, in chunk order; returns the number of chunks, 0 if zlib failed.
std::size_t compress_chunk_band(const std::vector<hsize_t>& chunk, const std::vector<hsize_t>& dims,
                                std::size_t band, const unsigned char* rows, std::size_t element,
                                std::vector<std::vector<unsigned char>>& packed);

// The origin in the dataset of the band's chunk k.
std::vector<hsize_t> band_chunk_origin(const std::vector<hsize_t>& chunk,
                                       const std::vector<hsize_t>& dims, std::size_t band,
                                       std::size_t k);

}  // namespace fupin::output::detail
