#include "models/world/large_array.hpp"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace fupin::models {

void advise_huge_pages([[maybe_unused]] void* data, [[maybe_unused]] std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t last = (begin + bytes) & ~(kHuge - 1);
  // The advice is a hint: where it fails (no transparent huge pages), memory is mapped as before.
  if (data != nullptr && last > first) {
    // An address rounded to a page boundary, so an integer to pointer cast is the point here.
    (void)madvise(reinterpret_cast<void*>(first),  // NOLINT(performance-no-int-to-ptr)
                  last - first, MADV_HUGEPAGE);
  }
#endif
}

void touch_pages(void* data, std::size_t bytes) {
  if (data == nullptr || bytes == 0) return;
  constexpr std::size_t kPage = 4096;
  // A piece of 2 MiB: one huge page, or 512 small ones.
  constexpr std::size_t kPagesPerPiece = 512;
  auto* const bytes_at = static_cast<volatile unsigned char*>(data);
  const std::size_t pages = (bytes + kPage - 1) / kPage;
  sim::parallel::for_range(pages, kPagesPerPiece, [bytes_at](std::size_t begin, std::size_t end) {
    for (std::size_t p = begin; p < end; ++p) bytes_at[p * kPage] = 0;
  });
}

}  // namespace fupin::models
