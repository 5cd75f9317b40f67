// The oneTBB back end of sim/parallel.hpp (FUPIN_PARALLEL=tbb, the default): for_range is a
// tbb::parallel_for over a blocked_range, and a scope is a tbb::task_arena.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include "sim/parallel.hpp"

namespace fupin::sim::parallel::onetbb {

[[nodiscard]] int default_concurrency();
[[nodiscard]] int max_concurrency();
void for_range(std::size_t n, std::size_t grain, RangeBody body);

class Scope {
 public:
  explicit Scope(int concurrency);
  ~Scope();
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

  [[nodiscard]] int concurrency() const { return concurrency_; }
  void run(const std::function<void()>& f);

 private:
  struct Arena;
  int concurrency_;
  std::unique_ptr<Arena> arena_;
};

}  // namespace fupin::sim::parallel::onetbb
