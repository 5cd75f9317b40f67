// Arrays of one element per household: millions of elements, allocated once per run.
//
// Each run's stores are fresh memory, and the kernel maps fresh memory a 4 KiB page at a time, one
// fault each, on first touch: a run of a million households took about 80,000 faults, a tenth of
// its time on a virtual machine (docs/performance.md). Asking for transparent huge pages
// (madvise MADV_HUGEPAGE; Linux maps 2 MiB at a time where the system allows it, and ignores the
// advice otherwise) before the first touch removes most of them. Nothing else changes: the vector
// is a plain std::vector and its contents are the same.
#pragma once

#include <cstddef>
#include <vector>

namespace fupin::models {

// Advises the kernel to back the whole 2 MiB pages inside [data, data + bytes) with huge pages.
// Does nothing where that is not supported, or for less than one huge page.
void advise_huge_pages(void* data, std::size_t bytes);

// Replaces `v` by `n` copies of `value` in newly allocated memory advised for huge pages.
template <class T>
void assign_large(std::vector<T>& v, std::size_t n, const T& value) {
  std::vector<T>().swap(v);
  v.reserve(n);
  advise_huge_pages(v.data(), n * sizeof(T));
  v.assign(n, value);
}

}  // namespace fupin::models
