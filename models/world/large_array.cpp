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

}  // namespace fupin::models
