// The std::thread back end of sim/parallel.hpp: each scope owns a small pool of worker threads
// (concurrency − 1 of them, started at its first loop; the calling thread is the last one), and
// threads outside any scope share one pool of default_concurrency(). A loop is handed to a pool
// under a mutex and joined on a condition variable, and its pieces are claimed from an atomic
// counter: plain C++ synchronisation, which ThreadSanitizer sees completely (unlike the inside of a
// libtbb not built for it). It is compiled in every build, so that its tests always run; fupin uses
// it when configured with FUPIN_PARALLEL=threads (the tsan preset).
//
// A loop started while its pool already runs one (from a piece of that loop, or from another
// thread) runs all its pieces on the calling thread: nothing waits for a pool that waits for it.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include "sim/parallel.hpp"

namespace fupin::sim::parallel::threads {

[[nodiscard]] int default_concurrency();
[[nodiscard]] int max_concurrency();
void for_range(std::size_t n, std::size_t grain, RangeBody body);

class Pool;

class Scope {
 public:
  explicit Scope(int concurrency);
  ~Scope();
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

  [[nodiscard]] int concurrency() const;
  void run(const std::function<void()>& f);

 private:
  std::unique_ptr<Pool> pool_;
};

}  // namespace fupin::sim::parallel::threads
