#include "models/world/received_money.hpp"

#include "models/world/large_array.hpp"

namespace fupin::models {

ReceivedMoney::ReceivedMoney(const ReceivedMoney& o) : narrow_(o.narrow_) {
  if (o.lock_) {
    const std::lock_guard guard(*o.lock_);
    wide_ = o.wide_;
  }
}

ReceivedMoney& ReceivedMoney::operator=(const ReceivedMoney& o) {
  if (this != &o) {
    ReceivedMoney copy(o);
    *this = std::move(copy);
  }
  return *this;
}

void ReceivedMoney::assign(std::size_t cells) {
  assign_large(narrow_, cells, std::int32_t{0});
  if (!lock_) lock_ = std::make_unique<std::mutex>();  // moved from
  const std::lock_guard guard(*lock_);
  wide_.clear();
}

void ReceivedMoney::add_wide(std::size_t cell, std::int64_t fen) {
  const std::lock_guard guard(*lock_);
  std::int32_t& slot = narrow_[cell];
  if (slot != kWide) {
    wide_[cell] = std::int64_t{slot};
    slot = kWide;
  }
  wide_[cell] += fen;
}

std::int64_t ReceivedMoney::wide(std::size_t cell) const {
  const std::lock_guard guard(*lock_);
  return wide_.at(cell);
}

std::vector<std::int64_t> ReceivedMoney::values() const {
  std::vector<std::int64_t> out(narrow_.size());
  for (std::size_t c = 0; c < narrow_.size(); ++c) out[c] = (*this)[c];
  return out;
}

std::size_t ReceivedMoney::wide_cells() const {
  const std::lock_guard guard(*lock_);
  return wide_.size();
}

bool ReceivedMoney::operator==(const ReceivedMoney& o) const {
  if (narrow_.size() != o.narrow_.size()) return false;
  for (std::size_t c = 0; c < narrow_.size(); ++c) {
    if ((*this)[c] != o[c]) return false;
  }
  return true;
}

}  // namespace fupin::models
