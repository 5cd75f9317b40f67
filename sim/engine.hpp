// Conservative synchronous parallel discrete-event engine.
//
// The engine knows nothing of the domain: it owns one event calendar per logical process (LP)
// and one global calendar. It runs every LP in parallel (sim/parallel.hpp, inside a scope limited
// to the requested thread count) up to the key of the next global event, then runs that global
// event alone. LPs never touch each other's state between global events, so no locks are needed,
// and because each LP's events run in calendar order on one thread at a time, results do not
// depend on the thread count.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace fupin::sim {

class Engine;

// What a local event sees: its LP index, the current time, and its LP's calendar.
class LpContext {
 public:
  [[nodiscard]] std::size_t lp() const { return lp_; }
  [[nodiscard]] Date now() const { return now_; }
  // Schedules a further event on this LP; it must not be earlier than now.
  void schedule(EventKey key, std::function<void(LpContext&)> action);

 private:
  friend class Engine;
  LpContext(Engine& e, std::size_t lp, Date now) : engine_(e), lp_(lp), now_(now) {}
  Engine& engine_;
  std::size_t lp_;
  Date now_;
};

using LocalAction = std::function<void(LpContext&)>;
using GlobalAction = std::function<void(Engine&)>;

class Engine {
 public:
  // `threads` == 0 means all available cores.
  Engine(std::size_t lp_count, unsigned threads);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  [[nodiscard]] std::size_t lp_count() const { return local_.size(); }
  [[nodiscard]] unsigned threads() const { return threads_; }
  [[nodiscard]] Date now() const { return now_; }

  void schedule_global(EventKey key, GlobalAction action);
  // Schedules on one LP. Allowed before the run and from global events (while LPs are idle),
  // including from for_each_lp's f(lp) for that same lp.
  void schedule_local(std::size_t lp, EventKey key, LocalAction action);

  // Runs every event whose time is <= `end`, then stops. Events scheduled earlier than the
  // event being run throw std::logic_error (causality).
  void run_until(Date end);

  // Calls f(lp) for every LP index in parallel inside the engine's scope. For global events that
  // fan out over LPs; each call must touch only that LP's state.
  void for_each_lp(const std::function<void(std::size_t)>& f);
  // As for_each_lp, with `beside` run as one more piece of the same parallel loop: work that
  // touches nothing the LPs' calls touch (serial work that would otherwise leave threads idle).
  // An exception of `beside` is rethrown after the loop, and only if no f(lp) threw: an LP's
  // exception is preferred to beside's whatever the timing (of several LPs' exceptions, one
  // propagates, as with for_each_lp).
  void for_each_lp_beside(const std::function<void()>& beside,
                          const std::function<void(std::size_t)>& f);

  // Runs f inside the engine's parallel::Scope, so that parallel loops it starts (e.g. a parallel
  // sort in a global event) respect the thread limit. Not allowed while LPs run.
  void in_arena(const std::function<void()>& f);

  // Number of events executed so far (local and global).
  [[nodiscard]] std::uint64_t events_executed() const;

 private:
  friend class LpContext;
  void run_lp_until(std::size_t lp, EventKey bound, bool inclusive);
  // Runs every LP's due events (key < bound, or <= bound if inclusive) in parallel.
  void run_lps_until(EventKey bound, bool inclusive);
  void check_not_past(Date time, const char* what) const;
  // What the engine is doing, to reject calls that would race (e.g. schedule_global from a
  // local event) with std::logic_error.
  enum class Phase { idle, global_event, local_events, fan_out };
  Phase phase_ = Phase::idle;
  bool started_ = false;  // before the first run_until any time may be scheduled
  std::vector<Calendar<LocalAction>> local_;
  std::vector<std::uint64_t> local_counts_;
  Calendar<GlobalAction> global_;
  std::uint64_t global_count_ = 0;
  struct Arena;  // holds the parallel::Scope, kept out of this header
  std::unique_ptr<Arena> arena_;
  unsigned threads_;
  Date now_;
};

}  // namespace fupin::sim
