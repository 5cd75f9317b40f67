#include "models/state/county_state.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace fupin::models {

namespace {

// The index of `t` in `terms`, added at the end if new.
template <class Terms>
std::uint16_t index_of_terms(std::vector<Terms>& terms, const Terms& t) {
  auto it = std::find(terms.begin(), terms.end(), t);
  if (it == terms.end()) {
    if (terms.size() > std::numeric_limits<std::uint16_t>::max())
      throw std::length_error("more than 65,536 distinct project terms in one county");
    it = terms.insert(terms.end(), t);
  }
  return static_cast<std::uint16_t>(it - terms.begin());
}

}  // namespace

void PendingProjects::push_back(const PendingProject& p) {
  if (p.first_return_year < std::numeric_limits<std::int16_t>::min() ||
      p.first_return_year > std::numeric_limits<std::int16_t>::max())
    throw std::out_of_range("a project's first year of return " +
                            std::to_string(p.first_return_year) + " is out of range");
  items_.push_back({p.return_per_capita, p.household,
                    index_of_terms(terms_, Terms{p.depreciation, p.industry, p.source}),
                    static_cast<std::int16_t>(p.first_return_year)});
}

void ActiveProjects::reserve_more(std::size_t more) {
  const std::size_t n = household_.size() + more;
  household_.reserve(n);
  return_per_capita_.reserve(n);
  terms_of_.reserve(n);
}

void ActiveProjects::push_back(const ActiveProject& p) {
  const std::uint16_t t = index_of_terms(terms_, Terms{p.depreciation, p.industry});
  household_.push_back(p.household);
  return_per_capita_.push_back(p.return_per_capita);
  terms_of_.push_back(t);
}

}  // namespace fupin::models
