// One year of the household panel as the year ends: what the simulation hands to a
// HouseholdYearCallback (models/simulation/simulation.hpp) instead of collecting a HouseholdPanel
// (models/results.hpp). Nothing here knows about files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace fupin::models {

// Read-only views of the household stores, valid during the call only. Series as in
// HouseholdPanel, for one year: values[i] (received_fen: [i * programmes + p]).
struct HouseholdYear {
  std::string_view variant;
  int year = 0;
  std::span<const int> years;  // every panel year of the variant, in order; `year` is one of them
  std::size_t households = 0;
  std::size_t programmes = 0;
  std::span<const std::int32_t> village;  // index of each household's village
  std::span<const double> income, earned, returns, wages, remittances, transfers, costs;
  std::span<const std::uint8_t> size, flags, status, events, cause;
  std::span<const std::int64_t> received_fen;
};

}  // namespace fupin::models
