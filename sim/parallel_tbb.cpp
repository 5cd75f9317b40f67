#include "sim/parallel_tbb.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>

namespace fupin::sim::parallel::onetbb {

struct Scope::Arena {
  explicit Arena(int concurrency) : arena(concurrency) {}
  tbb::task_arena arena;
};

int default_concurrency() { return std::max(1, tbb::info::default_concurrency()); }

int max_concurrency() { return std::max(1, tbb::this_task_arena::max_concurrency()); }

void for_range(std::size_t n, std::size_t grain, RangeBody body) {
  if (n == 0) return;
  // parallel_for rethrows the first exception of any task, after cancelling the rest, in the
  // calling thread (and task_arena::execute passes it on).
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, std::max<std::size_t>(grain, 1)),
                    [body](const tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); });
}

Scope::Scope(int concurrency)
    : concurrency_(std::max(1, concurrency)), arena_(std::make_unique<Arena>(concurrency_)) {}

Scope::~Scope() = default;

void Scope::run(const std::function<void()>& f) { arena_->arena.execute(f); }

}  // namespace fupin::sim::parallel::onetbb
