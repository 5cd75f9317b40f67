// Chunks compressed as HDF5's shuffle and deflate filters would compress them
// (chunk_compression.hpp).
#include "output/chunk_compression.hpp"

#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sim/parallel.hpp"

namespace fupin::output::detail {
namespace {

// One zlib stream of `bytes` (what HDF5's deflate filter stores) at the start of `out` (grown as
// needed, never shrunk); returns its length, 0 if zlib failed. The run-length strategy (Z_RLE)
// suits shuffled numbers: their high bytes come in long runs and their low bytes are noise that no
// match search compresses. On a household panel it made files slightly smaller than the default
// strategy at level 4, about three times faster; inflate reads any strategy.
std::size_t deflate_chunk(const unsigned char* bytes, std::size_t size,
                          std::vector<unsigned char>& out) {
  z_stream z{};
  if (deflateInit2(&z, kDeflateLevel, Z_DEFLATED, 15, 8, Z_RLE) != Z_OK) return 0;
  const std::size_t bound = deflateBound(&z, static_cast<uLong>(size));
  if (out.size() < bound) out.resize(bound);
  z.next_in = const_cast<unsigned char*>(bytes);  // zlib's API is not const-correct
  z.avail_in = static_cast<uInt>(size);
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(bound);
  const int status = deflate(&z, Z_FINISH);
  const std::size_t length = z.total_out;
  return deflateEnd(&z) == Z_OK && status == Z_STREAM_END ? length : 0;
}

// HDF5's shuffle filter: byte b of element i of `in` goes to out[b * elements + i].
void shuffle(const unsigned char* in, std::size_t elements, std::size_t element,
             unsigned char* out) {
  std::size_t i = 0;
#if defined(__SSE2__)
  if (element == 8) {
    // Eight elements at a time: an 8 × 8 transpose of their bytes in SSE2 registers.
    for (; i + 8 <= elements; i += 8) {
      const unsigned char* p = in + i * 8;
      const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));       // elements 0, 1
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));  // 2, 3
      const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 32));  // 4, 5
      const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 48));  // 6, 7
      const __m128i t0 = _mm_unpacklo_epi8(a, b);    // bytes of elements 0 and 2, interleaved
      const __m128i t1 = _mm_unpackhi_epi8(a, b);    // 1 and 3
      const __m128i t2 = _mm_unpacklo_epi8(c, d);    // 4 and 6
      const __m128i t3 = _mm_unpackhi_epi8(c, d);    // 5 and 7
      const __m128i u0 = _mm_unpacklo_epi8(t0, t1);  // bytes 0-3 of elements 0-3, byte by byte
      const __m128i u1 = _mm_unpackhi_epi8(t0, t1);  // bytes 4-7 of elements 0-3
      const __m128i u2 = _mm_unpacklo_epi8(t2, t3);  // bytes 0-3 of elements 4-7
      const __m128i u3 = _mm_unpackhi_epi8(t2, t3);  // bytes 4-7 of elements 4-7
      const __m128i rows[4] = {
          _mm_unpacklo_epi32(u0, u2), _mm_unpackhi_epi32(u0, u2), _mm_unpacklo_epi32(u1, u3),
          _mm_unpackhi_epi32(u1, u3)};  // bytes 0 and 1, 2 and 3, 4 and 5, 6 and 7
      for (std::size_t r = 0; r < 4; ++r) {
        _mm_storel_epi64(reinterpret_cast<__m128i*>(out + (2 * r) * elements + i), rows[r]);
        _mm_storel_epi64(reinterpret_cast<__m128i*>(out + (2 * r + 1) * elements + i),
                         _mm_unpackhi_epi64(rows[r], rows[r]));
      }
    }
  }
#endif
  for (std::size_t b = 0; b < element; ++b) {
    unsigned char* to = out + b * elements;
    const unsigned char* from = in + b;
    for (std::size_t k = i; k < elements; ++k) to[k] = from[k * element];
  }
}

// What a thread compressing chunks keeps from one chunk to the next.
struct ChunkBuffers {
  std::vector<unsigned char> raw;       // the chunk's elements in chunk order
  std::vector<unsigned char> shuffled;  // and shuffled
  std::vector<unsigned char> out;       // the zlib stream
};
}  // namespace

std::vector<hsize_t> band_chunk_origin(const std::vector<hsize_t>& chunk,
                                       const std::vector<hsize_t>& dims, std::size_t band,
                                       std::size_t k) {
  const std::size_t rank = dims.size();
  std::vector<hsize_t> origin(rank);
  for (std::size_t d = rank; d-- > 1;) {
    const hsize_t grid = (dims[d] + chunk[d] - 1) / chunk[d];
    origin[d] = (k % grid) * chunk[d];
    k /= grid;
  }
  origin[0] = band * chunk[0];
  return origin;
}

