#include "sim/parallel_threads.hpp"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace fupin::sim::parallel::threads {
namespace {

// One loop handed to a pool: its pieces are claimed in turn by every thread taking part.
struct Loop {
  Loop(RangeBody b, std::size_t size, std::size_t g)
      : body(b), n(size), grain(g), pieces((size + g - 1) / g) {}

  RangeBody body;
  std::size_t n;
  std::size_t grain;
  std::size_t pieces;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> cancelled{false};
  std::mutex error_mutex;
  std::exception_ptr error;  // the first exception of a piece

  void take_part() {
    while (!cancelled.load()) {
      const std::size_t p = next.fetch_add(1);
      if (p >= pieces) return;
      try {
        body(p * grain, std::min(n, (p + 1) * grain));
      } catch (...) {
        const std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        cancelled = true;
      }
    }
  }
};

}  // namespace

class Pool {
 public:
  explicit Pool(int concurrency) : concurrency_(std::max(1, concurrency)) {}
  ~Pool() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : workers_) t.join();
  }
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  [[nodiscard]] int concurrency() const { return concurrency_; }

  // Runs the loop on the calling thread and every worker; false, without running anything, if the
  // pool is already running a loop.
  bool try_run(Loop& loop);

 private:
  void work();

  const int concurrency_;
  std::atomic<bool> busy_{false};
  std::vector<std::thread> workers_;  // touched only by the thread that set busy_
  std::mutex mutex_;                  // guards what follows
  std::condition_variable wake_;      // a new loop, or stopping_
  std::condition_variable done_;      // active_ fell to 0
  Loop* loop_ = nullptr;
  std::uint64_t generation_ = 0;  // loops handed out so far
  std::size_t active_ = 0;        // workers still in the current loop
  bool stopping_ = false;
};

namespace {

// The pool whose loops this thread runs in: set by Scope::run, and for good on a pool's workers.
thread_local Pool* current_pool = nullptr;

Pool& shared_pool() {
  static Pool pool(default_concurrency());
  return pool;
}

// Makes `pool` this thread's current one until the end of the scope, also when f throws.
class CurrentPool {
 public:
  explicit CurrentPool(Pool* pool) : saved_(current_pool) { current_pool = pool; }
  ~CurrentPool() { current_pool = saved_; }
  CurrentPool(const CurrentPool&) = delete;
  CurrentPool& operator=(const CurrentPool&) = delete;

 private:
  Pool* saved_;
};

}  // namespace

bool Pool::try_run(Loop& loop) {
  bool idle = false;
  if (!busy_.compare_exchange_strong(idle, true)) return false;
  try {
    while (workers_.size() + 1 < static_cast<std::size_t>(concurrency_)) {
      workers_.emplace_back([this] { work(); });
    }
  } catch (...) {  // no thread could be started: the threads already there do the work
    if (workers_.empty()) {
      busy_ = false;
      return false;
    }
  }
  {
    const std::lock_guard lock(mutex_);
    loop_ = &loop;
    ++generation_;
    active_ = workers_.size();
  }
  wake_.notify_all();
  loop.take_part();
  {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return active_ == 0; });
    loop_ = nullptr;
  }
  busy_ = false;
  return true;
}

void Pool::work() {
  current_pool = this;
  std::uint64_t seen = 0;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
    if (stopping_) return;
    seen = generation_;
    Loop* loop = loop_;
    lock.unlock();
    loop->take_part();
    lock.lock();
    if (--active_ == 0) done_.notify_one();
  }
}

int default_concurrency() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

int max_concurrency() {
  return current_pool != nullptr ? current_pool->concurrency() : default_concurrency();
}

void for_range(std::size_t n, std::size_t grain, RangeBody body) {
  if (n == 0) return;
  grain = std::max<std::size_t>(grain, 1);
  Pool& pool = current_pool != nullptr ? *current_pool : shared_pool();
  if (n > grain && pool.concurrency() > 1) {
    Loop loop(body, n, grain);
    if (pool.try_run(loop)) {
      if (loop.error) std::rethrow_exception(loop.error);
      return;
    }
  }
  body(0, n);
}

Scope::Scope(int concurrency) : pool_(std::make_unique<Pool>(concurrency)) {}

Scope::~Scope() = default;

int Scope::concurrency() const { return pool_->concurrency(); }

void Scope::run(const std::function<void()>& f) {
  const CurrentPool inside(pool_.get());
  f();
}

}  // namespace fupin::sim::parallel::threads
