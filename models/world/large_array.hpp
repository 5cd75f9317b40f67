// Arrays of one element per household: millions of elements, allocated once per run and reused by
// the variants that follow.
//
// Fresh memory is mapped by the kernel a 4 KiB page at a time, one fault each, on first touch: a
// run of a million households took about 80,000 faults, a tenth of its time on a virtual machine
// (docs/performance.md). Asking for transparent huge pages (madvise MADV_HUGEPAGE; Linux maps
// 2 MiB at a time where the system allows it, and ignores the advice otherwise) before the first
// touch removes most of them, and the first touch is made in parallel. An array that already holds
// enough memory (the store of an earlier variant) keeps it: no new pages at all. Nothing else
// changes: the vector is a plain std::vector and its contents are the same.
#pragma once

#include <algorithm>
#include <cstddef>
#include <type_traits>
#include <vector>

#include "sim/parallel.hpp"

namespace fupin::models {

// Advises the kernel to back the whole 2 MiB pages inside [data, data + bytes) with huge pages.
// Does nothing where that is not supported, or for less than one huge page.
void advise_huge_pages(void* data, std::size_t bytes);

// Touches every page of [data, data + bytes) (writes a zero byte to each), in parallel pieces in
// the calling thread's sim::parallel::Scope, so that the kernel maps them on every thread at once.
// For memory just allocated and not yet holding objects.
void touch_pages(void* data, std::size_t bytes);

// Replaces the contents of `v` by `n` copies of `value`. Memory `v` holds already is reused if it
// is large enough; else the old memory is freed and new memory allocated, advised for huge pages
// and touched. The elements are written in parallel pieces in the calling thread's
// sim::parallel::Scope (call it inside the engine's arena to respect the run's thread count).
template <class T>
void assign_large(std::vector<T>& v, std::size_t n, const T& value) {
  static_assert(std::is_trivially_copyable_v<T>);
  if (v.capacity() < n) {
    std::vector<T>().swap(v);
    v.reserve(n);
    advise_huge_pages(v.data(), n * sizeof(T));
    touch_pages(v.data(), n * sizeof(T));
    v.assign(n, value);  // the pages are mapped: this writes at memory speed
    return;
  }
  v.resize(n);
  constexpr std::size_t kGrain = std::size_t{1} << 16;
  T* data = v.data();
  sim::parallel::for_range(n, kGrain, [data, &value](std::size_t begin, std::size_t end) {
    std::fill(data + begin, data + end, value);
  });
}

}  // namespace fupin::models
