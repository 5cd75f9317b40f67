// One value per region level (county, township, village), indexed by Level, so that code which
// differs by level reads a table instead of repeating a switch. Households are not a region level.
#pragma once

#include <stdexcept>

#include "models/scenario/scenario.hpp"

namespace fupin::models {

template <class T>
struct PerLevel {
  T county{};
  T township{};
  T village{};

  constexpr T& operator[](Level level) { return this->*member(level); }
  constexpr const T& operator[](Level level) const { return this->*member(level); }

 private:
  static constexpr T PerLevel::*member(Level level) {
    switch (level) {
      case Level::county: return &PerLevel::county;
      case Level::township: return &PerLevel::township;
      case Level::village: return &PerLevel::village;
      case Level::household: break;
    }
    throw std::logic_error("households are not a region level");
  }
};

}  // namespace fupin::models
