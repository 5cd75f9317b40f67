// The facade of sim/parallel.hpp, forwarding to the back end chosen when fupin was configured.
#include "sim/parallel.hpp"

#include <algorithm>

#if FUPIN_PARALLEL_TBB
#include "sim/parallel_tbb.hpp"
#else
#include "sim/parallel_threads.hpp"
#endif

namespace fupin::sim::parallel {

#if FUPIN_PARALLEL_TBB
namespace backend = onetbb;
#else
namespace backend = threads;
#endif

struct Scope::Impl {
  explicit Impl(int concurrency) : scope(concurrency) {}
  backend::Scope scope;
};

int default_concurrency() { return backend::default_concurrency(); }

int max_concurrency() { return backend::max_concurrency(); }

void for_range(std::size_t n, std::size_t grain, RangeBody body) {
  backend::for_range(n, grain, body);
}

Scope::Scope(int concurrency)
    : concurrency_(std::max(1, concurrency)), impl_(std::make_unique<Impl>(concurrency_)) {}

Scope::~Scope() = default;

void Scope::run(const std::function<void()>& f) { impl_->scope.run(f); }

}  // namespace fupin::sim::parallel
