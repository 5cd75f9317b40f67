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

PendingProjects::PendingProjects(Range households)
    : narrow_(households.size() <= std::size_t{std::numeric_limits<std::uint16_t>::max()} + 1),
      first_(households.begin),
      end_(households.end) {}

void PendingProjects::push_back(const PendingProject& p) {
  if (p.first_return_year < std::numeric_limits<std::int16_t>::min() ||
      p.first_return_year > std::numeric_limits<std::int16_t>::max())
    throw std::out_of_range("a project's first year of return " +
                            std::to_string(p.first_return_year) + " is out of range");
  if (narrow_ && (p.household < first_ || p.household >= end_))
    throw std::logic_error("a pending project of household " + std::to_string(p.household) +
                           " in the list of households " + std::to_string(first_) + " to " +
                           std::to_string(end_) + " (a county's)");
  const std::uint16_t t = index_of_terms(terms_, Terms{p.depreciation, p.industry, p.source});
  if (narrow_) {
    offset_.push_back(static_cast<std::uint16_t>(p.household - first_));
  } else {
    household_.push_back(p.household);
  }
  return_.push_back(p.return_per_capita);
  year_.push_back(static_cast<std::int16_t>(p.first_return_year));
  terms_of_.push_back(t);
}

void PendingProjects::clear() { truncate(0); }

void PendingProjects::move(std::size_t from, std::size_t to) {
  return_[to] = return_[from];
  if (narrow_) {
    offset_[to] = offset_[from];
  } else {
    household_[to] = household_[from];
  }
  year_[to] = year_[from];
  terms_of_[to] = terms_of_[from];
}

void PendingProjects::truncate(std::size_t n) {
  return_.resize(n);
  if (narrow_) {
    offset_.resize(n);
  } else {
    household_.resize(n);
  }
  year_.resize(n);
  terms_of_.resize(n);
}

ActiveProjects::ActiveProjects(Range households)
    : narrow_(households.size() <= std::size_t{std::numeric_limits<std::uint16_t>::max()} + 1),
      first_(households.begin),
      end_(households.end) {}

void ActiveProjects::reserve_more(std::size_t more) {
  const std::size_t n = size() + more;
  if (narrow_) {
    offset_.reserve(n);
  } else {
    household_.reserve(n);
  }
  return_per_capita_.reserve(n);
  terms_of_.reserve(n);
}

std::size_t ActiveProjects::capacity() const {
  return std::min({narrow_ ? offset_.capacity() : household_.capacity(),
                   return_per_capita_.capacity(), terms_of_.capacity()});
}

void ActiveProjects::push_back(const ActiveProject& p) {
  if (narrow_ && (p.household < first_ || p.household >= end_))
    throw std::logic_error("a kept project of household " + std::to_string(p.household) +
                           " in the list of households " + std::to_string(first_) + " to " +
                           std::to_string(end_) + " (a county's)");
  const std::uint16_t t = index_of_terms(terms_, Terms{p.depreciation, p.industry});
  if (narrow_) {
    offset_.push_back(static_cast<std::uint16_t>(p.household - first_));
  } else {
    household_.push_back(p.household);
  }
  return_per_capita_.push_back(p.return_per_capita);
  terms_of_.push_back(t);
}

}  // namespace fupin::models