std::size_t chunks_per_band(const std::vector<hsize_t>& chunk, const std::vector<hsize_t>& dims) {
  std::size_t chunks = 1;
  for (std::size_t d = 1; d < dims.size(); ++d) chunks *= (dims[d] + chunk[d] - 1) / chunk[d];
  return chunks;
}

std::size_t compress_chunk_bands(const std::vector<hsize_t>& chunk,
                                 const std::vector<hsize_t>& dims, std::size_t first_band,
                                 std::size_t bands, const unsigned char* rows, std::size_t element,
                                 std::vector<std::vector<unsigned char>>& packed) {
  const std::size_t rank = dims.size();
  const std::size_t per_band = chunks_per_band(chunk, dims);
  const std::size_t chunks = per_band * bands;
  std::size_t chunk_elements = 1;
  for (hsize_t c : chunk) chunk_elements *= c;
  const std::size_t chunk_bytes = chunk_elements * element;
  std::size_t row_bytes = element;  // one row along dimension 0
  for (std::size_t d = 1; d < rank; ++d) row_bytes *= dims[d];
  if (packed.size() < chunks) packed.resize(chunks);
  std::atomic<bool> failed{false};
  sim::parallel::for_range(chunks, 1, [&](std::size_t begin, std::size_t end) {
    // Buffers kept by each thread from chunk to chunk: fresh ones cost a page fault every 4
    // KiB.
    thread_local ChunkBuffers buffers;
    std::vector<unsigned char>& raw = buffers.raw;
    std::vector<unsigned char>& shuffled = buffers.shuffled;
    if (raw.size() < chunk_bytes) raw.resize(chunk_bytes);
    if (shuffled.size() < chunk_bytes) shuffled.resize(chunk_bytes);
    std::vector<hsize_t> index(rank);
    for (std::size_t k = begin; k != end; ++k) {
      const std::size_t band = first_band + k / per_band;
      const hsize_t band_rows = std::min<hsize_t>(chunk[0], dims[0] - band * chunk[0]);
      const unsigned char* band_data = rows + (k / per_band) * chunk[0] * row_bytes;
      std::vector<hsize_t> origin = band_chunk_origin(chunk, dims, band, k % per_band);
      origin[0] = 0;  // relative to the band
      bool whole = band_rows == chunk[0];
      for (std::size_t d = 1; d < rank; ++d) whole = whole && origin[d] + chunk[d] <= dims[d];
      const std::size_t outer = chunk_elements / chunk[rank - 1];  // runs along the last dimension
      const hsize_t last_extent = rank == 1 ? band_rows : dims[rank - 1];
      const std::size_t n = std::min<hsize_t>(chunk[rank - 1], last_extent - origin[rank - 1]);
      const unsigned char* input = raw.data();
      if (whole && outer == 1) {
        // One run: the chunk is contiguous in the data (e.g. a part of one row).
        std::size_t source = 0;
        for (std::size_t d = 0; d + 1 < rank; ++d) source = source * dims[d] + origin[d];
        input = band_data + (source * dims[rank - 1] + origin[rank - 1]) * element;
      } else {
        if (!whole)
          std::fill(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(chunk_bytes), 0);
        // Copy the chunk's runs from the row-major data; `index` counts them like an odometer.
        std::fill(index.begin(), index.end(), 0);
        for (std::size_t line = 0; line < outer; ++line) {
          bool inside = true;
          std::size_t source = 0;
          for (std::size_t d = 0; d + 1 < rank; ++d) {
            const hsize_t at = origin[d] + index[d];
            inside = inside && at < (d == 0 ? band_rows : dims[d]);
            source = source * dims[d] + at;
          }
          if (inside) {
            source = source * dims[rank - 1] + origin[rank - 1];
            std::memcpy(raw.data() + line * chunk[rank - 1] * element, band_data + source * element,
                        n * element);
          }
          for (std::size_t d = rank - 1; d-- > 0;) {
            if (++index[d] < chunk[d]) break;
            index[d] = 0;
          }
        }
      }
      if (element > 1) {
        shuffle(input, chunk_elements, element, shuffled.data());
        input = shuffled.data();
      }
      const std::size_t length = deflate_chunk(input, chunk_bytes, buffers.out);
      if (length == 0) {
        failed = true;
        continue;
      }
      packed[k].assign(buffers.out.begin(),
                       buffers.out.begin() + static_cast<std::ptrdiff_t>(length));
    }
  });
  return failed ? 0 : chunks;
}

}  // namespace fupin::output::detail
