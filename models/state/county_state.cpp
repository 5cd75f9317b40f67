#include "models/state/county_state.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace fupin::models {

void ActiveProjects::reserve_more(std::size_t more) {
  const std::size_t n = household_.size() + more;
  household_.reserve(n);
  return_per_capita_.reserve(n);
  terms_of_.reserve(n);
}

void ActiveProjects::push_back(const ActiveProject& p) {
  const Terms t{p.depreciation, p.industry};
  auto it = std::find(terms_.begin(), terms_.end(), t);
  if (it == terms_.end()) {
    if (terms_.size() > std::numeric_limits<std::uint16_t>::max())
      throw std::length_error("more than 65,536 distinct project terms in one county");
    it = terms_.insert(terms_.end(), t);
  }
  household_.push_back(p.household);
  return_per_capita_.push_back(p.return_per_capita);
  terms_of_.push_back(static_cast<std::uint16_t>(it - terms_.begin()));
}

}  // namespace fupin::models
