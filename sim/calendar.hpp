// An event calendar: events ordered by (time, priority, sequence number).
// The sequence number is the order of scheduling within one calendar, so ties are broken
// deterministically without comparing closures.
#pragma once

#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

#include "sim/time.hpp"

namespace fupin::sim {

// When an event runs: earlier time first, then lower priority value, then earlier scheduling.
struct EventKey {
  Date time;
  int priority = 0;
  friend auto operator<=>(const EventKey&, const EventKey&) = default;
};

template <class Action>
class Calendar {
 public:
  struct Entry {
    EventKey key;
    std::uint64_t seq;
    Action action;
  };

  void schedule(EventKey key, Action action) {
    heap_.push(Entry{key, next_seq_++, std::move(action)});
  }
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  [[nodiscard]] EventKey next_key() const { return heap_.top().key; }
  // Removes and returns the earliest event.
  Entry pop() {
    Entry e = std::move(const_cast<Entry&>(heap_.top()));
    heap_.pop();
    return e;
  }

 private:
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      if (a.key != b.key) return b.key < a.key;
      return b.seq < a.seq;
    }
  };
  std::priority_queue<Entry, std::vector<Entry>, Later> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace fupin::sim
