// fupin's one door to parallelism: loops over an index range, reductions, a stable sort and scopes
// of bounded concurrency. Nothing else in fupin names a threading library.
//
// The back end is chosen when fupin is configured (FUPIN_PARALLEL, docs/development.md): oneTBB
// (`tbb`, the default) or a small pool of std::threads (`threads`, sim/parallel_threads.hpp) whose
// synchronisation ThreadSanitizer sees completely. Results never depend on the back end, the thread
// count or how a range is split: each index writes only its own output, reductions combine their
// pieces in index order, and the sort is stable.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <iterator>
#include <memory>
#include <type_traits>

namespace fupin::sim::parallel {

// A callable body(begin, end) over one piece of an index range, referred to (not copied): it must
// outlive the loop it is passed to, as a lambda in the caller's frame or in the call does.
class RangeBody {
 public:
  template <class F, class = std::enable_if_t<!std::is_same_v<std::remove_cvref_t<F>, RangeBody>>>
  RangeBody(F&& f)  // NOLINT(google-explicit-constructor,bugprone-forwarding-reference-overload)
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_([](void* o, std::size_t begin, std::size_t end) {
          (*static_cast<std::remove_reference_t<F>*>(o))(begin, end);
        }) {}
  void operator()(std::size_t begin, std::size_t end) const { call_(object_, begin, end); }

 private:
  void* object_;
  void (*call_)(void*, std::size_t, std::size_t);
};

// The threads this process may run on (its CPU affinity; at least 1).
[[nodiscard]] int default_concurrency();
// The threads a loop started here may use: the limit of the innermost Scope this thread runs in,
// else default_concurrency().
[[nodiscard]] int max_concurrency();

// Calls body(begin, end) over pieces that cover [0, n) once, in parallel, and returns when every
// piece has run. `grain` is the fewest indices worth a piece of their own (0 counts as 1); how the
// range is split is the back end's choice. An exception thrown by a piece cancels the pieces not
// yet started and is rethrown here (the first one, if several are).
void for_range(std::size_t n, std::size_t grain, RangeBody body);

// Calls f(i) for every i in [0, n) in parallel, in pieces of at least `grain` indices.
template <class F>
void for_each(std::size_t n, std::size_t grain, F&& f) {
  auto piece = [&f](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) f(i);
  };
  for_range(n, grain, piece);
}

// combine(... combine(combine(identity, piece(0, g)), piece(g, 2g)) ..., piece(.., n)): the pieces
// of `grain` indices run in parallel, and are combined in index order on the calling thread, so
// that the result is the same for any thread count even if combine is not associative.
template <class T, class Piece, class Combine>
T reduce(std::size_t n, std::size_t grain, T identity, Piece&& piece, Combine&& combine) {
  grain = std::max<std::size_t>(grain, 1);
  const std::size_t pieces = (n + grain - 1) / grain;
  // An array, not std::vector (whose bool specialisation packs neighbours into one word).
  const auto parts = std::make_unique<T[]>(pieces);
  for_each(pieces, 1,
           [&](std::size_t p) { parts[p] = piece(p * grain, std::min(n, (p + 1) * grain)); });
  T total = std::move(identity);
  for (std::size_t p = 0; p < pieces; ++p) total = combine(std::move(total), std::move(parts[p]));
  return total;
}

// std::stable_sort(first, last, less), in parallel: runs of fixed length sorted side by side, then
// merged pairwise. Stable, so the order is the same for any thread count.
template <class It, class Less>
void stable_sort(It first, It last, Less less) {
  constexpr std::size_t kRun = std::size_t{1} << 15;
  const auto n = static_cast<std::size_t>(std::distance(first, last));
  const auto at = [first](std::size_t i) { return first + static_cast<std::ptrdiff_t>(i); };
  for_each((n + kRun - 1) / kRun, 1, [&](std::size_t r) {
    std::stable_sort(at(r * kRun), at(std::min(n, (r + 1) * kRun)), less);
  });
  for (std::size_t width = kRun; width < n; width *= 2) {
    for_each((n + 2 * width - 1) / (2 * width), 1, [&](std::size_t pair) {
      const std::size_t begin = pair * 2 * width;
      const std::size_t middle = std::min(n, begin + width);
      const std::size_t end = std::min(n, begin + 2 * width);
      if (middle < end) std::inplace_merge(at(begin), at(middle), at(end), less);
    });
  }
}

// A bounded-concurrency scope: the loops that run(f) starts, directly or from their bodies, use at
// most `concurrency` threads, the calling thread included. Scopes nest; a loop inside a piece of
// another loop of the same scope may run its pieces on the calling thread alone.
class Scope {
 public:
  explicit Scope(int concurrency);
  ~Scope();
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

  [[nodiscard]] int concurrency() const { return concurrency_; }
  // Runs f on the calling thread, inside the scope; f's exceptions propagate.
  void run(const std::function<void()>& f);

 private:
  struct Impl;  // the back end's scope, kept out of this header
  int concurrency_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fupin::sim::parallel
