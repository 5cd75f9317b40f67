// The results by region (RegionResultsBuilder) against a household-by-household count: every
// count of every village, and the shares of households with each guarantee, from households whose
// flags, events and status take every byte value, in villages larger than the 255 households its
// byte-lane counters hold at once.
#include "models/simulation/region_results.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "models/world/world.hpp"
#include "sim/random.hpp"

namespace fupin::models {
namespace {

const LevelResults::Count& count_series(const LevelResults& l, const std::string& name) {
  for (const auto& c : l.counts)
    if (c.name == name) return c;
  throw std::runtime_error("no count " + name);
}

const LevelResults::Real& real_series(const LevelResults& l, const std::string& name) {
  for (const auto& r : l.real)
    if (r.name == name) return r;
  throw std::runtime_error("no series " + name);
}

TEST(RegionResultsBuilder, CountsEqualAHouseholdByHouseholdCount) {
  GeographySpec g;
  g.counties = 2;
  g.townships_per_county = 1;
  g.villages_per_township = 3;
  g.households_per_village = 611;  // two full runs of 255 households and a part
  World w = build_world(g);
  Households& h = w.households;
  const double line = 3000.0;
  sim::EntityDraws draws(7, "test.region_results");
  for (std::uint32_t i = 0; i < h.count(); ++i) {
    const std::uint64_t bits = draws.word(i, 0);
    h.size[i] = static_cast<std::uint8_t>(1 + bits % 7);
    h.flags[i] = static_cast<std::uint8_t>(bits >> 8);
    h.events[i] = static_cast<std::uint8_t>(bits >> 16);
    h.status[i] = static_cast<std::uint8_t>(bits >> 24);
    // Incomes on both sides of the line, and at it.
    h.earned[i] = (i % 97 == 0) ? line : 1000.0 + static_cast<double>((bits >> 32) % 4000);
    h.refresh_income(i);
  }
  // Every value of each byte occurs in some household.
  for (std::uint32_t b = 0; b < 256; ++b) {
    h.flags[b] = static_cast<std::uint8_t>(b);
    h.events[b + 256] = static_cast<std::uint8_t>(b);
    h.status[b + 512] = static_cast<std::uint8_t>(b);
  }

  RegionResultsBuilder builder(w, {"p"}, {line}, 1);
  for (std::size_t c = 0; c < w.counties.size(); ++c) builder.add_county(w, c, line);
  const RegionSums total = builder.end_year(2020);
  const std::vector<LevelResults> levels = builder.take();
  const LevelResults& villages = levels.at(2);
  ASSERT_EQ(villages.level, "village");

  const auto bit = [](std::uint8_t byte, unsigned mask) { return (byte & mask) != 0 ? 1 : 0; };
  std::int64_t all_households = 0, all_exits = 0;
  for (std::size_t v = 0; v < w.villages.size(); ++v) {
    SCOPED_TRACE(v);
    std::int64_t households = 0, poor = 0, registered = 0, registered_not_poor = 0,
                 poor_not_registered = 0, newly = 0, returns = 0, exits = 0, renovated = 0,
                 trained = 0, relocated = 0, schooling_guaranteed = 0, insured_this_year = 0,
                 safe = 0, insured = 0, schooling = 0;
    const Range r = w.villages.children[v];
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      ++households;
      const bool is_poor = h.income[i] < line;
      const bool is_registered = (h.flags[i] & kRegistered) != 0;
      if (is_poor) ++poor;
      if (is_registered) ++registered;
      if (is_registered && !is_poor) ++registered_not_poor;
      if (!is_registered && is_poor) ++poor_not_registered;
      newly += bit(h.events[i], kNewlyRegisteredThisYear);
      returns += bit(h.events[i], kReturnedThisYear);
      exits += bit(h.events[i], kExitedThisYear);
      renovated += bit(h.events[i], kHouseRenovatedThisYear);
      trained += bit(h.events[i], kTrainedThisYear);
      relocated += bit(h.events[i], kRelocatedThisYear);
      schooling_guaranteed += bit(h.events[i], kSchoolingThisYear);
      insured_this_year += bit(h.events[i], kInsuredThisYear);
      safe += bit(h.status[i], kSafeHouse);
      insured += bit(h.status[i], kInsured);
      schooling += bit(h.status[i], kSchooling);
    }
    const std::pair<const char*, std::int64_t> expected[] = {
        {"households", households},
        {"poor_households", poor},
        {"registered_households", registered},
        {"registered_not_poor", registered_not_poor},
        {"poor_not_registered", poor_not_registered},
        {"newly_registered", newly},
        {"returns", returns},
        {"exits", exits},
        {"houses_renovated", renovated},
        {"labourers_trained", trained},
        {"households_relocated", relocated},
        {"schooling_guaranteed", schooling_guaranteed},
        {"households_insured", insured_this_year}};
    for (const auto& [name, n] : expected)
      EXPECT_EQ(count_series(villages, name).values.at(v), n) << name;
    const auto share = [&](std::int64_t n) {
      return static_cast<double>(n) / static_cast<double>(households);
    };
    EXPECT_EQ(real_series(villages, "safe_housing_share").values.at(v), share(safe));
    EXPECT_EQ(real_series(villages, "insured_share").values.at(v), share(insured));
    EXPECT_EQ(real_series(villages, "schooling_share").values.at(v), share(schooling));
    // Counts that could be confused with each other differ somewhere: the lanes are told apart.
    EXPECT_NE(newly, exits);
    EXPECT_GT(poor, 0);
    EXPECT_GT(households - poor, 0);
    all_households += households;
    all_exits += exits;
  }
  EXPECT_EQ(total.households, all_households);
  EXPECT_EQ(total.exits, all_exits);
}

}  // namespace
}  // namespace fupin::models
