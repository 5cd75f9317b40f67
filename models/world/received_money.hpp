// Money each programme allocated to each household: cumulative fen per (household, programme)
// cell, exact, in 4 bytes a cell instead of 8.
//
// A household's money from one programme fits in 32 bits (21,474,836.47 yuan) in every scenario
// the project has seen, but nothing bounds it: a revolving fund lends the same money again, and a
// rule may give one household a whole budget. So a cell holds its total in 32 bits while the
// total fits, and a cell whose total would leave that range moves, for good, to a 64-bit side
// table (its 32-bit slot then holds a marker). Every total is the exact sum of what was added,
// whichever slot holds it, and the side table is consulted only for marked cells.
//
// Concurrency: each cell is written by one writer at a time (a household's own logical process,
// or a global event that runs alone), as before; the side table is shared by every cell, so its
// few accesses take a lock. Which cells are wide depends only on each cell's own additions, so it
// is the same for any thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace fupin::models {

class ReceivedMoney {
 public:
  // The 32-bit slot of a cell whose total is in the side table.
  static constexpr std::int32_t kWide = std::numeric_limits<std::int32_t>::min();

  ReceivedMoney() = default;
  ReceivedMoney(const ReceivedMoney& o);
  ReceivedMoney& operator=(const ReceivedMoney& o);
  ReceivedMoney(ReceivedMoney&&) noexcept = default;
  ReceivedMoney& operator=(ReceivedMoney&&) noexcept = default;

  // `cells` cells, all zero, in the memory the store holds if it is large enough, else in fresh
  // memory (assign_large in models/world/large_array.hpp).
  void assign(std::size_t cells);
  [[nodiscard]] std::size_t size() const { return narrow_.size(); }

  // Adds `fen` to cell `cell`.
  void add(std::size_t cell, std::int64_t fen) {
    const std::int32_t slot = narrow_[cell];
    if (slot != kWide) {
      const std::int64_t sum = std::int64_t{slot} + fen;
      if (sum > kWide && sum <= std::numeric_limits<std::int32_t>::max()) {
        narrow_[cell] = static_cast<std::int32_t>(sum);
        return;
      }
    }
    add_wide(cell, fen);
  }
  [[nodiscard]] std::int64_t operator[](std::size_t cell) const {
    const std::int32_t slot = narrow_[cell];
    return slot != kWide ? std::int64_t{slot} : wide(cell);
  }
  // Every cell's total, in cell order.
  [[nodiscard]] std::vector<std::int64_t> values() const;
  // How many cells hold their total in the side table.
  [[nodiscard]] std::size_t wide_cells() const;

  // Equal totals in every cell.
  bool operator==(const ReceivedMoney& o) const;

 private:
  void add_wide(std::size_t cell, std::int64_t fen);
  [[nodiscard]] std::int64_t wide(std::size_t cell) const;

  std::vector<std::int32_t> narrow_;
  std::map<std::size_t, std::int64_t> wide_;
  std::unique_ptr<std::mutex> lock_ = std::make_unique<std::mutex>();
};

}  // namespace fupin::models
