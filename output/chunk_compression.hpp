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
// chunks of shape `chunk` whose first index along dimension 0 is one of the `bands` consecutive
// bands from `first_band`: rows first_band * chunk[0] onwards, the first of them at `rows`.
// Chunks at the edges are padded with zeros to the full chunk shape, as HDF5 stores them. The
// chunks of all the bands are compressed together in parallel (a band of one chunk, such as a
// row of the results by village, leaves no work for a second thread on its own). packed[k]
// (grown as needed; its memory is reused from call to call) receives chunk k % chunks_per_band
// of band first_band + k / chunks_per_band, in chunk order; returns the number of chunks, 0 if
// zlib failed.
std::size_t compress_chunk_bands(const std::vector<hsize_t>& chunk,
                                 const std::vector<hsize_t>& dims, std::size_t first_band,
                                 std::size_t bands, const unsigned char* rows, std::size_t element,
                                 std::vector<std::vector<unsigned char>>& packed);

// The number of chunks in one band (the chunk grid beyond dimension 0).
std::size_t chunks_per_band(const std::vector<hsize_t>& chunk, const std::vector<hsize_t>& dims);

// The origin in the dataset of the band's chunk k.
std::vector<hsize_t> band_chunk_origin(const std::vector<hsize_t>& chunk,
                                       const std::vector<hsize_t>& dims, std::size_t band,
                                       std::size_t k);

}  // namespace fupin::output::detail
