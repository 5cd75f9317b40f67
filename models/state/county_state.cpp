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

HouseholdColumn::HouseholdColumn(Range households)
    : narrow_(households.size() <= std::size_t{std::numeric_limits<std::uint16_t>::max()} + 1),
      first_(households.begin),
      end_(households.end) {}

void HouseholdColumn::check(std::uint32_t household, const char* what) const {
  if (narrow_ && (household < first_ || household >= end_))
    throw std::logic_error(std::string(what) + " of household " + std::to_string(household) +
                           " in the list of households " + std::to_string(first_) + " to " +
                           std::to_string(end_) + " (a county's)");
}

void HouseholdColumn::push_back(std::uint32_t household) {
  if (narrow_) {
    offset_.push_back(static_cast<std::uint16_t>(household - first_));
  } else {
    wide_.push_back(household);
  }
}

void HouseholdColumn::copy(std::size_t from, std::size_t to) {
  if (narrow_) {
    offset_[to] = offset_[from];
  } else {
    wide_[to] = wide_[from];
  }
}

void HouseholdColumn::resize(std::size_t n) {
  if (narrow_) {
    offset_.resize(n);
  } else {
    wide_.resize(n);
  }
}

void HouseholdColumn::reserve(std::size_t n) {
  if (narrow_) {
    offset_.reserve(n);
  } else {
    wide_.reserve(n);
  }
}

void HouseholdColumn::shrink_to_fit() {
  if (narrow_) {
    offset_.shrink_to_fit();
  } else {
    wide_.shrink_to_fit();
  }
}

std::size_t HouseholdColumn::capacity() const {
  return narrow_ ? offset_.capacity() : wide_.capacity();
}

PendingProjects::PendingProjects(Range households) : household_(households) {}

void PendingProjects::push_back(const PendingProject& p) {
  if (p.first_return_year < std::numeric_limits<std::int16_t>::min() ||
      p.first_return_year > std::numeric_limits<std::int16_t>::max())
    throw std::out_of_range("a project's first year of return " +
                            std::to_string(p.first_return_year) + " is out of range");
  household_.check(p.household, "a pending project");
  const std::uint16_t t = index_of_terms(terms_, Terms{p.depreciation, p.industry, p.source});
  if (size() == capacity()) reserve(room_for(size()));
  runs_.add(size(), {static_cast<std::int16_t>(p.first_return_year), t});
  household_.push_back(p.household);
  return_.push_back(p.return_per_capita);
}

PendingProject PendingProjects::operator[](std::size_t k) const {
  if (k >= size())
    throw std::out_of_range("pending project " + std::to_string(k) + " of " +
                            std::to_string(size()));
  return project(k, runs_.containing(k));
}

void PendingProjects::clear() {
  truncate(0);
  runs_.clear();
}

void PendingProjects::move(std::size_t from, std::size_t to) {
  return_[to] = return_[from];
  household_.copy(from, to);
}

void PendingProjects::truncate(std::size_t n) {
  return_.resize(n);
  household_.resize(n);
  if (capacity() > room_for(n)) {
    return_.shrink_to_fit();
    household_.shrink_to_fit();
  }
}

void PendingProjects::reserve(std::size_t n) {
  return_.reserve(n);
  household_.reserve(n);
}

std::size_t PendingProjects::capacity() const {
  return std::min(return_.capacity(), household_.capacity());
}

ActiveProjects::ActiveProjects(Range households) : household_(households) {}

void ActiveProjects::reserve_more(std::size_t more) {
  const std::size_t n = size() + more;
  household_.reserve(n);
  return_per_capita_.reserve(n);
}

std::size_t ActiveProjects::capacity() const {
  return std::min(household_.capacity(), return_per_capita_.capacity());
}

ActiveProject ActiveProjects::operator[](std::size_t k) const {
  if (k >= size())
    throw std::out_of_range("kept project " + std::to_string(k) + " of " + std::to_string(size()));
  const Terms& t = terms_[runs_.at(runs_.containing(k)).key];
  return {household_[k], return_per_capita_[k], t.depreciation, t.industry};
}

void ActiveProjects::push_back(const ActiveProject& p) {
  household_.check(p.household, "a kept project");
  runs_.add(size(), index_of_terms(terms_, Terms{p.depreciation, p.industry}));
  household_.push_back(p.household);
  return_per_capita_.push_back(p.return_per_capita);
}

}  // namespace fupin::models
