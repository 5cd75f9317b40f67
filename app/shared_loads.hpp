#pragma once

// A value per key loaded once for the several users of each key: a sweep's point is loaded (its
// scenario parsed, checked and resolved) once for all of its replicates instead of once a run.

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace fupin::app {

template <class T>
class SharedLoads {
 public:
  using Load = std::function<T(std::size_t key)>;

  // `users[k]` takes of key k will come; `load(k)` makes its value.
  SharedLoads(const std::vector<std::size_t>& users, Load load)
      : slots_(std::make_unique<Slot[]>(users.size())),
        keys_(users.size()),
        load_(std::move(load)) {
    for (std::size_t k = 0; k < users.size(); ++k) slots_[k].left = users[k];
  }

  // A copy of key `key`'s value: the first take loads it (the others of the same key wait for it),
  // the last of its users' takes frees it. A load that throws leaves nothing behind: the next
  // take of the key loads again. More takes of a key than its users load it again.
  T take(std::size_t key) {
    Slot& s = slots_[key];
    std::lock_guard lock(s.mutex);
    if (!s.value) s.value.emplace(load_(key));
    T copy = *s.value;
    if (s.left > 0) --s.left;
    if (s.left == 0) s.value.reset();
    return copy;
  }

  // How many keys hold a loaded value now.
  [[nodiscard]] std::size_t held() const {
    std::size_t n = 0;
    for (std::size_t k = 0; k < keys_; ++k) {
      std::lock_guard lock(slots_[k].mutex);
      n += slots_[k].value ? 1 : 0;
    }
    return n;
  }

 private:
  struct Slot {
    mutable std::mutex mutex;
    std::optional<T> value;
    std::size_t left = 0;
  };
  std::unique_ptr<Slot[]> slots_;
  std::size_t keys_;
  Load load_;
};

}  // namespace fupin::app
