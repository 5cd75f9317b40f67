#include "sim/engine.hpp"

#include <algorithm>
#include <climits>
#include <exception>
#include <stdexcept>
#include <string>

#include "sim/parallel.hpp"

namespace fupin::sim {

struct Engine::Arena {
  explicit Arena(int threads) : scope(threads) {}
  parallel::Scope scope;
};

namespace {

// Sets a phase for a scope and restores the previous one, also when an event throws.
template <class Phase>
class PhaseScope {
 public:
  PhaseScope(Phase& slot, Phase value) : slot_(slot), saved_(slot) { slot_ = value; }
  ~PhaseScope() { slot_ = saved_; }
  PhaseScope(const PhaseScope&) = delete;
  PhaseScope& operator=(const PhaseScope&) = delete;

 private:
  Phase& slot_;
  Phase saved_;
};

}  // namespace

void LpContext::schedule(EventKey key, std::function<void(LpContext&)> action) {
  if (key.time < now_) {
    throw std::logic_error("engine: LP " + std::to_string(lp_) + " scheduled an event for " +
                           key.time.iso() + ", earlier than its current time " + now_.iso());
  }
  engine_.local_[lp_].schedule(key, std::move(action));
}

Engine::Engine(std::size_t lp_count, unsigned threads)
    : local_(lp_count),
      local_counts_(lp_count, 0),
      threads_(threads == 0 ? static_cast<unsigned>(parallel::default_concurrency()) : threads) {
  // More workers than cores cannot run at once (oneTBB would refuse them with a warning). The
  // scope is capped there; results never depend on the thread count anyway.
  const auto cores = static_cast<unsigned>(parallel::default_concurrency());
  arena_ =
      std::make_unique<Arena>(static_cast<int>(std::min<unsigned>({threads_, cores, INT_MAX})));
}

Engine::~Engine() = default;

void Engine::check_not_past(Date time, const char* what) const {
  if (started_ && time < now_) {
    throw std::logic_error(std::string("engine: ") + what + " scheduled for " + time.iso() +
                           ", earlier than the current time " + now_.iso());
  }
}

void Engine::schedule_global(EventKey key, GlobalAction action) {
  if (phase_ == Phase::local_events || phase_ == Phase::fan_out) {
    throw std::logic_error("engine: schedule_global called while LPs run in parallel");
  }
  check_not_past(key.time, "global event");
  global_.schedule(key, std::move(action));
}

void Engine::schedule_local(std::size_t lp, EventKey key, LocalAction action) {
  if (phase_ == Phase::local_events) {
    throw std::logic_error(
        "engine: schedule_local called from a local event (use LpContext::schedule)");
  }
  if (lp >= local_.size()) {
    throw std::out_of_range("engine: LP " + std::to_string(lp) + " does not exist (" +
                            std::to_string(local_.size()) + " LPs)");
  }
  check_not_past(key.time, "local event");
  local_[lp].schedule(key, std::move(action));
}

void Engine::run_lp_until(std::size_t lp, EventKey bound, bool inclusive) {
  Calendar<LocalAction>& cal = local_[lp];
  LpContext ctx(*this, lp, now_);
  while (!cal.empty()) {
    const EventKey key = cal.next_key();
    if (inclusive ? bound < key : !(key < bound)) break;
    auto entry = cal.pop();
    ctx.now_ = key.time;
    entry.action(ctx);
    ++local_counts_[lp];  // only this task touches this LP's counter
  }
}

void Engine::run_lps_until(EventKey bound, bool inclusive) {
  // Only LPs with a due event are worth a task; finding them is a cheap sequential scan.
  std::vector<std::size_t> due;
  for (std::size_t lp = 0; lp < local_.size(); ++lp) {
    if (local_[lp].empty()) continue;
    const EventKey key = local_[lp].next_key();
    if (inclusive ? !(bound < key) : key < bound) due.push_back(lp);
  }
  if (due.empty()) return;
  PhaseScope scope(phase_, Phase::local_events);
  // The loop rethrows the first exception of any LP (after cancelling the LPs not yet started) in
  // the calling thread, and the scope passes it on to our caller.
  arena_->scope.run([&] {
    parallel::for_each(due.size(), 1,
                       [&](std::size_t i) { run_lp_until(due[i], bound, inclusive); });
  });
}

void Engine::run_until(Date end) {
  if (phase_ != Phase::idle) {
    throw std::logic_error("engine: run_until called from inside an event");
  }
  started_ = true;
  for (;;) {
    const bool global_due = !global_.empty() && global_.next_key().time <= end;
    if (!global_due) {
      run_lps_until(EventKey{end, INT_MAX}, /*inclusive=*/true);
      break;
    }
    // Local events strictly before the global event's key, then the global event alone.
    run_lps_until(global_.next_key(), /*inclusive=*/false);
    auto entry = global_.pop();
    now_ = entry.key.time;
    {
      PhaseScope scope(phase_, Phase::global_event);
      entry.action(*this);
    }
    ++global_count_;
  }
  // The clock stands at the end of the run: later calls may not schedule before it.
  if (now_ < end) now_ = end;
}

void Engine::for_each_lp(const std::function<void(std::size_t)>& f) {
  if (phase_ == Phase::local_events || phase_ == Phase::fan_out) {
    throw std::logic_error("engine: for_each_lp called while LPs run in parallel");
  }
  PhaseScope scope(phase_, Phase::fan_out);
  arena_->scope.run([&] { parallel::for_each(local_.size(), 1, f); });
}

void Engine::for_each_lp_beside(const std::function<void()>& beside,
                                const std::function<void(std::size_t)>& f) {
  if (phase_ == Phase::local_events || phase_ == Phase::fan_out) {
    throw std::logic_error("engine: for_each_lp_beside called while LPs run in parallel");
  }
  PhaseScope scope(phase_, Phase::fan_out);
  std::exception_ptr beside_error;
  const std::size_t lps = local_.size();
  // `beside` is piece 0, so that it starts first and the LPs' pieces fill the other threads.
  arena_->scope.run([&] {
    parallel::for_each(lps + 1, 1, [&](std::size_t k) {
      if (k > 0) {
        f(k - 1);
        return;
      }
      try {
        beside();
      } catch (...) {
        beside_error = std::current_exception();
      }
    });
  });
  if (beside_error) std::rethrow_exception(beside_error);
}

void Engine::in_arena(const std::function<void()>& f) {
  if (phase_ == Phase::local_events || phase_ == Phase::fan_out) {
    throw std::logic_error("engine: in_arena called while LPs run in parallel");
  }
  arena_->scope.run(f);
}

std::uint64_t Engine::events_executed() const {
  std::uint64_t total = global_count_;
  for (std::uint64_t c : local_counts_) total += c;
  return total;
}

}  // namespace fupin::sim
